/// What a principal may read, as SQL: the sites whose records they see, and the condition on a
/// resource (`r`) that says whether it is one of those. A site sees what it sent, and the Patients its
/// own records are about; an officer sees the same for every site of their area.
enum Visibility {
    /// The ids of the sites `principal` reads, as a subquery, and its values.
    static func sites(_ principal: Principal) -> (sql: String, values: [SQLValue]) {
        switch principal {
        case .site(let id, _): ("(?)", [.text(id)])
        case .officer(let officer):
            switch officer.area {
            case .national: ("(SELECT id FROM site)", [])
            case .province(let code): ("(SELECT id FROM site WHERE province = ?)", [.text(code)])
            case .district(let code): ("(SELECT id FROM site WHERE district = ?)", [.text(code)])
            }
        }
    }

    /// The condition that resource `r` is visible to `principal`, and its values.
    static func resource(_ principal: Principal) -> (sql: String, values: [SQLValue]) {
        let (sites, values) = sites(principal)
        let sql = """
            (r.site_id IN \(sites) OR (r.type = 'Patient' AND r.id IN (
                SELECT m.patient_id FROM resource m WHERE m.site_id IN \(sites) AND m.patient_id IS NOT NULL)))
            """
        return (sql, values + values)
    }
}
