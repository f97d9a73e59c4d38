import Foundation
import Testing
import GridDemo
import GridModel
@testable import GridStore
import TestSupport

/// The fast encoder writes exactly the bytes Foundation's `JSONEncoder` writes with the data
/// folder's options, or refuses and lets Foundation write them.
@Suite struct RecordEncoderTests {
    static func foundation<T: Encodable>(_ value: T) throws -> Data { try RecordCoding.encoder().encode(value) }

    @Test func everyRecordOfADemoCommunityIsWrittenAsFoundationWritesIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try DemoGenerator(scale: .community, seed: 3, today: Day(year: 2026, month: 11, day: 22) ?? Day(dayNumber: 0))
            .generate(into: folder.path)
        var compared = 0
        func compare<R: StoredRecord>(_ type: R.Type) throws {
            for path in store.filePaths(of: R.kind) {
                let records = try store.load(R.self, path)
                for record in records {
                    let fast = try RecordEncoder.encode(record)
                    #expect(fast == (try Self.foundation(record)), "\(R.kind) \(record.id.rawValue)")
                    compared += 1
                }
                // A whole file too: its header, the records array and the schema number.
                let file = ShardFile(schema: StoreLayout.schemaVersion, kind: R.kind, records: records)
                #expect(try RecordEncoder.encode(file) == (try Self.foundation(file)), "\(path)")
            }
        }
        try compare(Household.self)
        try compare(Resident.self)
        try compare(PatrolLog.self)
        try compare(DisputeCase.self)
        try compare(Grid.self)
        try compare(Worker.self)
        #expect(compared > 1_000, "a community's records, not a handful")
    }

    struct Sample: Codable {
        var text: String
        var number: Int
        var small: Int8
        var large: UInt64
        var flag: Bool
        var list: [Int?]
        var nested: [String: [String]]
        var empty: [String: Int]
        var emptyList: [[Int]]
        var at: Date
        var missing: String?
        var day: Day
    }

    @Test func escapesEmptiesIntegersAndDatesAreWrittenAsFoundationWritesThem() throws {
        let sample = Sample(text: "q\"\\/\u{1}\u{1f}\u{7f}\u{8}\u{c}\n\r\t\u{2028}é😀 网格", number: -42, small: -8, large: .max, flag: true,
                            list: [1, nil, 3], nested: ["b": ["x", ""], "B": [], "a10": ["/"], "a9": ["\u{0}"]], empty: [:],
                            emptyList: [[], [1]], at: Date(timeIntervalSince1970: 1_764_000_000), missing: nil,
                            day: Day(year: 2026, month: 2, day: 28) ?? Day(dayNumber: 0))
        #expect(try RecordEncoder.encode(sample) == (try Self.foundation(sample)))
        #expect(try RecordEncoder.encode([sample, sample]) == (try Self.foundation([sample, sample])))
        #expect(try RecordEncoder.encode(TwoGoes()) == (try Self.foundation(TwoGoes())), "a nested container asked for twice is the same one")
        #expect(try RecordEncoder.encode(["key with space": 1, "ключ": 2, "键": 3, "_": 4]) == (try Self.foundation(["key with space": 1, "ключ": 2, "键": 3, "_": 4])))
    }

    /// One line, as the audit trail and the journal's headers are written: the same bytes as
    /// Foundation's encoder without pretty printing.
    @Test func compactlyTheBytesAreFoundationsCompactBytes() throws {
        let sample = Sample(text: "q\"\\/\u{1}\n网格", number: -42, small: -8, large: .max, flag: false,
                            list: [1, nil], nested: ["b": ["x", ""], "B": [], "a": ["/"]], empty: [:],
                            emptyList: [[], [1]], at: Date(timeIntervalSince1970: 1_764_000_000), missing: "有",
                            day: Day(year: 2026, month: 2, day: 28) ?? Day(dayNumber: 0))
        func compact<T: Encodable>(_ value: T) throws -> Data { try RecordCoding.compactEncoder().encode(value) }
        #expect(try RecordEncoder.encode(sample, compact: true) == (try compact(sample)))
        #expect(try RecordEncoder.encode([sample, sample], compact: true) == (try compact([sample, sample])))
        #expect(try RecordEncoder.encode(TwoGoes(), compact: true) == (try compact(TwoGoes())))
        let header = Journal.Header(redo: 1, generation: "9f", sequence: 3, boot: "b-1", files: [
            Journal.Header.File(path: "grids/4203/cases/2026.json", length: 10, sum: "a1", before: nil),
            Journal.Header.File(path: "a \"quoted\"\\ 名", length: 0, sum: "0", before: "ff"),
        ], append: Journal.Header.Appended(path: "audit/trail.jsonl", at: 7, length: 2, sum: "3"))
        let line = try RecordCoding.encodeCompact(header)
        #expect(line == (try compact(header)))
        #expect(!line.contains(UInt8(ascii: "\n")), "one line")
        #expect(try JSONDecoder().decode(Journal.Header.self, from: line) == header)
    }

    @Test func keyOrderFollowsFoundationForMixedCaseDigitsAndSymbols() throws {
        var keys = ["b", "B", "a10", "a9", "aB", "aa", "_x", "Z", "é", "e", "e\u{301}", "f", "ab", "a-b", "a_b", "A", "id", "ID", "iD", "Id", "ｂ", "a2b", "a02b"]
        // A fixed shuffle of random keys too.
        var state: UInt64 = 7
        let characters = Array("aAbB09_-.zZé键 ")
        for _ in 0..<200 {
            var key = ""
            for _ in 0..<(1 + Int(state % 6)) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                key.append(characters[Int((state >> 33) % UInt64(characters.count))])
            }
            keys.append(key)
        }
        let object = Dictionary(keys.map { ($0, 1) }, uniquingKeysWith: { first, _ in first })
        #expect(try RecordEncoder.encode(object) == (try Self.foundation(object)))
    }

    struct Floating: Encodable { var value = 0.5 }
    struct Super: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(1, forKey: AnyKey("a"))
            try Floating().encode(to: container.superEncoder())
        }
    }
    struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
    /// Asks for the nested containers under one key twice, filling them in two goes.
    struct TwoGoes: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            var first = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("n"))
            try first.encode(1, forKey: AnyKey("x"))
            var second = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("n"))
            try second.encode(2, forKey: AnyKey("y"))
            var list = container.nestedUnkeyedContainer(forKey: AnyKey("l"))
            try list.encode(1)
            var again = container.nestedUnkeyedContainer(forKey: AnyKey("l"))
            try again.encode(2)
        }
    }
    /// Encodes one key twice, then a nested container under it, and reads its own coding paths.
    struct Twice: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(1, forKey: AnyKey("a"))
            try container.encode("b", forKey: AnyKey("b"))
            try container.encode(3, forKey: AnyKey("a"))
            try container.encode(Path(), forKey: AnyKey("p"))
            var nested = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("n"))
            try nested.encode(Path(), forKey: AnyKey("q"))
            try container.encode("last", forKey: AnyKey("b"))
        }
    }
    /// Writes where it was encoded, as its coding path's keys.
    struct Path: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(encoder.codingPath.map(\.stringValue).joined(separator: "."))
        }
    }

    /// `é` encoded precomposed, then decomposed, then precomposed again, beside `f`.
    struct Equivalent: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(1, forKey: AnyKey("\u{E9}"))
            try container.encode(2, forKey: AnyKey("f"))
            try container.encode(3, forKey: AnyKey("e\u{301}"))
            try container.encode(4, forKey: AnyKey("g"))
        }
    }

    @Test func canonicallyEquivalentKeysAreOneAsFoundationHasThem() throws {
        let fast = try RecordEncoder.encode(Equivalent())
        let foundation = try Self.foundation(Equivalent())
        #expect(fast == foundation, "\(String(decoding: fast, as: UTF8.self)) vs \(String(decoding: foundation, as: UTF8.self))")
        #expect(try RecordEncoder.encode(Equivalent(), compact: true) == (try RecordCoding.compactEncoder().encode(Equivalent())))
    }

    @Test func aKeyEncodedAgainKeepsItsLastValueAndPathsNameTheKeys() throws {
        let fast = try RecordEncoder.encode(Twice())
        let foundation = try Self.foundation(Twice())
        #expect(fast == foundation, "\(String(decoding: fast, as: UTF8.self)) vs \(String(decoding: foundation, as: UTF8.self))")
        #expect(String(decoding: fast, as: UTF8.self).contains("\"p\" : \"p\""))
        #expect(try RecordEncoder.encode(Twice(), compact: true) == (try RecordCoding.compactEncoder().encode(Twice())))
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ text: String) { stringValue = text }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    @Test func whatItDoesNotWriteAsFoundationDoesItRefusesAndTheCodingFallsBack() throws {
        #expect(throws: RecordEncoder.Unsupported.self) { try RecordEncoder.encode(Floating()) }
        #expect(throws: RecordEncoder.Unsupported.self) { try RecordEncoder.encode(Super()) }
        #expect(throws: RecordEncoder.Unsupported.self) { try RecordEncoder.encode([Nothing()]) }
        #expect(throws: RecordEncoder.Unsupported.self) { try RecordEncoder.encode(URL(fileURLWithPath: "/a")) }
        #expect(try RecordCoding.encode(Floating()) == (try Self.foundation(Floating())), "Foundation writes what the fast encoder refuses")
    }
}
