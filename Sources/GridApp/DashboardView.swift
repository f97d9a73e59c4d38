import GridIndex
import GridModel
import TerminalUI

/// The whole screen as a pure function of the state: tabs, list, detail, actions, status line,
/// and the help overlay or the too-small notice.
public enum DashboardView {
    public static func render(_ state: AppState, glyphs: Glyphs) -> Buffer {
        if let lock = state.lock {
            return LockView.render(lock, areaName: state.data.areaName, language: state.language, width: state.width, height: state.height, glyphs: glyphs)
        }
        var buffer = Buffer(width: state.width, height: state.height, glyphs: glyphs)
        let layout = state.layout
        if layout.isTooSmall {
            tooSmall(&buffer, state)
            return buffer
        }
        header(&buffer, state, layout, glyphs)
        listPane(&buffer, state, layout, glyphs)
        detailPane(&buffer, state, layout, glyphs)
        actionPane(&buffer, state, layout, glyphs)
        statusLine(&buffer, state, layout)
        switch state.presentation {
        case .help?: HelpOverlay.draw(into: &buffer, state, glyphs: glyphs)
        // Someone else's version, when shown, stands in place of the form: it holds what was typed.
        case .form(_, conflict: let conflict?)?: FormView.drawConflict(conflict, into: &buffer, state, glyphs: glyphs)
        case .form(let form, _)?:
            FormView.draw(into: &buffer, state, glyphs: glyphs)
            if !form.namesakes.isEmpty { FormView.drawNamesakes(form.namesakes, into: &buffer, state, glyphs: glyphs) }
        case .history?: HistoryPanel.draw(into: &buffer, state, glyphs: glyphs)
        case .accounts?: AccountsPanel.draw(into: &buffer, state, glyphs: glyphs)
        case .passphrase?: PassphrasePrompt.draw(into: &buffer, state, glyphs: glyphs)
        case nil: break
        }
        return buffer
    }

    /// The program, the area and the screens' tabs. When the full tabs do not fit, the other tabs
    /// shorten to their digit and the current one stays whole; the area's name gives way last.
    private static func header(_ buffer: inout Buffer, _ state: AppState, _ layout: Layout, _ glyphs: Glyphs) {
        buffer.fill(layout.header, role: .tabInactive)
        var x = buffer.write(" gridwork ", x: 0, y: 0, role: .title)
        let full = ScreenID.allCases.map { " \($0.rawValue) " + state.strings.name(of: $0) + " " }
        let short = ScreenID.allCases.map { $0 == state.screen ? " \($0.rawValue) " + state.strings.name(of: $0) + " " : " \($0.rawValue) " }
        let area = state.data.areaName + " "
        let room = state.width - x
        let labels = DisplayWidth.of(area) + full.map { DisplayWidth.of($0) }.reduce(0, +) <= room ? full : short
        let tabsWidth = labels.map { DisplayWidth.of($0) }.reduce(0, +)
        let areaRoom = min(DisplayWidth.of(area), room - tabsWidth)
        if areaRoom > 2 { x += buffer.write(area, x: x, y: 0, maxWidth: areaRoom, role: .accent, ellipsis: glyphs.ellipsis) }
        for (screen, label) in zip(ScreenID.allCases, labels) {
            guard x + DisplayWidth.of(label) <= state.width else { break }
            x += buffer.write(label, x: x, y: 0, role: screen == state.screen ? .tabActive : .tabInactive)
        }
    }

    private static func listPane(_ buffer: inout Buffer, _ state: AppState, _ layout: Layout, _ glyphs: Glyphs) {
        let rect = layout.list
        if let search = state.folderSearch, state.mode == .filter {
            folderSearch(&buffer, search, state, rect, glyphs)
            return
        }
        let list = state.list
        var title = state.strings.name(of: state.screen)
        if state.isScoped(state.screen), let scope = state.scope {
            title += " " + glyphs.dot + " " + (state.data.grid(scope)?.name ?? scope.rawValue)
        }
        if state.screen == .todo {
            // The counts of what is shown, so a grid chosen or a filter typed counts too.
            let shown = TodoList(items: list.visible.compactMap { state.data.todo.items.indices.contains($0) ? state.data.todo.items[$0] : nil })
            title += " " + TodoStrings.forLanguage(state.language).counts(shown.visits, shown.cases, shown.followUps)
        }
        if !list.filter.isEmpty { title += " /" + list.filter }
        title += " " + state.strings.filterShown(list.visible.isEmpty ? 0 : list.selection + 1, list.visible.count)
        buffer.box(rect, title: title, glyphs: glyphs, role: state.focus == .list ? .borderFocused : .border)
        let inner = rect.inset(1)
        let rows = state.rows[state.screen] ?? []
        if list.visible.isEmpty {
            let empty = state.isLoading ? state.strings.loading : (rows.isEmpty ? state.strings.noRecords : state.strings.noMatches)
            buffer.write(empty, x: inner.x + 2, y: inner.y + 1, maxWidth: inner.width - 2, role: .dim)
            return
        }
        ListView.draw(into: &buffer, inner, columns: RowBuilder.columns(for: state.screen, state.language), count: list.visible.count,
                      row: { rows[list.visible[$0]].cells }, rowRole: { rows[list.visible[$0]].role },
                      selection: list.selection, offset: list.offset, focused: state.focus == .list, glyphs: glyphs)
    }

