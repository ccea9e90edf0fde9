/// A row of a staff list: code, full name and role, the role written as people write it
/// ("Điều dưỡng tiếp đón", "bac si kham sang loc", "vaccinator", "Trưởng điểm").
public enum StaffRow {
    /// The fields of a staff form.
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case code, name, role
    }

    public enum Problem: String, Error, Hashable, Sendable {
        case missingCode = "staff.missingCode"
        case missingName = "staff.missingName"
        case unknownRole = "staff.unknownRole"
    }

    public static func parse(code: String, name: String, role: String) -> Result<Staff, Problem> {
        let code = code.trimmed.uppercased()
        guard !code.isEmpty else { return .failure(.missingCode) }
        let name = NameFolding.normalizeName(Printable.text(name))
        guard !name.isEmpty else { return .failure(.missingName) }
        guard let role = Self.role(role) else { return .failure(.unknownRole) }
        return .success(Staff(code: code, fullName: name, role: role))
    }

    /// The role a text names, by its folded words.
    static func role(_ text: String) -> Role? {
        let folded = NameFolding.fold(text)
        if let exact = Role(rawValue: folded) { return exact }
        let rules: [([String], Role)] = [
            (["tiep don", "check-in", "check in"], .checkInNurse),
            (["sang loc", "kham", "screening", "doctor"], .screeningDoctor),
            (["theo doi", "observation"], .observationNurse),
            (["phu trach", "truong diem", "site lead", "lead"], .siteLead),
            (["tiem", "vaccinator"], .vaccinator),
        ]
        return rules.first { words, _ in words.contains { folded.contains($0) } }?.1
    }
}
