import Testing
import VaxCore

/// Decision 3802/QĐ-BYT: contraindication (item 1) beats deferral (2, 3, 4a) beats referral (5) beats
/// the caution group (4b, 6–10); eligible when every item is "Không".
@Suite("Screening outcomes of 3802/QĐ-BYT")
struct ScreeningTests {
    let checklist = Fixtures.checklist

    @Test("each item alone", arguments: [
        ("1", ScreeningOutcome.contraindicated), ("2", .deferred), ("3", .deferred), ("4a", .deferred),
        ("4b", .caution), ("5", .referred), ("6", .caution), ("7", .caution), ("8", .caution),
        ("9", .caution), ("10", .caution),
    ])
    func singleItem(item: String, outcome: ScreeningOutcome) {
        let result = checklist.assess(yes: [item], product: nil)
        #expect(result.outcome == outcome)
        #expect(result.decidingItems == [item])
    }

    @Test("every item Không is eligible now")
    func allNo() {
        let result = checklist.assess(yes: [], product: "pfizer")
        #expect(result.outcome == .eligible)
        #expect(result.decidingItems.isEmpty)
        #expect(result.outcome.proceedsToInjection)
    }

    @Test("the strongest outcome wins", arguments: [
        (["7", "5"], ScreeningOutcome.referred, ["5"]),
        (["5", "3"], .deferred, ["3"]),
        (["3", "1", "7"], .contraindicated, ["1"]),
        (["2", "3"], .deferred, ["2", "3"]),
        (["6", "8", "10"], .caution, ["6", "8", "10"]),
        (["4b", "5"], .referred, ["5"]),
    ])
    func precedence(items: [String], outcome: ScreeningOutcome, deciding: [String]) {
        let result = checklist.assess(yes: Set(items), product: nil)
        #expect(result.outcome == outcome)
        #expect(result.decidingItems == deciding)
    }

    @Test("Sputnik V is contraindicated in pregnancy, whatever the weeks", arguments: ["4a", "4b"])
    func sputnikInPregnancy(item: String) {
        let result = checklist.assess(yes: [item], product: "sputnik-v")
        #expect(result.outcome == .contraindicated)
        #expect(result.productRule?.product == "sputnik-v")
        #expect(checklist.assess(yes: [item], product: "pfizer").productRule == nil)
    }

    @Test("pregnancy under and over 13 weeks exclude each other: Có to one answers the other Không")
    func pregnancyGroup() {
        var answers = ScreeningAnswers()
        answers.answer("4a", yes: true, in: checklist)
        #expect(answers["4a"] == true && answers["4b"] == false)
        answers.answer("4b", yes: true, in: checklist)
        #expect(answers.yesItems == ["4b"] && answers["4a"] == false)
        answers.answer("4b", yes: false, in: checklist)
        #expect(answers.yesItems.isEmpty && answers["4a"] == false, "Không to one leaves the other as it was")
    }

    @Test("a man is not asked about pregnancy; every item that applies must be answered")
    func itemsAsked() {
        #expect(checklist.items(for: .male).map(\.id) == ["1", "2", "3", "5", "6", "7", "8", "9", "10"])
        #expect(checklist.items(for: .female).count == 11)
        var answers = checklist.answers(yes: ["7"], for: .male)
        #expect(checklist.unanswered(answers, for: .male).isEmpty)
        #expect(checklist.unanswered(answers, for: .female) == ["4a", "4b"])
        answers.clear("3")
        #expect(checklist.unanswered(answers, for: .male) == ["3"])
        #expect(answers.yesItems == ["7"])
    }

    @Test("only eligible and caution go on to the injection desk")
    func proceeds() {
        let proceeding = ScreeningOutcome.allCases.filter { $0.proceedsToInjection }
        #expect(proceeding == [.caution, .eligible])
        #expect(VisitStage(after: .deferred) == .deferred)
        #expect(VisitStage(after: .caution) == .waitingInjection)
    }

    @Test("the checklist records its version and has the 11 rows of the form")
    func version() {
        #expect(checklist.version == "3802/QĐ-BYT")
        #expect(checklist.items.map(\.id) == ["1", "2", "3", "4a", "4b", "5", "6", "7", "8", "9", "10"])
    }
}
