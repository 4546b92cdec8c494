/// A district-level unit: `huyện Yên Sơn`, `thành phố Tuyên Quang`. Districts were abolished on
/// 1 July 2025: only units of earlier maps have one.
public struct District: Sendable, Hashable {
    /// Index in `Gazetteer.districts`.
    public let id: Int
    public let name: String
    public let kind: String
    public let code: String
    /// The province it belonged to (`Hà Giang` for the districts of the merged province).
    public let province: String
    public let slug: String

    public var label: String { "\(kind) \(name)" }
}

/// A commune-level unit (`xã Hùng Lợi`, `phường Phan Thiết`, `thị trấn Lăng Can`) over the span of
/// days it existed. A name may stand for several units over time (old xã Hùng Lợi of huyện Yên Sơn,
/// new xã Hùng Lợi since 2025), and a code too: each is its own unit, with its own page.
public struct Commune: Sendable, Hashable {
    /// Index in `Gazetteer.communes`.
    public let id: Int
    public let name: String
    public let kind: String
    public let code: String
    public let districtID: Int?
    public let province: String
    /// First and last day in force (both included); nil: since before the first map, until now.
    public let since: Day?
    public let until: Day?
    /// The units it became when it ended; `part` when only a share of it went there.
    public let successors: [Succession]
    /// Other spellings that name it (`Khâu Tinh` for `Khau Tinh`).
    public let aka: [String]
    /// The resolution that ended it (`1684/NQ-UBTVQH15`), when the gazetteer says.
    public let endedBy: String?
    /// Its folder below the commune index: `yen-son/hung-loi` for a unit of a district,
    /// `xa-hung-loi` for one of an era without districts.
    public let slug: String

    public var label: String { "\(kind) \(name)" }

    public func isInForce(on day: Day) -> Bool {
        (since.map { $0 <= day } ?? true) && (until.map { day <= $0 } ?? true)
    }
}

/// One unit becoming (part of) another.
public struct Succession: Sendable, Hashable {
    public let id: Int
    public let part: Bool
}

/// The province's communes over time, from `content/communes.yaml` and the maps it names.
public struct Gazetteer: Sendable {
    /// The newsroom's province, as named today.
    public let province: String
    public let districts: [District]
    public let communes: [Commune]
    /// For each unit, the units it was formed from (directly), with `part` for a split one's share.
    public let predecessors: [[Succession]]
    /// Every day on which a unit began or ended (sorted): which units are in force changes only there.
    public let changeDays: [Day]


    init(province: String, districts: [District], communes: [Commune]) {
        self.province = province
        self.districts = districts
        self.communes = communes
        var predecessors = [[Succession]](repeating: [], count: communes.count)
        var days: Set<Day> = []
        for commune in communes {
            for successor in commune.successors { predecessors[successor.id].append(Succession(id: commune.id, part: successor.part)) }
            if let since = commune.since { days.insert(since) }
            if let until = commune.until { days.insert(until.next) }
        }
        self.predecessors = predecessors
        self.changeDays = days.sorted()
    }

    public func district(of commune: Commune) -> District? { commune.districtID.map { districts[$0] } }

    /// The number of change days up to `day`: units in force are the same on days of one epoch.
    public func epoch(of day: Day) -> Int {
        var low = 0, high = changeDays.count
        while low < high {
            let middle = (low + high) / 2
            if changeDays[middle] <= day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Every unit `id` was formed from, directly or through earlier changes, newest first; `part`
    /// when only a share of it came into `id` on the way.
    public func formerUnits(of id: Int) -> [Succession] {
        var result: [Succession] = []
        var queue = predecessors[id]
        var seen: Set<Int> = [id]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard seen.insert(next.id).inserted else { continue }
            result.append(next)
            queue += predecessors[next.id].map { Succession(id: $0.id, part: $0.part || next.part) }
        }
        return result
    }

    /// The units in force on `day` that `id` became, through every change since it ended.
    public func successors(of id: Int, on day: Day) -> [Succession] {
        var result: [Succession] = []
        var queue = communes[id].successors
        var seen: Set<Int> = [id]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard seen.insert(next.id).inserted else { continue }
            let unit = communes[next.id]
            if unit.isInForce(on: day) || unit.successors.isEmpty {
                result.append(next)
            } else {
                queue += unit.successors.map { Succession(id: $0.id, part: $0.part || next.part) }
            }
        }
        return result
    }

    /// `huyện Yên Sơn`, `huyện Bắc Quang, Hà Giang` (another former province), or nil for a unit
    /// without a district.
    public func place(of commune: Commune) -> String? {
        guard let district = district(of: commune) else { return nil }
        return district.province == province ? district.label : "\(district.label), \(district.province)"
    }

    /// `xã Hùng Lợi (huyện Yên Sơn)`, or `xã Hùng Lợi (since 01/07/2025)` for a unit without a
    /// district: for messages, where the two must not be mistaken for each other.
    public func describe(_ id: Int) -> String {
        let c = communes[id]
        return qualifier(of: c).map { "\(c.label) (\($0))" } ?? c.label
    }

    /// `huyện Yên Sơn`, or `since 01/07/2025` for a unit without a district.
    public func qualifier(of commune: Commune) -> String? {
        place(of: commune) ?? commune.since.map { "since \($0.vietnamese)" }
    }
}

/// A calendar day, for the spans of the gazetteer and the day an article is dated.
public struct Day: Sendable, Hashable, Comparable {
    /// Days since 1970-01-01.
    public let number: Int64

    public init(year: Int, month: Int, day: Int) {
        number = LocalDateTime(year: year, month: month, day: day).daysSinceEpoch
    }

    init(number: Int64) { self.number = number }

    /// The day of `date` in the site's time zone.
    public init(_ date: BulletinDate) {
        number = LocalDateTime(secondsSinceEpoch: date.epochSeconds + Int64(date.utcOffset)).daysSinceEpoch
    }

    /// `2025-07-01`; nil for anything else.
    public init?(iso text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
        guard local.day == d else { return nil }
    }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    public var next: Day { Day(number: number + 1) }
    public var previous: Day { Day(number: number - 1) }

    var local: LocalDateTime { LocalDateTime(secondsSinceEpoch: number * 86_400) }

    /// `01/07/2025`.
    public var vietnamese: String {
        let l = local
        return "\(l.day < 10 ? "0" : "")\(l.day)/\(l.month < 10 ? "0" : "")\(l.month)/\(l.year)"
    }
}
