import Foundation

/// What the centre answered when a check-in desk asked it for the people holding a CCCD or CMND the
/// roster lacks: each person's name, birth date and sex, and the doses other sites gave them. Nothing
/// more is asked of the centre, and a listing is never possible: the number must be given whole.
public struct CentreLookup: Hashable, Sendable {
    /// A person the centre holds under the number, as this site would file them.
    public struct Found: Hashable, Sendable {
        public var person: Person
        /// Their doses at other sites, oldest first.
        public var doses: [PulledDose]

        /// What the site files when the nurse takes the person onto the roster: the same records a
        /// pull brings (read-only here, never sent back).
        public var records: [PulledRecord] { [.person(person)] + doses.map(PulledRecord.dose) }
    }

    public var identifier: String
    public var people: [Found]

    public init(identifier: String, people: [Found]) {
        self.identifier = identifier
        self.people = people
    }

    /// Reads the centre's searchset Bundle (`GET /fhir/Patient/$lookup`). The centre leaves the number
    /// out of its answer: it is the one asked with. The records of several sites that hold the number
    /// for the same name and birth date are one person, with all their doses; a record whose name or
    /// birth date differs stays apart (a number typed wrong somewhere), for the nurse to tell.
    public init(identifier: String, searchset: Data) throws {
        let bundle = try JSONDecoder().decode(FHIRBundle.self, from: searchset)
        var people: [Found] = []
        var personOfRecord: [UUID: Int] = [:]
        var doses: [PulledDose] = []
        for resource in (bundle.entry ?? []).compactMap(\.resource) {
            switch resource {
            case .immunization(let immunization):
                guard let dose = PulledDose(immunization, site: immunization.location?.display ?? ""), !dose.enteredInError else { continue }
                doses.append(dose)
            case .patient(let patient):
                guard var person = PulledRecord.person(patient) else { continue }
                person.identityNumber = identifier
                let same = people.firstIndex {
                    NameFolding.fold($0.person.fullName) == NameFolding.fold(person.fullName) && $0.person.birthDate == person.birthDate
                }
                if let same {
                    personOfRecord[person.id] = same
                } else {
                    personOfRecord[person.id] = people.count
                    people.append(Found(person: person, doses: []))
                }
            default:
                continue
            }
        }
        var seen = Set<String>()
        for var dose in doses where seen.insert(dose.id).inserted {
            guard let index = personOfRecord[dose.personID] else { continue }
            dose.personID = people[index].person.id
            people[index].doses.append(dose)
        }
        for index in people.indices {
            people[index].doses.sort { ($0.dose.givenOn, $0.dose.doseNumber) < ($1.dose.givenOn, $1.dose.doseNumber) }
        }
        self.init(identifier: identifier, people: people)
    }

    /// The number in what the nurse typed or scanned, when it is a whole CCCD (12 digits) or CMND (9):
    /// only such a number is asked of the centre.
    public static func identifier(in text: String) -> String? {
        let digits = text.filter { $0 != " " && $0 != "." }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count == 9 || digits.count == 12 else { return nil }
        return digits
    }
}

/// How asking the centre ended.
public enum CentreLookupAnswer: Hashable, Sendable {
    case answered(CentreLookup)
    case couldNotAsk(CentreLookupFailure)
}

/// Why the centre gave no answer a desk can use: said to the nurse in her words.
public enum CentreLookupFailure: Hashable, Sendable {
    /// No connection, or no answer in time: the network or the centre is down.
    case noAnswer
    /// The centre answered with an HTTP error (the site's token refused, the centre failing).
    case refused(status: Int)
    /// The answer was not a Bundle this desk can read.
    case unreadable
}
