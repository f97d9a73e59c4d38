import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// A save encodes only the records it changed and keeps the others' bytes (issue 12, point 3):
/// the file stays what encoding it whole would give, and sealed numbers of other people stay as
/// they were.
@Suite struct ShardEncoderTests {
    static func residents(_ count: Int) -> [Resident] {
        (0..<count).map { index in
            var resident = SampleCommunity.resident(id: "P-\(index)", household: "H-1", grid: SampleCommunity.gridOne, sequence: index * 2 + 1)
            resident.name = index % 2 == 0 ? "王{小}明" : "李\"引号\"\\斜杠 [括号]"
            resident.notes = index == 1 ? "records" : ""
            resident.tags = index == 2 ? [] : [.elderlyAlone]
            return resident
        }
    }

    static func wholeFile(_ records: [Resident]) throws -> Data {
        var data = try RecordCoding.encoder().encode(ShardFile(schema: StoreLayout.schemaVersion, kind: .resident, records: records))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    @Test func encodingEveryRecordGivesJSONEncodersBytes() throws {
        for count in [0, 1, 3] {
            let records = Self.residents(count)
            #expect(try ShardEncoder().encode(records, kind: .resident) == Self.wholeFile(records), "\(count) records")
        }
    }

    @Test func unchangedRecordsKeepTheirBytesAndChangedOnesAreEncoded() throws {
        let records = Self.residents(4)
        let onFile = try Self.wholeFile(records)
        let encoder = ShardEncoder(reusing: onFile, readAs: records)
        var edited = records
        edited[2].notes = "改过"
        edited[2].meta.revision += 1
        #expect(encoder.reuses(edited[0]) && !encoder.reuses(edited[2]))
        #expect(try encoder.encode(edited, kind: .resident) == Self.wholeFile(edited))
        // Kept bytes are what the file held, even where they differ from what encoding would give.
        let handEdited = try #require(String(data: onFile, encoding: .utf8)).replacingOccurrences(of: "\"notes\" : \"\"", with: "\"notes\":\"\"")
        let reused = try ShardEncoder(reusing: Data(handEdited.utf8), readAs: records).encode(edited, kind: .resident)
        #expect(String(data: reused, encoding: .utf8)?.contains("\"notes\":\"\"") == true)
        #expect(try RecordCoding.decoder().decode(ShardFile<Resident>.self, from: reused).records == edited)
    }

    @Test func elementsAreFoundOnlyInTheOneRecordsArray() throws {
        let two = try Self.wholeFile(Self.residents(2))
        #expect(ShardEncoder.recordRanges(in: two)?.count == 2)
        let cases: [(String, Int?)] = [
            (#"{"kind":"resident","records":[{"a":"}"},{"b":["{",{"c":1}]}],"schema":1}"#, 2),
            (#"{"kind":"records","other":[{"a":1}],"records":[],"schema":1}"#, 0),
            (#"{"records":[{"a":1}],"records":[{"a":2}]}"#, nil),
            (#"{"records":[{"a":1},2]}"#, nil),
            (#"{"records":[{"a":"\"]}"}]}"#, 1),
            (#"{"other":[{"a":1}]}"#, nil),
            (#"{"records":[{"a":1}"#, nil),
            (#"{"records":[{"a":"never ends}]}"#, nil),
            (#"{"records":[{"a":"\\"},{"b":"\\\""}]}"#, 2),
            (#"{"recordsX":[{"a":1}],"record":[{"a":1}]}"#, nil),
        ]
        for (text, expected) in cases {
            #expect(ShardEncoder.recordRanges(in: Data(text.utf8))?.count == expected, "\(text)")
        }
        let text = #"{"records":[ {"a":"x,}"} , {"b":2}]}"#
        let ranges = try #require(ShardEncoder.recordRanges(in: Data(text.utf8)))
        #expect(ranges.map { String(decoding: Data(text.utf8)[$0], as: UTF8.self) } == [#"{"a":"x,}"}"#, #"{"b":2}"#])
    }

    /// The decode's ranges (from the tape) and the encoder's (of what it wrote) are the scan's:
    /// a save trusts them instead of scanning the file again.
    @Test func theDecodeAndTheEncoderFindTheElementsTheScanFinds() throws {
        let records = Self.residents(3)
        let whole = try Self.wholeFile(records)
        let (_, encodedRanges) = try ShardEncoder().encodeFile(records, kind: .resident)
        #expect(encodedRanges == ShardEncoder.recordRanges(in: whole))
        var edited = records
        edited[1].notes = "改过"
        edited[1].meta.revision += 1
        let (reencoded, reencodedRanges) = try ShardEncoder(reusing: whole, readAs: records).encodeFile(edited, kind: .resident)
        #expect(reencodedRanges == ShardEncoder.recordRanges(in: reencoded))
        let texts: [String] = [
            String(decoding: whole, as: UTF8.self),
            #"{"kind":"resident","records":[{"a":"}"},{"b":["{",{"c":1}]}],"schema":1}"#,
            #"{"schema":1,"records":[ {"a":"x,}"} ,{"b":2}  ]  }"#,
            #"{"records":[]}"#,
            " \n{ \"records\" :\t[\r\n{}\n,\n{ \"k\" : \"]}\" }\n]\n}\n ",
        ]
        for text in texts {
            let data = Data(text.utf8)
            let ranges = try TapeDecoder.decodeFile(AnyJSON.self, from: data).recordRanges
            #expect(ranges != nil && ranges == ShardEncoder.recordRanges(in: data), "\(text)")
        }
        // Bytes that are a slice of a bigger buffer (their indices do not start at 0), with the
        // ranges the decode found: the same file as encoding it whole.
        let padded = Data("padding".utf8) + whole
        let slice = padded[7...]
        let known = try TapeDecoder.decodeFile(AnyJSON.self, from: slice).recordRanges
        let fromSlice = ShardEncoder(reusing: slice, readAs: records, ranges: known)
        #expect(fromSlice.reuses(records[0]))
        #expect(try fromSlice.encode(edited, kind: .resident) == Self.wholeFile(edited))
        // Ranges that do not fit these bytes are not used: the bytes are scanned instead.
        let shifted = known?.map { $0.lowerBound + 1..<$0.upperBound + 1 }
        #expect(try ShardEncoder(reusing: slice, readAs: records, ranges: shifted).encode(edited, kind: .resident) == Self.wholeFile(edited))
        for text in [#"{"other":[{"a":1}]}"#, #"{"records":[{"a":1},2]}"#, #"{"records":{"a":1}}"#, #"[{"records":[]}]"#] {
            #expect(try TapeDecoder.decodeFile(AnyJSON.self, from: Data(text.utf8)).recordRanges == nil, "\(text)")
        }
    }

    /// Through the store of a community with a key: the other residents' sealed numbers are not
    /// sealed again (new nonces would rewrite every line of the file at every save).
    @Test func aSaveLeavesOtherRecordsSealedValuesAsTheyWere() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try SecurityTests().securedSample(folder)
        let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        for sequence in [11, 13, 15] {
            var resident = SampleCommunity.resident(id: "P-more-\(sequence)", household: household.id.rawValue, grid: SampleCommunity.gridOne,
                                                    sequence: sequence)
            resident.meta = .new(by: SampleCommunity.admin, at: SampleCommunity.now, prefix: "P")
            _ = try store.save(resident)
        }
        let path = folder.path + "/" + StoreLayout.residents(SampleCommunity.gridOne)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let sealedBefore = before.split(separator: "\n").filter { $0.contains("enc1:") }
        #expect(sealedBefore.count == 4, "every number sealed, the first admin's included")
        var first = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridOne).first)
        first.notes = "只改备注"
        _ = try store.save(first)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        let sealedAfter = after.split(separator: "\n").filter { $0.contains("enc1:") }
        #expect(sealedAfter.count == 4 && sealedAfter.first != sealedBefore.first, "the edited record is encoded and sealed afresh")
        #expect(sealedAfter.dropFirst() == sealedBefore.dropFirst(), "no other number was sealed again")
        #expect(after != before)
        // And the file reads back whole, the edit in it, from a fresh store.
        let reopened = try Store.open(folder.path, key: store.key)
        #expect(reopened.records(Resident.self, inGrid: SampleCommunity.gridOne).first { $0.id == first.id }?.notes == "只改备注")
        #expect(reopened.problems.isEmpty)
    }

    /// Files written by saves are what encoding them whole gives, byte for byte: a household
    /// edited, a case given a step, a new household.
    @Test func filesSavedAreWhatEncodingThemWholeGives() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let store = sample.store
        var household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "改了备注"
        household = try store.save(household)
        _ = try store.save(Household(meta: .new(by: SampleCommunity.admin, at: SampleCommunity.now, prefix: "H"), gridCode: SampleCommunity.gridOne,
                                     microGrid: nil, address: Address(compound: "示例花园", building: "9栋", unit: "", room: "909"),
                                     residency: .rented))
        var disputeCase = try #require(store.records(DisputeCase.self, inGrid: SampleCommunity.gridOne).first)
        try disputeCase.addNote("又谈了一次", by: SampleCommunity.admin, at: Date())
        _ = try store.save(disputeCase)
        func expectWhole<R: StoredRecord>(_ type: R.Type, _ path: String) throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + path))
            let file = try RecordCoding.decoder().decode(ShardFile<R>.self, from: data)
            #expect(file.records.count >= 1)
            var whole = try RecordCoding.encoder().encode(file)
            whole.append(UInt8(ascii: "\n"))
            #expect(whole == data, "\(path)\n\(String(decoding: data, as: UTF8.self))")
        }
        try expectWhole(Household.self, household.filePath)
        try expectWhole(DisputeCase.self, disputeCase.filePath)
    }
}

/// Findings of a review of the save path.
extension ShardEncoderTests {
    /// Swapping a compatibility ideograph for its unified form is an edit: compared by bytes, not
    /// by Swift's canonical equivalence.
    @Test func aCharacterSwappedForAnEquivalentOneIsAChange() throws {
        var old = SampleCommunity.resident(id: "P-1", household: "H-1", grid: SampleCommunity.gridOne, sequence: 1)
        old.name = "\u{F9E1}明"
        var new = old
        new.name = "\u{674E}明"
        #expect(old.name == new.name, "Swift takes them as equal")
        #expect(Store.changedFields(old, encodedAs: try RecordCoding.encoder().encode(new)) == ["name"])
        #expect(Store.changedFields(old, encodedAs: try RecordCoding.encoder().encode(old)) == [])
    }

    /// A record a person wrote in another layout by hand (a character as a `\u` escape) and saved
    /// unchanged is no change: no revision, no audit entry. (The changed fields were once taken
    /// from the file's bytes, which named the field; they are compared encoded the same way.)
    @Test func aHandEditedLayoutSavedUnchangedIsNoChange() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let path = folder.path + "/grids/" + SampleCommunity.gridOne.rawValue + "/households.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"示例花园\""))
        try text.replacingOccurrences(of: "\"示例花园\"", with: "\"\\u793a例花园\"").write(toFile: path, atomically: false, encoding: .utf8)
        let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        #expect(household.address.compound == "示例花园", "the escape reads as the same text")
        let entries = store.audit.allEntries().count
        let saved = try store.save(household, at: SampleCommunity.now)
        #expect(saved.meta.revision == household.meta.revision)
        #expect(store.audit.allEntries().count == entries)
    }

    /// Two new records of different kinds with one id, in one change: each file gets its own.
    @Test func recordsOfTwoKindsWithOneIdEachGetTheirOwnBytes() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let id = RecordID("X-shared")
        let household = Household(meta: RecordMeta(id: id, createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                                  gridCode: SampleCommunity.gridOne, microGrid: nil,
                                  address: Address(compound: "示例花园", building: "8栋", unit: "", room: "808"), residency: .rented)
        var disputeCase = SampleCommunity.openCase()
        disputeCase.meta = RecordMeta(id: id, createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now)
        disputeCase.number = "JF2026-09999"
        _ = try store.transaction(at: SampleCommunity.now) { (change: StoreTransaction) throws(StoreError) in
            _ = try change.save(household)
            _ = try change.save(disputeCase)
        }
        let reopened = try Store.open(folder.path)
        #expect(reopened.problems.isEmpty, "\(reopened.problems.map { $0.formatted(in: .en) })")
        #expect(reopened.records(Household.self, inGrid: SampleCommunity.gridOne).contains { $0.id == id })
        #expect(reopened.records(DisputeCase.self, inGrid: disputeCase.gridCode).contains { $0.id == id })
    }
}


/// Any JSON value, decoded and dropped: for tests that look only at where things are.
private struct AnyJSON: Decodable {
    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(AnyJSON.self) }
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            for key in object.allKeys { _ = try object.decode(AnyJSON.self, forKey: key) }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// The block a data file is built in: what goes in comes out, in order, across growing.
@Suite struct ByteBuilderTests {
    @Test func bytesComeOutAsAppendedAcrossGrowth() {
        let builder = ByteBuilder(capacity: 10)
        var expected = Data()
        for index in 0..<500 {
            let piece = index % 3 == 0 ? "网格\(index)," : "\(index);"
            builder.append(piece)
            expected.append(contentsOf: piece.utf8)
            let raw = Data([UInt8(index % 256)])
            builder.append(raw)
            expected.append(raw)
        }
        #expect(builder.count == expected.count)
        #expect(builder.data() == expected)
        #expect(builder.count == 0, "empty after handing its bytes over")
        builder.append("again")
        #expect(builder.data() == Data("again".utf8))
        #expect(builder.data().isEmpty)
    }
}
