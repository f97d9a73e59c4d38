import TerminalUI

/// A read-only box of lines over the screen (a record's history, the accounts): its keys and its drawing.
enum Overlay {
    /// `j`/`k` and the arrows scroll; `Esc`, `q` and `Enter` close. False when the key closes it.
    static func scroll(_ offset: inout Int, _ key: Key) -> Bool {
        switch key {
        case .escape, .character("q"), .enter: return false
        case .down, .character("j"): offset += 1
        case .up, .character("k"): offset = max(0, offset - 1)
        default: break
        }
        return true
    }

    /// The lines wrapped into a centred box as wide as `maxWidth` allows, scrolled to `offset`.
    static func draw(into buffer: inout Buffer, title: String, lines: [DetailLine], offset: Int, maxWidth: Int, glyphs: Glyphs) {
        let width = min(buffer.width - 4, maxWidth)
        let content = DetailView.wrapped(lines, width: width - 4)
        let height = min(buffer.height - 2, content.count + 2)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect)
        buffer.box(rect, title: title + "  (Esc)", glyphs: glyphs, role: .borderFocused)
        DetailView.draw(into: &buffer, Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2),
                        lines: content, offset: min(offset, max(0, content.count - (rect.height - 2))), selectedItem: nil, empty: "")
    }
}
