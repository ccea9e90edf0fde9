import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// The certificate of a visit whose dose was given here: the person and every dose on record, the
    /// ones given before (roster, paper records) and those given at this site, oldest first.
    public func certificate(visitID: UUID, at date: Date) throws -> Certificate {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT \(Person.columns("p")), i.id AS injection_id, s.name AS site_name
                    FROM visit v JOIN person p ON p.id = v.person_id JOIN injection i ON i.visit_id = v.id
                    JOIN session se ON se.id = v.session_id JOIN site s ON s.id = se.site_id
                    WHERE v.id = ? AND i.voided IS NULL
                    """,
                arguments: [visitID.uuidString])
            else { throw VisitError.notFound(.injection) }
            let person = try Person(row: row)
            let doses = try Row.fetchAll(
                db, sql: """
                    SELECT dose_number, product_code, lot_number, given_on, place, NULL FROM prior_dose
                        WHERE person_id = ?1 AND voided IS NULL
                    UNION ALL
                    SELECT i.dose_number, i.product_code, l.lot_number, se.day, s.name, \(Self.worstSeveritySQL(ofVisit: "v.id"))
                    FROM injection i
                        JOIN vaccine_lot l ON l.id = i.lot_id JOIN visit v ON v.id = i.visit_id
                        JOIN session se ON se.id = v.session_id JOIN site s ON s.id = se.site_id
                        WHERE v.person_id = ?1 AND i.voided IS NULL
                    ORDER BY 1, 4
                    """,
                arguments: [person.id.uuidString]
            ).map {
                Certificate.Dose(number: $0[0], productCode: $0[1], lotNumber: $0[2], day: $0[3], place: $0[4],
                                 adverseEvent: Self.worstSeverity($0[5]))
            }
            return Certificate(person: person, doses: doses, siteName: row["site_name"],
                               reference: try row.uuid("injection_id"), issuedAt: date)
        }
    }
}
