import Foundation

/// An instant, as read from front matter, kept with the site's time zone for display.
public struct BulletinDate: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// The offset from UTC, in seconds, of the site's time zone at this instant.
    public let utcOffset: Int
    /// False for a date written without a time (`21/02/2023`): pages then show no time.
    public let hasTime: Bool

    public init(epochSeconds: Int64, utcOffset: Int, hasTime: Bool = true) {
        self.epochSeconds = epochSeconds
        self.utcOffset = utcOffset
        self.hasTime = hasTime
    }

    public init(_ date: Date, in timeZone: TimeZone) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        self.init(epochSeconds: seconds, utcOffset: timeZone.secondsFromGMT(for: date))
    }

    public static func < (a: BulletinDate, b: BulletinDate) -> Bool { a.epochSeconds < b.epochSeconds }

    /// Dates are the same instant or not; how they were written does not matter.
    public static func == (a: BulletinDate, b: BulletinDate) -> Bool { a.epochSeconds == b.epochSeconds }
    public func hash(into hasher: inout Hasher) { hasher.combine(epochSeconds) }

    /// The wall-clock reading in the site's time zone.
    public var local: LocalDateTime { LocalDateTime(secondsSinceEpoch: epochSeconds + Int64(utcOffset)) }
}

/// A calendar date and time without a zone (proleptic Gregorian).
public struct LocalDateTime: Sendable, Hashable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    var secondsSinceEpoch: Int64 {
        daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    init(secondsSinceEpoch s: Int64) {
        var days = s / 86_400
        var rem = s % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: Int(y), month: Int(m), day: Int(d), hour: Int(rem / 3600), minute: Int(rem % 3600 / 60), second: Int(rem % 60))
    }

    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int { Int(((daysSinceEpoch % 7) + 11) % 7) }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.daysInMonth(month, year: year)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
            && (1000...9999).contains(year)
    }
}
