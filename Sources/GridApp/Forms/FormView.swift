import GridModel
import TerminalUI

/// The open form, drawn over the dashboard: one line per field (notes take several), the error
/// beside its field, and the keys the focused field takes. A form taller than the screen scrolls
/// to keep the focused field in view.
enum FormView {
    private struct Line {
        var text: String
        var role: StyleRole
        var cursor: Int?
        var field: Int
    }

    /// Notes show at most this many lines at once and scroll inside their field.
    static let notesRows = 4

    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        guard let form = state.form else { return }
        let strings = state.strings
        let width = min(buffer.width - 2, 76)
        let labelWidth = form.fields.map { DisplayWidth.of(label($0, state.language)) }.max() ?? 0
        let fieldWidth = max(4, width - labelWidth - 6)
        let indent = String(repeating: " ", count: labelWidth + 2)
        var lines: [Line] = []
        for (index, field) in form.fields.enumerated() {
            let name = DisplayWidth.padded(label(field, state.language), to: labelWidth) + "  "
            let focused = index == form.focus
            let role: StyleRole = focused ? .input : .normal
            switch field.kind {
            case .choice(_, let labels):
                var shown = labels.indices.contains(field.choice) ? labels[field.choice] : ""
                if focused {
                    shown = glyphs.arrowLeft + " " + shown + " " + glyphs.arrowRight
                    if !field.input.isEmpty { shown += "  /" + field.input.text + " (" + String(field.matchingChoices().count) + ")" }
                }
                lines.append(Line(text: name + shown, role: role, cursor: nil, field: index))
            case .flags(_, let labels):
                let chosen = field.flagged.sorted().map { labels[$0] }.joined(separator: strings.listSeparator)
                if focused, labels.indices.contains(field.choice) {
                    let mark = field.flagged.contains(field.choice) ? "[x]" : "[ ]"
                    lines.append(Line(text: name + glyphs.arrowLeft + " " + mark + " " + labels[field.choice] + " " + glyphs.arrowRight,
                                      role: role, cursor: nil, field: index))
                    if !chosen.isEmpty { lines.append(Line(text: indent + chosen, role: .accent, cursor: nil, field: index)) }
                } else {
                    lines.append(Line(text: name + (chosen.isEmpty ? strings.none : chosen), role: role, cursor: nil, field: index))
                }
            case .notes:
                let layout = field.input.rows(width: fieldWidth)
                let shown = focused ? notesRows : min(notesRows, layout.rows.count)
                let first = max(0, min(layout.cursorRow - shown + 1, layout.rows.count - shown))
                for row in first..<min(layout.rows.count, first + max(1, shown)) {
                    let cursor = focused && row == layout.cursorRow ? DisplayWidth.of(name) + layout.cursorColumn : nil
                    lines.append(Line(text: (row == first ? name : indent) + layout.rows[row], role: role, cursor: cursor, field: index))
                }
                if focused {
                    for _ in 0..<max(0, shown - (layout.rows.count - first)) { lines.append(Line(text: indent, role: role, cursor: nil, field: index)) }
                }
            case .text, .date, .time:
                let visible = field.input.visible(width: fieldWidth)
                if visible.text.isEmpty, let hint = field.keptValueHint {
                    lines.append(Line(text: name + hint, role: .dim, cursor: focused ? DisplayWidth.of(name) : nil, field: index))
                } else {
                    lines.append(Line(text: name + visible.text, role: role, cursor: focused ? DisplayWidth.of(name) + visible.cursorColumn : nil, field: index))
                }
            }
            if let error = field.error {
                // An error is never cut short: it wraps under its field.
                for piece in TextWrap.lines(error, width: max(8, width - 4 - DisplayWidth.of(indent))) {
                    lines.append(Line(text: indent + piece, role: .danger, cursor: nil, field: index))
                }
            }
        }
        let focusedKind = form.fields.indices.contains(form.focus) ? form.fields[form.focus].kind : .text
        let keys: String
        switch focusedKind {
        case .notes: keys = strings.notesKeys
        case .choice: keys = strings.choiceKeys
        case .flags: keys = strings.flagsKeys
        default: keys = strings.formKeys
        }
        let footer = Line(text: form.confirmingDiscard ? strings.discardQuestion : keys, role: form.confirmingDiscard ? .warning : .dim,
                          cursor: nil, field: -1)

