import Foundation
import Testing
@testable import BantinKit

@Suite("BulletinDate")
struct BulletinDateTests {
    static let site = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// Epoch seconds of an RFC 3339 text, computed by Foundation (independently of BulletinDate).
    static func foundationEpoch(_ rfc3339: String) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let date = try #require(formatter.date(from: rfc3339), "bad reference text \(rfc3339)")
        return Int64(date.timeIntervalSince1970)
    }

    static func parse(_ text: String, _ zone: TimeZone = site) throws -> BulletinDate {
        try #require(BulletinDate.parse(text, timeZone: zone), "\"\(text)\" should parse")
    }

    // MARK: Accepted forms

    @Test("every accepted form of 14:23 on 21/02/2023 in Vietnam gives the same instant", arguments: [
        "14:23, 21/02/2023",
        "14h23, 21/02/2023",
        "14H23 21/02/2023",
        "14g23, 21/02/2023",
        "14:23 21/02/2023",
        "21/02/2023 14:23",
        "21/02/2023, 14:23",
        "  14:23, 21/02/2023  ",
        "2023-02-21T14:23:00",
        "2023-02-21T14:23",
        "2023-02-21 14:23:00",
        "2023-02-21T14:23:00+07:00",
        "2023-02-21T14:23:00+0700",
        "2023-02-21T14:23:00.250+07:00",
        "2023-02-21T07:23:00Z",
        "2023-02-21T07:23:00z",
        "2023-02-21T16:23:00+09:00",
        "2023-02-21T02:23:00-05:00",
    ])
    func acceptedForms(text: String) throws {
        let date = try Self.parse(text)
        #expect(date.epochSeconds == (try Self.foundationEpoch("2023-02-21T07:23:00Z")))
        #expect(date.utcOffset == 7 * 3600)
        #expect(date.local == LocalDateTime(year: 2023, month: 2, day: 21, hour: 14, minute: 23))
        #expect(date.hasTime)
    }

    @Test("date-only forms mean local midnight, and are shown without a time", arguments: ["21/02/2023", "2023-02-21", "21/2/2023", " 21/02/2023 "])
    func dateOnly(text: String) throws {
        let date = try Self.parse(text)
        #expect(date.epochSeconds == (try Self.foundationEpoch("2023-02-21T00:00:00+07:00")))
        #expect(date.hasTime == false)
        #expect(date.vietnameseLong == "Thứ Ba, 21/02/2023")
        #expect(date.vietnameseDate == "21/02/2023")
        // Machine formats still carry a full timestamp.
        #expect(date.iso8601 == "2023-02-21T00:00:00+07:00")
        #expect(date.rfc822 == "Tue, 21 Feb 2023 00:00:00 +0700")
    }

    @Test("a written 00:00 is a time; it equals the date-only form as an instant")
    func midnightWritten() throws {
        let written = try Self.parse("00:00, 21/02/2023")
        let dateOnly = try Self.parse("21/02/2023")
        #expect(written.hasTime)
        #expect(written.vietnameseLong == "Thứ Ba, 21/02/2023 00:00")
        #expect(written == dateOnly)
        #expect(Set([written, dateOnly]).count == 1)
        #expect(!(written < dateOnly) && !(dateOnly < written))
    }

    @Test("one-digit day, month and hour are accepted in the newsroom form")
    func shortNumbers() throws {
        let date = try Self.parse("9h05, 1/3/2023")
        #expect(date.local == LocalDateTime(year: 2023, month: 3, day: 1, hour: 9, minute: 5))
        #expect(date.epochSeconds == (try Self.foundationEpoch("2023-03-01T02:05:00Z")))
    }

    // MARK: Formatting

    @Test("all formats of 14:23, 21/02/2023")
    func formats() throws {
        let date = try Self.parse("14:23, 21/02/2023")
        #expect(date.vietnameseLong == "Thứ Ba, 21/02/2023 14:23")
        #expect(date.vietnameseDate == "21/02/2023")
        #expect(date.vietnameseTime == "14:23")
        #expect(date.iso8601 == "2023-02-21T14:23:00+07:00")
        #expect(date.rfc822 == "Tue, 21 Feb 2023 14:23:00 +0700")
    }

    @Test("ISO 8601 with other offsets and years: west of UTC, half hours, a year before 1000")
    func iso8601Offsets() {
        // 2023-02-21 14:23:05 UTC.
        let instant: Int64 = 1_676_989_385
        #expect(BulletinDate(epochSeconds: instant, utcOffset: -5 * 3600).iso8601 == "2023-02-21T09:23:05-05:00")
        #expect(BulletinDate(epochSeconds: instant, utcOffset: 5 * 3600 + 1800).iso8601 == "2023-02-21T19:53:05+05:30")
        #expect(BulletinDate(epochSeconds: instant, utcOffset: 0).iso8601 == "2023-02-21T14:23:05+00:00")
        #expect(BulletinDate(epochSeconds: -30_610_310_400, utcOffset: 7 * 3600).iso8601 == "0999-12-31T07:00:00+07:00")
    }

    @Test("seconds in ISO input are kept in the output formats")
    func seconds() throws {
        let date = try Self.parse("2023-11-05T08:07:09+07:00")
        #expect(date.iso8601 == "2023-11-05T08:07:09+07:00")
        #expect(date.rfc822 == "Sun, 05 Nov 2023 08:07:09 +0700")
        #expect(date.vietnameseTime == "08:07")
    }

    @Test("an instant given with another offset is shown in the site's zone")
    func otherOffsetShownInSiteZone() throws {
        let date = try Self.parse("2023-06-30T22:10:00-04:00")
        #expect(date.epochSeconds == (try Self.foundationEpoch("2023-07-01T02:10:00Z")))
        #expect(date.iso8601 == "2023-07-01T09:10:00+07:00")
        #expect(date.vietnameseLong == "Thứ Bảy, 01/07/2023 09:10")
    }

    // MARK: Around midnight in UTC+7

    @Test("06:15 on New Year's Day 2024 in Vietnam is still 2023 in UTC")
    func newYearMorning() throws {
        let date = try Self.parse("06:15, 01/01/2024")
        let expected = try Self.foundationEpoch("2023-12-31T23:15:00Z")
        #expect(date.epochSeconds == expected)
        #expect(date.local == LocalDateTime(year: 2024, month: 1, day: 1, hour: 6, minute: 15))
        #expect(date.vietnameseLong == "Thứ Hai, 01/01/2024 06:15")
        #expect(date.iso8601 == "2024-01-01T06:15:00+07:00")
        #expect(date.rfc822 == "Mon, 01 Jan 2024 06:15:00 +0700")
    }

    @Test("00:30 on 1 March 2023 local is the evening of 28 February in UTC")
    func justAfterMidnight() throws {
        let date = try Self.parse("00:30, 01/03/2023")
        #expect(date.epochSeconds == (try Self.foundationEpoch("2023-02-28T17:30:00Z")))
        #expect(date.vietnameseDate == "01/03/2023")
        #expect(date.vietnameseTime == "00:30")
        #expect(date.vietnameseLong == "Thứ Tư, 01/03/2023 00:30")
        #expect(date.rfc822 == "Wed, 01 Mar 2023 00:30:00 +0700")
    }

    @Test("23:59 local stays on its local day")
    func lateEvening() throws {
        let date = try Self.parse("23:59, 28/02/2023")
        #expect(date.epochSeconds == (try Self.foundationEpoch("2023-02-28T16:59:00Z")))
        #expect(date.vietnameseLong == "Thứ Ba, 28/02/2023 23:59")
    }

    @Test("weekday names for a whole week (19–25/02/2023), at 00:05 and 23:55 local")
    func weekdays() throws {
        let names = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
        let english = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.site
        for (i, day) in (19...25).enumerated() {
            for time in ["00:05", "23:55"] {
                let date = try Self.parse("\(time), \(day)/02/2023")
                #expect(date.vietnameseLong == "\(names[i]), \(day)/02/2023 \(time)")
                #expect(date.rfc822.hasPrefix("\(english[i]), \(day) Feb 2023 \(time):00"))
                // Cross-check with Foundation's calendar in the same zone (1 = Sunday).
                let foundationWeekday = calendar.component(.weekday, from: Date(timeIntervalSince1970: TimeInterval(date.epochSeconds)))
                #expect(foundationWeekday == i + 1)
            }
        }
    }

    @Test("dates before 1970 convert correctly")
    func before1970() throws {
        let date = try Self.parse("07:00, 01/01/1969", TimeZone(secondsFromGMT: 7 * 3600)!)
        #expect(date.epochSeconds == -31_536_000)
        #expect(date.epochSeconds == (try Self.foundationEpoch("1969-01-01T00:00:00Z")))
        #expect(date.vietnameseLong == "Thứ Tư, 01/01/1969 07:00")
        let older = try Self.parse("1900-03-01", TimeZone(secondsFromGMT: 0)!)
        #expect(older.epochSeconds == (try Self.foundationEpoch("1900-03-01T00:00:00Z")))
        #expect(older.vietnameseLong == "Thứ Năm, 01/03/1900")
    }

    @Test("the zone's offset at that date is used (Saigon kept UTC+8 from 1960 to 1975)")
    func historicalOffset() throws {
        let date = try Self.parse("07:00, 01/01/1969")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.site
        let reference = try #require(calendar.date(from: DateComponents(year: 1969, month: 1, day: 1, hour: 7)))
        #expect(date.epochSeconds == Int64(reference.timeIntervalSince1970))
        #expect(date.utcOffset == Self.site.secondsFromGMT(for: reference))
        #expect(date.utcOffset == 8 * 3600)
        #expect(date.iso8601 == "1969-01-01T07:00:00+08:00")
        #expect(date.vietnameseLong == "Thứ Tư, 01/01/1969 07:00")
    }

    @Test("leap days", arguments: [("29/02/2024", true), ("29/02/2000", true), ("29/02/2023", false), ("29/02/1900", false)])
    func leapDays(text: String, valid: Bool) {
        #expect((BulletinDate.parse(text, timeZone: Self.site) != nil) == valid)
    }

    // MARK: Time zones

    @Test("a text without offset is read in the given zone, not the machine's")
    func givenZone() throws {
        let utc = try Self.parse("14:23, 21/02/2023", TimeZone(secondsFromGMT: 0)!)
        #expect(utc.epochSeconds == (try Self.foundationEpoch("2023-02-21T14:23:00Z")))
        #expect(utc.iso8601 == "2023-02-21T14:23:00+00:00")
        #expect(utc.rfc822 == "Tue, 21 Feb 2023 14:23:00 +0000")

        let vietnam = try Self.parse("14:23, 21/02/2023")
        #expect(utc.epochSeconds - vietnam.epochSeconds == 7 * 3600)
    }

    @Test("negative and half-hour offsets are formatted with sign and minutes")
    func otherZones() throws {
        let newYork = try Self.parse("12:00, 01/07/2023", TimeZone(identifier: "America/New_York")!)
        #expect(newYork.utcOffset == -4 * 3600)
        #expect(newYork.epochSeconds == (try Self.foundationEpoch("2023-07-01T16:00:00Z")))
        #expect(newYork.iso8601 == "2023-07-01T12:00:00-04:00")
        #expect(newYork.rfc822 == "Sat, 01 Jul 2023 12:00:00 -0400")

        let newYorkWinter = try Self.parse("12:00, 01/01/2023", TimeZone(identifier: "America/New_York")!)
        #expect(newYorkWinter.iso8601 == "2023-01-01T12:00:00-05:00")

        let kolkata = try Self.parse("2023-02-21T14:23:00", TimeZone(identifier: "Asia/Kolkata")!)
        #expect(kolkata.epochSeconds == (try Self.foundationEpoch("2023-02-21T08:53:00Z")))
        #expect(kolkata.iso8601 == "2023-02-21T14:23:00+05:30")
        #expect(kolkata.rfc822 == "Tue, 21 Feb 2023 14:23:00 +0530")
    }

    @Test("init from a Foundation Date keeps the instant and takes the zone's offset")
    func fromDate() throws {
        let instant = Date(timeIntervalSince1970: TimeInterval(try Self.foundationEpoch("2023-12-31T23:15:00Z")) + 0.75)
        let date = BulletinDate(instant, in: Self.site)
        #expect(date.epochSeconds == (try Self.foundationEpoch("2023-12-31T23:15:00Z")))
        #expect(date.utcOffset == 25_200)
        #expect(date.vietnameseLong == "Thứ Hai, 01/01/2024 06:15")
    }

    @Test("dates order by instant, whatever offset they were written with")
    func ordering() throws {
        let a = try Self.parse("2023-02-21T08:00:00+07:00")   // 01:00Z
        let b = try Self.parse("2023-02-21T01:30:00Z")        // 01:30Z
        let c = try Self.parse("2023-02-20T21:00:00-05:00")   // 02:00Z
        #expect(a < b && b < c)
        #expect([c, a, b].sorted() == [a, b, c])
        #expect(try Self.parse("2023-02-21T01:00:00Z") == a)
    }

    // MARK: Rejected input

    @Test("impossible or malformed dates are rejected", arguments: [
        "31/02/2023", "30/02/2024", "31/04/2023", "00/01/2023", "15/13/2023", "15/00/2023",
        "25:00, 21/02/2023", "24:00, 21/02/2023", "14:60, 21/02/2023", "14:5, 21/02/2023",
        "2023-02-30", "2023-13-01", "2023-2-21", "2023-02-21T25:00:00", "2023-02-21T14:23:00+15:00",
        "2023-02-21T14:23:00+07:60", "2023-02-21T14:23:00Z junk", "14:23, 21/02/2023 sáng",
        "21/02/23", "21-02-23", "21/02-2023", "0999-01-01", "ngày 21 tháng 2 năm 2023", "garbage", "", "   ",
    ])
    func invalid(text: String) {
        #expect(BulletinDate.parse(text, timeZone: Self.site) == nil)
    }

    @Test("the date may also be written with '-' or '.' between day, month and year")
    func otherSeparators() throws {
        let slash = try #require(BulletinDate.parse("14:23, 21/02/2023", timeZone: Self.site))
        #expect(BulletinDate.parse("14:23, 21-02-2023", timeZone: Self.site) == slash)
        #expect(BulletinDate.parse("14:23, 21.02.2023", timeZone: Self.site) == slash)
        #expect(BulletinDate.isImpossible("31-02-2023"))
        #expect(!BulletinDate.isImpossible("hôm qua"))
    }
}
