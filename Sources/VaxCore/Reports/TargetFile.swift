import Foundation

/// The target populations of areas, as a province sends them: one row per area, priority group and
/// age band (either may be empty: every group, every age). Columns by their heading, in Vietnamese or
/// English: "Cấp" (tỉnh, huyện, xã or toàn quốc), "Mã", "Nhóm ưu tiên", "Nhóm tuổi", "Số đối tượng".
public struct TargetFile: Sendable {
    public struct Target: Hashable, Sendable {
        public init(area: String, priorityGroup: String, ageBand: String, target: Int) {
            self.area = area
            self.priorityGroup = priorityGroup
            self.ageBand = ageBand
            self.target = target
        }

        /// `province:91`, `district:899`, `commune:30280` or `national`.
        public var area: String
        public var priorityGroup: String
        public var ageBand: String
        public var target: Int
    }

    public private(set) var targets: [Target] = []
    /// The rows refused, by line, with why (in English: the centre's operator reads them).
    public private(set) var problems: [(line: Int, message: String)] = []

    enum Column: CaseIterable { case level, code, priorityGroup, ageBand, target }

    static let headings: [(String, Column)] = [
        ("cap", .level), ("level", .level), ("ma", .code), ("ma don vi", .code), ("code", .code),
        ("nhom uu tien", .priorityGroup), ("priority group", .priorityGroup), ("nhom tuoi", .ageBand), ("age band", .ageBand),
        ("so doi tuong", .target), ("dan so", .target), ("target", .target),
    ]

    static let levels: [String: String] = [
        "tinh": "province", "thanh pho": "province", "province": "province", "huyen": "district", "quan": "district",
        "thi xa": "district", "district": "district", "xa": "commune", "phuong": "commune", "thi tran": "commune",
        "commune": "commune", "toan quoc": "national", "national": "national",
    ]

    public init(data: Data) throws {
        let table = try CSVTable(data: data)
        var columns: [Column: Int] = [:]
        for (index, heading) in table.header.enumerated() {
            if let column = Self.headings.first(where: { $0.0 == NameFolding.fold(heading) })?.1 { columns[column] = index }
        }
        let missing = [Column.level, .code, .target].filter { columns[$0] == nil }
        guard missing.isEmpty else {
            problems = [(1, "the header needs the columns Cấp (level), Mã (code) and Số đối tượng (target)")]
            return
        }
        var seen: [String: Int] = [:]
        for (line, fields) in table.rows {
            func field(_ column: Column) -> String {
                columns[column].flatMap { $0 < fields.count ? fields[$0].trimmed : nil } ?? ""
            }
            guard let level = Self.levels[NameFolding.fold(field(.level))] else {
                problems.append((line, "Cấp «\(field(.level))» is not tỉnh, huyện, xã or toàn quốc"))
                continue
            }
            let code = field(.code)
            guard level == "national" || (!code.isEmpty && code.allSatisfy(\.isNumber)) else {
                problems.append((line, "Mã «\(code)» is not an area code"))
                continue
            }
            let band = field(.ageBand)
            guard band.isEmpty || AgeBand(rawValue: band) != nil else {
                problems.append((line, "Nhóm tuổi «\(band)» is not one of \(AgeBand.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            // "12.345" and "12,345" are twelve thousand: people, never fractions.
            guard let target = Int(field(.target).filter { $0 != "." && $0 != "," && $0 != " " }), target >= 0 else {
                problems.append((line, "Số đối tượng «\(field(.target))» is not a number of people"))
                continue
            }
            let row = Target(area: level == "national" ? "national" : "\(level):\(code)", priorityGroup: field(.priorityGroup),
                             ageBand: band, target: target)
            let key = "\(row.area)|\(row.priorityGroup)|\(row.ageBand)"
            if let earlier = seen[key] {
                problems.append((line, "the same area, group and age band as line \(earlier)"))
                continue
            }
            seen[key] = line
            targets.append(row)
        }
    }
}
