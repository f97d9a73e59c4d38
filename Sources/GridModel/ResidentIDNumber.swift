/// A resident ID number (公民身份号码) under GB 11643: a 6-digit area code, an 8-digit birth date,
/// a 3-digit sequence (odd for men, even for women) and a check character.
public struct ResidentIDNumber: Hashable, Sendable {
    public let text: String
    public let birthDate: Day
    public let gender: Gender

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Parses and checks a number; a lower-case x is accepted and stored upper-case.
    /// The failure says what is wrong without repeating the number.
    public static func parse(_ raw: String) throws(RuleViolation) -> ResidentIDNumber {
        if let parsed = try parseASCII(raw) { return parsed }
        let text = raw.uppercased()
        let characters = Array(text)
        guard characters.count == 18,
              characters[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }),
              characters[17] == "X" || (characters[17].isASCII && characters[17].isNumber)
        else { throw RuleViolation("idNumber", .idNumberFormat) }
        let digits = characters[0..<17].compactMap { $0.wholeNumberValue }
        // Province codes run from 11 (Beijing) to 82 (Macao); nothing starts with 0 or 9.
        guard let province = Int(String(characters[0..<2])), (11...82).contains(province) else {
            throw RuleViolation("idNumber", .idNumberArea)
        }
        guard let birth = Day(year: digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9],
                              month: digits[10] * 10 + digits[11],
                              day: digits[12] * 10 + digits[13]),
              birth.year >= 1880 else { throw RuleViolation("idNumber", .idNumberBirthDate) }
        guard characters[17] == checkCharacter(for: digits) else { throw RuleViolation("idNumber", .idNumberCheckCharacter) }
        return ResidentIDNumber(text: text, birthDate: birth, gender: digits[16] % 2 == 1 ? .male : .female)
    }

    /// `parse` for the usual number, 18 ASCII bytes, on the bytes (a district checks a few hundred
    /// thousand at every cold start); nil for any other text, which `parse` reads the long way.
    private static func parseASCII(_ raw: String) throws(RuleViolation) -> ResidentIDNumber? {
        let utf8 = raw.utf8
        guard utf8.count == 18, utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(17)
        var last: UInt8 = 0
        for (index, byte) in utf8.enumerated() {
            if index == 17 {
                last = byte
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(Int(byte - UInt8(ascii: "0")))
            } else {
                throw RuleViolation("idNumber", .idNumberFormat)
            }
        }
        // Upper-cased as `parse` does: only a final x changes, any other letter fails.
        if last == UInt8(ascii: "x") { last = UInt8(ascii: "X") }
        guard last == UInt8(ascii: "X") || (last >= UInt8(ascii: "0") && last <= UInt8(ascii: "9")) else {
            throw RuleViolation("idNumber", .idNumberFormat)
        }
        guard (11...82).contains(digits[0] * 10 + digits[1]) else { throw RuleViolation("idNumber", .idNumberArea) }
        guard let birth = Day(year: digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9],
                              month: digits[10] * 10 + digits[11],
                              day: digits[12] * 10 + digits[13]),
              birth.year >= 1880 else { throw RuleViolation("idNumber", .idNumberBirthDate) }
        guard Character(Unicode.Scalar(last)) == checkCharacter(for: digits) else { throw RuleViolation("idNumber", .idNumberCheckCharacter) }
        let text = last == UInt8(ascii: "X") && utf8.last == UInt8(ascii: "x") ? String(raw.dropLast()) + "X" : raw
        return ResidentIDNumber(text: text, birthDate: birth, gender: digits[16] % 2 == 1 ? .male : .female)
    }

    /// The check character for the first 17 digits.
    public static func checkCharacter(for digits: [Int]) -> Character {
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Shown everywhere by default: the area prefix and the last four characters only.
    public static func masked(_ text: String) -> String {
        guard text.count == 18 else { return String(repeating: "*", count: text.count) }
        return String(text.prefix(4)) + String(repeating: "*", count: 10) + String(text.suffix(4))
    }
}
