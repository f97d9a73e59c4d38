import TerminalUI

/// `?`: every binding of the keymap that works on this screen, by group, and the commands of
/// the command line.
enum HelpOverlay {
    static func lines(_ state: AppState) -> [DetailLine] {
        let bindings = state.keymap.bindings.filter { $0.screens?.contains(state.screen) ?? true }
        let keyWidth = bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 0
        var lines: [DetailLine] = []
        for group in KeyBinding.Group.allCases {
            let members = bindings.filter { $0.group == group }
            guard !members.isEmpty else { continue }
            lines.append(DetailLine(state.strings.groups[group] ?? "", role: .header))
            for binding in members {
                lines.append(DetailLine("  " + DisplayWidth.padded(binding.keyLabel, to: keyWidth) + "  "
                                        + state.strings.description(of: binding.command, on: state.screen), indent: keyWidth + 4))
            }
        }
        lines.append(DetailLine(state.strings.helpCommands, role: .accent))
        return lines
    }

    /// One column when it fits, else two, split at the group boundary nearest the middle.
    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        let width = min(buffer.width - 4, 96)
        let all = lines(state)
        var columns = [DetailView.wrapped(all, width: width - 4)]
        if columns[0].count > buffer.height - 4 {
            let headers = all.indices.filter { all[$0].role == .header }
            let split = headers.min { abs($0 - all.count / 2) < abs($1 - all.count / 2) } ?? all.count / 2
            let half = (width - 5) / 2
            columns = [DetailView.wrapped(Array(all[..<split]), width: half), DetailView.wrapped(Array(all[split...]), width: half)]
        }
        let height = min(buffer.height - 2, (columns.map(\.count).max() ?? 0) + 2)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect)
        buffer.box(rect, title: state.strings.help + "  (Esc)", glyphs: glyphs, role: .borderFocused)
        let columnWidth = columns.count == 1 ? rect.width - 4 : (rect.width - 5) / 2
        for (index, content) in columns.enumerated() {
            DetailView.draw(into: &buffer, Rect(x: rect.x + 2 + index * (columnWidth + 1), y: rect.y + 1, width: columnWidth, height: rect.height - 2),
                            lines: content, offset: 0, selectedItem: nil, empty: "")
        }
    }
}
