import Foundation
import Testing
import TestSupport
import VaxCore
@testable import VaxStore

/// The audit trail reads in the user's language: every act by its name, and the person a record is
/// about by theirs, not by an id.
@Suite("The audit trail in words")
struct AuditWordsTests {
    static func strings(_ language: Language) throws -> Strings {
        try Strings(language: language, json: Data(contentsOf: StoreFixture.resource("strings/\(language.rawValue).json")))
    }

    @Test("every act and record kind has its words in Vietnamese and English", arguments: [Language.vietnamese, .english])
    func everyActNamed(language: Language) throws {
        let strings = try Self.strings(language)
        let names = ClinicalEvent.allCases.map(\.rawValue) + AuditAction.acts.map(\.name)
        for name in names {
            #expect(strings.optional("audit.action.\(name)") != nil, "audit.action.\(name)")
        }
        for type in RecordType.allCases {
            #expect(strings.optional("audit.record.\(type.rawValue)") != nil, "audit.record.\(type.rawValue)")
        }
    }

    @Test("a line names the act in words and the person a record is about")
    func lineInWords() throws {
        let f = try StoreFixture()
        let person = try f.person(named: "Đặng Thị Nhật Ký")
        let ticket = try f.checkIn(person)
        _ = try f.screen(ticket.visitID)
        let strings = try Self.strings(.vietnamese)
        let lines = try f.database.auditTrail(limit: 10, by: f.lead)
            .map { AuditLine.text($0, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!, strings: strings) }
        #expect(lines.contains { $0.contains("Khám sàng lọc  Đặng Thị Nhật Ký") }, "\(lines)")
        #expect(lines.contains { $0.contains("Tiếp đón  Đặng Thị Nhật Ký") }, "\(lines)")
        #expect(!lines.contains { $0.contains("check-in") || $0.contains("visit …") }, "\(lines)")
    }
}
