/// A column of a list: a title and a width, or the rest of the row when `width` is nil.
public struct ListColumn: Hashable, Sendable {
    public let title: String
    public let width: Int?

    public init(_ title: String, width: Int? = nil) {
        self.title = title
        self.width = width
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
        draw(columns.map(\.title), widths: widths, into: &buffer, x: rect.x + 2, y: rect.y, limit: rect.maxX, role: .header, glyphs: glyphs)
        for line in 0..<rect.height - 1 {
            let index = offset + line
            guard index < count else { break }
            let y = rect.y + 1 + line
            let isSelected = index == selection
            if isSelected {
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: focused ? .selected : .selectedInactive)
                buffer.write(glyphs.selection, x: rect.x, y: y, maxWidth: 1, role: focused ? .selected : .selectedInactive)
            }
            draw(row(index), widths: widths, into: &buffer, x: rect.x + 2, y: y, limit: rect.maxX,
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

    static func columnWidths(_ columns: [ListColumn], total: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        let fixed = columns.compactMap(\.width).reduce(0, +)
        let flexible = columns.filter { $0.width == nil }.count
        let rest = max(0, total - fixed - gaps)
        return columns.map { $0.width ?? (flexible > 0 ? rest / flexible : 0) }
    }

    /// Draws the cells of one row, never past `limit`: columns that do not fit are cut or left out.
    private static func draw(_ cells: [String], widths: [Int], into buffer: inout Buffer, x: Int, y: Int, limit: Int,
                             role: StyleRole, glyphs: Glyphs) {
        var column = x
        for (index, width) in widths.enumerated() where width > 0 {
            let room = min(width, limit - column)
            guard room > 0 else { break }
            let text = index < cells.count ? cells[index] : ""
            buffer.write(text, x: column, y: y, maxWidth: room, role: role, ellipsis: glyphs.ellipsis)
            column += width + 1
        }
    }
}
