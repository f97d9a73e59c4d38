import TerminalUI

/// The detail pane: the selected record's lines, wrapped to the pane and scrolled.
enum DetailView {
    /// Lines wrapped to `width`; continuation lines keep the line's indent.
    static func wrapped(_ lines: [DetailLine], width: Int) -> [DetailLine] {
        guard width > 0 else { return [] }
        return lines.flatMap { line -> [DetailLine] in
            let indent = min(line.indent, width / 2)
            let pieces = TextWrap.lines(line.text, width: width, continuation: width - indent)
            guard let first = pieces.first else { return [line] }
            return [DetailLine(first, role: line.role, item: line.item)]
                + pieces.dropFirst().map { DetailLine(String(repeating: " ", count: indent) + $0, role: line.role, item: line.item) }
        }
    }

    /// Lines of `selectedItem` (the resident or finding picked) are drawn highlighted.
    static func draw(into buffer: inout Buffer, _ rect: Rect, lines: [DetailLine], offset: Int, selectedItem: Int?, empty: String) {
        let wrapped = wrapped(lines, width: rect.width)
        if wrapped.isEmpty {
            buffer.write(empty, x: rect.x, y: rect.y, maxWidth: rect.width, role: .dim)
            return
        }
        for (row, line) in wrapped.dropFirst(offset).prefix(rect.height).enumerated() {
            let picked = selectedItem != nil && line.item == selectedItem
            if picked { buffer.fill(Rect(x: rect.x, y: rect.y + row, width: rect.width, height: 1), role: .selected) }
            buffer.write(line.text, x: rect.x, y: rect.y + row, maxWidth: rect.width, role: picked ? .selected : line.role)
        }
    }
}
