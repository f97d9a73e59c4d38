/// A column of a list: a title and a width, or the rest of the row when `width` is nil.
///
/// On a narrow screen columns give way by `priority`: while the flexible column would be
/// narrower than `minWidth`, the fixed column of lowest priority is left out. A column that
/// `keepsEnd` is cut at its start (`…2栋 1单元 101`), where its text tells rows apart at the end.
public struct ListColumn: Hashable, Sendable {
    public let title: String
    public let width: Int?
    public let priority: Int
    public let minWidth: Int
    public let keepsEnd: Bool

    public init(_ title: String, width: Int? = nil, priority: Int = 0, minWidth: Int = 1, keepsEnd: Bool = false) {
        self.title = title
        self.width = width
        self.priority = priority
        self.minWidth = minWidth
        self.keepsEnd = keepsEnd
    }
}

/// Draws a scrolled window onto rows of cells: a header, then only the rows that fit, so a list
/// of 100,000 rows costs no more to draw than one of twenty.
public enum ListView {
    /// `row(index)` gives the cells of the row at `index` of `count` rows; `offset` is the first shown.
    public static func draw(into buffer: inout Buffer, _ rect: Rect, columns: [ListColumn], count: Int,
                            row: (Int) -> [String], rowRole: (Int) -> StyleRole = { _ in .normal },
                            selection: Int?, offset: Int, focused: Bool, glyphs: Glyphs) {
        guard rect.height >= 1, rect.width >= 4 else { return }
        let widths = columnWidths(columns, total: rect.width - 2)
        let keepsEnd = columns.map(\.keepsEnd)
        draw(columns.map(\.title), widths: widths, keepsEnd: [], into: &buffer, x: rect.x + 2, y: rect.y, limit: rect.maxX, role: .header, glyphs: glyphs)
        for line in 0..<rect.height - 1 {
            let index = offset + line
            guard index < count else { break }
            let y = rect.y + 1 + line
            let isSelected = index == selection
            if isSelected {
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: focused ? .selected : .selectedInactive)
                buffer.write(glyphs.selection, x: rect.x, y: y, maxWidth: 1, role: focused ? .selected : .selectedInactive)
            }
            draw(row(index), widths: widths, keepsEnd: keepsEnd, into: &buffer, x: rect.x + 2, y: y, limit: rect.maxX,
                 role: isSelected ? (focused ? .selected : .selectedInactive) : rowRole(index), glyphs: glyphs)
        }
    }

    /// The first row to show so that `selection` stays visible in `visibleRows`, moving as little as possible.
    public static func offset(keeping selection: Int, visibleRows: Int, previous: Int, count: Int) -> Int {
        guard visibleRows > 0, count > 0 else { return 0 }
        var offset = min(previous, max(0, count - visibleRows))
        if selection < offset { offset = selection }
        if selection >= offset + visibleRows { offset = selection - visibleRows + 1 }
        return max(0, offset)
    }

    /// Each column's width (0 for one left out) within `total` columns.
    static func columnWidths(_ columns: [ListColumn], total: Int) -> [Int] {
        var shown = Array(repeating: true, count: columns.count)
        while true {
            let kept = columns.indices.filter { shown[$0] }
            let gaps = max(0, kept.count - 1)
            let fixed = kept.compactMap { columns[$0].width }.reduce(0, +)
            let flexible = kept.filter { columns[$0].width == nil }
            let rest = max(0, total - fixed - gaps)
            let share = flexible.isEmpty ? 0 : rest / flexible.count
            let cramped = flexible.contains { share < columns[$0].minWidth }
            let droppable = kept.filter { columns[$0].width != nil && columns[$0].priority < (flexible.map { columns[$0].priority }.max() ?? 0) }
            guard cramped, let lowest = droppable.min(by: { columns[$0].priority < columns[$1].priority }) else {
                return columns.indices.map { shown[$0] ? columns[$0].width ?? share : 0 }
            }
            shown[lowest] = false
        }
    }

    /// `text` in at most `width` columns, cut at its start: `…1单元 101`. The cut never leaves a
    /// piece of a word or closing punctuation first.
    static func keepingEnd(_ text: String, width: Int, ellipsis: String) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        let room = width - DisplayWidth.of(ellipsis)
        guard room > 0 else { return DisplayWidth.truncate(text, to: width, ellipsis: ellipsis) }
        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let columns = DisplayWidth.of(character)
            if used + columns > room { break }
            kept.insert(character, at: 0)
            used += columns
        }
        // Whole words where there are spaces (`…1栋 1单元 101`, not `…园 1栋`).
        if let space = kept.firstIndex(of: " "), text.dropLast(kept.count).last != " " { kept.removeFirst(space) }
        while let first = kept.first, first == " " || TextWrap.noLineStart.contains(first) { kept.removeFirst() }
        return ellipsis + String(kept)
    }

    /// Draws the cells of one row, never past `limit`: columns that do not fit are cut or left out.
    private static func draw(_ cells: [String], widths: [Int], keepsEnd: [Bool], into buffer: inout Buffer, x: Int, y: Int, limit: Int,
                             role: StyleRole, glyphs: Glyphs) {
        var column = x
        for (index, width) in widths.enumerated() where width > 0 {
            let room = min(width, limit - column)
            guard room > 0 else { break }
            var text = index < cells.count ? cells[index] : ""
            if index < keepsEnd.count, keepsEnd[index] { text = keepingEnd(text, width: room, ellipsis: glyphs.ellipsis) }
            buffer.write(text, x: column, y: y, maxWidth: room, role: role, ellipsis: glyphs.ellipsis)
            column += width + 1
        }
    }
}
