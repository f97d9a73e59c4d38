/// An editable text: one line, or several when `allowsLineBreaks` (notes). The cursor moves by
/// grapheme, so Backspace and Delete remove whole characters (a Chinese character, an emoji
/// sequence); what an input method or a paste sends arrives as several characters in a row and
/// is inserted as it comes.
public struct TextField: Hashable, Sendable, Codable {
    public private(set) var characters: [Character]
    /// Index into `characters`: the cursor stands before this character.
    public private(set) var cursor: Int

    public let allowsLineBreaks: Bool

    public init(_ text: String = "", allowsLineBreaks: Bool = false) {
        self.allowsLineBreaks = allowsLineBreaks
        characters = Self.withoutLoneMarks(Array(text).filter { allowsLineBreaks || !$0.isNewline })
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Keys arrive one scalar at a time, so an emoji sequence, a flag or a letter with its accent
    /// comes in pieces: each piece joins the grapheme before the cursor, as the text itself would
    /// group them, and Backspace then takes the whole grapheme.
    public mutating func insert(_ text: String) {
        let inserted = Array(text).compactMap { character -> Character? in
            // A pasted line break (CR, LF or CRLF) is a line break in notes and nothing on a single line.
            if character.isNewline { return allowsLineBreaks ? "\n" : nil }
            return character.unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F } ? nil : character
        }
        guard !inserted.isEmpty else { return }
        let before = Array(String(characters[..<cursor]) + String(inserted))
        let after = characters[cursor...]
        let joined = Self.withoutLoneMarks(Array(String(before) + String(after)))
        characters = joined
        // The cursor stays after what was typed; where that merged with what follows, after the merged grapheme.
        cursor = min(Self.withoutLoneMarks(before).count, joined.count)
    }

    /// A combining mark, VS16 or ZWJ with no character before it to join draws as garbage: drop it.
    private static func withoutLoneMarks(_ characters: [Character]) -> [Character] {
        characters.filter { character in
            guard let first = character.unicodeScalars.first else { return false }
            return !DisplayWidth.isZeroWidth(first)
        }
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

    /// Notes as they show in a box `width` columns wide: each paragraph broken where the next
    /// character would not fit, and the row and column the cursor stands at.
    public func rows(width: Int) -> (rows: [String], cursorRow: Int, cursorColumn: Int) {
        let width = max(2, width)
        var rows: [String] = [""], used = 0
        var cursorRow = 0, cursorColumn = 0
        for (index, character) in characters.enumerated() {
            if index == cursor { (cursorRow, cursorColumn) = (rows.count - 1, used) }
            if character == "\n" {
                rows.append("")
                used = 0
                continue
            }
            let columns = DisplayWidth.of(character)
            if used + columns > width - 1 {
                rows.append("")
                used = 0
                if index == cursor { (cursorRow, cursorColumn) = (rows.count - 1, 0) }
            }
            rows[rows.count - 1].append(character)
            used += columns
        }
        if cursor == characters.count { (cursorRow, cursorColumn) = (rows.count - 1, used) }
        return (rows, cursorRow, cursorColumn)
    }
}

extension TextField {
    private enum CodingKeys: String, CodingKey { case text, cursor, allowsLineBreaks }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(String.self, forKey: .text),
                  allowsLineBreaks: try container.decodeIfPresent(Bool.self, forKey: .allowsLineBreaks) ?? false)
        cursor = min(max(0, try container.decodeIfPresent(Int.self, forKey: .cursor) ?? characters.count), characters.count)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(cursor, forKey: .cursor)
        try container.encode(allowsLineBreaks, forKey: .allowsLineBreaks)
    }
}
