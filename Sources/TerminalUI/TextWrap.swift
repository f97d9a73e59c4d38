/// Breaks text into lines of at most `width` columns. Chinese has no spaces between words, so a
/// line may break after any character; Latin text breaks at the last space when there is one.
public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", used = 0
            for character in paragraph {
                let columns = DisplayWidth.of(character)
                if used + columns > width {
                    if let space = line.lastIndex(of: " "), character.isASCII, line.last?.isASCII == true, space != line.startIndex {
                        result.append(String(line[..<space]))
                        line = String(line[line.index(after: space)...])
                    } else {
                        result.append(line)
                        line = ""
                    }
                    used = DisplayWidth.of(line)
                }
                line.append(character)
                used += columns
            }
            result.append(line)
        }
        return result
    }
}
