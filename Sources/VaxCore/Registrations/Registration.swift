import Foundation

/// A person registered ahead for a site's session on a day, in a time slot: what the commune or the
/// person sent the centre, and what the site is given at its pull.
public struct Registration: Codable, Hashable, Sendable {
    /// The centre's id of the registration.
    public var id: String
    public var fullName: String
    /// `1988-04-02`, or `1988` when only the year is known.
    public var birthDate: String
    /// `male` or `female`.
    public var sex: String
    public var identityNumber: String?
    public var phone: String?
    public var commune: String?
    public var priorityGroup: String?
    /// `2026-12-05`.
    public var day: String
    /// As the commune wrote it: `07:30-09:00`, `Sáng`.
    public var slot: String

    public init(id: String, person: Person, day: String, slot: String) {
        self.id = id
        fullName = person.fullName
        birthDate = person.birthDate.stored
        sex = person.sex == .male ? "male" : "female"
        identityNumber = person.identityNumber
        phone = person.phone
        commune = person.commune
        priorityGroup = person.priorityGroup
        self.day = day
        self.slot = slot
    }

    enum CodingKeys: String, CodingKey {
        case id, fullName, birthDate, sex, identityNumber, phone, commune, priorityGroup, day, slot
    }

    /// Read from the centre's list, or from what a commune sends (which has no id yet).
    public init(from decoder: Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        id = try values.decodeIfPresent(String.self, forKey: .id) ?? ""
        fullName = try values.decode(String.self, forKey: .fullName)
        birthDate = try values.decode(String.self, forKey: .birthDate)
        sex = try values.decode(String.self, forKey: .sex)
        identityNumber = try values.decodeIfPresent(String.self, forKey: .identityNumber)
        phone = try values.decodeIfPresent(String.self, forKey: .phone)
        commune = try values.decodeIfPresent(String.self, forKey: .commune)
        priorityGroup = try values.decodeIfPresent(String.self, forKey: .priorityGroup)
        day = try values.decode(String.self, forKey: .day)
        slot = try values.decode(String.self, forKey: .slot)
    }

    /// The person as a site files them when its roster lacks them.
    public func person(id: UUID) -> Person? {
        guard let birth = BirthDate(stored: birthDate) else { return nil }
        return Person(id: id, fullName: Printable.text(fullName), birthDate: birth, sex: sex == "male" ? .male : .female,
                      identityNumber: identityNumber, phone: phone, commune: commune.map(Printable.text),
                      priorityGroup: priorityGroup.map(Printable.text))
    }
}

/// A site's registrations for the days from `from` to `to`, whole: the site replaces what it held for
/// those days with them (a registration cancelled at the centre is gone from the list).
public struct RegistrationList: Codable, Hashable, Sendable {
    public var from: String
    public var to: String
    public var registrations: [Registration]

    public init(from: String, to: String, registrations: [Registration]) {
        self.from = from
        self.to = to
        self.registrations = registrations
    }
}