        let height = min(buffer.height, lines.count + 4)
        let bodyRows = max(0, height - 4)
        // Scroll so that all of the focused field shows.
        let focusedLines = lines.indices.filter { lines[$0].field == form.focus }
        var top = 0
        if let last = focusedLines.last, last >= bodyRows { top = last - bodyRows + 1 }
        if let first = focusedLines.first, first < top { top = first }
        let rect = Rect(x: max(0, (buffer.width - width) / 2), y: max(0, (buffer.height - height) / 2), width: width, height: height)
        buffer.fill(rect)
        buffer.box(rect, title: title(form, state), glyphs: glyphs, role: .borderFocused)
        let shown = Array(lines.dropFirst(top).prefix(bodyRows)) + [Line(text: "", role: .normal, cursor: nil, field: -1), footer]
        for (row, line) in shown.prefix(max(0, rect.height - 2)).enumerated() {
            let y = rect.y + 1 + row
            buffer.write(line.text, x: rect.x + 2, y: y, maxWidth: rect.width - 4, role: line.role, ellipsis: glyphs.ellipsis)
            // The cursor: a bar after the text, else the character it stands on in reverse.
            if let cursor = line.cursor, cursor < rect.width - 4 {
                let x = rect.x + 2 + cursor
                if buffer[x, y].text == " " || buffer[x, y].text.isEmpty {
                    buffer.write(glyphs.cursor, x: x, y: y, maxWidth: 1, role: .input)
                } else {
                    buffer.paint(Rect(x: x, y: y, width: DisplayWidth.of(buffer[x, y].text), height: 1), role: .selected)
                }
            }
        }
    }

    /// Someone else's version beside what was typed, field by field, over the form.
    /// The namesake warning over a new resident's form: who on file has the same name and birth
    /// date (grid, address, numbers masked), and the keys that answer it.
    static func drawNamesakes(_ namesakes: [Namesake], into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        let strings = state.strings
        var lines = [DetailLine(strings.namesakeIntro, role: .warning)]
        for person in namesakes {
            let numbers = [person.maskedIDNumber, person.maskedPhone].compactMap { $0 }
            let text = ([person.name, person.birthDate.iso, person.gridName, person.address] + numbers).filter { !$0.isEmpty }.joined(separator: "  ")
            lines.append(DetailLine("  " + text, indent: 4))
        }
        lines += [DetailLine(""), DetailLine(strings.namesakeKeys, role: .accent)]
        Overlay.draw(into: &buffer, title: strings.namesakeTitle, lines: lines, offset: 0, maxWidth: 76, glyphs: glyphs)
    }

    static func drawConflict(_ conflict: FormConflict, into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        let strings = state.strings
        let width = min(buffer.width - 2, 76)
        let textWidth = max(8, width - 4)
        let columns = strings.conflictColumns
        let nameWidth = max(DisplayWidth.of(columns.theirs), DisplayWidth.of(columns.mine)) + 2
        var lines: [(String, StyleRole)] = []
        for difference in conflict.differences {
            lines.append((FieldNames.label(difference.key.rawValue, in: state.language), .header))
            for (name, field, role) in [(columns.theirs, difference.theirs, StyleRole.warning), (columns.mine, difference.mine, StyleRole.input)] {
                let value = FormConflict.shown(field, state.language)
                let pieces = TextWrap.lines(value.isEmpty ? strings.none : value, width: max(4, textWidth - 2 - nameWidth))
                for (index, piece) in pieces.enumerated() {
                    let lead = index == 0 ? DisplayWidth.padded(name, to: nameWidth) : String(repeating: " ", count: nameWidth)
                    lines.append(("  " + lead + piece, role))
                }
            }
        }
        if conflict.differences.isEmpty { lines += TextWrap.lines(strings.conflictSame, width: textWidth).map { ($0, .dim) } }
        let keys = TextWrap.lines(strings.conflictKeys, width: textWidth).map { ($0, StyleRole.accent) }
        let height = min(buffer.height, lines.count + keys.count + 3)
        let bodyRows = max(0, height - 3 - keys.count)
        let rect = Rect(x: max(0, (buffer.width - width) / 2), y: max(0, (buffer.height - height) / 2), width: width, height: height)
        let when = conflict.changedAt.map { TimeText.minute($0, timeZone: state.data.timeZone) } ?? ""
        buffer.fill(rect)
        buffer.box(rect, title: strings.conflictTitle(conflict.changedBy, when), glyphs: glyphs, role: .borderFocused)
        let shown = Array(lines.prefix(bodyRows)) + [("", .normal)] + keys
        for (row, line) in shown.prefix(max(0, rect.height - 2)).enumerated() {
            buffer.write(line.0, x: rect.x + 2, y: rect.y + 1 + row, maxWidth: rect.width - 4, role: line.1, ellipsis: glyphs.ellipsis)
        }
    }

    private static func label(_ field: FormField, _ language: Language) -> String {
        FieldNames.label(field.key.rawValue, in: language) + (field.isRequired ? "*" : "")
    }

    /// "推进到下一阶段  JF2026-00001", "登记居民  清潭花园 3栋 2单元 501".
    private static func title(_ form: RecordForm, _ state: AppState) -> String {
        let strings = state.strings
        let data = state.data
        switch form.purpose {
        case .caseStep(let action, let caseID):
            return strings.actionName(action) + "  " + (data.caseNumbers[caseID] ?? "")
        case .caseDetails(let caseID):
            return strings.formTitles(form.purpose) + "  " + (data.caseNumbers[caseID] ?? "")
        case .resident(_, let householdID):
            return strings.formTitles(form.purpose) + "  " + (data.addresses[householdID] ?? "")
        case .household(_, let grid), .patrol(_, let grid), .newCase(let grid, _, _):
            return strings.formTitles(form.purpose) + "  " + (data.grid(grid)?.name ?? grid.rawValue)
        case .microGrid(let number, let grid):
            return strings.formTitles(form.purpose) + "  " + (data.grid(grid)?.name ?? grid.rawValue) + (number.map { "  " + strings.microGridNumber($0) } ?? "")
        case .grid(let id):
            return strings.formTitles(form.purpose) + (id.flatMap { id in data.grids.first { $0.id == id } }.map { "  " + $0.name + "  " + $0.code.rawValue } ?? "")
        case .finding:
            return strings.formTitles(form.purpose)
        case .move(let id, _):
            let name = data.residents.values.lazy.flatMap { $0 }.first { $0.id == id }?.name ?? data.addresses[id] ?? ""
            return strings.formTitles(form.purpose) + "  " + name
        }
    }
}
