import Foundation
import Testing
@testable import GridModel

/// Dates, ID numbers and blank text are read byte by byte now (issue 12: they were a third of a
/// cold start); each must say exactly what the string-based code it replaced said.
@Suite struct FastParsingTests {
    /// `Day(iso:)` as it was.
    static func oldDay(_ text: some StringProtocol) -> Day? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              // Digits only since 2026-12: `Int(_:)` also took a sign (`2026-+1-05`), which the schema refuses.
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// `ResidentIDNumber.parse` as it was.
    static func oldID(_ raw: String) -> Result<ResidentIDNumber, RuleViolation> {
        let text = raw.uppercased()
        let characters = Array(text)
        guard characters.count == 18,
              characters[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }),
              characters[17] == "X" || (characters[17].isASCII && characters[17].isNumber)
        else { return .failure(RuleViolation("idNumber", .idNumberFormat)) }
        let digits = characters[0..<17].compactMap { $0.wholeNumberValue }
        guard let province = Int(String(characters[0..<2])), (11...82).contains(province) else {
            return .failure(RuleViolation("idNumber", .idNumberArea))
        }
        guard let birth = Day(year: digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9],
                              month: digits[10] * 10 + digits[11], day: digits[12] * 10 + digits[13]),
              birth.year >= 1880 else { return .failure(RuleViolation("idNumber", .idNumberBirthDate)) }
        guard characters[17] == ResidentIDNumber.checkCharacter(for: digits) else { return .failure(RuleViolation("idNumber", .idNumberCheckCharacter)) }
        return .success(ResidentIDNumber(text: text, birthDate: birth, gender: digits[16] % 2 == 1 ? .male : .female))
    }

    static func newID(_ raw: String) -> Result<ResidentIDNumber, RuleViolation> {
        Result { () throws(RuleViolation) -> ResidentIDNumber in try ResidentIDNumber.parse(raw) }
    }

    /// Strings near the form: every one-character change of a few valid ones, and odd cases.
    static func variants(of samples: [String], alphabet: [String]) -> [String] {
        var found = Set(samples)
        for sample in samples {
            let characters = Array(sample)
            for index in characters.indices {
                for replacement in alphabet {
                    var changed = characters.map(String.init)
                    changed[index] = replacement
                    found.insert(changed.joined())
                }
                var shorter = characters
                shorter.remove(at: index)
                found.insert(String(shorter))
            }
            found.insert(sample + "0")
            found.insert(" " + sample)
        }
        return found.sorted()
    }

    @Test func daysParseAsBefore() {
        let alphabet = ["0", "1", "2", "9", "+", "-", " ", "a", "٣", "０", "\r\n", "é", ""]
        let samples = ["2026-11-22", "2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "1970-01-01", "+026-01-05", "2026-+1-05"]
        let texts = Self.variants(of: samples, alphabet: alphabet)
        #expect(texts.count > 500)
        var accepted = 0
        for text in texts {
            #expect(Day(iso: text) == Self.oldDay(text), "\(text.debugDescription)")
            #expect(Day(iso: text[...]) == Self.oldDay(text[...]))
            if Self.oldDay(text) != nil { accepted += 1 }
        }
        #expect(accepted > 50 && accepted < texts.count)
    }

    @Test func timestampsStartWithTheSameDays() throws {
        let day = try #require(Day(iso: "2026-11-22"))
        #expect(Day(iso: "2026-11-22T08:30:00+08:00".prefix(10)) == day)
        #expect(Day(iso: "2026-11-22T".prefix(11)) == nil)
    }

    @Test func idNumbersParseAsBefore() {
        let valid = ["11010519491231002X", "420399195003010017", "11010519491231002x", "820399200002290015", "110105188001010012"]
        let alphabet = ["0", "1", "5", "9", "x", "X", "a", "+", " ", "٣", "０", "é", "\r\n"]
        let texts = Self.variants(of: valid, alphabet: alphabet)
        #expect(texts.count > 1000)
        var outcomes = Set<String>()
        for text in texts {
            let old = Self.oldID(text)
            let new = Self.newID(text)
            #expect(old == new, "\(text.debugDescription)")
            switch old {
            case .success: outcomes.insert("valid")
            case .failure(let violation): outcomes.insert("\(violation.problem)")
            }
        }
        #expect(outcomes.count == 5, "valid and each of the four failures: \(outcomes)")
    }

    @Test func blankAndLongTextAsBefore() {
        let texts = ["", " ", "\t\n", "\u{3000}", "\u{00A0}", "\u{2028}", "\u{85}", "\u{200B}", "a", " a ", "\u{3000}张三", "x\u{301}",
                     "\r\n", "\u{1F600}", "\u{0}", "\u{7F}", "\u{1C}", String(repeating: "长", count: 40), String(repeating: "e\u{301}", count: 41)]
        for text in texts {
            #expect(RuleCheck.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(text.debugDescription)")
            for maximum in [0, 1, 2, 40, 41, 100] {
                #expect(RuleCheck.isLonger(text, than: maximum) == (text.count > maximum), "\(text.debugDescription) \(maximum)")
            }
        }
    }
}
