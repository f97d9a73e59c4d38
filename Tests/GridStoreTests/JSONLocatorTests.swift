import Foundation
@testable import GridStore
import Testing

/// A coding key written as a literal: integers are array indexes, strings object keys.
private struct Key: CodingKey, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init(intValue: Int) { stringValue = "Index \(intValue)"; self.intValue = intValue }
    init(stringLiteral value: String) { self.init(stringValue: value) }
    init(integerLiteral value: Int) { self.init(intValue: value) }
}

/// `"line:column: message"`, or nil for valid JSON.
private func syntaxError(_ json: String) -> String? {
    syntaxError(Data(json.utf8))
}

private func syntaxError(_ data: Data) -> String? {
    JSONLocator(data: data).firstSyntaxError().map { "\($0.position): \($0.message)" }
}

private func locate(_ json: String, _ path: Key...) -> String {
    JSONLocator(data: Data(json.utf8)).position(of: path).description
}

// MARK: - Syntax

@Suite struct SyntaxTests {
    @Test(arguments: [
        "{}", "[]", " \n\t\r\n [ ] \n", "0", "-0", "-0.5e+10", "1E-3", "12.25", "true", "false", "null",
        #""plain""#, #""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00""#,
        "{\n  \"名字\": \"张三\",\n  \"标签\": [\"甲\", {\"乙\": [[], {}, null]}],\n  \"年龄\": 30\n}\n",
        "\u{FEFF}{\"bom\": true}",
    ])
    func validDocumentsHaveNoError(json: String) {
        #expect(syntaxError(json) == nil)
    }

    @Test(arguments: [
        // Value expected but a closing brace found; the column counts 年龄 as two characters.
        ("{\n  \"名字\": \"张三\",\n  \"年龄\": }\n}", "3:9: unexpected character '}'"),
        // Trailing comma in an object.
        ("{\n  \"名字\": \"张三\",\n}", "3:1: unexpected character '}', expected a string key"),
        // Trailing comma in an array.
        ("[\n  \"一\",\n  \"二\",\n]", "4:1: unexpected character ']'"),
        // Unterminated string points at its opening quote.
        ("{\n  \"城市\": \"北京", "2:9: unterminated string"),
        ("{\n  \"城市\": \"北京\\", "2:9: unterminated string"),
        // A raw line break inside a string.
        ("{\n  \"城市\": \"北京\n}", "2:12: unescaped control character in string"),
        // Missing comma between array elements.
        ("{\n  \"标签\": [\"甲\", \"乙\" \"丙\"]\n}", "2:19: expected ',' or ']'"),
        // Missing comma between members; a full-width comma is shown as itself.
        ("{\n  \"名\": \"王五\"，\n  \"岁\": 3\n}", "2:12: expected ',' or '}'"),
        ("{\"a\": 1 \"b\": 2}", "1:9: expected ',' or '}'"),
        ("[，]", "1:2: unexpected character '，'"),
        ("{\"键\" 1}", "1:6: expected ':'"),
        // Unexpected end of file: the position just past the last byte.
        ("{\n  \"名\": [1, 2", "2:13: unexpected end of file"),
        ("{\n  \"名\": [1, 2\n", "3:1: unexpected end of file"),
        ("", "1:1: unexpected end of file"),
        ("  \n ", "2:2: unexpected end of file"),
        ("{\"a\":", "1:6: unexpected end of file"),
        // Invalid escapes point at the backslash.
        ("{\n  \"说明\": \"坏的\\q转义\"\n}", "2:12: invalid escape"),
        ("[\"中\\u12G4\"]", "1:4: invalid escape"),
        ("[\"\\ud800x\"]", "1:3: invalid escape (unpaired surrogate)"),
        ("[\"\\udc00\"]", "1:3: invalid escape (unpaired surrogate)"),
        // Trailing characters after the top-level value.
        ("{\"a\": 1}\n{\"b\": 2}", "2:1: trailing characters after the JSON value"),
        ("[\"标题\"] x", "1:8: trailing characters after the JSON value"),
        // Numbers and literals.
        ("[01]", "1:3: invalid number"),
        ("[1.]", "1:4: invalid number"),
        ("[-]", "1:3: invalid number"),
        ("[1e+]", "1:5: invalid number"),
        ("[.5]", "1:2: unexpected character '.'"),
        ("[tru]", "1:5: invalid literal, expected 'true'"),
        ("[nul", "1:5: unexpected end of file"),
        ("[True]", "1:2: unexpected character 'T'"),
        // Bytes that are not text.
        ("[\u{01}]", "1:2: unexpected character U+0001"),
    ])
    func errorsAreReportedAtTheOffendingByte(json: String, expected: String) {
        #expect(syntaxError(json) == expected)
    }

