/// Keeps ID and phone numbers out of messages that quote file contents.
enum PersonalData {
    /// Replaces every run of seven or more digits (with a trailing X, as ID numbers end) by `***`.
    static func redacted(_ text: String) -> String {
        var result = ""
        var run = ""
        func flush() {
            result += run.count >= 7 ? "***" : run
            run = ""
        }
        for character in text {
            if character.isASCII && (character.isNumber || (character == "X" || character == "x") && run.count >= 7) {
                run.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}
