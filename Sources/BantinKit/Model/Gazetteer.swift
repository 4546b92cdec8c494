/// A district-level unit: `huyện Yên Sơn`, `thành phố Tuyên Quang`.
public struct District: Sendable, Hashable {
    public let name: String
    public let kind: String
    public let code: String
    public let slug: String

    public var label: String { "\(kind) \(name)" }
}

/// A commune-level unit: `xã Hùng Lợi`, `phường Phan Thiết`, `thị trấn Lăng Can`.
public struct Commune: Sendable, Hashable {
    /// Index in `Gazetteer.communes`.
    public let id: Int
    public let name: String
    public let kind: String
    public let code: String
    public let districtID: Int
    /// Unique within its district; the page is at `dia-phuong/<district slug>/<slug>/`.
    public let slug: String

    public var label: String { "\(kind) \(name)" }
}

/// The province's communes grouped by district, from `content/communes.yaml`.
public struct Gazetteer: Sendable {
    public let province: String
    public let districts: [District]
    public let communes: [Commune]

    public static let communeKinds = ["xã", "phường", "thị trấn"]
    public static let districtKinds = ["huyện", "thành phố", "thị xã", "quận"]

    public func district(of commune: Commune) -> District { districts[commune.districtID] }
}
