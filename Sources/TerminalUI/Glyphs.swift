/// The characters borders and marks are drawn with. Nearly all of them are East Asian
/// "ambiguous width": a CJK terminal set to draw those double would misplace everything after
/// them, so every one has an ASCII fallback: views take the marks they draw from here, and text
/// (messages, key labels, data) gets the `asciiStandIn(for:)` when the table is the ASCII one.
public struct Glyphs: Hashable, Sendable {
    public let horizontal: String
    public let vertical: String
    public let topLeft: String
    public let topRight: String
    public let bottomLeft: String
    public let bottomRight: String
    public let ellipsis: String
    public let selection: String
    /// Either side of a choice in a form: ◀ 租住 ▶.
    public let arrowLeft: String
    public let arrowRight: String
    /// The text cursor at the end of a field.
    public let cursor: String
    /// Between two parts of a title: 居民 · 一网格.
    public let dot: String
    /// Text (names, notes, messages) is written with `asciiStandIn(for:)` for ambiguous-width symbols.
    public let replacesAmbiguousText: Bool
    /// The terminal draws ambiguous-width characters two columns wide, so those without a
    /// stand-in (Greek, Cyrillic, some accented letters) are counted as two.
    public let ambiguousIsWide: Bool

    public init(horizontal: String, vertical: String, topLeft: String, topRight: String, bottomLeft: String,
                bottomRight: String, ellipsis: String, selection: String, arrowLeft: String, arrowRight: String,
                cursor: String, dot: String, replacesAmbiguousText: Bool,
                ambiguousIsWide: Bool = false) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.ellipsis = ellipsis
        self.selection = selection
        self.arrowLeft = arrowLeft
        self.arrowRight = arrowRight
        self.cursor = cursor
        self.dot = dot
        self.replacesAmbiguousText = replacesAmbiguousText
        self.ambiguousIsWide = ambiguousIsWide
    }

    public static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
                                       bottomRight: "┘", ellipsis: "…", selection: "▶", arrowLeft: "◀", arrowRight: "▶",
                                       cursor: "▏", dot: "·", replacesAmbiguousText: false)
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
                                     bottomRight: "+", ellipsis: "~", selection: ">", arrowLeft: "<", arrowRight: ">",
                                     cursor: "_", dot: "-", replacesAmbiguousText: true)
    /// For a terminal that draws ambiguous-width characters double, whatever the theme asked for.
    public static let asciiForWideAmbiguous = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", ellipsis: "~",
        selection: ">", arrowLeft: "<", arrowRight: ">", cursor: "_", dot: "-",
        replacesAmbiguousText: true, ambiguousIsWide: true)

    /// The same glyphs for a terminal that draws ambiguous-width characters double: the ASCII set.
    public func forAmbiguousWidth(wide: Bool) -> Glyphs { wide ? .asciiForWideAmbiguous : self }

    /// `text` with every ambiguous-width symbol that has a stand-in replaced by it; the stand-ins
    /// are one column, as the symbols are on most terminals, so widths measured before stay right.
    public func textForTerminal(_ text: String) -> String {
        guard replacesAmbiguousText, text.unicodeScalars.contains(where: { $0.value >= 0xA0 }) else { return text }
        var result = ""
        for character in text {
            if AmbiguousWidth.contains(character), let scalar = character.unicodeScalars.first,
               let standIn = Self.asciiStandIn(for: scalar) {
                result.append(standIn)
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// An ASCII character for an ambiguous-width symbol: for the ones text and key labels use
    /// (arrows, quotes, dashes, dots, marks, box drawing); nil for letters, which keep their look.
    public static func asciiStandIn(for scalar: Unicode.Scalar) -> Character? {
        switch scalar.value {
        case 0x2190, 0x21D0, 0x25C0, 0x25C1, 0x25C4: return "<"
        case 0x2192, 0x21D2, 0x25B6, 0x25B7, 0x25BA: return ">"
        case 0x2191, 0x25B2, 0x25B3: return "^"
        case 0x2193, 0x25BC, 0x25BD: return "v"
        case 0x2194, 0x2195, 0x21D4: return "-"
        case 0x2018, 0x2019, 0x2032: return "'"
        case 0x201C, 0x201D, 0x2033: return "\""
        case 0x2010, 0x2013, 0x2014, 0x2015: return "-"
        case 0x2016: return "|"
        case 0x2025, 0x2026, 0x00B7, 0x2027: return "."
        case 0x2022, 0x203B, 0x2605, 0x2606, 0x25C6, 0x25C7, 0x25CF: return "*"
        case 0x25CB, 0x25CE, 0x25C9, 0x00B0: return "o"
        case 0x25A0, 0x25A1: return "#"
        case 0x00D7: return "x"
        case 0x00F7: return "/"
        case 0x00B1: return "+"
        case 0xFFFD: return "?"
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550: return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x258F, 0x2595: return "|"
        case 0x2500...0x257F: return "+"
        case 0x2580...0x259F: return "#"
        default: return nil
        }
    }
}
