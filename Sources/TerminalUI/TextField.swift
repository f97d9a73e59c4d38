/// An editable line of text. The cursor moves by grapheme, so Backspace and Delete remove whole
/// characters (a Chinese character, an emoji sequence); what an input method or a paste sends
/// arrives as several characters in a row and is inserted as it comes.
public struct TextField: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Index into `characters`: the cursor stands before this character.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func insert(_ text: String) {
        let inserted = Array(text).filter { !($0.isNewline || $0.unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F }) }
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func delete() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    /// What fits in `width` columns with the cursor in view, and the column the cursor stands at:
    /// the display width of the text before it, not its character count.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        var start = 0
        // Scroll right until the text up to the cursor, plus the cursor itself, fits.
        while DisplayWidth.of(String(characters[start..<cursor])) > width - 1 { start += 1 }
        var shown = "", used = 0
        for character in characters[start...] {
            let columns = DisplayWidth.of(character)
            if used + columns > width { break }
            shown.append(character)
            used += columns
        }
        return (shown, DisplayWidth.of(String(characters[start..<cursor])))
    }
}
