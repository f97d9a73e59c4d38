import TerminalUI

/// `?`: every binding of the keymap by group, and the commands of the command line.
enum HelpOverlay {
    static func lines(_ state: AppState) -> [DetailLine] {
        let bindings = state.keymap.bindings
        let keyWidth = bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 0
        var lines: [DetailLine] = []
        for group in KeyBinding.Group.allCases {
            let members = bindings.filter { $0.group == group }
            guard !members.isEmpty else { continue }
            lines.append(DetailLine(state.strings.groups[group] ?? "", role: .header))
            for binding in members {
                lines.append(DetailLine("  " + DisplayWidth.fit(binding.keyLabel, to: keyWidth) + "  "
                                        + state.strings.description(of: binding.command, on: state.screen), indent: keyWidth + 4))
            }
        }
        lines.append(DetailLine(state.strings.helpCommands, role: .accent))
        return lines
    }

    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        let width = min(buffer.width - 4, 72)
        let content = DetailView.wrapped(lines(state), width: width - 4)
        let height = min(buffer.height - 2, content.count + 2)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect)
        buffer.box(rect, title: state.strings.help + "  (Esc)", glyphs: glyphs, role: .borderFocused)
        DetailView.draw(into: &buffer, Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2),
                        lines: content, offset: 0, empty: "")
    }
}
