#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import GridApp
import GridDemo
import GridModel
import GridStore
import TerminalUI

/// `gridwork bench`: measures what users wait for, on a demo data set, and prints a table.
/// Timings vary on shared machines; read them as figures, not pass or fail.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure opening the first screen, saving one case and memory, on demo data (it writes notes to cases).",
        discussion: "Make the data first: gridwork demo --data DIR --scale district"
    )

    @OptionGroup var options: LoginOptions

    @Option(help: "How many single-case saves to time.")
    var saves = 100

    @Option(help: "How many times to open the first screen.")
    var opens = 5

    @Option(parsing: .upToNextOption,
            help: "Measure only these parts (\(BenchPart.allCases.map(\.rawValue).joined(separator: ", "))); all by default.")
    var only: [BenchPart] = []

    private func measures(_ part: BenchPart) -> Bool { only.isEmpty || only.contains(part) }

    func run() throws {
        let folder = options.dataFolder
        let (opened, session) = try options.openStoreLoggedIn()
        var store = opened
        // Reopened through the login, so every save below goes through the same checks as the
        // dashboard's and is made as the worker logged in (a supervisor's is refused).
        func reopen() throws -> Store {
            if let session { return try Store.open(folder, session: session) }
            return try Store.open(folder, unsecuredActor: DemoGenerator.adminID)
        }
        let actor = session?.workerID ?? DemoGenerator.adminID
        store = try reopen()
        guard store.manifest.generator != nil else { throw failure(options.text.benchNotDemo(folder)) }
        let today = store.manifest.today()
        let diskBytes = Self.dataSize(folder)

        // The open above brought the summary cache up to date; now time what a user waits for.
        var openTimes: [Duration] = []
        for _ in 0..<(measures(.open) ? opens : 0) {
            openTimes.append(try Self.time {
                store = try reopen()
                _ = store.overview(today: today)
            })
        }

        var gridTimes: [Duration] = []
        var foundationTimes: [Duration] = []
        for grid in store.grids.prefix(measures(.grid) ? 20 : 0) {
            let prefix = "grids/" + grid.code.rawValue + "/"
            let households = store.filePaths(of: .household).filter { $0.hasPrefix(prefix) }
            let residents = store.filePaths(of: .resident).filter { $0.hasPrefix(prefix) }
            gridTimes.append(Self.time {
                // As the dashboard reads them: side by side, then taken from memory.
                store.preload(households + residents)
                _ = store.records(Household.self, inGrid: grid.code)
                _ = store.records(Resident.self, inGrid: grid.code)
            })
            // The peer: the same files only decoded, one after the other, by Foundation's JSONDecoder.
            var decoded = 0
            let peerTime = Self.time { decoded = FoundationPeer.decode(folder: folder, households: households, residents: residents) }
            if decoded > 0 { foundationTimes.append(peerTime) }
        }

        var saveTimes: [Duration] = []
        var floorTimes: [Duration] = []
        // The floor: after each save, the raw system calls on a file of the size it wrote.
        let floorPattern = FsyncFloor(folder: folder + "/cache/bench-floor")
        defer { floorPattern.remove() }
        let grids = store.grids
        for index in 0..<(measures(.save) ? saves : 0) where !grids.isEmpty {
            let grid = grids[index * 7919 % grids.count]
            // A case of typical length (the middle one by timeline), so runs on the same folder
            // do not keep lengthening one case and the save measured stays a typical one.
            let cases = store.records(DisputeCase.self, inGrid: grid.code).sorted { ($0.timeline.count, $0.id.rawValue) < ($1.timeline.count, $1.id.rawValue) }
            guard !cases.isEmpty else { continue }
            var disputeCase = cases[cases.count / 2]
            let now = max(Date(), disputeCase.timeline.last?.at ?? Date())
            try disputeCase.addNote("基准测试 \(index)", by: actor, at: now)
            let edited = disputeCase
            saveTimes.append(try Self.time { _ = try store.save(edited, at: now) })
            // What the save left to the helper thread (removing the old version) is done first,
            // so the floor does not share the disk or a core with it.
            Store.finishBackgroundWork()
            if let floorTime = floorPattern.once(bytes: Self.fileSize(folder + "/" + edited.filePath)) { floorTimes.append(floorTime) }
        }
        let floor = Timings(floorTimes)
        let entryTimes = measures(.entry) ? try Self.entryTimings(store: store, actor: actor, today: today) : []
        let search = try SearchBench(store: store).measures(building: measures(.indexBuild), searching: measures(.search),
                                                            saving: measures(.residentSave))
        let list = measures(.list) ? Self.listTimings(store: store, today: today) : []
        let day = measures(.day) ? try DayBench(store: store).measures() : DayBench.Measures()
        let warmPeak = Self.peakMemory()

        // Without the cache every file is read and checked once: the first start after an upgrade.
        var coldTimes: [Duration] = []
        if measures(.cold) {
            unlink(folder + "/" + StoreLayout.summaryCache)
            coldTimes.append(try Self.time {
                store = try reopen()
                _ = store.overview(today: today)
            })
        }
        let coldPeak = Self.peakMemory()

        let summary = store.summary()
        print("gridwork bench: \(store.manifest.name), \(folder)")
        print(RecordKind.allCases.map { "\(summary.count(of: $0)) \($0.name(.en))" }.joined(separator: ", ")
              + "; \(Self.megabytes(diskBytes)) of JSON on disk")
        print("")
        var table = TextTable()
        table.add("measure", "runs", "p50", "p95", "p99", "max", "target / peer")
        func row(_ name: String, _ times: [Duration], _ note: String = "") {
            if times.isEmpty { return }
            let timings = Timings(times)
            table.add(name, String(timings.count), Self.format(timings.median), Self.format(timings.percentile(0.95)),
                      Self.format(timings.percentile(0.99)), Self.format(timings.values.last), note)
        }
        let saves = Timings(saveTimes)
        row("first screen: open + overview", openTimes, "<= 0.3 s")
        row("one grid's households + residents", gridTimes, "<= 30 ms; \(Timings(gridTimes).ratio(to: Timings(foundationTimes))) of peer")
        row("peer: the same files decoded by Foundation's JSONDecoder", foundationTimes, "peer, same grids")
        row("save one edited case, durably", saveTimes, "<= 2x floor: \(saves.ratio(to: floor)) of it")
        row("floor: write+fsync+rename+dir fsync+append, same files' sizes", floor.values, "peer, interleaved")
        row("form saved: write + re-read + rebuild lists", entryTimes, "<= 200 ms")
        for (name, times, target) in search { row(name, times, target) }
        for (name, times) in list { row(name, times) }
        row("day: open a grid in the dashboard (20 grids)", day.opens, "<= 30 ms")
        row("day: save a household, grid shown again (50)", day.saves, "")
        row("day: search keystroke right after a save (50)", day.searchesAfterSaves, "p95 <= 30 ms")
        row("day: search keystroke (50)", day.searches, "p95 <= 30 ms")
        row("first screen without cache (reads all)", coldTimes, "<= 15 s")
        if only == [.day] {
            table.add("peak memory: a day (first screen, 20 grids, 50 saves, 100 searches)", "", Self.megabytes(warmPeak), "", "", "", "<= 400 MB")
        } else {
            table.add("peak memory: first screen + saves", "", Self.megabytes(warmPeak), "", "", "", "<= \(Self.megabytes(2 * diskBytes)) (2x disk)")
        }
        table.add("peak memory: after reading all", "", Self.megabytes(coldPeak), "", "", "", "")
        // `gridwork check` reads and checks everything again, streaming on every core.
        if measures(.check), let check = CheckBench.measure(folder: folder, login: options.login, secured: session != nil) {
            row("gridwork check (child process)", [check.time], "<= 30 s")
            table.add("peak memory: gridwork check", "", check.peakBytes.map(Self.megabytes) ?? "-", "", "", "", "<= 300 MB")
        }
        print(table.rendered())
    }

    /// What a worker waits for after Enter on a form: a new household saved durably, then the data
    /// read again and every list rebuilt (pinyin included), as the dashboard does. For a district
    /// that is one grid; for a community, all of it.
    static func entryTimings(store: Store, actor: RecordID, today: Day) throws -> [Duration] {
        guard let grid = store.grids.first else { return [] }
        let loader = DashboardLoader(store: store)
        let writer = ChangeWriter(store: store)
        let shown = store.grids.count > DashboardData.largeThreshold ? grid.code : nil
        var times: [Duration] = []
        for index in 0..<20 {
            let household = Household(meta: .new(by: actor, at: Date(), prefix: "H"), gridCode: grid.code, microGrid: nil,
                                      address: Address(compound: "基准小区", building: "\(index + 1)栋", unit: "", room: "101"),
                                      residency: .rented)
            times.append(try time {
                let failure = writer.save([.household(household)], at: Date()).failure
                if let failure { throw failure }
                _ = AppState(data: loader.load(grid: shown, today: today), language: .zh, themeName: "default", width: 120, height: 40)
            })
        }
        return times
    }

    /// The dashboard with a list of 100,000 households at 120x40: drawing a frame, moving one row,
    /// and one filter keystroke (which searches every row).
    static func listTimings(store: Store, today: Day) -> [(String, [Duration])] {
        guard let grid = store.grids.first else { return [] }
        let households = (0..<100_000).map { index in
            Household(meta: RecordMeta(id: RecordID("H-bench-\(index)"), createdBy: DemoGenerator.adminID, createdAt: Date()), gridCode: grid.code,
                      microGrid: nil, address: Address(compound: "清潭花园", building: "\(index / 24 + 1)栋", unit: "", room: "\(index % 24 + 1)"),
                      residency: .ownerOccupied)
        }
        // One grid: in a district's dashboard `/` searches every grid through the index instead
        // of filtering the list, and the filter is what this measures.
        let data = DashboardData(areaName: store.manifest.name, today: today, overview: Overview(store.summary(), today: today),
                                 grids: [grid], workers: store.workers, households: households, residents: [], patrols: [], cases: [],
                                 loadedGrid: nil, unreadableFiles: 0, timeZone: store.manifest.communityTimeZone)
        var state = AppState(data: data, language: .zh, themeName: "default", width: 120, height: 40)
        _ = AppReducer.reduce(&state, .key(.character("3")))
        _ = AppReducer.reduce(&state, .key(.pageDown))
        var frames: [Duration] = [], moves: [Duration] = [], filters: [Duration] = [], narrowing: [Duration] = []
        for _ in 0..<30 { frames.append(time { _ = DashboardView.render(state, glyphs: .unicode) }) }
        for _ in 0..<30 {
            moves.append(time {
                _ = AppReducer.reduce(&state, .key(.down))
                _ = DashboardView.render(state, glyphs: .unicode)
            })
        }
        for round in 0..<10 {
            _ = AppReducer.reduce(&state, .key(.character("/")))
            filters.append(time {
                _ = AppReducer.reduce(&state, .key(.character(Character(String(round % 9 + 1)))))
                _ = DashboardView.render(state, glyphs: .unicode)
            })
            narrowing.append(time {
                _ = AppReducer.reduce(&state, .key(.character("栋")))
                _ = DashboardView.render(state, glyphs: .unicode)
            })
            _ = AppReducer.reduce(&state, .key(.escape))
        }
        return [("100,000-row list: draw a frame", frames), ("100,000-row list: move one row", moves),
                ("100,000-row list: first filter keystroke", filters), ("100,000-row list: next filter keystroke", narrowing)]
    }

    static func time(_ body: () throws -> Void) rethrows -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return clock.now - start
    }

    static func format(_ duration: Duration?) -> String {
        guard let duration else { return "-" }
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds >= 1 ? String(format: "%.2f s", seconds) : String(format: "%.1f ms", seconds * 1000)
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }

    /// The most memory this process has held, from the kernel's own count.
    static func peakMemory() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Bytes of data files, leaving out the derived cache.
    static func dataSize(_ folder: String) -> Int64 {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var total: Int64 = 0
        while let path = enumerator.nextObject() as? String {
            guard !path.hasPrefix("cache/"), path.hasSuffix(".json"),
                  let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + path))?[.size] as? NSNumber else { continue }
            total += size.int64Value
        }
        return total
    }
}

/// The parts of `gridwork bench`, to measure one alone (`--only save search`).
enum BenchPart: String, CaseIterable, ExpressibleByArgument {
    case open, grid, save, entry, indexBuild = "index-build", search, residentSave = "resident-save", list, day, cold, check
}
