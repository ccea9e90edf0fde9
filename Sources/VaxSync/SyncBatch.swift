import Foundation
import VaxCore

/// One push: the outbox rows, the Bundle entries they became (a person shared by several rows goes
/// once), and how the centre's per-entry answers become each row's outcome.
struct SyncBatch {
    /// The rows sent, in order.
    private(set) var rows: [Int64] = []
    /// Rows with nothing for the centre.
    private(set) var localOutcomes: [(seq: Int64, outcome: SyncOutcome)] = []
    private(set) var entries: [FHIRBundle.Entry] = []
    /// For each entry, the rows that need it through.
    private var rowsOfEntry: [[Int64]] = []

    init(_ items: [SyncItem], mapping: FHIRMapping) {
        var entryIndex: [String: Int] = [:]
        for item in items {
            let resources = mapping.resources(for: item.record)
            guard !resources.isEmpty else {
                localOutcomes.append((item.seq, .local))
                continue
            }
            rows.append(item.seq)
            for resource in resources {
                if let index = entryIndex[resource.putURL] {
                    // The same resource twice in one Bundle: the later content wins, sent once.
                    entries[index] = .put(resource)
                    rowsOfEntry[index].append(item.seq)
                } else {
                    entryIndex[resource.putURL] = entries.count
                    entries.append(.put(resource))
                    rowsOfEntry.append([item.seq])
                }
            }
        }
    }

    func bundleData() throws -> Data {
        try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: entries))
    }

    /// Each sent row's outcome from a batch-response, or nil when the answer does not match the Bundle.
    func outcomes(from body: Data) -> [(seq: Int64, outcome: SyncOutcome)]? {
        guard let response = try? JSONDecoder().decode(FHIRBundle.self, from: body),
              response.type == "batch-response", let answers = response.entry, answers.count == entries.count
        else { return nil }
        var outcome: [Int64: SyncOutcome] = [:]
        for (index, answer) in answers.enumerated() {
            let entryOutcome = Self.outcome(answer.response, entry: entries[index])
            for row in rowsOfEntry[index] {
                outcome[row] = Self.worse(outcome[row], entryOutcome)
            }
        }
        return rows.map { ($0, outcome[$0] ?? .retry("no answer for this record")) }
    }

    private static func outcome(_ response: FHIRBundle.Entry.Response?, entry: FHIRBundle.Entry) -> SyncOutcome {
        guard let response else { return .retry("no answer for this record") }
        let code = response.code
        let message: String = {
            var text = "\(entry.request?.url ?? ""): HTTP \(response.status)"
            if case .operationOutcome(let outcome)? = response.outcome, !outcome.message.isEmpty { text += ": " + outcome.message }
            return text
        }()
        switch code {
        case 200..<300: return .sent
        case 429, 500..<600: return .retry(message)
        case 400..<500: return .quarantined(message)
        default: return .retry(message)
        }
    }

    /// A row goes through only if all its entries did: a refusal outranks a retry, a retry a success.
    private static func worse(_ a: SyncOutcome?, _ b: SyncOutcome) -> SyncOutcome {
        func rank(_ o: SyncOutcome?) -> Int {
            switch o {
            case .quarantined: 3
            case .retry: 2
            case .sent, .local: 1
            case nil: 0
            }
        }
        return rank(a) >= rank(b) ? a! : b
    }
}
