import Foundation
import VaxCore

/// A synthetic roster of adults of Kiên Giang: realistic names, birth dates (some only a year),
/// sexes, CCCD numbers consistent with both, phones, addresses, and the doses already given.
/// The same seed and count always give the same people.
public struct DemoRoster: Sequence {
    public let count: Int
    public let seed: UInt64
    /// The day the roster is made for: birth years keep everyone an adult on that day.
    public let referenceYear: Int

    public init(count: Int, seed: UInt64 = 2021, referenceYear: Int = 2021) {
        self.count = count
        self.seed = seed
        self.referenceYear = referenceYear
    }

    public func makeIterator() -> AnyIterator<RosterEntry> {
        var rng = SeededGenerator(seed: seed)
        var index = 0
        return AnyIterator {
            guard index < count else { return nil }
            defer { index += 1 }
            return Self.person(index: index, referenceYear: referenceYear, rng: &rng)
        }
    }

    static func person(index: Int, referenceYear: Int, rng: inout SeededGenerator) -> RosterEntry {
        let sex: Sex = Bool.random(using: &rng) ? .male : .female
        let family = VietnameseNames.weightedFamilyName(&rng)
        let middle = (sex == .male ? VietnameseNames.maleMiddle : VietnameseNames.femaleMiddle).randomElement(using: &rng)!
        let given = (sex == .male ? VietnameseNames.maleGiven : VietnameseNames.femaleGiven).randomElement(using: &rng)!
        let year = Int.random(in: (referenceYear - 90)...(referenceYear - 18), using: &rng)
        // About one elderly person in five has only a birth year on record.
        let birth: BirthDate
        if year < 1950 && Int.random(in: 0..<5, using: &rng) == 0 {
            birth = BirthDate(year: year)
        } else {
            let month = Int.random(in: 1...12, using: &rng)
            birth = BirthDate(year: year, month: month, day: Int.random(in: 1...28, using: &rng))!
        }
        // Most were registered in Kiên Giang; some elsewhere. The serial part is a bijection of the
        // index, so numbers never collide.
        let place = Int.random(in: 0..<10, using: &rng) < 8 ? "091" : ["079", "089", "092", "001", "094"].randomElement(using: &rng)!
        let serial = (index &* 7919 &+ 12_345) % 1_000_000
        let cccd = place + String(CitizenID.sexCenturyDigit(sex: sex, birthYear: year))
            + (year % 100).zeroPadded(2) + serial.zeroPadded(6)
        let phone = ["09", "03", "07", "08", "05"].randomElement(using: &rng)!
            + Int.random(in: 0..<100_000_000, using: &rng).zeroPadded(8)
        let commune = VietnameseNames.communes.randomElement(using: &rng)!
        let address = "\(Int.random(in: 1...450, using: &rng)) \(VietnameseNames.streets.randomElement(using: &rng)!), \(commune), Rạch Giá, Kiên Giang"
        let person = Person(
            id: UUID(rng: &rng), fullName: "\(family) \(middle) \(given)", birthDate: birth, sex: sex,
            identityNumber: cccd, phone: Int.random(in: 0..<10, using: &rng) < 9 ? phone : nil,
            address: address, commune: commune,
            priorityGroup: year <= referenceYear - 65 ? "9" : nil)
        return RosterEntry(person: person, priorDoses: priorDoses(&rng))
    }

    /// Half the roster has had doses already: one or two of AstraZeneca, Pfizer or Vero Cell.
    static func priorDoses(_ rng: inout SeededGenerator) -> [PriorDose] {
        let roll = Int.random(in: 0..<10, using: &rng)
        guard roll >= 5 else { return [] }
        let product = ["astrazeneca", "astrazeneca", "pfizer", "verocell"].randomElement(using: &rng)!
        let first = PriorDose(doseNumber: 1, productCode: product, givenOn: "2021-0\(Int.random(in: 6...8, using: &rng))-1\(Int.random(in: 0...9, using: &rng))")
        guard roll >= 8 else { return [first] }
        return [first, PriorDose(doseNumber: 2, productCode: product, givenOn: "2021-10-2\(Int.random(in: 0...9, using: &rng))")]
    }
}

extension UUID {
    /// A random (version 4) UUID drawn from a seeded generator, so demo ids are repeatable.
    init(rng: inout some RandomNumberGenerator) {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        self = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
