import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// A large file decoded in two halves side by side is the file decoded whole, and anything the
/// halves could read differently from the whole is left to the whole-file decode.
@Suite struct HalvedDecodingTests {
    private static func residentsFile(count: Int) throws -> Data {
        let residents = (1...count).map {
            SampleCommunity.resident(id: "P-\($0)", household: "H-\($0 / 3)", grid: SampleCommunity.gridOne, sequence: $0 % 900 + 1)
        }
        return try ShardEncoder().encode(residents, kind: .resident)
    }

    @Test func halvesGiveWhatTheWholeFileGives() throws {
        let data = try Self.residentsFile(count: 600)
        #expect(data.count >= HalvedDecoding.minimumBytes, "the file is large enough to be halved: \(data.count) bytes")
        let halved = try #require(HalvedDecoding.decode(Resident.self, from: data))
        let whole = try RecordCoding.decoder().decode(ShardFile<Resident>.self, from: data)
        #expect(halved.records == whole.records)
        #expect(halved.schema == whole.schema && halved.kind == whole.kind)
    }

    @Test func aSmallFileIsDecodedWhole() throws {
        let data = try Self.residentsFile(count: 10)
        #expect(HalvedDecoding.decode(Resident.self, from: data) == nil)
    }

    /// The cut falls between the middle two elements: what lies there must be exactly one comma,
    /// as the whole-file decode would demand.
    @Test func aCutThatIsNotOneCommaIsLeftToTheWholeDecode() throws {
        let data = try Self.residentsFile(count: 600)
        let ranges = try #require(ShardEncoder.recordRanges(in: data))
        let middle = ranges.count / 2
        let gap = ranges[middle - 1].upperBound..<ranges[middle].lowerBound
        for replacement in [",,", " ", ", 1,"] {
            var broken = data
            broken.replaceSubrange(gap, with: Data(replacement.utf8))
            #expect(HalvedDecoding.decode(Resident.self, from: broken) == nil, "gap \(replacement)")
            #expect(throws: (any Error).self) { try RecordCoding.decoder().decode(ShardFile<Resident>.self, from: broken) }
        }
    }

    /// A file broken in its back half is reported where it is broken, as if read whole.
    @Test func aProblemInTheBackHalfIsReportedAtItsPlace() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = StoreLayout.residents(SampleCommunity.gridOne)
        var text = try #require(String(data: try Self.residentsFile(count: 600), encoding: .utf8))
        let last = try #require(text.range(of: "\"gender\" : \"", options: .backwards))
        text.replaceSubrange(last.upperBound..<last.upperBound, with: "x")
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.path + "/" + path))
        var reader = ShardReader(folder: folder.path, context: .reading, key: nil)
        reader.halvesLargeFiles = true
        let halving = reader.read(Resident.self, path)
        reader.halvesLargeFiles = false
        let whole = reader.read(Resident.self, path)
        guard case .failure(let halvingProblems) = halving, case .failure(let wholeProblems) = whole else {
            Issue.record("the broken file was read")
            return
        }
        #expect(halvingProblems.all.map { $0.formatted(in: .en) } == wholeProblems.all.map { $0.formatted(in: .en) })
        let line = text[..<last.upperBound].filter { $0 == "\n" }.count + 1
        #expect(halvingProblems.all.first?.position?.line == line)
    }
}
