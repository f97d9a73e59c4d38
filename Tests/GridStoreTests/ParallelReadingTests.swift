#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import GridDemo
import GridModel
@testable import GridStore
import TestSupport

/// Issue 12, point 3: a cold open reads the files the summary cache does not cover on every core,
/// and `checkEverything` streams the whole folder; both must find exactly what reading the files
/// one by one finds (the serial path: `readers: 0`, and `checkEveryFile() + checkReferences()`).
@Suite(.serialized) struct ParallelReadingTests {
    static let today = Day(year: 2026, month: 11, day: 22) ?? Day(dayNumber: 0)

    /// A generated community with broken files of every sort, made once.
    static let damaged: (folder: TemporaryFolder, key: PersonalDataKey)? = {
        let folder = TemporaryFolder("gridwork-parallel-test")
        guard (try? DemoGenerator(scale: .community, seed: 11, today: today).generate(into: folder.path)) != nil,
              let session = try? Store.logIn(folder: folder.path, login: "admin", passphrase: DemoGenerator.Passphrase.admin),
              (try? damage(folder.path)) != nil else { return nil }
        return (folder, session.key)
    }()

    static func gridFolders(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/grids").sorted().map { folder + "/grids/" + $0 }
    }

    /// Replaces the first match of `pattern` in the file (its first capture group only, when it has one).
    static func edit(_ path: String, _ pattern: String, _ replacement: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expression = try NSRegularExpression(pattern: pattern)
        let whole = NSRange(text.startIndex..., in: text)
        let match = try #require(expression.firstMatch(in: text, range: whole), "\(pattern) in \(path)")
        let range = try #require(Range(match.numberOfRanges > 1 ? match.range(at: 1) : match.range, in: text))
        try text.replacingCharacters(in: range, with: replacement).write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func firstMatch(_ path: String, _ pattern: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let match = try #require(try NSRegularExpression(pattern: pattern).firstMatch(in: text, range: NSRange(text.startIndex..., in: text)))
        return try #require(Range(match.range(at: 1), in: text).map { String(text[$0]) })
    }

    static func patrolFiles(_ grid: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: grid + "/patrols").sorted().map { grid + "/patrols/" + $0 }
    }

