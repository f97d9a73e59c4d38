import GridModel
import TerminalUI

/// The open form, drawn over the dashboard: one line per field, its error beside it.
enum FormView {
    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        guard let form = state.form else { return }
        let strings = state.strings
        let width = min(buffer.width - 4, 72)
        let labelWidth = form.fields.map { DisplayWidth.of(FieldNames.label($0.key, in: state.language)) }.max() ?? 0
        let fieldWidth = max(4, width - labelWidth - 6)
        var lines: [(text: String, role: StyleRole, cursor: Int?)] = []
        for (index, field) in form.fields.enumerated() {
            let label = DisplayWidth.fit(FieldNames.label(field.key, in: state.language) + (field.isRequired ? "*" : ""), to: labelWidth + 1)
            let focused = index == form.focus
            switch field.kind {
            case .choice(_, let labels):
                let shown = labels.indices.contains(field.choice) ? labels[field.choice] : ""
                lines.append((label + "  ◀ " + shown + " ▶", focused ? .input : .normal, nil))
            case .text, .date:
                let visible = field.input.visible(width: fieldWidth)
                lines.append((label + "  " + visible.text, focused ? .input : .normal, focused ? DisplayWidth.of(label) + 2 + visible.cursorColumn : nil))
            }
            if let error = field.error { lines.append((String(repeating: " ", count: labelWidth + 3) + error, .danger, nil)) }
        }
        lines.append(("", .normal, nil))
        lines.append((form.confirmingDiscard ? strings.discardQuestion : strings.formKeys, form.confirmingDiscard ? .warning : .dim, nil))
        let height = min(buffer.height - 2, lines.count + 2)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect)
        let number = state.data.cases.first { $0.id == form.caseID }?.number ?? ""
        buffer.box(rect, title: strings.actionName(form.action) + "  " + number, glyphs: glyphs, role: .borderFocused)
        for (row, line) in lines.prefix(rect.height - 2).enumerated() {
            let y = rect.y + 1 + row
            buffer.write(line.text, x: rect.x + 2, y: y, maxWidth: rect.width - 4, role: line.role, ellipsis: glyphs.ellipsis)
            // The cursor: a bar after the text, else the character it stands on in reverse.
            if let cursor = line.cursor {
                let x = rect.x + 2 + cursor
                if buffer[x, y].text == " " || buffer[x, y].text.isEmpty {
                    buffer.write("▏", x: x, y: y, maxWidth: 1, role: .input)
                } else {
                    buffer.paint(Rect(x: x, y: y, width: DisplayWidth.of(buffer[x, y].text), height: 1), role: .selected)
                }
            }
        }
    }
}
