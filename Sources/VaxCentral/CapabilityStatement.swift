import Foundation

/// What the centre serves, as FHIR's CapabilityStatement (`GET /fhir/metadata`).
enum CapabilityStatement {
    static func json(at date: Date) -> Data {
        let formatter = ISO8601DateFormatter()
        let resources = ["Patient", "Immunization", "AdverseEvent", "Basic"].map { type -> [String: Any] in
            var searchParams: [[String: String]] = [["name": "identifier", "type": "token"]]
            if type != "Patient", type != "Basic" { searchParams.append(["name": "patient", "type": "reference"]) }
            return [
                "type": type,
                "interaction": [["code": "read"], ["code": "update"], ["code": "search-type"]],
                "updateCreate": true,
                "searchParam": searchParams,
            ]
        } + [
            // The sites' certificates: written, for the revocation list (GET /revocations); never listed.
            ["type": "DocumentReference", "interaction": [["code": "update"]], "updateCreate": true],
        ]
        let statement: [String: Any] = [
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": formatter.string(from: date),
            "kind": "instance",
            "software": ["name": "vaxdesk-central"],
            "fhirVersion": "4.0.1",
            "format": ["json"],
            "rest": [[
                "mode": "server",
                "security": ["description": "Each site sends `Authorization: Bearer <token>`; a site writes only its own records."],
                "resource": resources,
                "interaction": [["code": "batch"], ["code": "transaction"]],
            ]],
        ]
        return (try? JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys])) ?? Data()
    }
}
