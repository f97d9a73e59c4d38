/// The whole screen as cells. Views draw into a buffer; the terminal backend shows it. Writing
/// never leaves half a wide character: one that would start in the last column is not drawn,
/// and overwriting either half of one clears both. A grapheme of several scalars (an emoji
/// sequence, a letter with its accents) lives in one cell, so it is drawn and cleared whole.
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// The glyph table of the screen: its ellipsis cuts text, and with an ASCII table text is
    /// written with ASCII stand-ins for ambiguous-width symbols.
    public let glyphs: Glyphs
    private var cells: [ScreenCell]

    public init(width: Int, height: Int, glyphs: Glyphs) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> ScreenCell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Writes `text` from (`x`, `y`), within `maxWidth` columns (default: to the right edge),
    /// cut with `ellipsis` (default: the glyph table's) when too long. Control characters are
    /// shown as spaces; a mark with nothing to combine with is left out. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: StyleRole = .normal,
                               ellipsis: String? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? width - x, width - x)
        guard limit > 0 else { return 0 }
        let wide = glyphs.ambiguousIsWide
        let shown = DisplayWidth.truncate(glyphs.textForTerminal(text), to: limit,
                                          ellipsis: glyphs.textForTerminal(ellipsis ?? glyphs.ellipsis), ambiguousIsWide: wide)
        var column = x
        for character in shown {
            var grapheme = String(character)
            var columns = DisplayWidth.of(character, ambiguousIsWide: wide)
            if character.unicodeScalars.first.map({ $0.value < 0x20 || $0.value == 0x7F }) ?? false {
                grapheme = " "
                columns = 1
            }
            if columns == 0 { continue }
            if column + columns > x + limit { break }
            if column >= 0 { set(grapheme, columns: columns, x: column, y: y, role: role) }
            column += columns
        }
        return column - x
    }

    /// Fills `rect` with spaces of `role`.
    public mutating func fill(_ rect: Rect, role: StyleRole = .normal) {
        for row in rows(of: rect) {
            for column in columns(of: rect) { set(" ", columns: 1, x: column, y: row, role: role) }
        }
    }

    /// The rows and columns of `rect` that lie on the screen (empty, never an invalid range).
    private func rows(of rect: Rect) -> Range<Int> { max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) }
    private func columns(of rect: Rect) -> Range<Int> { max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX)) }

    /// Gives every cell in `rect` the role `role`, keeping its text (to highlight a row).
    public mutating func paint(_ rect: Rect, role: StyleRole) {
        for row in rows(of: rect) {
            for column in columns(of: rect) { cells[row * width + column].role = role }
        }
    }

    /// A frame around `rect`, with `title` in its top edge.
    public mutating func box(_ rect: Rect, title: String = "", glyphs: Glyphs, role: StyleRole = .border, titleRole: StyleRole = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let inner = rect.width - 2
        write(glyphs.topLeft + String(repeating: glyphs.horizontal, count: inner) + glyphs.topRight, x: rect.x, y: rect.y, role: role)
        write(glyphs.bottomLeft + String(repeating: glyphs.horizontal, count: inner) + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, role: role)
        for row in rect.y + 1..<rect.maxY - 1 {
            write(glyphs.vertical, x: rect.x, y: row, role: role)
            write(glyphs.vertical, x: rect.maxX - 1, y: row, role: role)
        }
        if !title.isEmpty && inner > 4 {
            write(" " + title + " ", x: rect.x + 2, y: rect.y, maxWidth: inner - 2, role: titleRole, ellipsis: glyphs.ellipsis)
        }
    }

    /// The screen as text lines, wide characters once, trailing spaces removed: what a person
    /// sees, for golden files and for comparing with a real terminal.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where !cells[row * width + column].isContinuation { line += cells[row * width + column].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }

    /// Rows of cells with their roles, for a backend to draw: continuation cells are left out.
    public func row(_ y: Int) -> ArraySlice<ScreenCell> {
        guard y >= 0, y < height else { return [] }
        return cells[y * width..<(y + 1) * width]
    }

    private mutating func set(_ text: String, columns: Int, x: Int, y: Int, role: StyleRole) {
        guard x >= 0, x + columns <= width else {
            // A wide character cannot start in the last column: leave a space instead.
            if x >= 0 && x < width { set(" ", columns: 1, x: x, y: y, role: role) }
            return
        }
        for column in x..<x + columns { clearWideCharacter(at: column, y: y) }
        cells[y * width + x] = ScreenCell(text: text, role: role)
        if columns == 2 { cells[y * width + x + 1] = ScreenCell(text: "", role: role, isContinuation: true) }
    }

    /// Before a cell is overwritten, turns any wide character it is half of into spaces.
    private mutating func clearWideCharacter(at x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = ScreenCell(text: " ", role: cells[index - 1].role)
            cells[index] = ScreenCell(text: " ", role: cells[index].role)
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = ScreenCell(text: " ", role: cells[index + 1].role)
        }
    }
}
