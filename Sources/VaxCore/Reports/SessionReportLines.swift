import Foundation

extension SessionReport {
    /// The report as lines of text, the same on the site lead's desk and from `vaxdesk report session`:
    /// the title, the totals, each breakdown (by product, dose number, sex, age group, priority group),
    /// those not vaccinated and why, adverse events, and the lots. `productName` puts a code in words.
    public func lines(_ strings: Strings, productName: (String) -> String) -> [String] {
        /// A count per key, the key put in words by `label`.
        func section(_ key: String, _ counts: [String: Int], label: (String) -> String = { $0 }) -> [String] {
            [strings["report.\(key)"]] + counts.sorted { $0.key < $1.key }
                .map { "  \($0.key.isEmpty ? "—" : label($0.key)): \($0.value)" }
        }
        var lines = [
            strings.text("report.title", ["day": LocalDay.shown(day), "place": place, "status": strings["report.status.\(status)"]]),
            strings.text("report.checkedIn", ["n": String(checkedIn)]),
            strings.text("report.vaccinated", ["n": String(vaccinated)]),
        ]
        lines += section("byProduct", byProduct, label: productName) + section("byDoseNumber", byDoseNumber)
            + section("bySex", bySex) { strings["sex.\($0)"] } + section("byAgeGroup", byAgeGroup)
            + section("byPriorityGroup", byPriorityGroup)
        lines.append(strings.text("report.notVaccinated", [
            "deferred": String(deferred), "contraindicated": String(contraindicated), "referred": String(referred),
            "refused": String(refused),
        ]))
        lines.append(strings.text("report.leftWithoutDose", leftWithoutDoseValues))
        if registered > 0 {
            lines.append(strings.text("report.noShows", ["registered": String(registered), "n": String(noShows.count)]))
            lines += noShows.map { "  " + [$0.slot, $0.name, $0.birthDate, $0.phone].compactMap { $0 }.joined(separator: " · ") }
        }
        lines.append(strings.text("report.aefi", ["common": String(aefiCommon), "serious": String(aefiSerious)]))
        lines.append(strings["report.lots"])
        for lot in lots {
            lines.append(strings.text("report.lot", [
                "product": productName(lot.product), "lot": lot.lot, "received": String(lot.dosesReceived),
                "vials": String(lot.vialsOpened), "given": String(lot.dosesGiven), "wasted": String(lot.dosesWasted),
                "returned": String(lot.dosesReturned),
            ]))
        }
        return lines
    }
}