    @Test func invalidUTF8IsReported() {
        // "名" followed by a lone continuation byte inside a string, then outside one.
        #expect(syntaxError(Data([0x5B, 0x22]) + Data("名".utf8) + Data([0x80, 0x22, 0x5D])) == "1:4: invalid UTF-8")
        #expect(syntaxError(Data([0x5B, 0xFF, 0x5D])) == "1:2: invalid UTF-8")
    }

    @Test func nestingIsCappedAt512WithoutRecursion() {
        func nested(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        #expect(syntaxError(nested(512)) == nil)
        #expect(syntaxError(nested(513)) == "1:513: nesting too deep")
        #expect(syntaxError(nested(200_000)) == "1:513: nesting too deep")
    }

    /// The locator must agree with Foundation on what is valid, so every decode failure
    /// caused by syntax gets a position. (Exception, deliberately: swift-foundation accepts
    /// one trailing comma, `[1,]`, which RFC 8259 and this locator reject.)
    @Test(arguments: [
        "[1]", "[01]", "[1.]", "[-]", "[.5]", "[1,,]", "{,}", "nul", "[1] x", "", " ",
        "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"a\nb\"", "{\"a\" 1}", "\"\\/\"",
        "\u{FEFF}[1]", "[1，2]", "-0.0e-0", "[1e5, -2E+3]",
    ])
    func agreesWithJSONSerialization(json: String) {
        let data = Data(json.utf8)
        let foundationAccepts = (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil
        #expect((syntaxError(data) == nil) == foundationAccepts, "\(syntaxError(data) ?? "valid")")
    }
}

// MARK: - Paths

@Suite struct PathTests {
    static let document = """
        {
          "用户": [
            {"名字": "张三", "标签": ["a", "b"]},
            {"名字": "李四", "地址": {"城市": "北京"}}
          ],
          "count": 2
        }
        """

    @Test func emptyPathIsTheFirstNonWhitespaceByte() {
        #expect(locate(Self.document) == "1:1")
        #expect(locate("\n\n   [1]") == "3:4")
        #expect(locate("\u{FEFF}  {}") == "1:3")
    }

    @Test func followsNestedObjectsAndArrays() {
        #expect(locate(Self.document, "用户") == "2:9")
        #expect(locate(Self.document, "用户", 0) == "3:5")
        #expect(locate(Self.document, "用户", 0, "标签", 1) == "3:30")
        #expect(locate(Self.document, "用户", 1, "地址", "城市") == "4:31")
        #expect(locate(Self.document, "count") == "6:12")
    }

    @Test func missingKeyFallsBackToTheObject() {
        #expect(locate(Self.document, "用户", 1, "电话") == "4:5")
        #expect(locate(Self.document, "用户", 1, "电话", "号码", 3) == "4:5")
        #expect(locate(Self.document, "nope") == "1:1")
    }

    @Test func outOfRangeIndexFallsBackToTheArray() {
        #expect(locate(Self.document, "用户", 2, "名字") == "2:9")
        #expect(locate(Self.document, "用户", 0, "标签", 2) == "3:24")
        #expect(locate("[]", 0) == "1:1")
    }

    @Test func wrongKindOfKeyOrScalarStopsThere() {
        #expect(locate(Self.document, "用户", "名字") == "2:9")  // a name into an array
        #expect(locate(Self.document, "count", "x") == "6:12")  // anything into a number
    }

    @Test func truncatedDocumentsStopAtTheLastCompleteContainer() {
        #expect(locate("{\n  \"名\": [1,", "名") == "2:8")
        #expect(locate("{\n  \"名\": [1,", "名", 1) == "2:8")  // no element after the comma
        #expect(locate("{\n  \"名\":", "名") == "1:1")  // no value after the colon
        #expect(locate("{\n  \"名\": \"未结束", "名", "x") == "2:8")
    }

    @Test func skipsStringsThatContainBracketsAndEscapes() {
        let json = #"{"x": "}]\"{[", "y": [1, {"z": "]"}, "\\"], "target": true}"#
        #expect(locate(json, "target") == "1:55")
        #expect(locate(json, "y", 2) == "1:38")
    }

    @Test func keysWithEscapesAreDecodedBeforeComparing() {
        let json = #"{"a\"b": 1, "\u540d\u5b57": 2, "tab\there": 3, "\ud83d\ude00": 4, "a\\b": 5}"#
        #expect(locate(json, "a\"b") == "1:10")
        #expect(locate(json, "名字") == "1:29")
        #expect(locate(json, "tab\there") == "1:45")
        #expect(locate(json, "😀") == "1:64")
        #expect(locate(json, "a\\b") == "1:75")
        #expect(locate(json, "a") == "1:1")  // a prefix of a key is not a match
    }

    @Test func keysCompareByCanonicalEquivalenceLikeDictionaries() {
        let json = "{\"caf\u{E9}\": 1, \"K\": 2}"
        #expect(locate(json, "cafe\u{301}") == "1:10")
        #expect(locate(json, "\u{212A}") == "1:18")  // KELVIN SIGN is canonically "K"
    }

    @Test func firstDuplicateKeyWinsLikeJSONDecoder() throws {
        let json = #"{"a": 1, "a": 2}"#
        #expect(try JSONDecoder().decode([String: Int].self, from: Data(json.utf8)) == ["a": 1])
        #expect(locate(json, "a") == "1:7")
    }

    @Test func deepDocumentsAreSkippedWithoutRecursion() {
        let depth = 200_000
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(locate(json, 0, 0, 0) == "1:4")
        #expect(locate(json, 1) == "1:1")  // must skip the whole first element to see there is no second
    }

    @Test func largeDocumentIsFast() throws {
        let count = 20_000
        var json = "{\"items\": [\n"
        for i in 0..<count {
            json += "  {\"id\": \(i), \"描述\": \"第\(i)个条目，包含 \\\"引号\\\" 和 [括号]\", \"名字\": \"用户\(i)\"}"
            json += i == count - 1 ? "\n" : ",\n"
        }
        json += "]}\n"
        let data = Data(json.utf8)
        #expect(data.count > 1_000_000)

        let lastLine = json.split(separator: "\n")[count]
        let prefix = try #require(lastLine.range(of: "\"用户\(count - 1)\""))
        let expectedColumn = lastLine[..<prefix.lowerBound].unicodeScalars.count + 1

        let locator = JSONLocator(data: data)
        let position = locator.position(of: [Key(stringValue: "items"), Key(intValue: count - 1), Key(stringValue: "名字")])
        #expect(position == TextPosition(line: count + 1, column: expectedColumn))
        #expect(locator.firstSyntaxError() == nil)
    }
}

// MARK: - Byte offsets

@Suite struct ByteOffsetTests {
    @Test func columnsCountCharactersNotBytes() {
        let locator = JSONLocator(data: Data("名字\nab😀c\n".utf8))
        #expect(locator.position(ofByteOffset: 0) == TextPosition(line: 1, column: 1))
        #expect(locator.position(ofByteOffset: 3) == TextPosition(line: 1, column: 2))
        #expect(locator.position(ofByteOffset: 6) == TextPosition(line: 1, column: 3))  // the \n
        #expect(locator.position(ofByteOffset: 7) == TextPosition(line: 2, column: 1))
        #expect(locator.position(ofByteOffset: 13) == TextPosition(line: 2, column: 4))  // after the 4-byte emoji
        #expect(locator.position(ofByteOffset: 10_000) == TextPosition(line: 3, column: 1))  // clamped
        #expect(locator.position(ofByteOffset: -5) == TextPosition(line: 1, column: 1))
        #expect(TextPosition(line: 12, column: 7).description == "12:7")
    }
}

// MARK: - With JSONDecoder's coding paths

@Suite struct DecodingErrorTests {
    struct Config: Decodable {
        struct User: Decodable {
            let name: String
            let age: Int
        }
        let users: [User]
    }

    @Test func typeMismatchPointsAtTheValue() throws {
        let json = """
            {
              "users": [
                {"name": "张三", "age": 30},
                {"name": "李四", "age": "三十"}
              ]
            }
            """
        let context = try #require(decodingContext(Config.self, json))
        #expect(JSONLocator(data: Data(json.utf8)).position(of: context.codingPath) == TextPosition(line: 4, column: 27))
    }

    @Test func keyNotFoundPointsAtTheObject() throws {
        let json = """
            {
              "users": [
                {"name": "张三", "age": 30},
                {"name": "李四"}
              ]
            }
            """
        let context = try #require(decodingContext(Config.self, json))
        #expect(JSONLocator(data: Data(json.utf8)).position(of: context.codingPath) == TextPosition(line: 4, column: 5))
    }

    @Test func intKeyedDictionariesAreObjects() throws {
        let json = "{\"1\": \"a\",\n \"2\": 5}"
        let context = try #require(decodingContext([Int: String].self, json))
        #expect(JSONLocator(data: Data(json.utf8)).position(of: context.codingPath) == TextPosition(line: 2, column: 7))
    }

    @Test func corruptedDataHasASyntaxError() {
        let json = "{\n  \"users\": [\n    {\"name\": \"张三\" \"age\": 30}\n  ]\n}"
        #expect(decodingContext(Config.self, json) != nil)
        #expect(syntaxError(json) == "3:19: expected ',' or '}'")
    }

    private func decodingContext<T: Decodable>(_ type: T.Type, _ json: String) -> DecodingError.Context? {
        do {
            _ = try JSONDecoder().decode(type, from: Data(json.utf8))
            return nil
        } catch let DecodingError.typeMismatch(_, context),
                let DecodingError.valueNotFound(_, context),
                let DecodingError.keyNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            return context
        } catch {
            return nil
        }
    }
}

/// What Foundation's decoder takes but other readers settle differently (issue 15): a duplicate
/// member name and a number no double holds are refused at their place.
@Suite struct StrictJSONTests {
    @Test(arguments: [
        ("{\"schema\": 1, \"schema\": 2}", "1:15: duplicate key \"schema\""),
        ("{\"a\": {\"b\": 1, \"c\": 2, \"b\": 3}}", "1:24: duplicate key \"b\""),
        // Escaped, the same name is the same name.
        ("{\"kind\": 1, \"\\u006bind\": 2}", "1:13: duplicate key \"kind\""),
        ("{\"n\": 1e999}", "1:7: number out of range"),
        ("[1, -2E400]", "1:5: number out of range"),
    ])
    func refusedWhereTheyStand(json: String, expected: String) {
        #expect(syntaxError(json) == expected)
    }

