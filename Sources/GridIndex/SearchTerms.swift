import GridModel

/// How text becomes the words of the search index, and a query a match expression.
///
/// Chinese names are short (most two or three characters), so Chinese text is indexed as single
/// characters plus every pair of neighbours (as Lucene's CJK bigram analyzer does): `王小明`
/// becomes `王 小 明 王小 小明`, and a query of one, two or three characters finds it. Letters and
/// digits are indexed as words; a number with leading zeros also without them (`00043`, `43`).
public enum SearchTerms {
    /// The index words of `text`, space-separated.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        for run in runs(text) {
            switch run {
            case .chinese(let characters):
                words += characters.map(String.init)
                words += zip(characters, characters.dropFirst()).map { String($0) + String($1) }
            case .word(let word):
                words.append(word)
                words += splitLettersAndDigits(word).filter { $0 != word }
                if let number = Int(word), String(number) != word { words.append(String(number)) }
            }
        }
        return words
    }

    /// The words of a person's name: its characters and pairs, and its pinyin, full and initials
    /// (`wangxiaoming wxm`), read with the first character as a surname.
    public static func nameWords(_ name: String) -> [String] {
        words(name) + Pinyin.spellings(of: name, isName: true).split(separator: " ").map { $0.lowercased() }
    }

    /// An FTS5 match expression for what was typed: every piece must match. Chinese pieces
    /// match by their pairs (or the single character), letters by prefix (`wan` finds `wang`),
    /// digits exactly. Nil when nothing searchable was typed.
    public static func matchExpression(_ query: String) -> String? {
        var parts: [String] = []
        for run in runs(query) {
            switch run {
            case .chinese(let characters) where characters.count == 1:
                parts.append(quoted(String(characters[0])))
            case .chinese(let characters):
                parts += zip(characters, characters.dropFirst()).map { quoted(String($0) + String($1)) }
            case .word(let word):
                parts.append(word.allSatisfy(\.isNumber) ? quoted(word) : quoted(word) + "*")
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    enum Run: Equatable {
        case chinese([Character])
        case word(String)
    }

    /// `text` cut into runs of Chinese characters and runs of letters and digits (lower-cased);
    /// anything else separates them.
    static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var chinese: [Character] = [], word = ""
        func flush() {
            if !chinese.isEmpty { runs.append(.chinese(chinese)) }
            if !word.isEmpty { runs.append(.word(word)) }
            chinese = []
            word = ""
        }
        for character in text {
            if isChinese(character) {
                if !word.isEmpty { flush() }
                chinese.append(character)
            } else if character.isLetter || character.isNumber {
                if !chinese.isEmpty { flush() }
                word += character.lowercased()
            } else {
                flush()
            }
        }
        flush()
        return runs
    }

    static func isChinese(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    private static func splitLettersAndDigits(_ word: String) -> [String] {
        var pieces: [String] = [], current = ""
        for character in word {
            if let last = current.last, last.isNumber != character.isNumber {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces.count > 1 ? pieces : []
    }

    /// A word as an FTS5 string (double quotes doubled).
    private static func quoted(_ word: String) -> String { "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
