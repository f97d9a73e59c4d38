import Crypto
import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// A file of many records is read in parts side by side (issue 12: a grid opens in its time):
/// the records come back as one reading after another would give them, in order, and a value
/// that will not open is reported wherever it lies.
@Suite struct SplitReadingTests {
    static let count = 700
    let key = PersonalDataKey(SymmetricKey(size: .bits256))

    /// `keys(index)` nil: that resident's numbers are written plain.
    private func residentsFile(in folder: String, sealedUnder keys: (Int) -> PersonalDataKey?) throws -> [Resident] {
        var plain: [Resident] = []
        var sealed: [Resident] = []
        for index in 0..<Self.count {
            var resident = SampleCommunity.resident(id: "P-\(index)", household: "H-\(index / 3)", grid: SampleCommunity.gridOne, sequence: index)
            resident.phone = "139" + String(format: "%08d", index)
            plain.append(resident)
            if let under = keys(index) {
                resident.idNumber = try resident.idNumber.map { try under.seal($0) }
                resident.phone = try resident.phone.map { try under.seal($0) }
            }
            sealed.append(resident)
        }
        let path = folder + "/" + StoreLayout.residents(SampleCommunity.gridOne)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try RecordCoding.encoder().encode(ShardFile(schema: StoreLayout.schemaVersion, kind: .resident, records: sealed))
            .write(to: URL(fileURLWithPath: path))
        return plain
    }

    @Test func manyRecordsComeBackOpenedAndInOrder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let plain = try residentsFile(in: folder.path) { _ in key }
        let reader = ShardReader(folder: folder.path, context: .reading, key: key)
        guard case .success(let loaded) = SplitWork.sharingOut(.always, { reader.read(Resident.self, StoreLayout.residents(SampleCommunity.gridOne)) }) else {
            Issue.record("the file reads")
            return
        }
        #expect(loaded.records == plain)
        #expect(loaded.records.map(\.id.rawValue) == (0..<Self.count).map { "P-\($0)" })
        #expect(!loaded.hasPlainPersonalData)
    }

    /// One resident written plain, in the last part: the file is read, and said to hold a plain number.
    @Test func aPlainNumberInTheLastPartIsNoted() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let plain = try residentsFile(in: folder.path) { $0 == Self.count - 2 ? nil : key }
        let reader = ShardReader(folder: folder.path, context: .reading, key: key)
        guard case .success(let loaded) = SplitWork.sharingOut(.always, { reader.read(Resident.self, StoreLayout.residents(SampleCommunity.gridOne)) }) else {
            Issue.record("the file reads")
            return
        }
        #expect(loaded.records == plain)
        #expect(loaded.hasPlainPersonalData)
    }

    /// Two residents under another key, in different parts: their problems in the file's order.
    @Test func problemsInSeveralPartsComeInTheFilesOrder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let other = PersonalDataKey(SymmetricKey(size: .bits256))
        _ = try residentsFile(in: folder.path) { $0 == 5 || $0 == Self.count - 5 ? other : key }
        let reader = ShardReader(folder: folder.path, context: .reading, key: key)
        guard case .failure(let problems) = SplitWork.sharingOut(.always, { reader.read(Resident.self, StoreLayout.residents(SampleCommunity.gridOne)) }) else {
            Issue.record("values under another key are problems")
            return
        }
        let lines = problems.all.compactMap { $0.position?.line }
        #expect(lines.count == 4)
        #expect(lines == lines.sorted() && Set(lines).count == 4, "in the order they lie in the file")
    }

    /// The parts cover the range once, in order, each given to the work once.
    @Test func partsCoverTheRangeInOrder() {
        for (count, parts) in [(701, 7), (5, 9), (1, 1), (256, 2)] {
            let ranges = SplitWork.map(count: count, parts: parts) { $0 }
            #expect(ranges.count == min(parts, count), "\(count) in \(parts)")
            #expect(ranges.flatMap { Array($0) } == Array(0..<count), "\(count) in \(parts)")
            #expect(ranges.allSatisfy { !$0.isEmpty })
        }
        #expect(SplitWork.parts(for: 10_000) == 1, "not shared out where nobody asked")
        #expect(SplitWork.sharingOut(.always) { SplitWork.parts(for: 10_000) } == ParallelJobs.threadCount)
    }

    @Test(arguments: [2, count / 2 + 3, count - 1])
    func aValueSealedUnderAnotherKeyIsReportedInAnyPart(_ stranger: Int) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let other = PersonalDataKey(SymmetricKey(size: .bits256))
        _ = try residentsFile(in: folder.path) { $0 == stranger ? other : key }
        let reader = ShardReader(folder: folder.path, context: .reading, key: key)
        guard case .failure(let problems) = SplitWork.sharingOut(.always, { reader.read(Resident.self, StoreLayout.residents(SampleCommunity.gridOne)) }) else {
            Issue.record("a value under another key is a problem")
            return
        }
        // Its ID number and its phone number, each where it lies, and nothing else.
        #expect(problems.all.count == 2)
        #expect(problems.all.allSatisfy { $0.message.en.contains("cannot be decrypted") })
        let file = folder.path + "/" + StoreLayout.residents(SampleCommunity.gridOne)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let written = try RecordCoding.decoder().decode(ShardFile<Resident>.self, from: Data(contentsOf: URL(fileURLWithPath: file))).records[stranger]
        let strangersValues = try [#require(written.idNumber), #require(written.phone)]
        for problem in problems.all {
            let line = try #require(problem.position?.line)
            #expect(strangersValues.contains { lines[line - 1].contains($0) }, "the problem points at the stranger's value")
        }
    }
}
