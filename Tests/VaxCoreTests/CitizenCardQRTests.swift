import Testing
import VaxCore

@Suite("CCCD card QR")
struct CitizenCardQRTests {
    @Test("seven fields, with or without the old CMND, and six fields without it", arguments: [
        "091085012345|361234567|Nguyễn Văn Đức|07031985|Nam|12 Lê Lợi, P. Vĩnh Thanh Vân, Rạch Giá, Kiên Giang|15042021",
        "091085012345||Nguyễn Văn Đức|07031985|Nam|12 Lê Lợi, P. Vĩnh Thanh Vân, Rạch Giá, Kiên Giang|15042021",
        "091085012345|Nguyễn Văn Đức|07031985|Nam|12 Lê Lợi, P. Vĩnh Thanh Vân, Rạch Giá, Kiên Giang|15042021",
        "  091085012345|Nguyễn Văn Đức|07031985|Nam|12 Lê Lợi, P. Vĩnh Thanh Vân, Rạch Giá, Kiên Giang|15042021\n",
    ])
    func shapes(text: String) throws {
        let card = try #require(CitizenCardQR(scanned: text))
        #expect(card.citizenID == "091085012345")
        #expect(card.fullName == "Nguyễn Văn Đức")
        #expect(card.birthDate == BirthDate(year: 1985, month: 3, day: 7))
        #expect(card.sex == .male)
        #expect(card.issuedOn == BirthDate(year: 2021, month: 4, day: 15))
    }

    @Test("an NFD name from the scanner is stored in NFC")
    func decomposed() throws {
        let text = "091185012345||Phạm Thị Thu Hà|01011985|Nữ|Hà Nội|01012021".decomposedStringWithCanonicalMapping
        let card = try #require(CitizenCardQR(scanned: text))
        #expect(card.fullName == "Phạm Thị Thu Hà")
        #expect(card.sex == .female)
    }

    @Test("what is not a card's QR is not read as one", arguments: [
        "duc nguyen", "091085012345", "0910850123|x|Nguyễn|07031985|Nam|a|b",
        "091085012345||Nguyễn Văn Đức|31021985|Nam|a|15042021", "091085012345||Nguyễn Văn Đức|07031985|X|a|15042021",
        "091085012345|||07031985|Nam|a|15042021", "|||||||", "",
    ])
    func notACard(text: String) {
        #expect(CitizenCardQR(scanned: text) == nil)
    }

    @Test("differences between the card and the roster are listed for the nurse")
    func differences() throws {
        let card = try #require(CitizenCardQR(scanned: "091085012345||Nguyễn Văn Đức|07031985|Nam|a|15042021"))
        let same = Person(fullName: "Nguyễn Văn Đức", birthDate: BirthDate(year: 1985, month: 3, day: 7)!, sex: .male,
                          identityNumber: "091085012345")
        #expect(card.differences(from: same).isEmpty)
        var other = same
        other.fullName = "Nguyễn Văn Đực"
        other.birthDate = BirthDate(year: 1985)
        #expect(card.differences(from: other) == [
            .name(card: "Nguyễn Văn Đức", roster: "Nguyễn Văn Đực"),
            .birthDate(card: BirthDate(year: 1985, month: 3, day: 7)!, roster: BirthDate(year: 1985)),
        ])
    }
}
