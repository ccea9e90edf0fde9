import Foundation
import Testing
@testable import VaxCore

@Suite("Vial arithmetic")
struct VialArithmeticTests {
    static let opened = Date(timeIntervalSince1970: 1_795_650_000)

    static func vial(perVial: Int = 10, drawn: Int, hours: Double = 6, closed: Bool = false, wasted: Int? = nil) -> Vial {
        Vial(lotID: UUID(), productCode: "astrazeneca", lotNumber: "A1", dosesPerVial: perVial, openedAt: opened,
             discardDue: opened.addingTimeInterval(hours * 3_600), dosesDrawn: drawn,
             closedAt: closed ? opened.addingTimeInterval(60) : nil, dosesWasted: wasted)
    }

    @Test("discard time from the catalog: hours after opening", arguments: [("pfizer", 6.0), ("sputnik-v", 2.0)])
    func discardDue(product: String, hours: Double) throws {
        let catalog = Fixtures.catalog
        let due = Vial.discardDue(openedAt: Self.opened, product: try #require(catalog.product(product)))
        #expect(due.timeIntervalSince(Self.opened) == hours * 3_600)
    }

    @Test("a vial is usable until its discard time or its last dose, whichever comes first")
    func states() {
        let open = Self.vial(drawn: 3)
        #expect(open.dosesLeft == 7)
        #expect(open.state(at: Self.opened.addingTimeInterval(5 * 3_600)) == .usable)
        #expect(open.state(at: Self.opened.addingTimeInterval(6 * 3_600)) == .pastDiscardTime)
        #expect(Self.vial(drawn: 10).state(at: Self.opened) == .closed)
        #expect(Self.vial(drawn: 4, closed: true, wasted: 6).state(at: Self.opened) == .closed)
    }

    @Test("opened × doses per vial = given + wasted + still in open vials")
    func balance() {
        let balance = VialBalance([
            Self.vial(drawn: 10),
            Self.vial(drawn: 4, closed: true, wasted: 6),
            Self.vial(drawn: 2),
        ])
        #expect(balance.opened == 3 && balance.dosesInOpened == 30)
        #expect(balance.given == 16 && balance.wasted == 6 && balance.inOpenVials == 8)
        #expect(balance.isBalanced)
    }
}