    @Test(arguments: [
        // One name in two objects, and in an object inside an array, is no duplicate.
        "{\"a\": {\"id\": 1}, \"b\": {\"id\": 2}, \"c\": [{\"id\": 3}, {\"id\": 4}]}",
        "{\"big\": 1e300, \"small\": 1e-999, \"long\": 123456789012345678901234567890}",
    ])
    func stillAccepted(json: String) {
        #expect(syntaxError(json) == nil)
    }
}

/// The one-pass check made as a file is read agrees with the full validator on what it looks for.
@Suite struct LaxityScanTests {
    @Test(arguments: [
        ("{\"schema\": 1, \"schema\": 2}", 14, "duplicate key \"schema\""),
        ("{\"a\": {\"b\": 1, \"c\": 2, \"b\": 3}}", 23, "duplicate key \"b\""),
        ("{\"kind\": 1, \"\\u006bind\": 2}", 12, "duplicate key \"kind\""),
        ("{\"n\": 1e999}", 6, "number out of range"),
        ("{\"a\": [1, 2,], \"b\": 1}", 11, "trailing comma"),
        ("{\"a\": 1,\n}", 7, "trailing comma"),
    ])
    func foundAtItsOffset(json: String, offset: Int, message: String) {
        let found = JSONLocator(data: Data(json.utf8)).unknownKeysAndLaxity(notIn: KeySet([])).laxity
        #expect(found?.offset == offset && found?.message == message, "\(String(describing: found))")
    }

    @Test func strictDocumentsPass() {
        let json = "{\"a\": {\"id\": 1, \"t\": \"x,]\"}, \"b\": [{\"id\": 2}, {\"id\": 3}], \"c\": [], \"d\": {}, \"e\": -1.5e3}"
        #expect(JSONLocator(data: Data(json.utf8)).unknownKeysAndLaxity(notIn: KeySet([])).laxity == nil)
        // An empty container after a comma is a value, not a trailing comma.
        for empty in ["[1, {}]", "[[1], []]", "{\"a\": [{}, {}], \"b\": [[], []]}"] {
            #expect(JSONLocator(data: Data(empty.utf8)).unknownKeysAndLaxity(notIn: KeySet([])).laxity == nil, "\(empty)")
        }
    }
}
