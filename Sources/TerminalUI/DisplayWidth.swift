/// How many terminal columns text takes, measured per grapheme (what a person sees as one
/// character): 2 for East Asian wide and fullwidth characters and emoji, 0 for marks that
/// combine with what precedes them, 1 otherwise. Counting `Character`s or scalars gets
/// Chinese text wrong; libc's `wcwidth` depends on the locale, which tests do not set.
public enum DisplayWidth {
    /// `ambiguousIsWide`: the terminal draws East Asian ambiguous characters double.
    public static func of(_ text: some StringProtocol, ambiguousIsWide: Bool = false) -> Int {
        text.reduce(0) { $0 + of($1, ambiguousIsWide: ambiguousIsWide) }
    }

    /// A grapheme with no base of its own (a lone combining mark, VS16 or ZWJ, as left at the
    /// start of a text) takes no column: drawn alone it would be garbage, so it is not drawn.
    public static func of(_ character: Character, ambiguousIsWide: Bool = false) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
        if isZeroWidth(first) { return 0 }
        // An emoji sequence (VS16, ZWJ, a flag's pair, a skin tone) is one wide picture.
        if scalars.contains(where: { $0.value == 0xFE0F }) || first.properties.isEmojiPresentation { return 2 }
        if isWide(first.value) { return 2 }
        if ambiguousIsWide && AmbiguousWidth.contains(first) { return 2 }
        return 1
    }

    /// Marks, joiners and selectors that only modify the character before them.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.properties.isVariationSelector || (0x1160...0x11FF).contains(scalar.value)
        }
    }

    /// East Asian Width W and F (Unicode 15), the ranges that occur in practice.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
             0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
             0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
             0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
             0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `text` that fits in `width` columns, ending in `ellipsis` when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String, ambiguousIsWide: Bool = false) -> String {
        guard width > 0 else { return "" }
        if of(text, ambiguousIsWide: ambiguousIsWide) <= width { return text }
        let room = width - of(ellipsis, ambiguousIsWide: ambiguousIsWide)
        guard room >= 0 else { return String(repeating: ".", count: width) }
        var result = "", used = 0
        for character in text {
            let columns = of(character, ambiguousIsWide: ambiguousIsWide)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, ellipsis: String) -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }

    /// `text` padded with spaces to at least `width` columns, never cut: for lining up columns
    /// whose width was measured as the widest of them.
    public static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }
}
