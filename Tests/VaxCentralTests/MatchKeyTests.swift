import Foundation
import Testing
import TestSupport
@testable import VaxCentral
import VaxCore

/// The key by which the centre offers probable duplicates: given to every Patient stored, and to those
/// an earlier version stored without it.
@Suite("The centre's person match key", .serialized)
struct MatchKeyTests {
    @Test("the same person written two ways has one key; Patients stored before the key get theirs, a thousand at a time",
          arguments: CentralRouterTests.Storage.allCases)
    func keys(storage: CentralRouterTests.Storage) async throws {
        try await CentralRouterTests.withStore(storage) { store, _ in
            func patient(_ id: String, _ name: String, commune: String) -> FHIRPatient {
                let json = #"{"resourceType": "Patient", "id": "\#(id)", "name": [{"text": "\#(name)"}], "birthDate": "1988-04-02", "gender": "female", "address": [{"district": "\#(commune)"}]}"#
                guard case .patient(let patient) = try! JSONDecoder().decode(FHIRResource.self, from: Data(json.utf8)) else { fatalError() }
                return patient
            }
            #expect(PersonMatch.key(patient("a", "Trần Thị Bình", commune: "P. An Hòa"))
                == PersonMatch.key(patient("b", "TRAN  THI BINH", commune: "p. an hoa")))
            #expect(PersonMatch.key(patient("a", "Trần Thị Bình", commune: "P. An Hòa"))
                != PersonMatch.key(patient("c", "Trần Thị Bình", commune: "X. Phi Thông")))

            let site = try #require(try await store.rows(CentralQuery("SELECT id FROM site")).first?[0].text)
            for index in 0..<1_500 {
                let json = String(decoding: try FHIRResource.encoder().encode(FHIRResource.patient(patient("p\(index)", "Người \(index)", commune: "P. An Hòa"))),
                                  as: UTF8.self)
                try await store.execute(CentralQuery("""
                    INSERT INTO resource (type, id, site_id, version, json, updated_at) VALUES ('Patient', ?, ?, 1, ?, CURRENT_TIMESTAMP)
                    """, [.text("p\(index)"), .text(site), .text(json)]))
            }
            #expect(try await store.completeMatchKeys() == 1_500)
            #expect(try await store.completeMatchKeys() == 0, "nothing read twice")
            let key = try await store.rows(CentralQuery("SELECT match_key FROM resource WHERE id = 'p7'")).first?[0].text
            #expect(key == PersonMatch.key(patient("p7", "Người 7", commune: "P. An Hòa")))
        }
    }
}
