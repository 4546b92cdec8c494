extension BulletinDate {
    private static let weekdays = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
    private static let englishWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `Thứ Ba, 21/02/2023 14:23`, or `Thứ Ba, 21/02/2023` when no time was written.
    public var vietnameseLong: String {
        let day = "\(Self.weekdays[local.weekday]), \(vietnameseDate)"
        return hasTime ? "\(day) \(vietnameseTime)" : day
    }

    /// `21/02/2023`.
    public var vietnameseDate: String {
        let l = local
        return "\(Self.two(l.day))/\(Self.two(l.month))/\(l.year)"
    }

    /// `14:23`.
    public var vietnameseTime: String {
        let l = local
        return "\(Self.two(l.hour)):\(Self.two(l.minute))"
    }

    /// `2023-02-21T14:23:00+07:00` (RFC 3339, for `<time datetime>` and the sitemap).
    public var iso8601: String {
        let l = local
        let minutes = abs(utcOffset) / 60
        guard (0...9999).contains(l.year), minutes < 100 * 60 else {
            return "\(l.year)-\(Self.two(l.month))-\(Self.two(l.day))T\(Self.two(l.hour)):\(Self.two(l.minute)):\(Self.two(l.second))\(offsetText(colon: true))"
        }
        // Written digit by digit into the string's own bytes: pages hold it several times each.
        return String(unsafeUninitializedCapacity: 25) { bytes in
            var at = 0
            func put(_ byte: UInt8) { bytes[at] = byte; at += 1 }
            func digits(_ n: Int, _ width: Int) {
                var divisor = width == 4 ? 1000 : 10
                while divisor > 0 { put(UInt8(ascii: "0") + UInt8(n / divisor % 10)); divisor /= 10 }
            }
            digits(l.year, 4); put(UInt8(ascii: "-")); digits(l.month, 2); put(UInt8(ascii: "-")); digits(l.day, 2)
            put(UInt8(ascii: "T")); digits(l.hour, 2); put(UInt8(ascii: ":")); digits(l.minute, 2); put(UInt8(ascii: ":")); digits(l.second, 2)
            put(utcOffset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")); digits(minutes / 60, 2); put(UInt8(ascii: ":")); digits(minutes % 60, 2)
            return at
        }
    }

    /// `Tue, 21 Feb 2023 14:23:00 +0700` (RFC 822 as RSS 2.0 wants it).
    public var rfc822: String {
        let l = local
        return "\(Self.englishWeekdays[l.weekday]), \(Self.two(l.day)) \(Self.englishMonths[l.month - 1]) \(l.year) \(Self.two(l.hour)):\(Self.two(l.minute)):\(Self.two(l.second)) \(offsetText(colon: false))"
    }

    private func offsetText(colon: Bool) -> String {
        let sign = utcOffset < 0 ? "-" : "+"
        let minutes = abs(utcOffset) / 60
        return "\(sign)\(Self.two(minutes / 60))\(colon ? ":" : "")\(Self.two(minutes % 60))"
    }
}
