import Foundation
import VaxCore

extension CentralStorage {
    /// Stores the target populations of a file, in place of what the centre held for the same areas
    /// (a province's new figures replace its old ones, and no other province's), in one transaction.
    public func replaceTargets(_ targets: [TargetFile.Target], at date: Date) async throws {
        let areas = Array(Set(targets.map(\.area))).sorted()
        guard !areas.isEmpty else { return }
        var statements = [CentralQuery("DELETE FROM coverage_target WHERE area IN (\(ReportCounts.placeholders(areas.count)))",
                                       areas.map(SQLValue.text))]
        statements += targets.map {
            CentralQuery("INSERT INTO coverage_target (area, priority_group, age_band, target, imported_at) VALUES (?, ?, ?, ?, ?)",
                         [.text($0.area), .text($0.priorityGroup), .text($0.ageBand), .int($0.target), SQLValue(date)])
        }
        try await transaction(statements)
    }

    /// Every target held, by area, group and age band.
    public func targets() async throws -> [TargetFile.Target] {
        try await rows(CentralQuery("SELECT area, priority_group, age_band, target FROM coverage_target ORDER BY 1, 2, 3")).map {
            TargetFile.Target(area: $0[0].text ?? "", priorityGroup: $0[1].text ?? "", ageBand: $0[2].text ?? "", target: $0[3].int ?? 0)
        }
    }
}
