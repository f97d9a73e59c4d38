/// A piece of one buffer row for a backend to draw: text from `column`, `width` columns, all in
/// `role`. A backend such as curses places text by its own width table (libc's `wcwidth`), scalar
/// by scalar, which splits an emoji sequence into several wide characters and gives `❤️` one
/// column; everything after such a grapheme would shift. So a grapheme the backend measures
/// differently from the buffer becomes a direct run of its own: the backend draws blanks of the
/// buffer's width there, and the grapheme is written straight to the terminal at its column.
public struct RowRun: Hashable, Sendable {
    public let column: Int
    public private(set) var text: String
    public private(set) var width: Int
    public let role: StyleRole
    public let isDirect: Bool

    public init(column: Int, text: String, width: Int, role: StyleRole, isDirect: Bool) {
        self.column = column
        self.text = text
        self.width = width
        self.role = role
        self.isDirect = isDirect
    }

    /// The runs of row `y`, covering every column of it. `backendWidth` gives the columns the
    /// backend would give a grapheme drawn as one cell, or nil when it would not draw it as one.
    public static func runs(of buffer: Buffer, row y: Int, backendWidth: (String) -> Int?) -> [RowRun] {
        var runs: [RowRun] = []
        for column in 0..<buffer.width where !buffer[column, y].isContinuation {
            let cell = buffer[column, y]
            let width = column + 1 < buffer.width && buffer[column + 1, y].isContinuation ? 2 : 1
            if backendWidth(cell.text) != width {
                runs.append(RowRun(column: column, text: cell.text, width: width, role: cell.role, isDirect: true))
            } else if let last = runs.last, !last.isDirect, last.role == cell.role, last.column + last.width == column {
                runs[runs.count - 1].text += cell.text
                runs[runs.count - 1].width += width
            } else {
                runs.append(RowRun(column: column, text: cell.text, width: width, role: cell.role, isDirect: false))
            }
        }
        return runs
    }
}
