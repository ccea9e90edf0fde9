import Foundation
import TerminalKit
import VaxCore

/// The list of people waiting at a station, shared by screening, injection and observation: who,
/// which ticket, since when. The caution group and an adverse event are marked with a word, not only a
/// colour.
struct QueueList: Hashable {
    var entries: [QueueEntry] = []
    var selection = ListSelection()

    var selected: QueueEntry? { entries.indices.contains(selection.selected) ? entries[selection.selected] : nil }

    /// Why Enter cannot call the person selected: nobody there, or another desk has called them.
    func callRefusal(_ context: Context) -> String? {
        guard let selected else { return context.strings["queue.nobody"] }
        return selected.claimedBy.map { context.strings.text("queue.claimedHint", ["code": $0]) }
    }

    /// Takes the station's queue from a queue answer (a claim's answer changes nothing shown).
    mutating func receive(_ answer: QueueEffect.Answer, for stage: VisitStage) {
        switch answer {
        case .loaded(let loadedStage, let entries) where loadedStage == stage: load(entries, visibleRows: 16)
        case .loaded, .claimed, .released: break
        }
    }

    mutating func load(_ loaded: [QueueEntry], visibleRows: Int) {
        // Keep the same person selected when another desk's write reorders the list.
        let keep = selected?.visitID
        entries = loaded
        if let keep, let index = entries.firstIndex(where: { $0.visitID == keep }), entries[index].claimedBy == nil {
            selection.select(index, count: entries.count, visibleRows: visibleRows)
        } else if let free = entries.firstIndex(where: { $0.claimedBy == nil }) {
            // The next person to call: the first that no other desk has called.
            selection.select(free, count: entries.count, visibleRows: visibleRows)
        } else {
            selection.clamp(count: entries.count, visibleRows: visibleRows)
        }
    }

    /// Draws the header and rows; `last` is the right-hand column (waiting time, countdown).
    func draw(
        in area: Rect, into buffer: inout Buffer, _ context: Context, lastHeader: String,
        last: (QueueEntry) -> (String, Style?)
    ) {
        let s = context.strings
        let nameWidth = min(44, max(20, area.width - 46))
        let header = "  " + s["queue.colTicket"].padded(toWidth: 5) + " " + s["queue.colName"].padded(toWidth: nameWidth)
            + " " + s["queue.colBirth"].padded(toWidth: 10) + " " + s["queue.colDose"].padded(toWidth: 6) + " " + lastHeader
        buffer.put(header, x: area.x, y: area.y, style: .muted)
        var styles: [Style] = []
        let rows = entries.map { entry -> String in
            let (lastText, style) = last(entry)
            let name: String
            switch entry.adverseEvent {
            case .serious?:
                // Whatever the countdown says, a serious event is what the nurse must see first.
                styles.append(.danger)
                name = s["queue.aefiSerious"] + " " + entry.person.fullName
            case .common?:
                styles.append(style == .success ? .success : .warning)
                name = s["queue.aefi"] + " " + entry.person.fullName
            case nil:
                styles.append(style ?? (entry.caution ? .warning : .plain))
                name = entry.caution ? "⚠ " + entry.person.fullName : entry.person.fullName
            }
            return String(entry.ticket).padded(toWidth: 5) + " " + name.padded(toWidth: nameWidth) + " "
                + entry.person.birthDate.description.padded(toWidth: 10) + " "
                + s.text("queue.dose", ["n": String(entry.doseNumber)]).padded(toWidth: 6) + " " + lastText
        }
        ListView.draw(rows, selection: selection, in: Rect(x: area.x, y: area.y + 1, width: area.width,
                      height: area.height - 1), into: &buffer, styles: styles, empty: s["queue.empty"])
    }

    /// The station's title ("Chờ tiêm: 3 người") over the list.
    func draw(
        title: String, in area: Rect, into buffer: inout Buffer, _ context: Context, lastHeader: String,
        last: (QueueEntry) -> (String, Style?)
    ) {
        buffer.put(title, x: area.x + 1, y: area.y, style: .title)
        draw(in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), into: &buffer, context,
             lastHeader: lastHeader, last: last)
    }

    /// A waiting list: the title (with the next ticket to call) over the list, with how long each person
    /// has waited.
    func drawWaiting(title: String, in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let next = entries.first { $0.claimedBy == nil }.map { " · " + context.strings.text("queue.next", ["n": String($0.ticket)]) } ?? ""
        draw(title: title + next, in: area, into: &buffer, context, lastHeader: context.strings["queue.colWaiting"]) { entry in
            // Someone another desk has called is shown as theirs, muted: not to call.
            if let code = entry.claimedBy { return (context.strings.text("queue.claimed", ["code": code]), .muted) }
            return (context.waited(since: entry.since), nil)
        }
    }
}