    /// The matches of `/` from every grid of a district, each with its grid's name.
    private static func folderSearch(_ buffer: inout Buffer, _ search: FolderSearch, _ state: AppState, _ rect: Rect, _ glyphs: Glyphs) {
        let strings = state.strings
        let title = strings.searchAllGrids + " /" + search.query + " "
            + strings.filterShown(search.hits.isEmpty ? 0 : search.selection + 1, search.hits.count)
        buffer.box(rect, title: title, glyphs: glyphs, role: .borderFocused)
        let inner = rect.inset(1)
        guard !search.hits.isEmpty else {
            let empty = search.query.isEmpty ? strings.folderSearchHint : search.isSearching ? strings.loading : strings.noMatches
            buffer.write(empty, x: inner.x + 2, y: inner.y + 1, maxWidth: inner.width - 2, role: .dim, ellipsis: glyphs.ellipsis)
            return
        }
        // The grid stays longest after the name: it is what a search of every grid adds. An
        // address keeps its end (the room); a case's title its start.
        let columns = [ListColumn("", width: 4, priority: 1), ListColumn("", width: 8, priority: 3), ListColumn("", width: 10, priority: 4),
                       ListColumn("", width: nil, priority: 2, minWidth: 6, keepsEnd: state.screen == .households)]
        let hits = search.hits
        ListView.draw(into: &buffer, inner, columns: columns, count: hits.count,
                      row: { index in
                          let hit = hits[index]
                          return [strings.hitKinds[hit.kind] ?? "", state.data.grid(hit.grid)?.name ?? hit.grid.rawValue, hit.title, hit.detail]
                      },
                      rowRole: { _ in .normal }, selection: search.selection, offset: search.offset, focused: true, glyphs: glyphs)
    }

    private static func detailPane(_ buffer: inout Buffer, _ state: AppState, _ layout: Layout, _ glyphs: Glyphs) {
        let rect = layout.detail
        buffer.box(rect, title: state.strings.details, glyphs: glyphs, role: state.focus == .detail ? .borderFocused : .border)
        DetailView.draw(into: &buffer, rect.inset(1), lines: state.detailLines, offset: state.detailOffset,
                        selectedItem: state.focus == .detail && state.detailItemCount > 0 ? state.detailItem : nil,
                        empty: state.isLoading ? state.strings.loading : "")
    }

    private static func actionPane(_ buffer: inout Buffer, _ state: AppState, _ layout: Layout, _ glyphs: Glyphs) {
        let rect = layout.actions
        buffer.box(rect, title: state.strings.actions, glyphs: glyphs, role: state.focus == .actions ? .borderFocused : .border)
        let inner = rect.inset(1)
        let keyWidth = min(8, state.actions.map { DisplayWidth.of($0.keyLabel) }.max() ?? 0)
        // More actions than rows: the list scrolls to keep the highlighted one in view.
        let actions = state.actions
        let first = state.focus == .actions ? max(0, min(state.actionSelection - inner.height + 1, actions.count - inner.height)) : 0
        for (row, binding) in actions.dropFirst(first).prefix(inner.height).enumerated() {
            let index = first + row
            let y = inner.y + row
            let selected = state.focus == .actions && index == state.actionSelection
            if selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selected) }
            buffer.write(binding.keyLabel, x: inner.x + 1, y: y, maxWidth: keyWidth, role: selected ? .selected : .key, ellipsis: glyphs.ellipsis)
            buffer.write(state.strings.description(of: binding.command, on: state.screen), x: inner.x + keyWidth + 2, y: y,
                         maxWidth: inner.width - keyWidth - 2, role: selected ? .selected : .normal, ellipsis: glyphs.ellipsis)
        }
    }

    private static func statusLine(_ buffer: inout Buffer, _ state: AppState, _ layout: Layout) {
        let y = layout.status.y
        switch state.mode {
        case .filter:
            buffer.fill(layout.status, role: .input)
            buffer.write("/" + (state.folderSearch?.query ?? state.list.filter) + buffer.glyphs.cursor, x: 0, y: y, role: .input)
        case .command(let text):
            buffer.fill(layout.status, role: .input)
            buffer.write(":" + text + buffer.glyphs.cursor, x: 0, y: y, role: .input)
        default:
            buffer.fill(layout.status, role: .statusBar)
            if let message = state.message {
                buffer.write(" " + message.text, x: 0, y: y, role: message.isError ? .danger : .statusBar)
            } else {
                buffer.write(" " + state.strings.hints, x: 0, y: y, role: .statusBar)
            }
        }
    }

    private static func tooSmall(_ buffer: inout Buffer, _ state: AppState) {
        let text = state.strings.tooSmall(Layout.minimumWidth, Layout.minimumHeight, state.width, state.height)
        let lines = TextWrap.lines(text, width: max(1, state.width))
        let top = max(0, (state.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (state.width - DisplayWidth.of(line)) / 2)
            buffer.write(line, x: x, y: top + index, role: .warning)
        }
    }
}
