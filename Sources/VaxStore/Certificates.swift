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
                    SELECT v.person_id, i.id AS injection_id, s.name AS site_name
                    FROM visit v JOIN injection i ON i.visit_id = v.id
                    JOIN session se ON se.id = v.session_id JOIN site s ON s.id = se.site_id
                    WHERE v.id = ? AND i.voided IS NULL
                    """,
                arguments: [visitID.uuidString])
            else { throw VisitError.notFound(.injection) }
            return try Self.certificate(personID: try row.uuid("person_id"), reference: try row.uuid("injection_id"),
                                        siteName: row["site_name"], at: date, in: db)
        }
    }

    /// The certificate of a person, produced again (every dose on record): its reference is their latest
    /// dose given here, or their record when every dose was given elsewhere. Nil: no dose on record.
    public func certificate(personID: UUID, at date: Date) throws -> Certificate? {
        try read { db in
            let latest = try String.fetchOne(
                db, sql: """
                    SELECT i.id FROM injection i JOIN visit v ON v.id = i.visit_id
                    WHERE v.person_id = ? AND i.voided IS NULL ORDER BY i.injected_at DESC LIMIT 1
                    """, arguments: [personID.text]).flatMap(UUID.init(uuidString:))
            let siteName = try String.fetchOne(db, sql: "SELECT name FROM site LIMIT 1") ?? ""
            let certificate = try Self.certificate(personID: personID, reference: latest ?? personID, siteName: siteName,
                                                   at: date, in: db)
            return certificate.doses.isEmpty ? nil : certificate
        }
    }

    private static func certificate(
        personID: UUID, reference: UUID, siteName: String, at date: Date, in db: Database
    ) throws -> Certificate {
        guard let person = try Self.person(id: personID, in: db) else { throw VisitError.notFound(.person) }
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
            arguments: [personID.uuidString]
        ).map {
            Certificate.Dose(number: $0[0], productCode: $0[1], lotNumber: $0[2], day: $0[3], place: $0[4],
                             adverseEvent: Self.worstSeverity($0[5]))
        }
        return Certificate(person: person, doses: doses, siteName: siteName, reference: reference, issuedAt: date)
    }
}
