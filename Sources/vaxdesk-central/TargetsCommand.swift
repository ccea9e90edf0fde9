import ArgumentParser
import Foundation
import VaxCentral
import VaxCore

/// The target populations coverage is measured against, imported from a province's file.
struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: "Target populations by area, priority group and age band (for coverage).",
        subcommands: [TargetsImport.self, TargetsList.self])
}

struct TargetsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV of targets: Cấp (tỉnh/huyện/xã/toàn quốc), Mã, Nhóm ưu tiên, Nhóm tuổi, Số đối tượng.",
        discussion: "The file's areas replace what the centre held for them; other areas are kept. Nothing is stored when a row is refused.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The CSV file.")
    var file: String

    func run() async throws {
        let parsed: TargetFile
        do {
            parsed = try TargetFile(data: try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw CentralFailure("cannot read \(file): \(error)")
        }
        guard parsed.problems.isEmpty else {
            throw CentralFailure(parsed.problems.map { "line \($0.line): \($0.message)" }.joined(separator: "\n")
                + "\nnothing was imported: correct these rows and import the file again")
        }
        let targets = parsed.targets
        try await store.withStorage { try await $0.replaceTargets(targets, at: Date()) }
        print("\(targets.count) targets of \(Set(targets.map(\.area)).count) areas imported")
    }
}

struct TargetsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The targets held, as CSV.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let targets = try await store.withStorage { try await $0.targets() }
        print(CSVText.lines([["area", "priority_group", "age_band", "target"]]
            + targets.map { [$0.area, $0.priorityGroup, $0.ageBand, String($0.target)] }), terminator: "")
    }
}
