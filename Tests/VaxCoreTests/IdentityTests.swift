import Testing
import VaxCore

@Suite("CCCD numbers against the record")
struct CitizenIDTests {
    typealias Problem = CitizenID.Problem

    @Test("consistent numbers have no problem", arguments: [
        ("091085012345", 1985, Sex.male),
        ("091185012345", 1985, Sex.female),
        ("079203000001", 2003, Sex.male),
        ("001300000001", 2000, Sex.female),
        ("096099999999", 1999, Sex.male),
    ])
    func consistent(number: String, year: Int, sex: Sex) {
        #expect(CitizenID.check(number, birthYear: year, sex: sex, provinces: Fixtures.provinces).isEmpty)
    }

    @Test("contradictions are fatal problems", arguments: [
        ("091085012345", 1985, Sex.female, [Problem.sexMismatch(cardSays: .male)]),
        ("091086012345", 1985, Sex.male, [Problem.yearMismatch(cardSays: "86")]),
        ("091285012345", 1985, Sex.male, [Problem.centuryMismatch(cardSays: 2000)]),
        ("091385012345", 1985, Sex.male, [Problem.sexMismatch(cardSays: .female), Problem.centuryMismatch(cardSays: 2000)]),
        ("09108501234", 1985, Sex.male, [Problem.notTwelveDigits]),
        ("09108501234A", 1985, Sex.male, [Problem.notTwelveDigits]),
    ])
    func contradictions(number: String, year: Int, sex: Sex, expected: [Problem]) {
        let problems = CitizenID.check(number, birthYear: year, sex: sex, provinces: Fixtures.provinces)
        #expect(problems == expected)
        #expect(problems.allSatisfy { $0.isFatal })
    }

    @Test("an unknown place code is only a warning (births registered abroad)")
    func unknownPlace() {
        let problems = CitizenID.check("999085012345", birthYear: 1985, sex: .male, provinces: Fixtures.provinces)
        #expect(problems == [.unknownPlaceCode("999")])
        #expect(!problems[0].isFatal)
    }

    @Test("sex/century digit by birth year", arguments: [
        (Sex.male, 1950, 0), (.female, 1999, 1), (.male, 2000, 2), (.female, 2099, 3),
        (.male, 2100, 4), (.female, 2250, 7), (.male, 2399, 8),
    ])
    func sexCenturyDigit(sex: Sex, year: Int, digit: Int) {
        #expect(CitizenID.sexCenturyDigit(sex: sex, birthYear: year) == digit)
        #expect(CitizenID.decodeSexCentury(digit).sex == sex)
    }

    @Test("the 63 province codes load, Kiên Giang among them")
    func provinces() {
        #expect(Fixtures.provinces.provinces.count == 63)
        #expect(Fixtures.provinces.name(of: "091") == "Kiên Giang")
    }
}

@Suite("Phone numbers")
struct PhoneNumberTests {
    @Test("accepted forms normalise to 10 digits", arguments: [
        ("0912345678", "0912345678"), ("+84 912 345 678", "0912345678"), ("84912345678", "0912345678"),
        ("091.234.5678", "0912345678"), ("0387-654-321", "0387654321"),
    ])
    func accepted(input: String, expected: String) {
        #expect(PhoneNumber.normalize(input) == expected)
    }

    @Test("other text is no mobile number", arguments: ["0212345678", "091234567", "09123456789", "abc", ""])
    func rejected(input: String) {
        #expect(PhoneNumber.normalize(input) == nil)
    }
}

@Suite("Birth dates")
struct BirthDateTests {
    @Test("stored and shown forms")
    func forms() {
        let full = BirthDate(year: 1985, month: 3, day: 7)!
        #expect(full.stored == "1985-03-07")
        #expect(full.description == "07/03/1985")
        #expect(BirthDate(stored: "1985-03-07") == full)
        let yearOnly = BirthDate(year: 1938)
        #expect(yearOnly.stored == "1938")
        #expect(yearOnly.description == "1938")
        #expect(BirthDate(stored: "1938") == yearOnly)
    }

    @Test("impossible days are refused", arguments: [(2021, 2, 29), (2021, 4, 31), (2021, 13, 1), (2021, 0, 1)])
    func impossible(year: Int, month: Int, day: Int) {
        #expect(BirthDate(year: year, month: month, day: day) == nil)
    }

    @Test("29 February exists in leap years")
    func leapDay() {
        #expect(BirthDate(year: 2000, month: 2, day: 29) != nil)
        #expect(BirthDate(year: 1900, month: 2, day: 29) == nil)
    }
}
