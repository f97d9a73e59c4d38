/// Pinyin for Chinese text, so a search for `wxm` or `wangxiaoming` finds 王小明.
///
/// Readings come from Unihan's kMandarin field (see `scripts/generate-pinyin.py`): one reading
/// per character, the most common, without tones; a name's first character is read as a surname.
public enum Pinyin {
    private static let readings: [Character: String] = parse(PinyinTable.readings) { line in
        guard let colon = line.firstIndex(of: ":") else { return [] }
        let syllable = String(line[..<colon])
        return line[line.index(after: colon)...].map { ($0, syllable) }
    }

    private static let surnames: [Character: String] = parse(PinyinTable.surnames) { line in
        guard let character = line.first, let colon = line.firstIndex(of: ":") else { return [] }
        return [(character, String(line[line.index(after: colon)...]))]
    }

    private static func parse(_ table: String, _ entries: (Substring) -> [(Character, String)]) -> [Character: String] {
        var result: [Character: String] = [:]
        for line in table.split(separator: "\n") {
            for (character, reading) in entries(line) where result[character] == nil { result[character] = reading }
        }
        return result
    }

    /// The reading of one character, nil when it is not a Chinese character on file.
    public static func reading(of character: Character, asSurname: Bool = false) -> String? {
        if asSurname, let surname = surnames[character] { return surname }
        return readings[character]
    }

    /// Full pinyin and initials of `text` (`wangxiaoming wxm`), empty when it has no Chinese.
    /// Other characters (digits, letters) stay as they are in both.
    public static func spellings(of text: String, isName: Bool = false) -> String {
        var full = "", initials = "", foundChinese = false
        for (index, character) in text.enumerated() {
            if let reading = reading(of: character, asSurname: isName && index == 0) {
                foundChinese = true
                full += reading
                initials.append(reading.first ?? character)
            } else if character.isWhitespace {
                full += " "
                initials += " "
            } else {
                full += character.lowercased()
                initials += character.lowercased()
            }
        }
        return foundChinese ? full + " " + initials : ""
    }

    /// `text` lower-cased with its pinyin after it: what a search looks through.
    public static func searchText(_ text: String, isName: Bool = false) -> String {
        let spelled = spellings(of: text, isName: isName)
        return spelled.isEmpty ? text.lowercased() : text.lowercased() + " " + spelled
    }
}
