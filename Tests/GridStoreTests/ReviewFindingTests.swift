import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Ways a save could be lost, hidden or crash, each pinned down by a test.
@Suite struct ReviewFindingTests {
    @Test func everyRecordsFileNameIsOneTheLayoutReadsBack() {
        #expect(StoreLayout.cases(GridCode("420303001001001"), year: 202) == "grids/420303001001001/cases/0202.json")
        #expect(StoreLayout.kind(ofFile: StoreLayout.cases(GridCode("420303001001001"), year: 202)) == .disputeCase)
        let early = Timestamp.parse("1999-12-31T10:00:00+08:00") ?? Date()
        #expect(StoreLayout.kind(ofFile: StoreLayout.patrols(GridCode("420303001001001"), start: early)) == .patrolLog)
    }

    @Test func implausibleYearsAndRevisionsAreRules() {
        var disputeCase = SampleCommunity.openCase()
        disputeCase.raisedOn = Day(year: 202, month: 5, day: 1) ?? disputeCase.raisedOn
        #expect(disputeCase.violations(in: ValidationContext(timeZone: .chinaStandard)).map(\.problem) == [.tooEarly(earliest: ValidationContext.earliestEvent)])
        var household = Household(meta: RecordMeta(id: RecordID("H-x"), revision: Int.max, createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                                  gridCode: SampleCommunity.gridOne, microGrid: nil,
                                  address: Address(compound: "示例花园", building: "1栋", unit: "", room: ""), residency: .vacant)
        #expect(household.violations(in: ValidationContext(timeZone: .chinaStandard)).map(\.problem) == [.outOfRange])
        household.meta.revision = 3
        #expect(household.violations(in: ValidationContext(timeZone: .chinaStandard)).isEmpty)
    }

    @Test func anUnknownFieldIsReportedAndTheFileIsNeverRewrittenWithoutIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001001/households.json"
        let edited = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "\"building\" : \"1栋\",", with: "\"building\" : \"1栋\",\n        \"emergencyContact\" : \"王五\",")
        try edited.write(toFile: path, atomically: false, encoding: .utf8)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let problem = try #require(store.problems.first)
        #expect(problem.formatted(in: .en).contains("unknown field \"emergencyContact\""))
        let line = try #require(edited.components(separatedBy: "\n").firstIndex { $0.contains("emergencyContact") }) + 1
        #expect(problem.position?.line == line)
        let newHousehold = Household(meta: RecordMeta.new(by: SampleCommunity.admin, at: Date(), prefix: "H"), gridCode: SampleCommunity.gridOne,
                                     microGrid: nil, address: Address(compound: "示例花园", building: "3栋", unit: "", room: "1"), residency: .rented)
        #expect(throws: StoreError.self) { try store.save(newHousehold) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == edited)
    }

    @Test(arguments: [false, true])
    func aFileChangedBehindAnIdenticalStampIsStillNoticedBeforeASave(settled: Bool) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        // Settled when read, the file is trusted by its stamp and change time: the write in
        // place below moves the change time on, which no program can set back.
        if settled { store.readEveryFileAgain(settledAfter: 0) }
        var household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        // Past the coarse clock's tick (before Linux 6.13), as the 10 s margin is in use.
        if settled { Thread.sleep(forTimeInterval: 0.05) }
        let path = folder.path + "/grids/420303001001001/households.json"
        var info = stat()
        #expect(stat(path, &info) == 0)
        // Another copy's newer revision, written in place at the same length with the old time restored:
        // inode, size and modification time all match what this store has in memory.
        let newer = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"revision\" : 1", with: "\"revision\" : 2")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(newer.utf8))
        try handle.close()
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(FileStamp(path: path) == FileStamp(info))

        household.notes = "旧副本的修改"
        do {
            _ = try store.save(household)
            Issue.record("a stale copy overwrote a newer revision")
        } catch {
            guard case .staleRecord = error else { throw error }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == newer)
    }

    @Test func aBatchWithARepeatedIDIsRefusedWhole() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001001/households.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let twice = Household(meta: RecordMeta(id: RecordID("H-twice"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                              gridCode: SampleCommunity.gridOne, microGrid: nil, address: Address(compound: "示例花园", building: "5栋", unit: "", room: "1"),
                              residency: .rented)
        #expect(throws: StoreError.self) { try sample.store.insertNew([twice, twice]) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Store.open(folder.path).problems.isEmpty)
    }

    @Test func aDateAheadOfThisMachinesClockStillLoadsButCannotBeSavedHere() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001001/households.json"
        let tomorrow = Day(Date(), in: .chinaStandard).adding(days: 1).iso
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "\"kind\" : \"household\",", with: "\"kind\" : \"household\",")
            .replacingOccurrences(of: "\"residency\" : \"ownerOccupied\"", with: "\"lastVisit\" : \"\(tomorrow)\",\n      \"residency\" : \"ownerOccupied\"")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        #expect(store.problems.isEmpty, "another laptop's clock runs ahead; its file must still open")
        var household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        #expect(household.lastVisit?.iso == tomorrow)
        household.notes = "改备注"
        #expect(throws: StoreError.self, "saving here checks the date against this clock") { try store.save(household) }
    }

    @Test func aDamagedCacheIsRebuiltNotACrash() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        _ = try Store.open(folder.path)
        let cache = folder.path + "/" + StoreLayout.summaryCache
        let good = try Data(contentsOf: URL(fileURLWithPath: cache))
        let decoded = try #require(SummaryCache.binaryDecoded(good))
        #expect(decoded.entries.count >= 5 && decoded.binaryEncoded() == good, "it reads back as written")

        // Damaged bytes, a cut end, and a checksummed cache whose figures are out of range
        // (written by a bug, or by hand): each is no cache, and the figures come from the files.
        var flipped = good
        flipped[flipped.count / 2] ^= 0x5a
        var outOfRange = decoded
        for (path, entry) in outOfRange.entries {
            var summary = entry.summary
            summary.taggedResidents = Int.max
            if !summary.cases.isEmpty { summary.patrolsPerDay[Int.max] = 1 }
            outOfRange.entries[path] = SummaryCache.Entry(stamp: entry.stamp, householdsStamp: entry.householdsStamp, summary: summary)
        }
        for (name, broken) in [("flipped", flipped), ("cut", good.prefix(good.count - 3)), ("out of range", outOfRange.binaryEncoded())] {
            #expect(SummaryCache.binaryDecoded(broken) == nil, "\(name)")
            try broken.write(to: URL(fileURLWithPath: cache))
            let store = try Store.open(folder.path)
            #expect(store.summary().count(of: .resident) == 2, "\(name)")
            #expect(store.summary().taggedResidents == 2, "\(name)")
        }
    }

    @Test func knownFieldsMatchWhatTheEncoderWrites() throws {
        let records: [(RecordKind, Data)] = try [
            (.grid, encode(Grid(meta: meta(), code: SampleCommunity.gridOne, name: "n", kind: .community, districtName: "d", streetName: "s",
                                communityName: "c", workerID: RecordID("W"), headName: "h",
                                microGrids: [MicroGrid(number: 1, headName: "h", headPhone: "13800000000", buildings: ["1栋"])]))),
            (.worker, encode(Worker(meta: meta(), name: "n", role: .admin, gridCodes: [SampleCommunity.gridOne], phone: "13800000000"))),
            (.household, encode(Household(meta: meta(), gridCode: SampleCommunity.gridOne, microGrid: 1,
                                          address: Address(compound: "c", building: "b", unit: "u", room: "r"), residency: .rented,
                                          tags: ["t"], lastVisit: Day(year: 2026, month: 1, day: 1), pairedVolunteer: "v", notes: "n"))),
            (.resident, encode({ () -> Resident in
                var resident = SampleCommunity.resident(id: "P", household: "H", grid: SampleCommunity.gridOne, sequence: 1)
                resident.phone = "13800000000"
                resident.status = .deceased
                resident.leftOn = Day(year: 2026, month: 1, day: 1)
                return resident
            }())),
            (.patrolLog, encode(PatrolLog(meta: meta(), gridCode: SampleCommunity.gridOne, workerID: RecordID("W"), kind: .routine,
                                          start: SampleCommunity.now, end: SampleCommunity.now, householdIDs: [RecordID("H")],
                                          findings: [Finding(kind: .dispute, text: "t", householdID: RecordID("H"), caseID: RecordID("C"))], notes: "n"))),
            (.disputeCase, encode(try fullCase())),
        ]
        for (kind, data) in records {
            let written = Set(JSONLocator(data: data).objectKeys().map(\.key))
            #expect(written == KnownFields.meta.union(KnownFields.byKind[kind] ?? []), "\(kind)")
        }
    }

    private func meta() -> RecordMeta { RecordMeta(id: RecordID("X"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now) }

    private func encode<T: Encodable>(_ value: T) throws -> Data { try RecordCoding.encoder().encode(value) }

    private func fullCase() throws -> DisputeCase {
        var disputeCase = SampleCommunity.openCase()
        disputeCase.patrolID = RecordID("L")
        disputeCase.notes = "n"
        disputeCase.parties[0].residentID = RecordID("P")
        let at = { (minutes: Double) in SampleCommunity.now.addingTimeInterval(minutes * 60) }
        try disputeCase.assign(to: RecordID("W"), by: SampleCommunity.admin, at: at(1))
        try disputeCase.setDeadline(Day(year: 2026, month: 12, day: 1) ?? disputeCase.raisedOn, by: SampleCommunity.admin, at: at(2))
        try disputeCase.advance(to: .heard, note: "n", by: SampleCommunity.admin, at: at(3))
        try disputeCase.escalate(reason: "r", by: SampleCommunity.admin, at: at(4))
        try disputeCase.recordOutcome(.agreementReached, agreement: "a", by: SampleCommunity.admin, at: at(5))
        try disputeCase.recordSatisfaction(.satisfied, followUp: Day(year: 2026, month: 12, day: 2), by: SampleCommunity.admin, at: at(6))
        return disputeCase
    }
}

extension ReviewFindingTests {
    /// A cache whose checksum holds but whose counts are absurd (a bug, or made by hand) is no
    /// cache, and no count sizes an allocation before it is known to be real.
    @Test func absurdCountsInTheSummaryCacheAreNoCacheNotACrash() throws {
        var bytes = Array("GWSC".utf8)
        func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 } }
        int(SummaryCache.currentVersion)
        int(0)
        int(900_000_000)
        int(Int(bitPattern: UInt(bytes.withUnsafeBytes { Checksum.xxh64($0) })))
        #expect(SummaryCache.binaryDecoded(Data(bytes)) == nil)
        #expect(SummaryCache.binaryDecoded(Data(bytes.dropLast(3))) == nil)
        #expect(SummaryCache.binaryDecoded(Data()) == nil)
    }
}
