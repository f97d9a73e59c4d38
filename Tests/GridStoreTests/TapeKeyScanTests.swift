import Foundation
import Testing
import GridModel
@testable import GridStore

/// A file's unknown keys and laxity are found from the fast decode's parse (issue 12), not by a
/// second scan of its bytes: what that parse finds must be what `JSONLocator`'s scan finds.
@Suite struct TapeKeyScanTests {
    static let known = KeySet(["id", "name", "kind", "records", "gridCode", "K"])

    static func tapeScan(_ json: String, known: KeySet = known) throws -> KeyScan {
        try Data(json.utf8).withUnsafeBytes { try JSONTape(parsing: $0).unknownKeysAndLaxity(notIn: known) }
    }

    @Test(arguments: [
        #"{"kind": "x", "records": [{"id": 1, "name": "a", "colour": 2}, {"nam": 1, "names": 2, "": 3}]}"#,
        #"{"n\u0061me": 1, "\u0069D": 2, "gridCode": "420303001001001", "gridcode": 3}"#,
        "{\"\u{212A}\": 1, \"名字\": 3, \"e\u{301}\": 4}",
        #"{"a": {"b": {"id": [ {"records": "\"name\": 1", "z": {"y": 1}} ]}, "c": 2}, "name" : 1, "w": [{"v": 1e3}]}"#,
        #"[{"q": 1}, [{"r": 2, "id": 3}], {}, []]"#,
        "{\"records\": [{\"姓名\": \"王\", \"\\u59d3\\u540d2\": 1, \"id\": -0.5, \"x\": \"\\ud83d\\ude00\"}]}",
    ])
    func unknownKeysAreThoseTheLocatorFinds(json: String) throws {
        let expected = JSONLocator(data: Data(json.utf8)).unknownKeysAndLaxity(notIn: Self.known)
        let found = try Self.tapeScan(json)
        #expect(!expected.keys.isEmpty)
        #expect(found.keys.map(\.key) == expected.keys.map(\.key), "\(json)")
        #expect(found.keys.map(\.offset) == expected.keys.map(\.offset), "\(json)")
        #expect(found.laxity == nil && expected.laxity == nil)
    }

    @Test(arguments: [
        ("{\"schema\": 1, \"schema\": 2}", 14, "duplicate key \"schema\""),
        ("{\"a\": {\"b\": 1, \"c\": 2, \"b\": 3}}", 23, "duplicate key \"b\""),
        ("{\"kind\": 1, \"\\u006bind\": 2}", 12, "duplicate key \"kind\""),
        ("{\"\\u006bind\": 1, \"kind\": 2}", 17, "duplicate key \"kind\""),
        ("{\"x\": 1, \"\\u0078\": 2}", 9, "duplicate key \"x\""),
        ("{\"id\": 1, \"r\": [{\"id\": 2, \"name\": 3}], \"id\": 4}", 39, "duplicate key \"id\""),
        // Names a decoder takes for one key (as Swift strings), escaped or written out.
        ("{\"\\u212A\": 1, \"K\": 2}", 14, "duplicate key \"K\""),
        ("{\"\u{212A}\": 1, \"K\": 2}", 11, "duplicate key \"K\""),
        ("{\"\\u00e9\": 1, \"e\u{301}\": 2}", 14, "duplicate key \"e\u{301}\""),
        ("{\"\u{E9}\": 1, \"e\u{301}\": 2}", 10, "duplicate key \"e\u{301}\""),
        ("{\"n\": 1e999}", 6, "number out of range"),
        ("{\"n\": [1.5, -2E+400]}", 12, "number out of range"),
        ("{\"n\": 1e999, \"n\": 1}", 6, "number out of range"),
        ("{\"a\": {\"id\": 1e999}, \"a\": 1}", 13, "number out of range"),
    ])
    func laxityIsWhatTheLocatorFinds(json: String, offset: Int, message: String) throws {
        let found = try Self.tapeScan(json).laxity
        #expect(found?.offset == offset && found?.message == message, "\(String(describing: found))")
        let expected = JSONLocator(data: Data(json.utf8)).unknownKeysAndLaxity(notIn: Self.known).laxity
        #expect(found?.offset == expected?.offset && found?.message == expected?.message)
    }

    /// Only the last object met may hold a key: the same known key in sibling objects is no repeat.
    @Test func aKeyInSeveralObjectsIsNoRepeat() throws {
        let json = #"{"records": [{"id": 1, "name": "a"}, {"id": 2, "name": {"id": 3, "name": "b"}}], "id": 0}"#
        let scan = try Self.tapeScan(json)
        #expect(scan.laxity == nil && scan.keys.isEmpty)
        // A large but finite number is in range, and so is an integer short enough to be one; a longer one is not.
        #expect(try Self.tapeScan(#"{"a": 1.7e308, "b": \#(String(repeating: "9", count: 400))}"#).laxity?.message == "number out of range")
        #expect(try Self.tapeScan(#"{"a": 1.7e308, "b": \#(String(repeating: "9", count: 300))}"#).laxity == nil)
    }

    /// Names that are no known key are looked up by hash: 100,000 of them and a repeat stay quick.
    @Test(.timeLimit(.minutes(1))) func anObjectOfManyUnknownNamesIsCheckedForRepeats() throws {
        let names = (0..<100_000).map { "\"n\($0)\": 0" }.joined(separator: ", ")
        let repeated = "{\(names), \"n\\u0039\": 1}"
        let scan = try Self.tapeScan(repeated)
        #expect(scan.laxity?.message == "duplicate key \"n9\"" && scan.laxity?.offset == Data(repeated.utf8).count - 13)
        #expect(scan.keys.count == 100_001 && scan.keys.first?.key == "n0" && scan.keys.last?.key == "n9")
    }

    /// A data file read by the fast decode is scanned from its parse, with the keys of its kind.
    @Test func aDataFileIsScannedFromItsParse() throws {
        var text = String(decoding: try ShardEncoderTests.wholeFile(ShardEncoderTests.residents(3)), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"notes\"", with: "\"colour\": 1, \"notes\"")
        let known = try #require(KnownFields.keySets[.resident])
        let decoded = try RecordCoding.decodeFile(ShardFile<Resident>.self, from: Data(text.utf8), keysKnown: known)
        let scan = try #require(decoded.keyScan)
        #expect(scan.laxity == nil && scan.keys.map(\.key) == ["colour", "colour", "colour"])
        #expect(scan.keys.map(\.offset) == JSONLocator(data: Data(text.utf8)).unknownKeysAndLaxity(notIn: known).keys.map(\.offset))
        #expect(try RecordCoding.decodeFile(ShardFile<Resident>.self, from: Data(text.utf8)).keyScan == nil)
    }

    /// What the parse refuses never reaches the scan: Foundation decodes it and the bytes are scanned.
    @Test func aTrailingCommaIsRefusedByTheParse() {
        for json in ["{\"a\": [1, 2,], \"b\": 1}", "{\"a\": 1,\n}"] {
            #expect(throws: JSONTape.Refused.self) { try Self.tapeScan(json) }
        }
    }
}
