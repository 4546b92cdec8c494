import Foundation

extension BulletinDate {
    /// The forms editors may write, shown in error hints.
    public static let acceptedForms = "\"14:23, 21/02/2023\", \"21/02/2023\", \"2023-02-21\", \"2023-02-21T14:23:00\" or \"2023-02-21T14:23:00+07:00\""

    /// Parses the newsroom form (`14:23, 21/02/2023`, `14h23 21/02/2023`, `21/02/2023`) or ISO 8601
    /// (date only, local time, or with `Z`/offset). Without an offset, the time is in `timeZone`.
    /// True when `text` is in an accepted form but names a day or time that does not exist
    /// (`31/02/2023`, `25:00, …`): worth a different message than an unknown form.
    public static func isImpossible(_ text: String) -> Bool {
        var scanner = DateScanner(text.trimmingSpaces)
        guard let (local, _, _) = scanner.parse() else { return false }
        return !local.isValid
    }

    public static func parse(_ text: String, timeZone: TimeZone) -> BulletinDate? {
        var scanner = DateScanner(text.trimmingSpaces)
        guard let (local, offset, hasTime) = scanner.parse(), local.isValid else { return nil }
        let naive = local.secondsSinceEpoch
        let epoch: Int64
        if let offset {
            epoch = naive - Int64(offset)
        } else {
            let first = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive)))
            let second = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - Int64(first))))
            epoch = naive - Int64(second)
        }
        let zoneOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch)))
        return BulletinDate(epochSeconds: epoch, utcOffset: zoneOffset, hasTime: hasTime)
    }
}

/// A tiny hand-written scanner: the accepted forms are few and fixed, and this runs once per article.
private struct DateScanner {
    private let chars: [UInt8]
    private var i = 0

    init(_ text: String) { chars = Array(text.utf8) }

    /// The local reading, the offset if one was written, and whether a time was written.
    mutating func parse() -> (LocalDateTime, Int?, Bool)? {
        if let result = parseISO() { return result }
        i = 0
        return parseNewsroom()
    }

    private mutating func number(digits: ClosedRange<Int>) -> Int? {
        let start = i
        var value = 0
        while i < chars.count, chars[i] >= 0x30, chars[i] <= 0x39, i - start < digits.upperBound {
            value = value * 10 + Int(chars[i] - 0x30)
            i += 1
        }
        return digits.contains(i - start) ? value : nil
    }

    private mutating func eat(_ c: UInt8) -> Bool {
        if i < chars.count, chars[i] == c { i += 1; return true }
        return false
    }

    private mutating func skipSpaces() { while i < chars.count, chars[i] == 0x20 { i += 1 } }
    private var atEnd: Bool { i == chars.count }

    private mutating func parseISO() -> (LocalDateTime, Int?, Bool)? {
        guard let y = number(digits: 4...4), eat(0x2D), let mo = number(digits: 2...2), eat(0x2D), let d = number(digits: 2...2) else { return nil }
        var dt = LocalDateTime(year: y, month: mo, day: d)
        if atEnd { return (dt, nil, false) }
        guard eat(0x54) || eat(0x74) || eat(0x20) else { return nil }
        guard let h = number(digits: 2...2), eat(0x3A), let mi = number(digits: 2...2) else { return nil }
        dt.hour = h
        dt.minute = mi
        if eat(0x3A) {
            guard let s = number(digits: 2...2) else { return nil }
            dt.second = s
            if eat(0x2E) { guard number(digits: 1...9) != nil else { return nil } }
        }
        skipSpaces()
        if atEnd { return (dt, nil, true) }
        if eat(0x5A) || eat(0x7A) { return atEnd ? (dt, 0, true) : nil }
        let sign: Int
        if eat(0x2B) { sign = 1 } else if eat(0x2D) { sign = -1 } else { return nil }
        guard let oh = number(digits: 2...2), oh <= 14 else { return nil }
        _ = eat(0x3A)
        let om = number(digits: 2...2) ?? 0
        guard atEnd, om < 60 else { return nil }
        return (dt, sign * (oh * 3600 + om * 60), true)
    }

    /// `14:23, 21/02/2023`, `14h23 21/02/2023` (or `14g23`, for giờ), `21/02/2023`, `21/02/2023 14:23` (also with `-` or `.` in the date).
    private mutating func parseNewsroom() -> (LocalDateTime, Int?, Bool)? {
        var time: (Int, Int)?
        if let t = parseTime() {
            time = t
            skipSpaces()
            _ = eat(0x2C)
            skipSpaces()
        } else {
            i = 0
        }
        // 21/02/2023, and the 21-02-2023 and 21.02.2023 some editors type.
        guard let d = number(digits: 1...2), i < chars.count, [0x2F, 0x2D, 0x2E].contains(chars[i]) else { return nil }
        let separator = chars[i]
        i += 1
        guard let mo = number(digits: 1...2), eat(separator), let y = number(digits: 4...4) else { return nil }
        if time == nil {
            skipSpaces()
            _ = eat(0x2C)
            skipSpaces()
            if !atEnd { time = parseTime() }
        }
        guard atEnd else { return nil }
        return (LocalDateTime(year: y, month: mo, day: d, hour: time?.0 ?? 0, minute: time?.1 ?? 0), nil, time != nil)
    }

    private mutating func parseTime() -> (Int, Int)? {
        let start = i
        guard let h = number(digits: 1...2), eat(0x3A) || eat(0x68) || eat(0x48) || eat(0x67) || eat(0x47), let m = number(digits: 2...2) else {
            i = start
            return nil
        }
        if eat(0x3A) { guard number(digits: 2...2) != nil else { i = start; return nil } }
        return (h, m)
    }
}
