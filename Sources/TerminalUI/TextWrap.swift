/// Breaks text into lines by display width. Chinese has no spaces between words, so a line may
/// break after any character, though never so that it starts with closing punctuation (the
/// character before comes down with it). Latin text breaks at spaces, which the break swallows.
/// Each paragraph (`\n`) starts a new line.
public enum TextWrap {
    /// Marks that must not begin a line (行首禁则).
    static let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "”", "’", "》", "…", ",", ".", ";", ":", "?", "!", ")"]

    /// Lines of at most `width` columns, the second and later of at most `continuation` (for a hanging indent).
    public static func lines(_ text: String, width: Int, continuation: Int? = nil) -> [String] {
        let rest = max(1, continuation ?? width)
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line: [Character] = []
            var used = 0
            var limit = result.isEmpty ? width : rest
            func emit() {
                result.append(String(line))
                line = []
                used = 0
                limit = rest
            }
            for character in paragraph {
                let columns = DisplayWidth.of(character)
                if used + columns > limit && !line.isEmpty {
                    if character == " " {
                        emit()
                        continue
                    }
                    if character.isASCII, line.last?.isASCII == true, let space = line.lastIndex(of: " "), space > 0 {
                        let carried = Array(line[(space + 1)...])
                        line = Array(line[..<space])
                        emit()
                        line = carried
                        used = DisplayWidth.of(String(carried))
                    } else if let start = carryStart(line, before: character), start > 0,
                              DisplayWidth.of(String(line[start...])) + columns <= rest {
                        // The closing mark takes the character before it along, and a number
                        // (`12栋`, `3单元`) stays with the word it counts.
                        let carried = Array(line[start...])
                        line = Array(line[..<start])
                        emit()
                        line = carried
                        used = DisplayWidth.of(String(carried))
                    } else {
                        emit()
                    }
                }
                if line.isEmpty && character == " " && !result.isEmpty { continue }
                line.append(character)
                used += columns
            }
            result.append(String(line))
        }
        return result
    }

    /// Where the part of a full line that must move down with `next` starts, nil when nothing must.
    private static func carryStart(_ line: [Character], before next: Character) -> Int? {
        var start = line.count
        if noLineStart.contains(next) { start -= 1 }
        while start > 0, line[start - 1].isASCII, line[start - 1].isLetter || line[start - 1].isNumber { start -= 1 }
        return start < line.count ? start : nil
    }
}
