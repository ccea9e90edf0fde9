import Testing
@testable import VaxCore

@Suite("Staff lists")
struct StaffRowTests {
    @Test("roles as people write them", arguments: [
        ("Điều dưỡng tiếp đón", Role.checkInNurse), ("bac si kham sang loc", .screeningDoctor),
        ("Tiêm chủng viên", .vaccinator), ("vaccinator", .vaccinator), ("Điều dưỡng theo dõi", .observationNurse),
        ("Phụ trách điểm tiêm", .siteLead), ("Trưởng điểm", .siteLead), ("site-lead", .siteLead),
    ])
    func roles(text: String, role: Role) throws {
        let member = try StaffRow.parse(code: " dd09 ", name: "lê thị  kim", role: text).get()
        #expect(member.role == role && member.code == "DD09" && member.fullName == "Lê Thị Kim")
    }

    @Test("what cannot be read is said", arguments: [
        ("", "Lê Kim", "tiêm", StaffRow.Problem.missingCode), ("A1", " ", "tiêm", .missingName),
        ("A1", "Lê Kim", "bảo vệ", .unknownRole),
    ])
    func problems(code: String, name: String, role: String, problem: StaffRow.Problem) {
        guard case .failure(let found) = StaffRow.parse(code: code, name: name, role: role) else {
            Issue.record("accepted")
            return
        }
        #expect(found == problem)
    }
}
