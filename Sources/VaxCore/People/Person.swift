import Foundation

/// Someone on the site's roster, or registered at the desk.
public struct Person: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var fullName: String
    public var birthDate: BirthDate
    public var sex: Sex
    /// CCCD (12 digits) or CMND (9 or 12 digits); nil when the person has none on record.
    public var identityNumber: String?
    public var phone: String?
    public var address: String?
    public var commune: String?
    public var priorityGroup: String?
    public var insuranceNumber: String?

    public init(
        id: UUID = .timeOrdered(), fullName: String, birthDate: BirthDate, sex: Sex,
        identityNumber: String? = nil, phone: String? = nil, address: String? = nil,
        commune: String? = nil, priorityGroup: String? = nil, insuranceNumber: String? = nil
    ) {
        self.id = id
        self.fullName = fullName
        self.birthDate = birthDate
        self.sex = sex
        self.identityNumber = identityNumber
        self.phone = phone
        self.address = address
        self.commune = commune
        self.priorityGroup = priorityGroup
        self.insuranceNumber = insuranceNumber
    }

    /// The identity number with all but its last four digits hidden, for lists on a shared screen.
    public var maskedIdentityNumber: String {
        guard let number = identityNumber, number.count > 4 else { return identityNumber ?? "" }
        return "•••" + number.suffix(4)
    }
}
