import Foundation
import GridModel
import GridStore
import TerminalUI

/// `i`: who created, changed or looked at one record, from the audit trail, newest first.
public struct HistoryPanel: Hashable, Sendable {
    public let title: String
    public let entries: [AuditEntry]
    public var offset = 0

    public init(title: String, entries: [AuditEntry]) {
        self.title = title
        self.entries = entries.reversed()
    }

    func lines(_ state: AppState) -> [DetailLine] {
        guard !entries.isEmpty else { return [DetailLine(state.strings.historyEmpty, role: .dim)] }
        return entries.map { entry in
            let who = state.data.workers[RecordID(entry.actor)]?.name ?? entry.actor
            let fields = entry.fields.map { FieldNames.label($0, in: state.language) }.joined(separator: state.strings.listSeparator)
            let text = TimeText.minute(entry.at, timeZone: state.data.timeZone) + "  " + who + "  " + entry.action.name(state.language)
                + (fields.isEmpty ? "" : state.strings.separator + fields)
            return DetailLine(text, role: entry.action == .reveal ? .warning : .normal, indent: 18)
        }
    }

    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        guard let panel = state.history else { return }
        Overlay.draw(into: &buffer, title: state.strings.historyTitle(panel.title), lines: panel.lines(state), offset: panel.offset,
                     maxWidth: 90, glyphs: glyphs)
    }
}