    static func caseFiles(_ grid: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: grid + "/cases").sorted().map { grid + "/cases/" + $0 }
    }

    /// Breaks files in ways that make a file unreadable, and in ways only the references show.
    static func damage(_ folder: String) throws {
        let grids = try gridFolders(folder)
        try #require(grids.count >= 8)
        // Grid 0: a resident points to a household that does not exist; a file gridwork does not know.
        try edit(grids[0] + "/residents.json", "\"householdID\" : \"([^\"]+)\"", "H-nowhere")
        try "{}".write(toFile: grids[0] + "/notes.json", atomically: false, encoding: .utf8)
        // Grid 1: a month of patrols that is not JSON; a patrol by a worker who does not exist.
        let patrols = try patrolFiles(grids[1])
        let broken = try String(contentsOfFile: patrols[0], encoding: .utf8)
        try String(broken.prefix(broken.count / 2)).write(toFile: patrols[0], atomically: false, encoding: .utf8)
        try edit(patrols[1], "\"workerID\" : \"([^\"]+)\"", "W-nobody")
        // Grid 2: households with a field gridwork does not know (unreadable: its residents count as never visited).
        try edit(grids[2] + "/households.json", "(\"gridCode\")", "\"colour\" : \"blue\",\n      \"gridCode\"")
        // Grid 3: a case that takes the id of a case in grid 0.
        let takenID = try firstMatch(try caseFiles(grids[0]).last ?? "", "\"id\" : \"(C-[^\"]+)\"")
        try edit(try caseFiles(grids[3]).last ?? "", "\"id\" : \"(C-[^\"]+)\"", takenID)
        // Grid 4: a resident without a name (a rule: the whole file is unreadable).
        try edit(grids[4] + "/residents.json", "\"name\" : \"([^\"]+)\"", " ")
        // Grid 5: its grid file does not read, so its references go unchecked, though one is broken.
        try edit(grids[5] + "/grid.json", "(\"code\")", "\"colour\" : 1,\n      \"code\"")
        try edit(grids[5] + "/residents.json", "\"householdID\" : \"([^\"]+)\"", "H-unchecked")
        // Grid 6: a patrol visits a household that does not exist, and a resident with a bad ID number.
        try edit(try patrolFiles(grids[6]).last ?? "", "\"householdIDs\" : \\[\\s*\"([^\"]+)\"", "H-gone")
        try edit(try patrolFiles(grids[6]).first ?? "", "\"start\" : \"([^\"]+)\"", "2026-13-01T08:00:00+08:00")
    }

    static func folder() throws -> (path: String, key: PersonalDataKey) {
        let damaged = try #require(damaged)
        return (damaged.folder.path, damaged.key)
    }

    static func removeCache(_ folder: String) {
        unlink(folder + "/" + StoreLayout.summaryCache)
    }

    static func cache(_ folder: String, _ store: Store) -> SummaryCache {
        SummaryCache.load(folder + "/" + StoreLayout.summaryCache, timeZone: store.manifest.communityTimeZone)
    }

    /// The overview's figures, with the cases in one order (the merge adds files in any order).
    static func normalized(_ summary: DataSummary) -> DataSummary {
        var sorted = summary
        sorted.cases.sort { $0.id < $1.id }
        return sorted
    }

    /// Opening one by one and opening in parallel leave the same store: the same summary, file by
    /// file, the same problems in the same order, the same files with plain numbers.
    static func expectSameOpen(_ folder: String, _ key: PersonalDataKey, readers: Int,
                               prepare: () throws -> Void = {}) throws {
        try prepare()
        let serial = try Store.open(folder, key: key, readers: 0)
        let serialCache = cache(folder, serial)
        try prepare()
        let parallel = try Store.open(folder, key: key, readers: readers)
        let parallelCache = cache(folder, parallel)
        #expect(!serial.problems.isEmpty)
        #expect(parallel.problems == serial.problems)
        #expect(normalized(parallel.summary()) == normalized(serial.summary()))
        #expect(parallel.filesWithPlainPersonalData == serial.filesWithPlainPersonalData)
        #expect(Set(parallelCache.entries.keys) == Set(serialCache.entries.keys))
        for (path, entry) in serialCache.entries {
            let other = parallelCache.entries[path]
            #expect(other?.stamp == entry.stamp && other?.householdsStamp == entry.householdsStamp && other?.summary == entry.summary, "\(path)")
        }
    }

    @Test func aColdOpenInParallelFindsWhatReadingOneByOneFinds() throws {
        let (folder, key) = try Self.folder()
        for readers in [1, 2, 3] {
            try Self.expectSameOpen(folder, key, readers: readers) { Self.removeCache(folder) }
        }
        let problems = try Store.open(folder, key: key).problems.map { $0.formatted(in: .en) }
        let grids = try Self.gridFolders(folder)
        // Every unreadable file is named, and only those.
        for broken in [grids[0] + "/notes.json", grids[1] + "/patrols/", grids[2] + "/households.json", grids[4] + "/residents.json",
                       grids[5] + "/grid.json", grids[6] + "/patrols/"] {
            #expect(problems.contains { $0.hasPrefix(broken) }, "\(broken)")
        }
        #expect(problems.count == 6, "\(problems)")
    }

    /// With a cache, only what changed is read: a residents file alone (its households come from
    /// the cache, so the households file is read only for the residents' summary), and a households
    /// file (its residents are summarized again with it).
    @Test func anOpenWithPartOfTheCacheFindsTheSameAsReadingOneByOne() throws {
        let (folder, key) = try Self.folder()
        let grids = try Self.gridFolders(folder)
        let touched = [grids[7] + "/residents.json", grids[3] + "/households.json", try Self.patrolFiles(grids[6]).first ?? ""]
        let before = Date(timeIntervalSince1970: 1_790_000_000)
        // The same stamps in both rounds: cached as they were `before`, then changed.
        func touch(_ date: Date) throws {
            for path in touched { try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path) }
        }
        try Self.expectSameOpen(folder, key, readers: 2) {
            try touch(before)
            Self.removeCache(folder)
            _ = try Store.open(folder, key: key, readers: 0)
            try touch(before.addingTimeInterval(60))
        }
    }

    @Test func checkEverythingReportsWhatCheckingFileByFileReportsInTheSameOrder() throws {
        let (folder, key) = try Self.folder()
        let serial = try Store.open(folder, key: key)
        let expected = serial.checkEveryFile() + serial.checkReferences()
        let grids = try Self.gridFolders(folder)
        let lines = expected.map { $0.formatted(in: .en) }
        // The references and the repeated id are found, and nothing in the grid whose file does not read.
        #expect(lines.contains { $0.hasPrefix(grids[0] + "/residents.json:") && $0.contains("household (in the same grid) that does not exist") })
        #expect(lines.contains { $0.hasPrefix(grids[1] + "/patrols/") && $0.contains("worker that does not exist") })
        #expect(lines.contains { $0.hasPrefix(grids[3] + "/cases/") && $0.contains("the same id is used in grids/") })
        #expect(lines.contains { $0.hasPrefix(grids[6] + "/patrols/") && $0.contains("household (in the same grid) that does not exist") })
        #expect(!lines.contains { $0.hasPrefix(grids[5] + "/residents.json") })
        for readers in [1, 2, 3] {
            let parallel = try Store.open(folder, key: key)
            let found = parallel.checkEverything(readers: readers)
            #expect(found == expected, "\(readers) readers:\n\(found.map { $0.formatted(in: .en) }.joined(separator: "\n"))")
            #expect(Self.normalized(parallel.summary()) == Self.normalized(serial.summary()))
            #expect(parallel.filesWithPlainPersonalData == serial.filesWithPlainPersonalData)
            #expect(parallel.problems == serial.problems)
        }
    }

    /// `checkEverything` keeps no file's records: the memory of a district's check stays small.
    @Test func checkEverythingKeepsNoRecords() throws {
        let (folder, key) = try Self.folder()
        let store = try Store.open(folder, key: key)
        _ = store.checkEverything(readers: 2)
        let reference = try Store.open(folder, key: key)
        _ = reference.checkEveryFile() + reference.checkReferences()
        #expect(store.recordFilesInMemory == 0 && reference.recordFilesInMemory > 100)
        // What the check read counts as checked: read again, the same bytes are not checked again.
        let checks = store.ruleChecks
        #expect(!store.records(Household.self, inGrid: store.grids[0].code).isEmpty)
        #expect(store.ruleChecks == checks && store.recordFilesInMemory == 1)
    }

    @Test func progressGrowsToTheTotal() throws {
        let (folder, key) = try Self.folder()
        Self.removeCache(folder)
        var reports: [ReadProgress] = []
        let store = try Store.open(folder, key: key) { reports.append($0) }
        let paths = [RecordKind.household, .resident, .patrolLog, .disputeCase].flatMap { store.filePaths(of: $0) }
        let bytes = paths.reduce(Int64(0)) { $0 + (FileStamp(path: folder + "/" + $1)?.size ?? 0) }
        Self.expectGrowing(reports, files: paths.count, bytes: bytes)

        reports = []
        _ = store.checkEverything { reports.append($0) }
        Self.expectGrowing(reports, files: paths.count, bytes: bytes)

        // A warm open reads only the few files the cache could not summarize (those that do not read).
        reports = []
        _ = try Store.open(folder, key: key) { reports.append($0) }
        #expect(reports.last.map { $0.filesDone == $0.filesTotal && $0.filesTotal > 0 && $0.filesTotal < paths.count / 10 } == true, "\(reports)")
    }

    static func expectGrowing(_ reports: [ReadProgress], files: Int, bytes: Int64) {
        #expect(reports.count > 2)
        #expect(reports.first == ReadProgress(filesDone: 0, filesTotal: files, bytesDone: 0, bytesTotal: bytes))
        #expect(reports.last == ReadProgress(filesDone: files, filesTotal: files, bytesDone: bytes, bytesTotal: bytes))
        for (before, after) in zip(reports, reports.dropFirst()) {
            #expect(after.filesDone > before.filesDone && after.bytesDone >= before.bytesDone, "\(before) then \(after)")
            #expect(after.filesTotal == files && after.bytesTotal == bytes)
        }
        #expect(reports.map(\.fraction) == reports.map(\.fraction).sorted())
    }

    @Test func jobsRunOnSeveralThreadsAndComeBackInOrder() {
        final class Threads: @unchecked Sendable {
            let lock = NSLock()
            var seen: Set<String> = []
            func note() {
                lock.lock()
                seen.insert(String(describing: pthread_self()))
                lock.unlock()
            }
        }
        let threads = Threads()
        var merged: [Int] = []
        // Early jobs take longest, so later ones finish first and must wait their turn.
        ParallelJobs.run(Array(0..<40), threads: 3, work: { job in
            threads.note()
            usleep(useconds_t(max(0, 20 - job) * 1000))
            return job * job
        }) { index, output in
            #expect(output == index * index)
            merged.append(index)
        }
        #expect(merged == Array(0..<40))
        #expect(threads.seen.count > 1)
    }
}
