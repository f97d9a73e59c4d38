import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// The fast decoder gives exactly what Foundation's gives, or refuses and lets Foundation decide
/// (issue 12, point 3: a faster decode where it matters).
@Suite struct TapeDecoderTests {
    struct Sample: Codable, Equatable {
        var text: String
        var number: Int
        var fraction: Double?
        var flag: Bool
        var list: [Int?]
        var nested: [String: [String]]
        var at: Date?
    }

    static func foundation<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try RecordCoding.decoder().decode(T.self, from: Data(json.utf8))
    }

    static func tape<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try TapeDecoder.decode(T.self, from: Data(json.utf8))
    }

    @Test func everyRecordOfTheSampleCommunityDecodesAsFoundationDecodesIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        func compare<R: StoredRecord & Equatable>(_ type: R.Type) throws {
            for path in store.filePaths(of: R.kind) {
                let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + path))
                let fast = try TapeDecoder.decode(ShardFile<R>.self, from: data)
                let slow = try RecordCoding.decoder().decode(ShardFile<R>.self, from: data)
                #expect(fast.records == slow.records && fast.schema == slow.schema && fast.kind == slow.kind, "\(path)")
                #expect(!fast.records.isEmpty || R.kind == .worker, "\(path) has records to compare")
            }
        }
        try compare(Household.self)
        try compare(Resident.self)
        try compare(PatrolLog.self)
        try compare(DisputeCase.self)
        try compare(Grid.self)
    }

    @Test func escapesNumbersDatesAndNullsDecodeAsFoundationDecodesThem() throws {
        let json = """
        {"text": "\\u4e2d\\u6587 \\ud83d\\ude00 \\"quoted\\" \\\\ \\/ \\b\\f\\n\\r\\t 中文", "number": -9223372036854775808,
         "fraction": -1.5e3, "flag": false, "list": [1, null, 0, -0], "nested": {"a\\u0062": ["", "x"], "": []},
         "at": "2026-11-22T08:30:00+08:00"}
        """
        let fast = try Self.tape(Sample.self, json)
        #expect(fast == (try Self.foundation(Sample.self, json)))
        #expect(fast.text.hasPrefix("中文 😀 \"quoted\" \\ /"))
        #expect(fast.nested["ab"] == ["", "x"] && fast.number == Int.min && fast.fraction == -1500)
        let absent = #"{"text": "", "number": 0, "fraction": null, "flag": true, "list": [], "nested": {}}"#
        #expect(try Self.tape(Sample.self, absent) == (try Self.foundation(Sample.self, absent)))
        #expect(try Self.tape(Sample.self, absent).at == nil)
    }

    /// A file of many records (a residents file) is decoded in parts on every core: the same
    /// records in the same order, and one value the fast path is unsure of, in any part, refuses
    /// the whole.
    @Test func manyRecordsDecodeInOrderAndOneDoubtfulValueRefusesTheWhole() throws {
        let count = TapeDecoder.Document.splitElements * 3 + 7
        let residents = (0..<count).map { SampleCommunity.resident(id: "P-\($0)", household: "H-\($0 / 3)", grid: SampleCommunity.gridOne, sequence: $0) }
        let data = try RecordCoding.encoder().encode(ShardFile(schema: StoreLayout.schemaVersion, kind: .resident, records: residents))
        try SplitWork.sharingOut(.always) {
            let fast = try TapeDecoder.decode(ShardFile<Resident>.self, from: data)
            #expect(fast.records == residents)
            #expect(fast.records == (try RecordCoding.decoder().decode(ShardFile<Resident>.self, from: data)).records)
            let text = String(decoding: data, as: UTF8.self)
            let revisions = text.ranges(of: #""revision" : 0"#)
            #expect(revisions.count == count)
            for doubtful in [3, count / 2 + 1, count - 1] {
                let json = text.replacingCharacters(in: revisions[doubtful], with: #""revision" : 0.5"#)
                #expect(throws: (any Error).self, "record \(doubtful)") { try TapeDecoder.decode(ShardFile<Resident>.self, from: Data(json.utf8)) }
            }
        }
    }

    @Test(arguments: [
        #"{"a": 1,}"#, #"[1, 2,]"#, #"{"a": 01}"#, #"{"a": .5}"#, #"{"a": 1.}"#, #"{"a": -}"#, #"{"a": NaN}"#,
        #"{'a': 1}"#, "{\"a\": \"tab\tinside\"}", #"{"a": "\x"}"#, #"{"a": "\u12"}"#, #"{"a" 1}"#, #"{"a": tru}"#,
        #"{"a": 1} x"#, #""#, #"{"a": "unterminated}"#, "[" + String(repeating: "[", count: 300) + String(repeating: "]", count: 301),
    ])
    func textThatIsNotStrictJSONIsRefused(_ json: String) {
        #expect(throws: (any Error).self) { try Self.tape([String: Int].self, json) }
    }

    @Test func whatTheFastPathIsUnsureOfGoesToFoundation() throws {
        struct Whole: Codable, Equatable { var value: Int }
        // A fraction or exponent where an integer is wanted, a number past Int, a lone surrogate:
        // the tape refuses, and `RecordCoding.decode` answers as Foundation does.
        for json in [#"{"value": 1.0}"#, #"{"value": 1e2}"#, #"{"value": 9223372036854775808}"#] {
            #expect(throws: (any Error).self) { try Self.tape(Whole.self, json) }
            let foundation = Result { try Self.foundation(Whole.self, json) }
            let combined = Result { try RecordCoding.decode(Whole.self, from: Data(json.utf8)) }
            #expect((try? foundation.get()) == (try? combined.get()), "\(json)")
        }
        #expect(throws: (any Error).self) { try Self.tape([String].self, #"["\ud800"]"#) }
        var invalid = Data(#"["ab"#.utf8)
        invalid.append(0xFF)
        invalid.append(contentsOf: Array(#""]"#.utf8))
        #expect(throws: (any Error).self) { try TapeDecoder.decode([String].self, from: invalid) }
        // A missing field: the error is Foundation's, with the field's path.
        do {
            _ = try RecordCoding.decode(Whole.self, from: Data(#"{"other": 1}"#.utf8))
            Issue.record("a missing field decoded")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "value")
        }
    }

    @Test func aKeyWrittenInEquivalentUnicodeMatchesAsFoundationMatchesIt() throws {
        struct Signed: Codable, Equatable { var signingKey: String? }
        // U+212A KELVIN SIGN, unescaped: canonically the letter K, as Swift strings compare.
        let json = "{\"signing\u{212A}ey\": \"s\"}"
        let foundation = try Self.foundation(Signed.self, json)
        #expect(foundation.signingKey == "s")
        #expect(try Self.tape(Signed.self, json) == foundation)
        // Escaped, the same K; a key as long as the name but another is no match, nor one
        // with the Kelvin sign that is longer and not the name.
        for other in ["{\"signing\\u004bey\": \"s\"}", "{\"signingXey\": \"s\"}", "{\"signing\u{212A}e\": \"s\"}"] {
            let expected = try Self.foundation(Signed.self, other)
            #expect(try Self.tape(Signed.self, other) == expected, "\(other)")
        }
        #expect(try Self.tape(Signed.self, "{\"signing\\u004bey\": \"s\"}").signingKey == "s")
        #expect(try Self.tape(Signed.self, "{\"signingXey\": \"s\"}").signingKey == nil)
    }

    @Test func aTimestampOutOfFormIsRefusedByBoth() {
        let json = #"{"text": "", "number": 0, "flag": true, "list": [], "nested": {}, "at": "2026-11-22 08:30"}"#
        #expect(throws: (any Error).self) { try Self.tape(Sample.self, json) }
        #expect(throws: (any Error).self) { try RecordCoding.decode(Sample.self, from: Data(json.utf8)) }
    }
}
