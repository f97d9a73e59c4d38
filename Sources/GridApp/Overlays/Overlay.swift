import TerminalUI

/// A read-only box of lines over the screen (a record's history, the accounts): its keys and its drawing.
enum Overlay {
    /// Where the box stands at a screen size, and its lines wrapped to fit.
    struct Geometry {
        let rect: Rect
        let content: [DetailLine]
        /// Lines of the box's inside.
        var visibleRows: Int { max(1, rect.height - 2) }
        var maxOffset: Int { max(0, content.count - visibleRows) }
    }

    /// The lines wrapped into a centred box as wide as `maxWidth` allows on a `width`×`height` screen.
    static func geometry(lines: [DetailLine], width: Int, height: Int, maxWidth: Int) -> Geometry {
        let boxWidth = min(width - 4, maxWidth)
        let content = DetailView.wrapped(lines, width: boxWidth - 4)
        let boxHeight = min(height - 2, content.count + 2)
        return Geometry(rect: Rect(x: (width - boxWidth) / 2, y: (height - boxHeight) / 2, width: boxWidth, height: boxHeight), content: content)
    }

    /// `j`/`k` and the arrows scroll; within a known `geometry`, also a page (`PgDn` `PgUp`,
    /// `Ctrl-F` `Ctrl-B`, `Space`) and to the ends (`g` `G`, `Home` `End`), never past the last
    /// line. `Esc`, `q` and `Enter` close. False when the key closes it.
    static func scroll(_ offset: inout Int, _ key: Key, within geometry: Geometry? = nil) -> Bool {
        let page = max(1, (geometry?.visibleRows ?? 2) - 1)
        switch key {
        case .escape, .character("q"), .enter: return false
        case .down, .character("j"): offset += 1
        case .up, .character("k"): offset = max(0, offset - 1)
        case .pageDown, .control("f"), .character(" "): if geometry != nil { offset += page }
        case .pageUp, .control("b"): if geometry != nil { offset = max(0, offset - page) }
        case .home, .character("g"): if geometry != nil { offset = 0 }
        case .end, .character("G"): if let geometry { offset = geometry.maxOffset }
        default: break
        }
        if let geometry { offset = min(offset, geometry.maxOffset) }
        return true
    }

    /// The lines wrapped into a centred box as wide as `maxWidth` allows, scrolled to `offset`;
    /// when they do not all fit, the bottom border says which show.
    static func draw(into buffer: inout Buffer, title: String, lines: [DetailLine], offset: Int, maxWidth: Int, glyphs: Glyphs,
                     position: ((Int, Int, Int) -> String)? = nil) {
        let geometry = geometry(lines: lines, width: buffer.width, height: buffer.height, maxWidth: maxWidth)
        let rect = geometry.rect
        let shown = min(offset, geometry.maxOffset)
        buffer.fill(rect)
        buffer.box(rect, title: title + "  (Esc)", glyphs: glyphs, role: .borderFocused)
        DetailView.draw(into: &buffer, Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2),
                        lines: geometry.content, offset: shown, selectedItem: nil, empty: "")
        if let position, geometry.maxOffset > 0 {
            let text = " " + position(shown + 1, min(geometry.content.count, shown + geometry.visibleRows), geometry.content.count) + " "
            buffer.write(text, x: rect.x + 2, y: rect.maxY - 1, maxWidth: rect.width - 4, role: .accent, ellipsis: glyphs.ellipsis)
        }
    }
}
