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
        let width = min(buffer.width - 4, 90)
        let content = DetailView.wrapped(panel.lines(state), width: width - 4)
        let height = min(buffer.height - 2, content.count + 2)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect)
        buffer.box(rect, title: state.strings.historyTitle(panel.title) + "  (Esc)", glyphs: glyphs, role: .borderFocused)
        DetailView.draw(into: &buffer, Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2),
                        lines: content, offset: min(panel.offset, max(0, content.count - (rect.height - 2))), selectedItem: nil, empty: "")
    }
}
