import TerminalUI

/// `?`: every binding of the keymap that works on this screen, by group, then the keys of every
/// other mode (forms, filter, command line, lock, panels). It scrolls when it does not fit, and
/// says which lines show.
enum HelpOverlay {
    static func lines(_ state: AppState) -> [DetailLine] {
        let bindings = state.keymap.bindings.filter { $0.screens?.contains(state.screen) ?? true }
        let modes = state.strings.helpModes
        let keyWidth = min(12, (bindings.map { DisplayWidth.of($0.keyLabel) } + modes.flatMap { $0.keys.map { DisplayWidth.of($0.key) } }).max() ?? 0)
        func line(_ key: String, _ does: String) -> DetailLine {
            DetailLine("  " + DisplayWidth.padded(key, to: keyWidth) + "  " + does, indent: keyWidth + 4)
        }
        var lines: [DetailLine] = []
        for group in KeyBinding.Group.allCases {
            let members = bindings.filter { $0.group == group }
            guard !members.isEmpty else { continue }
            lines.append(DetailLine(state.strings.groups[group] ?? "", role: .header))
            for binding in members { lines.append(line(binding.keyLabel, state.strings.description(of: binding.command, on: state.screen))) }
        }
        for mode in modes {
            lines.append(DetailLine(mode.title, role: .header))
            for key in mode.keys { lines.append(line(key.key, key.does)) }
        }
        return lines
    }

    /// The box and its wrapped lines at the state's size: two columns on a wide screen where
    /// they fit without scrolling, else one column that scrolls.
    struct Layout {
        let rect: Rect
        let columns: [[DetailLine]]
        /// Lines of the box's inside.
        var visibleRows: Int { max(1, rect.height - 2) }
        var total: Int { columns.map(\.count).max() ?? 0 }
        var maxOffset: Int { max(0, total - visibleRows) }
    }

    static func layout(_ state: AppState) -> Layout {
        let width = max(8, min(state.width - 4, 96))
        let all = lines(state)
        var columns = [DetailView.wrapped(all, width: width - 4)]
        let tallest = state.height - 4
        if columns[0].count > tallest, width >= 80 {
            let headers = all.indices.filter { all[$0].role == .header }
            let split = headers.min { abs($0 - all.count / 2) < abs($1 - all.count / 2) } ?? all.count / 2
            let half = (width - 5) / 2
            let two = [DetailView.wrapped(Array(all[..<split]), width: half), DetailView.wrapped(Array(all[split...]), width: half)]
            if (two.map(\.count).max() ?? 0) <= tallest { columns = two }
        }
        let height = max(3, min(state.height - 2, (columns.map(\.count).max() ?? 0) + 2))
        return Layout(rect: Rect(x: (state.width - width) / 2, y: (state.height - height) / 2, width: width, height: height), columns: columns)
    }

    /// Scrolls with j/k and the arrows, a page with PgDn/PgUp (Ctrl-F/Ctrl-B), to the ends with
    /// g/G (Home/End). False when the key closes help.
    static func scroll(_ state: inout AppState, _ key: Key) -> Bool {
        let layout = layout(state)
        let page = max(1, layout.visibleRows - 1)
        var offset = state.helpOffset
        switch key {
        case .escape, .character("?"), .character("q"), .enter: return false
        case .down, .character("j"): offset += 1
        case .up, .character("k"): offset -= 1
        case .pageDown, .control("f"), .character(" "): offset += page
        case .pageUp, .control("b"): offset -= page
        case .home, .character("g"): offset = 0
        case .end, .character("G"): offset = layout.maxOffset
        default: break
        }
        state.helpOffset = min(max(0, offset), layout.maxOffset)
        return true
    }

    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        let layout = layout(state)
        let rect = layout.rect
        let offset = min(state.helpOffset, layout.maxOffset)
        buffer.fill(rect)
        buffer.box(rect, title: state.strings.help + "  (Esc)", glyphs: glyphs, role: .borderFocused)
        let columnWidth = layout.columns.count == 1 ? rect.width - 4 : (rect.width - 5) / 2
        for (index, content) in layout.columns.enumerated() {
            DetailView.draw(into: &buffer, Rect(x: rect.x + 2 + index * (columnWidth + 1), y: rect.y + 1, width: columnWidth, height: rect.height - 2),
                            lines: content, offset: offset, selectedItem: nil, empty: "")
        }
        if layout.maxOffset > 0 {
            // On the bottom border: which lines show, so it is plain there is more.
            let position = " " + state.strings.helpPosition(offset + 1, min(layout.total, offset + layout.visibleRows), layout.total) + " "
            buffer.write(position, x: rect.x + 2, y: rect.maxY - 1, maxWidth: rect.width - 4, role: .accent, ellipsis: glyphs.ellipsis)
        }
    }
}
