import Foundation
import GridModel

/// The data folder: what is on file, read lazily, and written one small file at a time.
///
/// Opening reads the grids, the workers and a summary of every other file (from a cache keyed
/// by file stamps), which is all the first screen needs. Households, residents, patrols and
/// cases are read when asked for. A file that cannot be read or breaks the rules is reported in
/// `problems`, left out, and never written; everything else still opens.
///
/// Every write is made by the store's writer (`writerID`): the worker of the session that opened
/// it, or, only in a folder without accounts, the actor named at open. No write takes "who".
///
/// One `Store` belongs to one thread. Two processes may open the same folder: each save takes
/// the folder's lock, re-reads the file from disk and refuses to overwrite a newer revision.
public final class Store {
    public let folder: String
    public private(set) var manifest: Manifest
    public private(set) var grids: [Grid] = []
    public private(set) var workers: [Worker] = []
    /// How often tagged residents are visited: `visit-schedule.json`, else the standard schedule.
    public private(set) var visitSchedule = VisitSchedule.standard

    let lock: StoreLock
    /// Seals and opens ID and phone numbers; nil while the folder has no accounts.
    private(set) var key: PersonalDataKey?
    /// Who this store writes as: the session's worker, or the actor named for a folder without
    /// accounts. No write takes "who" from its caller, so nothing can write under another name.
    private var writer: Writer?
    /// Signs the writer's audit entries: the session's key, in memory only; nil for a folder
    /// without accounts, whose entries go unsigned.
    private(set) var signer: AuditSigner?
    /// The login this store writes for, when opened by one: every write checks that its account
    /// is still enabled on disk, so disabling it from another copy stops an open session at once.
    public var sessionLogin: String? {
        if case .session(let login, _) = writer { return login }
        return nil
    }
    /// The worker this store writes as; nil for a store opened only to read.
    public var writerID: RecordID? {
        switch writer {
        case .session(_, let worker), .unsecured(let worker): return worker
        case nil: return nil
        }
    }
    /// Files read with personal data in plain text although the folder has a key.
    public private(set) var filesWithPlainPersonalData: Set<String> = []
    public var audit: AuditTrail { AuditTrail(dataFolder: folder) }
    /// Data files found under the folder, by the kind of record they hold. Changed only
    /// through `noteFile` and `dropFile`, which keep `gridFiles` beside it.
    private var files: [RecordKind: Set<String>] = [:]
    /// The same files by grid, then kind: a grid's files are found without going through a district's.
    private var gridFiles: [GridCode: [RecordKind: Set<String>]] = [:]
    /// Each data file's summary at the stamp it was made from. Changed only through
    /// `setSummary`, which notes whose grid's figures must be added up again.
    private var summaries: [String: SummaryCache.Entry] { summaryEntries }
    private var summaryEntries: [String: SummaryCache.Entry] = [:]
    /// The records of the files read so far, each kind in its own typed table.
    private var loaded = RecordsByFile()
    /// What `loaded` holds of each file was read at: its stamp and a digest of its bytes.
    private var loadedStamps: [String: LoadedFile] = [:]
    /// Each file's content hash whose rules were checked and passed: the same bytes read again
    /// (after a touch, or once for the summary and once for the records) are not checked again.
    private var checkedContent: [String: Int] = [:]
    /// The bytes of files read and found unchanged while this store holds the lock, so that one
    /// change reads each file once: the check of its records, the journal's note of what it replaces and the reuse of
    /// its unchanged records all take these. Emptied when the lock is let go, and for a file when
    /// memory takes another version of it (`remember`).
    private var bytesUnderLock: [String: Data] = [:]
    /// The bytes memory was read from, for the files read last (8 MB of them: a grid's files).
    private var recentBytes = RecentBytes(budget: 8 << 20)
    /// How many times a file's rules were checked, for tests of the above.
    private(set) var ruleChecks = 0
    /// How many times a data file was read from disk (tests: no file read twice for one action).
    private(set) var fileReads = 0
    /// How many times a file's bytes were read under the lock to compare them with memory (tests:
    /// a save reads each file it touches once at most, a settled one not at all).
    private(set) var bytesReadUnderLock = 0
    /// How long before it was read a file must have last changed for a save to trust its stamp
    /// without reading it (see `FileTime.settled`); nil where change times are not the local
    /// kernel's own (`FileTime.changeTimesAreLocal`). Tests shorten it (`readEveryFileAgain`).
    private(set) var settledAfter: Int64?
    /// How many times every file's summary was added up (tests: reading changes no figure).
    private(set) var summaryMerges = 0
    /// How many households, residents, patrols and cases files are held in memory, for tests.
    var recordFilesInMemory: Int { loaded.households.count + loaded.residents.count + loaded.patrols.count + loaded.cases.count }
    private var problemsByFile: [String: [StoreProblem]] = [:]
    private var badFileStamps: [String: FileStamp] = [:]
    /// Which file each record read so far came from, to notice an edit that would move it.
    private(set) var locations: [RecordID: String] = [:]
    /// Residents files whose summary must be joined again because their grid's households changed.
    private var staleResidentSummaries: Set<String> = []
    private var mergedSummary: DataSummary?
    /// The overview of `mergedSummary` on a day, made again only when a figure or the day changes.
    private var overviewOfSummary: Overview?
    /// Each grid's figures, added up from its files' summaries; those of `staleGrids` are not.
    private var gridSummaries: [GridCode: DataSummary] = [:]
    /// Grids a file of which changed its summary: a save in one grid adds up that grid's files
    /// again, not a district's six thousand.
    private var staleGrids: Set<GridCode> = []
    /// The files with a summary, by grid, and those outside any grid.
    private var summarizedFiles: [GridCode: Set<String>] = [:]
    private var summarizedOutsideGrids: Set<String> = []
    /// `gridSummaries` added up in groups of grids (`summaryGroup(of:)`); those of
    /// `staleGroups` are not. After a save the total adds up one group again and the groups,
    /// some forty figures, not a district's 330.
    private var groupSummaries: [Int: DataSummary] = [:]
    private var staleGroups: Set<Int> = []
    /// For tests: a failure to meet when putting the file at a (relative) path in place, after the
    /// change is committed in the journal (any error: the change is put back). `.notConfirmed`
    /// on a record file lets the change land, then reports it unconfirmed.
    var writeFault: ((String) -> StoreError?)?
    /// Follows every change this store commits (see `CommitListener`); not kept alive by it.
    public weak var commitListener: (any CommitListener)?

    private struct LoadedFile {
        let stamp: FileStamp
        /// The change time of a file read well after it last changed (see `FileTime.settled`):
        /// while it is the same, nothing has written the file since, and a save need not read it
        /// to know. Nil for a file that had just changed, and for one this store wrote.
        let settled: FileTime?
        /// `ShardReader.quickDigest` of the bytes: what the lock compares a file with before a write.
        let quickDigest: UInt64
        /// Where each record's element lies in those bytes, when known (see `ShardEncoder`).
        let recordRanges: [Range<Int>]?
    }

    private enum Writer {
        case session(login: String, worker: RecordID)
        /// Only while the folder has no accounts; refused at every write once it has.
        case unsecured(RecordID)
    }

    private init(folder: String, manifest: Manifest, key: PersonalDataKey? = nil) {
        self.folder = folder
        self.manifest = manifest
        self.key = key
        lock = StoreLock(path: folder + "/" + StoreLayout.lock)
        settledAfter = FileTime.changeTimesAreLocal(at: folder) ? 10 : nil
    }

    // MARK: Opening and creating

    /// Opens an existing data folder to read. One whose community is set up (it has `accounts.json`)
    /// needs the key a login gives (`Store.logIn`), and refuses a key that is not its own. A store
    /// opened this way writes nothing (`StoreError.readOnly`): see `open(_:session:)`.
    ///
    /// Files whose summary is not in the cache are read on every core, and `progress` (called on
    /// this thread) hears how far that has got.
    public static func open(_ folder: String, key: PersonalDataKey? = nil,
                            progress: ((ReadProgress) -> Void)? = nil) throws(StoreError) -> Store {
        try open(folder, key: key, readers: ParallelJobs.threadCount, progress: progress)
    }

    /// `readers` threads read the files the cache does not summarize; 0 reads them one by one on
    /// this thread, as gridwork did before (kept to test the parallel reading against).
    static func open(_ folder: String, key: PersonalDataKey?, readers: Int,
                     progress: ((ReadProgress) -> Void)? = nil) throws(StoreError) -> Store {
        let path = folder + "/" + StoreLayout.manifest
        guard FileManager.default.fileExists(atPath: path) else { throw .notADataFolder(path: folder) }
        if isSecured(folder) {
            guard let key else { throw .needsLogin(path: folder) }
            try AccountBook.checkKey(key, folder: folder)
        }
        let store = Store(folder: folder, manifest: try readManifest(path), key: key)
        store.visitSchedule = try VisitScheduleFile.read(folder: folder)
        // A change a crash cut short is settled before anything is read; without one, a read-only
        // folder still opens. Every record of the journal is played again (idempotent) and the
        // journal emptied, so a session starts from files made durable.
        if Journal.isPending(in: folder) {
            try store.lock.withExclusiveLock { () throws(StoreError) in try Journal.recover(in: folder, everyRecord: true) }
        } else if Journal.hasRecords(in: folder) {
            try? store.lock.withExclusiveLock { () throws(StoreError) in try Journal.recover(in: folder, everyRecord: true) }
        }
        // The cache is decoded on the helper thread while this one walks the folder: neither
        // needs the other, and each took a fifth of the first screen. (So no job of the helper
        // thread may open a store: it would wait for itself.)
        let (cachePath, timeZone, schedule) = (folder + "/" + StoreLayout.summaryCache, store.manifest.communityTimeZone, store.visitSchedule)
        let decoding = HelperThread.shared.start { SummaryCache.load(cachePath, timeZone: timeZone, schedule: schedule) }
        store.findFiles()
        let cache = decoding.wait() ?? SummaryCache(timeZone: timeZone, schedule: schedule)
        // Before anything is read: the grid files too are only decoded if their bytes passed before.
        store.checkedContent = cache.checkedContent
        store.loadGridsAndWorkers()
        if readers > 0 {
            store.summarizeFiles(from: cache, readers: readers, progress: progress)
        } else {
            store.summarizeFilesOneByOne(from: cache)
        }
        return store
    }

    /// Opens the folder to write as the worker `session` logged in as (see `sessionLogin`).
    public static func open(_ folder: String, session: Session, progress: ((ReadProgress) -> Void)? = nil) throws(StoreError) -> Store {
        let store = try open(folder, key: session.key, progress: progress)
        store.writer = .session(login: session.login, worker: session.workerID)
        store.signer = session.signer
        return store
    }

    /// Opens a folder that has no accounts yet (tests, demo data, a community not set up) to write
    /// as `unsecuredActor`. A folder with accounts refuses: there only a login writes.
    public static func open(_ folder: String, unsecuredActor: RecordID) throws(StoreError) -> Store {
        if isSecured(folder) { throw .secured(path: folder) }
        let store = try open(folder)
        store.writer = .unsecured(unsecuredActor)
        return store
    }

    /// Another worker logged in at the same keyboard: the store writes as them now.
    public func switchSession(to session: Session) {
        writer = .session(login: session.login, worker: session.workerID)
        signer = session.signer
    }

    /// When the store goes (a command ends, the dashboard closes): the changes of the journal are
    /// made durable and it is emptied, if no other copy holds the folder's lock at that moment.
    deinit {
        guard Journal.hasRecords(in: folder) else { return }
        let folder = folder
        lock.ifFree { () throws(StoreError) in try Journal.checkpoint(in: folder) }
    }

    /// True when the folder's journal holds a change not known to be in place: one a crash cut
    /// short, or one from before the machine last started. The next holder of the lock settles it.
    public static func hasUnsettledChange(_ folder: String) -> Bool {
        Journal.isPending(in: folder)
    }

    /// Makes a new, empty data folder (mode 0700) with its manifest. Refuses a folder that holds data.
    /// The store writes as `unsecuredActor` until the community is set up; without one it only reads
    /// (`setUpCommunity` names the first admin itself).
    public static func create(_ folder: String, manifest: Manifest, unsecuredActor: RecordID? = nil) throws(StoreError) -> Store {
        if FileManager.default.fileExists(atPath: folder + "/" + StoreLayout.manifest) { throw .alreadyHoldsData(path: folder) }
        try DurableFile.makeFolder(folder)
        let store = Store(folder: folder, manifest: manifest)
        store.writer = unsecuredActor.map { .unsecured($0) }
        try store.lock.withExclusiveLock { () throws(StoreError) in
            let data = try encode(manifest, path: folder + "/" + StoreLayout.manifest)
            var change = FileChange()
            change.replace(StoreLayout.manifest, with: data)
            try Journal.commit(change, in: folder)?.wait()
        }
        return store
    }

    static func readManifest(_ path: String) throws(StoreError) -> Manifest {
        let data: Data
        switch ShardReader.readFile(path) {
        case .failure(let problem): throw .fileHasProblems(problem)
        case .success(let contents): data = contents.0
        }
        let locator = JSONLocator(data: data)
        let manifest = try ShardReader.decodeStrictly(Manifest.self, from: data, path: path)
        if let identifier = manifest.timeZone, TimeZone(identifier: identifier) == nil {
            throw .fileHasProblems(StoreProblem(path: path, position: locator.position(of: [PathKey("timeZone")]), message: LocalizedText(
                zh: "不认识的时区“\(identifier)”，请写 IANA 时区名，如 Asia/Shanghai，或删去此项（即北京时间）",
                en: "unknown time zone \"\(identifier)\"; write an IANA name such as Asia/Shanghai, or leave it out for China Standard Time")))
        }
        if manifest.schema < 1 {
            throw .fileHasProblems(StoreProblem(path: path, position: locator.position(of: [PathKey("schema")]), message: LocalizedText(
                zh: "格式版本 \(manifest.schema) 无效", en: "schema \(manifest.schema) is not a valid version")))
        }
        if manifest.schema > StoreLayout.schemaVersion {
            throw .fileHasProblems(StoreProblem(path: path, position: locator.position(of: [PathKey("schema")]), message: LocalizedText(
                zh: "由较新版本的 gridwork 写入（格式版本 \(manifest.schema)），请升级 gridwork",
                en: "written by a newer gridwork (schema \(manifest.schema)); upgrade gridwork to open this folder")))
        }
        return manifest
    }

    /// Lists the data files, and removes temp files that a crash left behind. That happens under
    /// the lock: a writer holds it while it writes a temp file and puts it in place, so any temp
    /// file seen while holding it is an orphan, or the old version another copy's helper thread
    /// is about to unlink (which then finds it gone).
    private func findFiles() {
        var temporary: [String] = []
        var unknown: [String] = []
        let manager = FileManager.default
        func list(_ relative: String) -> [String] {
            (try? manager.contentsOfDirectory(atPath: relative.isEmpty ? folder : folder + "/" + relative)) ?? []
        }
        func visit(_ relative: String, depth: Int) {
            for name in list(relative) {
                let path = relative.isEmpty ? name : relative + "/" + name
                if DurableFile.isTemporary(name) {
                    temporary.append(path)
                } else if let kind = StoreLayout.kind(ofFile: path) {
                    noteFile(path, kind: kind)
                } else if depth < 3 && (path == StoreLayout.gridsFolder || depth > 0) && !name.hasSuffix(".json") {
                    visit(path, depth: depth + 1)
                } else if depth > 0 && name.hasSuffix(".json") {
                    unknown.append(path)
                }
            }
        }
        visit("", depth: 0)
        for subfolder in ["cache", "audit", StoreLayout.tombstonesFolder] {
            for path in list(subfolder) where DurableFile.isTemporary(path) { temporary.append(subfolder + "/" + path) }
        }
        // Drafts are written without the lock (they are no data): only a dead writer's temp file goes.
        for path in list(StoreLayout.draftsFolder) where DurableFile.isLeftByDeadWriter(path) { temporary.append(StoreLayout.draftsFolder + "/" + path) }
        if !temporary.isEmpty {
            try? lock.withExclusiveLock { () throws(StoreError) in
                for path in temporary { unlink(folder + "/" + path) }
            }
        }
        for path in unknown {
            problemsByFile[path] = [StoreProblem(path: folder + "/" + path, position: nil, message: LocalizedText(
                zh: "gridwork 不认识此文件（文件名或位置不对），已忽略", en: "not a file gridwork knows (wrong name or place); ignored"))]
        }
    }

    private func loadGridsAndWorkers() {
        // A district has hundreds of grid files: read on every core, then taken in order.
        preload((files[.grid] ?? []).sorted())
        grids = (files[.grid] ?? []).sorted().flatMap { (try? load(Grid.self, $0)) ?? [] }
        workers = (try? load(Worker.self, StoreLayout.workers)) ?? []
    }

    /// Takes each file's summary from the cache when its stamp still matches; reads the others on
    /// `readers` threads, one grid folder at a time (its households once, for their own summary
    /// and for the residents'), and merges what they found here, in the folders' order.
    private func summarizeFiles(from cache: SummaryCache, readers: Int, progress: ((ReadProgress) -> Void)?) {
        var stale: [String: [FolderJob.File]] = [:]
        for kind in [RecordKind.household, .resident, .patrolLog, .disputeCase] {
            for path in (files[kind] ?? []).sorted() {
                let stamp = FileStamp(path: folder + "/" + path)
                let householdsStamp = kind == .resident ? FileStamp(path: folder + "/" + StoreLayout.households(besideResidents: path)) : nil
                if let entry = cache.entries[path], entry.stamp == stamp, entry.householdsStamp == householdsStamp {
                    setSummary(for: path, entry)
                    continue
                }
                stale[Self.gridFolder(of: path), default: []].append(
                    FolderJob.File(kind: kind, path: path, checked: checkedContent[path], bytes: stamp?.size ?? 0))
            }
        }
        let jobs = stale.keys.sorted().map { key in
            var job = FolderJob(files: stale[key] ?? [])
            if let residents = job.files.first(where: { $0.kind == .resident }), !job.files.contains(where: { $0.kind == .household }) {
                let path = StoreLayout.households(besideResidents: residents.path)
                job.householdsForResidents = FolderJob.File(kind: .household, path: path, checked: checkedContent[path], bytes: 0)
            }
            return job
        }
        readFolders(jobs, readers: readers, progress: progress) { _, _ in }
        if !jobs.isEmpty || cache.entries.count != summaries.count { writeSummaryCache() }
    }

    /// The grid folder (`grids/<code>`) a data file of a grid lies in; the path itself otherwise.
    private static func gridFolder(of path: String) -> String {
        let parts = path.split(separator: "/", maxSplits: 2)
        return parts.count == 3 ? parts[0] + "/" + parts[1] : path
    }

    /// Reads `jobs` on `readers` threads and merges each folder's outcome into the store, on this
    /// thread and in the jobs' order, as `read` and `summarize` would have; `each` then sees every
    /// file's outcome. Progress is reported before the first folder and after each.
    private func readFolders(_ jobs: [FolderJob], readers: Int, progress: ((ReadProgress) -> Void)?,
                             each: (FolderJob, FileOutcome) -> Void) {
        let filesTotal = jobs.reduce(0) { $0 + $1.files.count }
        let bytesTotal = jobs.reduce(Int64(0)) { $0 + $1.files.reduce(Int64(0)) { $0 + $1.bytes } }
        var filesDone = 0
        var bytesDone: Int64 = 0
        progress?(ReadProgress(filesDone: 0, filesTotal: filesTotal, bytesDone: 0, bytesTotal: bytesTotal))
        let scanner = FolderScanner(reader: ShardReader(folder: folder, context: .reading, key: key, settledAfter: settledAfter),
                                    timeZone: manifest.communityTimeZone, schedule: visitSchedule)
        ParallelJobs.run(jobs, threads: readers, work: { scanner.scan($0) }) { index, outcome in
            if let households = outcome.householdsForResidents { noteRead(households) }
            for file in outcome.files {
                noteRead(file)
                switch file.result {
                case .success(let scanned):
                    notePlainPersonalData(scanned.hasPlainPersonalData, in: file.file.path)
                    setSummary(for: file.file.path, scanned.entry)
                case .failure(let problems):
                    recordProblems(problems, for: file.file.path)
                }
                if file.file.kind == .resident { staleResidentSummaries.remove(file.file.path) }
                each(jobs[index], file)
                filesDone += 1
                bytesDone += file.file.bytes
            }
            progress?(ReadProgress(filesDone: filesDone, filesTotal: filesTotal, bytesDone: bytesDone, bytesTotal: bytesTotal))
        }
    }

    /// What `read` notes of a file read on another thread: whether its rules were checked.
    private func noteRead(_ outcome: FileOutcome) {
        switch outcome.result {
        case .success(let scanned):
            if checkedContent[outcome.file.path] != scanned.contentHash {
                ruleChecks += 1
                checkedContent[outcome.file.path] = scanned.contentHash
            }
        case .failure:
            ruleChecks += 1
            checkedContent[outcome.file.path] = nil
        }
    }

    /// The same, one file after another on this thread: how gridwork read them before, kept as
    /// the reference the parallel reading is tested against.
    private func summarizeFilesOneByOne(from cache: SummaryCache) {
        var changed = false
        for kind in [RecordKind.household, .resident, .patrolLog, .disputeCase] {
            for path in files[kind] ?? [] {
                let householdsStamp = kind == .resident ? FileStamp(path: folder + "/" + StoreLayout.households(besideResidents: path)) : nil
                if let entry = cache.entries[path], entry.stamp == FileStamp(path: folder + "/" + path), entry.householdsStamp == householdsStamp {
                    setSummary(for: path, entry)
                    continue
                }
                changed = true
                switch kind {
                case .household: summarize(Household.self, path)
                case .resident: summarizeResidents(path)
                case .patrolLog: summarize(PatrolLog.self, path)
                default: summarize(DisputeCase.self, path)
                }
            }
        }
        if changed || cache.entries.count != summaries.count { writeSummaryCache() }
    }

    /// Reads a file only to summarize it, without keeping its records in memory.
    private func summarize<R: StoredRecord>(_ type: R.Type, _ path: String) {
        switch read(R.self, path) {
        case .success(let file):
            notePlainPersonalData(file.hasPlainPersonalData, in: path)
            setSummary(for: path, SummaryCache.Entry(stamp: file.stamp, householdsStamp: nil, summary: R.summarize(file.records, timeZone: manifest.communityTimeZone)))
        case .failure(let problems):
            recordProblems(problems, for: path)
        }
    }

    private func refreshStaleSummaries() {
        for path in staleResidentSummaries.sorted() { summarizeResidents(path) }
    }

    /// A residents file is summarized with its grid's households, whose visits say who is due.
    /// An unreadable households file is reported on its own; its residents then count as never visited.
    private func summarizeResidents(_ path: String) {
        let householdsPath = StoreLayout.households(besideResidents: path)
        // The households in memory only if the file still holds them; the stamp saved is theirs.
        var households: [Household] = []
        var householdsStamp: FileStamp?
        if let file = loadedStamps[householdsPath], file.stamp == FileStamp(path: folder + "/" + householdsPath),
           let records = loaded[Household.self, householdsPath] {
            (households, householdsStamp) = (records, file.stamp)
        } else if case .success(let file) = read(Household.self, householdsPath) {
            (households, householdsStamp) = (file.records, file.stamp)
        }
        defer { staleResidentSummaries.remove(path) }
        // The residents in memory when the file still holds them: opening a grid reads its
        // households and residents, and its summary then needs no second read of either.
        if let file = loadedStamps[path], file.stamp == FileStamp(path: folder + "/" + path), let records = loaded[Resident.self, path] {
            setSummary(for: path, SummaryCache.Entry(stamp: file.stamp, householdsStamp: householdsStamp,
                                                 summary: DataSummary(residents: records, households: households, schedule: visitSchedule)))
            return
        }
        switch read(Resident.self, path) {
        case .success(let file):
            notePlainPersonalData(file.hasPlainPersonalData, in: path)
            setSummary(for: path, SummaryCache.Entry(stamp: file.stamp, householdsStamp: householdsStamp,
                                                 summary: DataSummary(residents: file.records, households: households, schedule: visitSchedule)))
        case .failure(let problems):
            recordProblems(problems, for: path)
        }
    }

    /// Saves the summaries for the next start. Best effort: a read-only folder just opens slower.
    public func writeSummaryCache() {
        refreshStaleSummaries()
        var cache = SummaryCache(timeZone: manifest.communityTimeZone, schedule: visitSchedule)
        cache.entries = summaries
        let known = files.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        cache.checkedContent = checkedContent.filter { known.contains($0.key) }
        try? lock.withExclusiveLock { () throws(StoreError) in try cache.write(folder + "/" + StoreLayout.summaryCache) }
    }

    // MARK: Reading

    /// Every file that could not be read or breaks the rules, as `path:line:column` and a message.
    public var problems: [StoreProblem] {
        problemsByFile.keys.sorted().flatMap { problemsByFile[$0] ?? [] }
    }

    /// The figures behind the overview, over every readable file.
    public func summary() -> DataSummary {
        if let mergedSummary { return mergedSummary }
        summaryMerges += 1
        // Added up grid by grid, so the grids' own figures (kept for the overview of one grid or
        // of a worker's grids) cost no second pass over a district's files.
        let byGrid = summariesByGrid()
        if !staleGroups.isEmpty {
            var fresh: [Int: DataSummary] = [:]
            for (grid, figures) in byGrid.sorted(by: { $0.key < $1.key }) {
                let group = Self.summaryGroup(of: grid)
                if staleGroups.contains(group) { fresh[group, default: DataSummary()].merge(figures) }
            }
            for group in staleGroups { groupSummaries[group] = fresh[group] }
            staleGroups = []
        }
        var merged = DataSummary()
        for (_, figures) in groupSummaries.sorted(by: { $0.key < $1.key }) { merged.merge(figures) }
        for path in summarizedOutsideGrids.sorted() { if let entry = summaries[path] { merged.merge(entry.summary) } }
        mergedSummary = merged
        overviewOfSummary = nil
        return merged
    }

    /// The first screen's overview of every readable file on `today`: the dashboard asks for it
    /// at every grid it opens, and a district's figures take a while to go through.
    public func overview(today: Day) -> Overview {
        let figures = summary()
        if let overviewOfSummary, overviewOfSummary.today == today { return overviewOfSummary }
        let overview = Overview(figures, today: today)
        overviewOfSummary = overview
        return overview
    }

    /// Keeps `entry` as the summary of `path` (nil: it has none), and notes that the figures
    /// added up from it are out of date.
    private func setSummary(for path: String, _ entry: SummaryCache.Entry?) {
        summaryEntries[path] = entry
        mergedSummary = nil
        if let grid = Self.grid(ofDataFile: path) {
            staleGrids.insert(grid)
            if entry == nil { summarizedFiles[grid]?.remove(path) } else { summarizedFiles[grid, default: []].insert(path) }
        } else if entry == nil {
            summarizedOutsideGrids.remove(path)
        } else {
            summarizedOutsideGrids.insert(path)
        }
    }

    /// Which group of grids `grid`'s figures are added up in (see `groupSummaries`): about
    /// twenty grids each in a district. By the code's hash, so it holds for this process only.
    private static func summaryGroup(of grid: GridCode) -> Int { Int(UInt(bitPattern: grid.hashValue) % 16) }

    /// The grid whose folder holds `path` (`grids/<code>/…`), nil for a file outside the grids.
    private static func grid(ofDataFile path: String) -> GridCode? {
        // By bytes, as `StoreLayout.kind(ofFile:)`: called for every file at every start.
        let parts = path.utf8.split(separator: UInt8(ascii: "/"), maxSplits: 2)
        guard parts.count == 3, parts[0].elementsEqual(StoreLayout.gridsFolder.utf8) else { return nil }
        return GridCode(String(Substring(parts[1])))
    }

    /// The figures behind the overview of each grid, over its readable files: what a grid
    /// worker's or a chosen grid's overview adds up, without reading any record. Only the grids
    /// whose files changed since the last call are added up again.
    public func summariesByGrid() -> [GridCode: DataSummary] {
        refreshStaleSummaries()
        guard !staleGrids.isEmpty else { return gridSummaries }
        let grids = staleGrids.sorted()
        let jobs = grids.map { grid in (summarizedFiles[grid] ?? []).sorted().compactMap { summaries[$0]?.summary } }
        // At start every grid is added up: on every core (it was a fifth of the first screen).
        // After a save, one grid: here.
        ParallelJobs.run(jobs, threads: jobs.count > 16 ? ParallelJobs.threadCount : 1, work: Self.added) { index, figures in
            // A grid left with no readable file has no figures, as before it had any.
            gridSummaries[grids[index]] = figures
            staleGroups.insert(Self.summaryGroup(of: grids[index]))
        }
        staleGrids = []
        return gridSummaries
    }

    /// The figures of a grid's files added up; nil when it has none.
    @Sendable private static func added(_ summaries: [DataSummary]) -> DataSummary? {
        guard var total = summaries.first else { return nil }
        for summary in summaries.dropFirst() { total.merge(summary) }
        return total
    }

    /// The records of one kind in one grid, from every readable file.
    /// With `keeping` false, files not already in memory are read without being kept there (a
    /// pass over every grid, as the search index makes, must not hold a whole district).
    public func records<R: StoredRecord>(_ type: R.Type, inGrid code: GridCode, keeping: Bool = true) -> [R] {
        (gridFiles[code]?[R.kind] ?? []).sorted().flatMap { (try? load(R.self, $0, keeping: keeping)) ?? [] }
    }

    /// Every record of one kind, from every readable file.
    public func allRecords<R: StoredRecord>(_ type: R.Type) -> [R] {
        (files[R.kind] ?? []).sorted().flatMap { (try? load(R.self, $0)) ?? [] }
    }

    /// The files holding records of `kind` that could not be read or break the rules, relative to the folder.
    func unreadableFiles(of kind: RecordKind) -> [String] {
        problemsByFile.keys.filter { StoreLayout.kind(ofFile: $0) == kind }
    }

    /// The data files that hold records of `kind`, relative to the folder.
    public func filePaths(of kind: RecordKind) -> [String] { (files[kind] ?? []).sorted() }

    /// Reads every file afresh, ignoring the cache, and returns all problems (`gridwork check`).
    public func checkEveryFile() -> [StoreProblem] {
        forgetEveryFile()
        for path in filePaths(of: .household) { summarize(Household.self, path) }
        for path in filePaths(of: .resident) { summarizeResidents(path) }
        for path in filePaths(of: .patrolLog) { summarize(PatrolLog.self, path) }
        for path in filePaths(of: .disputeCase) { summarize(DisputeCase.self, path) }
        return problems + tombstoneProblems()
    }

    /// `checkEveryFile() + checkReferences()`, the same problems in the same order, read in one
    /// pass on every core: each grid folder's files are read, checked, summarized and their
    /// references checked by one worker thread, which keeps none of their records, so memory
    /// stays small whatever the size of the district. `progress` is called on this thread.
    public func checkEverything(progress: ((ReadProgress) -> Void)? = nil) -> [StoreProblem] {
        checkEverything(readers: ParallelJobs.threadCount, progress: progress)
    }

    func checkEverything(readers: Int, progress: ((ReadProgress) -> Void)? = nil) -> [StoreProblem] {
        forgetEveryFile()
        var seen = SeenIDs()
        var references: [StoreProblem] = []
        let plain = ReferenceRules(workerIDs: Set(workers.map(\.id)), gridCodes: gridCodesOnFile)
        for path in filePaths(of: .worker) {
            guard let records = try? load(Worker.self, path) else { continue }
            references += seen.problems(in: ReferenceFindings(records, rules: plain.rules(for: Worker.self)), path: path, folder: folder)
        }
        for path in filePaths(of: .grid) {
            guard let records = try? load(Grid.self, path) else { continue }
            references += seen.problems(in: ReferenceFindings(records, rules: plain.rules(for: Grid.self)), path: path, folder: folder)
        }
        // Only the folders of grids that read have their references checked, in the grids' order.
        let checked = Set(grids.map { StoreLayout.gridFolder($0.code) })
        let moved = householdsMovedAway()
        var byFolder: [String: [FolderJob.File]] = [:]
        for kind in [RecordKind.household, .resident, .patrolLog, .disputeCase] {
            for path in filePaths(of: kind) {
                byFolder[Self.gridFolder(of: path), default: []].append(
                    FolderJob.File(kind: kind, path: path, checked: nil, bytes: FileStamp(path: folder + "/" + path)?.size ?? 0))
            }
        }
        let jobs = byFolder.keys.sorted().map { key in
            var job = FolderJob(files: byFolder[key] ?? [])
            if let residents = job.files.first(where: { $0.kind == .resident }), !job.files.contains(where: { $0.kind == .household }) {
                job.householdsForResidents = FolderJob.File(kind: .household, path: StoreLayout.households(besideResidents: residents.path),
                                                            checked: nil, bytes: 0)
            }
            if checked.contains(key) {
                var rules = plain
                rules.movedAway = moved[GridCode(String(key.dropFirst(StoreLayout.gridsFolder.count + 1)))] ?? []
                job.references = rules
            }
            return job
        }
        readFolders(jobs, readers: readers, progress: progress) { job, outcome in
            guard job.references != nil, case .success(let scanned) = outcome.result, let findings = scanned.references else { return }
            references += seen.problems(in: findings, path: outcome.file.path, folder: folder)
        }
        return problems + tombstoneProblems() + references
    }

    /// Reads every file again, counting one as settled when it last changed `margin` seconds
    /// before it was read (tests of `FileTime.settled`).
    func readEveryFileAgain(settledAfter margin: Int64?) {
        settledAfter = margin
        forgetEveryFile()
    }

    /// Waits for what saves left to the helper threads: removing the old versions of the files
    /// they replaced, under temp names (and the hashes of a save that failed). The program waits for it as it exits; left undone (the
    /// power cut), the temp files go when the folder next opens.
    public static func finishBackgroundWork() {
        HelperThread.shared.drain()
        HelperThread.hashing.drain()
    }

    /// Drops every file read so far, to read them all afresh; the grids and workers are read again.
    private func forgetEveryFile() {
        loaded.removeAll()
        loadedStamps.removeAll()
        recentBytes.removeAll()
        checkedContent.removeAll()
        badFileStamps.removeAll()
        problemsByFile = problemsByFile.filter { StoreLayout.kind(ofFile: $0.key) == nil }
        for path in filePaths(of: .grid) { _ = try? load(Grid.self, path) }
        for path in filePaths(of: .worker) { _ = try? load(Worker.self, path) }
    }

    /// The records of one file, from memory while the file is unchanged on disk. With `verifying`
    /// (under the lock, before a write) the bytes are read and compared too: a file replaced twice
    /// within one clock tick can come back with the same inode, size and time. Not for a file
    /// that had settled when read and keeps its change time (see `FileTime.settled`).
    func load<R: StoredRecord>(_ type: R.Type, _ path: String, verifying: Bool = false, keeping: Bool = true) throws(StoreError) -> [R] {
        let full = folder + "/" + path
        var info = stat()
        guard stat(full, &info) == 0 else {
            if errno == ENOENT { return [] }
            throw .io(.read, path: full, code: errno)
        }
        let stamp = FileStamp(info)
        if let file = loadedStamps[path], file.stamp == stamp, let records = loaded[R.self, path] {
            if !verifying { return records }
            if bytesUnderLock[path] != nil { return records }
            if let settled = file.settled, settled == FileTime(changeOf: info) {
                bytesUnderLock[path] = recentBytes[path]
                return records
            }
            bytesReadUnderLock += 1
            if case .success(let (data, _, _)) = ShardReader.readFile(full), ShardReader.quickDigest(data) == file.quickDigest {
                bytesUnderLock[path] = data
                return records
            }
        }
        if badFileStamps[path] == stamp, let problem = problemsByFile[path]?.first { throw .fileHasProblems(problem) }
        return try absorb(read(R.self, path), path: path, stamp: stamp, keeping: keeping)
    }

    /// Keeps what reading `path` (at `stamp`) found, as `load` does.
    private func absorb<R: StoredRecord>(_ result: Result<ShardReader.Loaded<R>, ShardProblems>, path: String, stamp: FileStamp,
                                         keeping: Bool) throws(StoreError) -> [R] {
        switch result {
        case .success(let file):
            remember(file.records, stamp: file.stamp, settled: file.settled, quickDigest: file.quickDigest, recordRanges: file.recordRanges,
                     bytes: file.bytes, path: path, keep: keeping)
            notePlainPersonalData(file.hasPlainPersonalData, in: path)
            return file.records
        case .failure(let problems):
            recordProblems(problems, for: path)
            badFileStamps[path] = stamp
            throw .fileHasProblems(problems.all.first ?? ShardReader.ioProblem(folder + "/" + path, EIO))
        }
    }

    /// Reads, on every core, those of `paths` whose records memory does not hold as they are on
    /// disk, and keeps them as `load` would (in the paths' order, on this thread): every grid's
    /// own file at open, a grid's households, residents, patrols and cases when a screen opens it.
    public func preload(_ paths: [String]) {
        var stale: [(path: String, kind: RecordKind, stamp: FileStamp, checked: Int?)] = []
        for path in paths {
            guard let kind = StoreLayout.kind(ofFile: path), let stamp = FileStamp(path: folder + "/" + path),
                  loadedStamps[path]?.stamp != stamp || !loaded.holds(path), badFileStamps[path] != stamp else { continue }
            stale.append((path, kind, stamp, checkedContent[path]))
        }
        guard stale.count > 1 else { return }
        let reader = ShardReader(folder: folder, context: .reading, key: key, settledAfter: settledAfter)
        let jobs = stale.map { (path: $0.path, kind: $0.kind, checked: $0.checked) }
        ParallelJobs.run(jobs, work: { job in AnyLoaded.read(job.kind, job.path, with: reader, rulesCheckedFor: job.checked) }) { index, outcome in
            let file = stale[index]
            switch outcome {
            case .grids(let result): _ = try? absorb(noted(result, path: file.path), path: file.path, stamp: file.stamp, keeping: true)
            case .workers(let result): _ = try? absorb(noted(result, path: file.path), path: file.path, stamp: file.stamp, keeping: true)
            case .households(let result): _ = try? absorb(noted(result, path: file.path), path: file.path, stamp: file.stamp, keeping: true)
            case .residents(let result): _ = try? absorb(noted(result, path: file.path), path: file.path, stamp: file.stamp, keeping: true)
            case .patrols(let result): _ = try? absorb(noted(result, path: file.path), path: file.path, stamp: file.stamp, keeping: true)
            case .cases(let result): _ = try? absorb(noted(result, path: file.path), path: file.path, stamp: file.stamp, keeping: true)
            }
        }
    }

    /// True when memory holds the records of `path` (tests of `preload`).
    func holdsRecords(of path: String) -> Bool { loaded.holds(path) }

    /// Every data file of `grid` that a screen of it shows, for `preload`.
    public func filePaths(ofGrid grid: GridCode) -> [String] {
        [RecordKind.household, .resident, .patrolLog, .disputeCase].flatMap { (gridFiles[grid]?[$0] ?? []).sorted() }
    }

    private func noteFile(_ path: String, kind: RecordKind) {
        files[kind, default: []].insert(path)
        if let grid = Self.grid(ofDataFile: path) { gridFiles[grid, default: [:]][kind, default: []].insert(path) }
    }

    private func dropFile(_ path: String, kind: RecordKind) {
        files[kind]?.remove(path)
        if let grid = Self.grid(ofDataFile: path) { gridFiles[grid]?[kind]?.remove(path) }
    }

    /// `bytes`: what the records were read from, when they were (not when this store wrote them).
    private func remember<R: StoredRecord>(_ records: [R], stamp: FileStamp, settled: FileTime?, quickDigest: UInt64, recordRanges: [Range<Int>]?,
                                           bytes: Data?, path: String, keep: Bool = true) {
        loaded[R.self, path] = keep ? records : nil
        loadedStamps[path] = keep ? LoadedFile(stamp: stamp, settled: settled, quickDigest: quickDigest, recordRanges: recordRanges) : nil
        // Only worth keeping while the file may be trusted by its stamp (see `load`).
        if keep, settled != nil, let bytes { recentBytes.keep(bytes, for: path) } else { recentBytes.remove(path) }
        // Bytes kept under the lock were of the version memory held until now: no longer these.
        bytesUnderLock[path] = nil
        // A file read again at the version its summary was made from changes no figure: opening
        // a grid must not make the first screen's figures be added up again from every file.
        let summarized = summaries[path].map { entry in
            entry.stamp == stamp && (R.kind != .resident
                || entry.householdsStamp == FileStamp(path: folder + "/" + StoreLayout.households(besideResidents: path)))
        } ?? false
        if !summarized {
            switch R.kind {
            case .resident:
                staleResidentSummaries.insert(path)
            case .household:
                setSummary(for: path, SummaryCache.Entry(stamp: stamp, householdsStamp: nil, summary: R.summarize(records, timeZone: manifest.communityTimeZone)))
                let residents = StoreLayout.residents(besideHouseholds: path)
                if files[.resident]?.contains(residents) == true { staleResidentSummaries.insert(residents) }
            default:
                setSummary(for: path, SummaryCache.Entry(stamp: stamp, householdsStamp: nil, summary: R.summarize(records, timeZone: manifest.communityTimeZone)))
            }
            mergedSummary = nil
        }
        problemsByFile[path] = nil
        badFileStamps[path] = nil
        noteFile(path, kind: R.kind)
        if keep { for record in records { locations[record.id] = path } }
        // The grids and workers lists follow their files; a table of one file finds them without a cast.
        var file = RecordsByFile()
        file[R.self, path] = records
        if let all = file.grids[path] {
            // Each put in its place: sorting the whole list again for each of a district's 330
            // grid files, as they were read at start, was a sixth of the first screen.
            if let code = Self.grid(ofDataFile: path), path == StoreLayout.grid(code) { grids.removeAll { $0.code == code } }
            for grid in all {
                var (low, high) = (0, grids.count)
                while low < high {
                    let middle = (low + high) / 2
                    if grid.code < grids[middle].code { high = middle } else { low = middle + 1 }
                }
                grids.insert(grid, at: low)
            }
        }
        if let all = file.workers[path] { workers = all }
    }

    /// Drops what memory holds of `path` after a change to it failed or was settled by the journal, and
    /// reads its summary again from the file as it now is.
    func forget(_ path: String) {
        loaded.remove(path)
        loadedStamps[path] = nil
        recentBytes.remove(path)
        mergedSummary = nil
        guard let kind = StoreLayout.kind(ofFile: path) else { return }
        guard FileManager.default.fileExists(atPath: folder + "/" + path) else {
            dropFile(path, kind: kind)
            setSummary(for: path, nil)
            return
        }
        switch kind {
        case .household: summarize(Household.self, path)
        case .resident: summarizeResidents(path)
        case .patrolLog: summarize(PatrolLog.self, path)
        case .disputeCase: summarize(DisputeCase.self, path)
        case .grid, .worker: loadGridsAndWorkers()
        }
    }

    private func notePlainPersonalData(_ found: Bool, in path: String) {
        if found { filesWithPlainPersonalData.insert(path) } else { filesWithPlainPersonalData.remove(path) }
    }

    private func recordProblems(_ problems: ShardProblems, for path: String) {
        problemsByFile[path] = problems.all
        setSummary(for: path, nil)
        loaded.remove(path)
        loadedStamps[path] = nil
        recentBytes.remove(path)
        checkedContent[path] = nil
    }

    /// Reads a file, checking its rules only if these bytes were not checked before.
    private func read<R: StoredRecord>(_ type: R.Type, _ path: String) -> Result<ShardReader.Loaded<R>, ShardProblems> {
        let reader = ShardReader(folder: folder, context: .reading, key: key, settledAfter: settledAfter)
        return noted(reader.read(R.self, path, rulesCheckedFor: checkedContent[path]), path: path)
    }

    /// Notes which content's rules passed (or that they did not), as every read of a file does.
    private func noted<R: StoredRecord>(_ result: Result<ShardReader.Loaded<R>, ShardProblems>, path: String) -> Result<ShardReader.Loaded<R>, ShardProblems> {
        fileReads += 1
        switch result {
        case .success(let file):
            if checkedContent[path] != file.contentHash {
                ruleChecks += 1
                checkedContent[path] = file.contentHash
            }
        case .failure:
            ruleChecks += 1
            checkedContent[path] = nil
        }
        return result
    }

    // MARK: Writing

    /// Saves one record, durably, and returns it as stored (its revision raised, authorship set),
    /// written by this store's writer (see `writerID`).
    ///
    /// The record must be new (revision 0) or carry the revision it was read at; if someone saved
    /// the record since, nothing is written and the error names who and when. `overwriting` says the
    /// worker saw someone else's newer version and chose to save over it: audited as such.
    public func save<R: StoredRecord>(_ record: R, at instant: Date = Date(), overwriting: Bool = false) throws(StoreError) -> R {
        try transaction(at: instant) { (change: StoreTransaction) throws(StoreError) -> R in
            try change.save(record, overwriting: overwriting)
        }.confirmed()
    }

    /// Saves a new case under the next free number of the year it was raised in (`JF2026-00043`),
    /// chosen while holding the lock, so two copies of the program never hand out the same number.
    public func saveNewCase(_ disputeCase: DisputeCase, at instant: Date = Date()) throws(StoreError) -> DisputeCase {
        try transaction(at: instant) { (change: StoreTransaction) throws(StoreError) -> DisputeCase in
            try change.saveNewCase(disputeCase)
        }.confirmed()
    }

    /// Takes a record away again (undoing its creation), if it is still at `revision` and nothing
    /// refers to it: a household keeps its residents.
    public func remove<R: StoredRecord & GridScoped>(_ record: R, at instant: Date = Date()) throws(StoreError) {
        try transaction(at: instant) { (change: StoreTransaction) throws(StoreError) in
            try change.remove(record)
        }.confirmed()
    }

    /// Runs `body`, which saves and removes records through the transaction it is given, under the
    /// folder's lock, then writes every file it changed and every audit entry as one change (see
    /// `Journal`): all of it lands or none of it. Each record is checked (access, rules, revision)
    /// as it is added; the first refusal stops the change before anything is written.
    ///
    /// A change the disk did not confirm is on disk all the same: it comes back with `notConfirmed` set.
    /// The body holds the lock: it must not call the store's own write methods (they would wait for it).
    public func transaction<T>(at instant: Date = Date(), _ body: (StoreTransaction) throws(StoreError) -> T) throws(StoreError) -> Committed<T> {
        try holdingLock { () throws(StoreError) -> Committed<T> in
            let change = StoreTransaction(store: self, pending: PendingChange(actor: try checkWriter(), instant: Timestamp.wholeSeconds(instant)))
            defer { change.isOpen = false }
            let value = try body(change)
            change.isOpen = false
            do throws(StoreError) {
                try apply(change.pending)
            } catch {
                guard case .notConfirmed = error else { throw error }
                return Committed(value: value, notConfirmed: error)
            }
            return Committed(value: value, notConfirmed: nil)
        }
    }

    /// Runs `body` holding the folder's lock; what was read under it is forgotten when it is let go.
    func holdingLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try lock.withExclusiveLock { () throws(StoreError) -> T in
            bytesUnderLock = [:]
            defer { bytesUnderLock = [:] }
            return try body()
        }
    }

    /// Adds `record` to `change`: its file's records with it stamped in, and its audit event (none
    /// when nothing changed: then the record comes back as it is on file). Checks the writer's
    /// access, the rules and the revision; the caller holds the lock.
    func prepareSave<R: StoredRecord>(_ record: R, overwriting: Bool = false, from origin: String? = nil,
                                      into change: inout PendingChange) throws(StoreError) -> R {
        let worker = change.actor
        try checkRole(worker, changing: [record])
        let now = change.instant
        let violations = record.violations(in: ValidationContext(now: now, timeZone: manifest.communityTimeZone))
        if !violations.isEmpty { throw .invalid(kind: R.kind, violations: violations) }
        let path = record.filePath
        // A grid's code names its folder: a grid on file saved under another code is refused as such.
        if let grid = record as? Grid, grids.contains(where: { $0.id == grid.id && $0.code != grid.code }) {
            throw .invalid(kind: .grid, violations: [RuleViolation("code", .gridCodeFixed)])
        }
        var records = try staged(R.self, path, in: change)
        var stamped = record
        let event: AuditTrail.Event
        let index = records.firstIndex(where: { $0.id == record.id })
        // On file in another file: the record moves here, in this change (see `Store+Moves`).
        let leaving = index == nil ? try departure(of: record, to: path, from: origin, in: change) : nil
        let previous = index.map { records[$0] } ?? leaving?.record
        try checkAuthorship(of: record, over: previous, by: worker)
        try checkPlace(of: record, over: previous, among: records, in: change)
        if let current = previous {
            guard current.meta.revision == record.meta.revision else {
                throw .staleRecord(kind: R.kind, changedBy: workerName(current.meta.updatedBy), changedAt: current.meta.updatedAt, timeZone: manifest.communityTimeZone)
            }
            let changes = record.violations(replacing: current)
            if !changes.isEmpty { throw .invalid(kind: R.kind, violations: changes) }
            stamped.meta = RecordMeta(id: record.id, revision: current.meta.revision + 1, createdBy: current.meta.createdBy,
                                      createdAt: current.meta.createdAt, updatedBy: worker, updatedAt: now)
            // The revision on file is encoded on the helper thread while this thread encodes and
            // decodes the new one: the two encodings were a third of a save's work.
            let encodedBefore = HelperThread.shared.start { try? RecordCoding.encode(current) }
            let encoded: Data
            (stamped, encoded) = try roundTrip(stamped)
            // Nothing changed: nothing is written, no revision and no empty audit entry.
            let changed = Self.changedFields(encodedBefore.wait() ?? nil, encodedAs: encoded)
            if changed?.isEmpty == true { return current }
            let moved = current.place != stamped.place
            if moved { try checkMove(stamped, from: current, in: change) }
            remember(encoded, of: stamped, in: &change)
            if let index { records[index] = stamped } else { records.append(stamped) }
            if let leaving { change.records[R.self, leaving.path] = leaving.remaining }
            event = moved ? Self.moveEvent(stamped, from: current, fields: changed ?? [])
                          : AuditTrail.Event(overwriting ? .overwrite : .update, kind: R.kind, record: record.id.rawValue, fields: changed ?? [])
        } else {
            guard record.meta.revision == 0 else { throw .recordMissing(kind: R.kind, path: path) }
            if let scoped = record as? any GridScoped, try stagedTombstones(scoped.gridCode, in: change).contains(where: { $0.id == record.id }) {
                throw .removedBefore(kind: R.kind)
            }
            stamped.meta = RecordMeta(id: record.id, revision: 1, createdBy: worker,
                                      createdAt: Timestamp.wholeSeconds(record.meta.createdAt), updatedBy: worker, updatedAt: now)
            let encoded: Data
            (stamped, encoded) = try roundTrip(stamped)
            remember(encoded, of: stamped, in: &change)
            records.append(stamped)
            event = AuditTrail.Event(.create, kind: R.kind, record: record.id.rawValue)
        }
        change.records[R.self, path] = records
        change.events.append(event)
        if let grid = stamped as? Grid { try reassignWorkers(of: grid, before: previous as? Grid, in: &change) }
        if let household = stamped as? Household, let before = previous as? Household, before.gridCode != household.gridCode {
            try carryResidents(of: household, from: before.gridCode, in: &change)
        }
        return stamped
    }

    /// Adds many records of one kind to `change` at once (an import), each checked as
    /// `prepareSave` checks it (access, rules, revision, a record moving file, a removed id), but
    /// with no audit event of its own: the caller notes one event for the whole batch. Each file
    /// is looked up once and its records found by id, so ten thousand rows cost what one file
    /// does, not ten thousand copies of it. Returns the records as stored, in the order given (a
    /// record whose edit changes nothing comes back as it is on file). The caller holds the lock.
    func prepareBatch<R: StoredRecord>(_ records: [R], into change: inout PendingChange) throws(StoreError) -> [R] {
        let worker = change.actor
        try checkRole(worker, changing: records)
        let now = change.instant
        let context = ValidationContext(now: now, timeZone: manifest.communityTimeZone)
        var byPath: [String: [Int]] = [:]
        for (index, record) in records.enumerated() { byPath[record.filePath, default: []].append(index) }
        var stored = records
        var removed: [GridCode: Set<RecordID>] = [:]
        for (path, indices) in byPath.sorted(by: { $0.key < $1.key }) {
            var onFile = try staged(R.self, path, in: change)
            var position = Dictionary(onFile.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
            var changed = false
            for index in indices {
                let record = records[index]
                let violations = record.violations(in: context)
                if !violations.isEmpty { throw .invalid(kind: R.kind, violations: violations) }
                if let previous = locations[record.id], previous != path { throw .cannotMove(kind: R.kind, from: previous, to: path) }
                var stamped = record
                let encoded: Data
                if let at = position[record.id] {
                    let current = onFile[at]
                    try checkAuthorship(of: record, over: current, by: worker)
                    try checkPlace(of: record, over: current, among: onFile, in: change)
                    guard current.meta.revision == record.meta.revision else {
                        throw .staleRecord(kind: R.kind, changedBy: workerName(current.meta.updatedBy), changedAt: current.meta.updatedAt,
                                           timeZone: manifest.communityTimeZone)
                    }
                    let changes = record.violations(replacing: current)
                    if !changes.isEmpty { throw .invalid(kind: R.kind, violations: changes) }
                    stamped.meta = RecordMeta(id: record.id, revision: current.meta.revision + 1, createdBy: current.meta.createdBy,
                                              createdAt: current.meta.createdAt, updatedBy: worker, updatedAt: now)
                    (stamped, encoded) = try roundTrip(stamped)
                    if Self.changedFields(current, encodedAs: encoded)?.isEmpty == true {
                        stored[index] = current
                        continue
                    }
                    onFile[at] = stamped
                } else {
                    guard record.meta.revision == 0 else { throw .recordMissing(kind: R.kind, path: path) }
                    try checkAuthorship(of: record, over: nil, by: worker)
                    try checkPlace(of: record, over: nil, among: onFile, in: change)
                    if let grid = (record as? any GridScoped)?.gridCode {
                        if removed[grid] == nil { removed[grid] = Set(try stagedTombstones(grid, in: change).map(\.id)) }
                        if removed[grid]?.contains(record.id) == true { throw .removedBefore(kind: R.kind) }
                    }
                    stamped.meta = RecordMeta(id: record.id, revision: 1, createdBy: worker,
                                              createdAt: Timestamp.wholeSeconds(record.meta.createdAt), updatedBy: worker, updatedAt: now)
                    (stamped, encoded) = try roundTrip(stamped)
                    position[record.id] = onFile.count
                    onFile.append(stamped)
                }
                remember(encoded, of: stamped, in: &change)
                stored[index] = stamped
                changed = true
            }
            if changed { change.records[R.self, path] = onFile }
        }
        return stored
    }

    /// Refuses what a grid or a worker says about the rest of the folder when it is not so: a new
    /// grid's code must lie in the folder's area and be free, a grid's new worker must be an active
    /// grid worker on file, and a worker's newly named grids must be on file (in the change, or on
    /// disk). Judged under the lock, on the files as they are now. A worker or a list of grids
    /// unchanged since it was saved is not checked again, so older data does not stop other edits.
    private func checkPlace<R: StoredRecord>(of record: R, over current: R?, among records: [R], in change: PendingChange) throws(StoreError) {
        if let grid = record as? Grid {
            var violations: [RuleViolation] = []
            if current == nil {
                // A grid's file holds that grid alone: any record in it means the code is taken.
                violations += GridPlacement.violations(ofNewCode: grid.code, areaCode: manifest.areaCode, taken: records.isEmpty ? [] : [grid.code])
            }
            if grid.workerID != (current as? Grid)?.workerID {
                violations += GridPlacement.violations(ofWorker: grid.workerID, among: try staged(Worker.self, StoreLayout.workers, in: change))
            }
            if !violations.isEmpty { throw .invalid(kind: .grid, violations: violations) }
        } else if let worker = record as? Worker {
            let added = Set(worker.gridCodes).subtracting((current as? Worker)?.gridCodes ?? [])
            var onFile = Set<GridCode>()
            for code in added where code.isWellFormed {
                if try !staged(Grid.self, StoreLayout.grid(code), in: change).isEmpty { onFile.insert(code) }
            }
            let violations = GridPlacement.violations(ofGridCodes: worker.gridCodes, added: added, onFile: onFile.contains)
            if !violations.isEmpty { throw .invalid(kind: .worker, violations: violations) }
        }
    }

    /// A grid whose worker changed: the new worker gains it in their list of grids and the old one
    /// loses it, in the same change (see `GridAssignment`), so the two sides never disagree.
    private func reassignWorkers(of grid: Grid, before: Grid?, in change: inout PendingChange) throws(StoreError) {
        let old = before?.workerID
        guard old != grid.workerID else { return }
        let staff = try staged(Worker.self, StoreLayout.workers, in: change)
        for worker in GridAssignment.reassigned(grid.code, from: old, to: grid.workerID, among: staff) {
            _ = try prepareSave(worker, into: &change)
        }
    }

    /// Refuses a case whose timeline gains an entry in another worker's name: a step is always
    /// recorded as taken by the worker who saves it, as the record's authorship is.
    private func checkAuthorship<R: StoredRecord>(of record: R, over current: R?, by worker: RecordID) throws(StoreError) {
        guard let disputeCase = record as? DisputeCase else { return }
        let known = (current as? DisputeCase)?.timeline.count ?? 0
        for (index, entry) in disputeCase.timeline.enumerated().dropFirst(known) where entry.by != worker {
            throw .invalid(kind: .disputeCase, violations: [RuleViolation(FieldPath("timeline").appending(index: index).appending("by"), .notTheSavingWorker)])
        }
    }

    /// Adds a new case to `change` under the next free number of its year, counting the cases on
    /// file and those already in the change. The caller holds the lock.
    func prepareNewCase(_ disputeCase: DisputeCase, into change: inout PendingChange) throws(StoreError) -> DisputeCase {
        let year = disputeCase.raisedOn.year
        let prefix = "JF\(year)-"
        var highest = 0
        for grid in grids {
            for existing in try staged(DisputeCase.self, StoreLayout.cases(grid.code, year: year), in: change) where existing.number.hasPrefix(prefix) {
                highest = max(highest, Int(existing.number.dropFirst(prefix.count)) ?? 0)
            }
        }
        var numbered = disputeCase
        numbered.number = prefix + String(repeating: "0", count: max(0, 5 - String(highest + 1).count)) + String(highest + 1)
        return try prepareSave(numbered, into: &change)
    }

    /// Adds taking `record` away to `change`, if it is still at its revision and nothing refers to
    /// it. The caller holds the lock.
    func prepareRemoval<R: StoredRecord & GridScoped>(_ record: R, into change: inout PendingChange) throws(StoreError) {
        try checkRole(change.actor, changing: [record])
        let path = record.filePath
        var records = try staged(R.self, path, in: change)
        guard let index = records.firstIndex(where: { $0.id == record.id }) else { throw .recordMissing(kind: R.kind, path: path) }
        let current = records[index]
        guard current.meta.revision == record.meta.revision else {
            throw .staleRecord(kind: R.kind, changedBy: workerName(current.meta.updatedBy), changedAt: current.meta.updatedAt, timeZone: manifest.communityTimeZone)
        }
        if R.kind == .household,
           try staged(Resident.self, StoreLayout.residents(record.gridCode), in: change).contains(where: { $0.householdID == record.id }) {
            throw .invalid(kind: R.kind, violations: [RuleViolation("residents", .stillReferenced)])
        }
        records.remove(at: index)
        change.records[R.self, path] = records
        var stones = try stagedTombstones(record.gridCode, in: change)
        stones.append(Tombstone(kind: R.kind, id: record.id, gridCode: record.gridCode, revision: current.meta.revision,
                                removedBy: change.actor, removedAt: change.instant))
        change.tombstones[record.gridCode] = stones
        change.events.append(AuditTrail.Event(.remove, kind: R.kind, record: record.id.rawValue))
    }

    /// The tombstones of `grid` as the change left them, or as they are on disk.
    private func stagedTombstones(_ grid: GridCode, in change: PendingChange) throws(StoreError) -> [Tombstone] {
        if let stones = change.tombstones[grid] { return stones }
        return try tombstones(inGrid: grid)
    }

    /// The records `path` will hold: as the change left them, or as they are on disk.
    func staged<R: StoredRecord>(_ type: R.Type, _ path: String, in change: PendingChange) throws(StoreError) -> [R] {
        if let records = change.records[R.self, path] { return records }
        return try load(R.self, path, verifying: true)
    }

    /// Adds many new records at once (demo data, imports), as one change: every record is checked
    /// before anything is written, then every file and one audit entry per file land together.
    public func insertNew<R: StoredRecord>(_ records: [R], at instant: Date = Date()) throws(StoreError) {
        try holdingLock { () throws(StoreError) in
            try insertNewHoldingLock(records, by: try checkWriter(), at: instant, checkingAccess: true)
        }
    }

    private func insertNewHoldingLock<R: StoredRecord>(_ records: [R], by actor: RecordID, at instant: Date, checkingAccess: Bool) throws(StoreError) {
        // Big batches (a district's demo data) are not kept in memory once written.
        var change = PendingChange(actor: actor, instant: instant, keep: false)
        try stageNew(records, checkingAccess: checkingAccess, into: &change)
        try apply(change)
    }

    /// Adds `records`, all new, to `change` with one audit event per file. The caller holds the lock.
    func stageNew<R: StoredRecord>(_ records: [R], checkingAccess: Bool, into change: inout PendingChange) throws(StoreError) {
        if checkingAccess { try checkRole(change.actor, changing: records) }
        let now = change.instant
        let context = ValidationContext(now: now, timeZone: manifest.communityTimeZone)
        var byFile: [String: [R]] = [:]
        var ids = Set<RecordID>()
        for var record in records {
            var violations = record.violations(in: context)
            if !ids.insert(record.id).inserted { violations.append(RuleViolation(FieldPath([.key("meta"), .key("id")]), .duplicate)) }
            if !violations.isEmpty { throw .invalid(kind: R.kind, violations: violations) }
            record.meta.revision = 1
            byFile[record.filePath, default: []].append(record)
        }
        var removed: [GridCode: Set<RecordID>] = [:]
        for record in records {
            guard let grid = (record as? any GridScoped)?.gridCode else { continue }
            if removed[grid] == nil { removed[grid] = Set(try tombstones(inGrid: grid).map(\.id)) }
            if removed[grid]?.contains(record.id) == true { throw .removedBefore(kind: R.kind) }
        }
        for (path, additions) in byFile.sorted(by: { $0.key < $1.key }) {
            let existing = try load(R.self, path, verifying: true)
            let known = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            if let clash = additions.lazy.compactMap({ known[$0.id] }).first {
                throw .staleRecord(kind: R.kind, changedBy: workerName(clash.meta.updatedBy), changedAt: clash.meta.updatedAt, timeZone: manifest.communityTimeZone)
            }
            change.records[R.self, path] = existing + additions
            change.events.append(AuditTrail.Event(.importRecords, kind: R.kind, record: path, fields: [String(additions.count)]))
        }
    }

    /// Refuses a change the worker may not make (see `AccessPolicy`), judged by the list of
    /// workers as it is on disk now (an admin may have changed a role since this copy opened).
    /// Only a folder without accounts and without workers, being set up, lets anyone in; a list
    /// that cannot be read refuses everyone. The caller holds the lock.
    func checkRole(_ worker: RecordID, changing records: [any Record]) throws(StoreError) {
        let staff: [Worker]
        do {
            staff = try load(Worker.self, StoreLayout.workers, verifying: true)
        } catch {
            if key == nil && workers.isEmpty { return }
            throw error
        }
        if staff.isEmpty && key == nil { return }
        let who = staff.first { $0.id == worker }
        for record in records {
            if let refusal = AccessPolicy.refusal(for: who, changing: record) { throw .refused(refusal) }
        }
    }

    /// The worker this store writes as, checked on disk under the lock: a session's account must
    /// still be enabled and still be that worker's (disabling it from another copy stops an open
    /// session at once); a folder opened without a login must still have no accounts.
    func checkWriter() throws(StoreError) -> RecordID {
        switch writer {
        case nil:
            throw .readOnly(path: folder)
        case .unsecured(let worker):
            if Self.isSecured(folder) { throw .secured(path: folder) }
            return worker
        case .session(let login, let worker):
            let book: AccountBook
            do { book = try AccountBook.read(folder) } catch {
                // A book that cannot be read is a fault of the disk, not a disabled account: say which.
                if case .store(let failure) = error { throw failure }
                throw .refused(.accountDisabled(login: login))
            }
            guard let account = book.accounts.first(where: { $0.login == login }), !account.disabled, account.workerID == worker else {
                throw .refused(.accountDisabled(login: login))
            }
            return worker
        }
    }

    /// Writes everything `change` holds (record files, the account book, audit entries) as one
    /// change (see `Journal`): after a crash or a failed write all of it is on disk or none is.
    /// Every file's bytes are made first; the journal then takes them in one write. The caller
    /// holds the lock.
    func apply(_ change: PendingChange) throws(StoreError) {
        let paths = change.records.paths
        let tombstonePaths = change.tombstones.keys.map(StoreLayout.tombstones)
        let replaced = paths + tombstonePaths + (change.book == nil ? [] : [StoreLayout.accounts])
            + (change.publicKeys == nil ? [] : [StoreLayout.auditKeys]) + (change.events.isEmpty ? [] : [StoreLayout.auditHead])
        if replaced.isEmpty { return }
        // Numbered, chained and signed on the helper thread while this one encodes the files.
        let preparing = change.events.isEmpty ? nil : HelperThread.shared.start {
            [audit, events = change.events, actor = change.actor.rawValue, instant = change.instant,
             signer = signer?.worker == change.actor ? signer : nil] in
            Result { () throws(StoreError) -> AuditTrail.Prepared in
                try audit.prepare(events, actor: actor, at: instant, signer: signer)
            }
        }
        commitListener?.willCommit(self)
        var files = FileChange()
        // SHA-256 of each record file written, worked out on the hashing thread while the journal is written.
        let hashes = ContentHashes()
        // What memory learns once the files are in place, one step per record file: while the
        // journal waits for the disk for a file whose stamp in place is known by then, else after.
        var settle: [(path: String, step: (FileStamp?) throws(StoreError) -> Void)] = []
        var settled = true
        // Runs the steps for the files `stamps` names (every one left when nil); false once one failed.
        func settleMemory(_ stamps: [String: FileStamp]?, _ goingWell: Bool) -> Bool {
            var well = goingWell
            var waiting: [(path: String, step: (FileStamp?) throws(StoreError) -> Void)] = []
            for (path, step) in settle {
                if let stamps, stamps[path] == nil {
                    waiting.append((path, step))
                } else if well {
                    do throws(StoreError) { try step(stamps?[path]) } catch { well = false }
                }
            }
            settle = waiting
            return well
        }
        var unconfirmed: StoreError?
        // Where the change's records are now: memory learns their new places while the journal
        // syncs, and a change that fails after that gets these back (`forget` reads files again,
        // not where each record is).
        var formerLocations: [(id: RecordID, path: String?)] = []
        for path in paths {
            for id in change.records.recordIDs(path) where locations[id] != path { formerLocations.append((id, locations[id])) }
        }
        do throws(StoreError) {
            // One table per kind, so each file is encoded with its own record type.
            let tables = change.records
            let reusing = !change.encodesEveryRecord
            func stageAll<R: StoredRecord>(_ table: [String: [R]]) throws(StoreError) {
                for (path, records) in table {
                    let staged = try stage(records, to: path, keep: change.keep, reusing: reusing, fresh: change.encoded,
                                           into: &files, hashes: hashes)
                    settle.append((path, staged.settle))
                    if unconfirmed == nil { unconfirmed = staged.unconfirmed }
                }
            }
            try stageAll(tables.grids)
            try stageAll(tables.workers)
            try stageAll(tables.households)
            try stageAll(tables.residents)
            try stageAll(tables.patrols)
            try stageAll(tables.cases)
            hashes.start()
            for (grid, stones) in change.tombstones {
                try stageTombstones(stones, of: grid, into: &files)
            }
            if let book = change.book {
                files.replace(StoreLayout.accounts, with: try book.encoded(for: folder))
            }
            if let keys = change.publicKeys {
                files.replace(StoreLayout.auditKeys, with: try keys.encoded(for: folder))
            }
            if let preparing {
                guard let entries = preparing.wait() else { throw .io(.write, path: audit.path, code: EIO) }
                try audit.stage(entries.get(), into: &files)
            }
            // Bytes kept under the lock are the ones memory was read from: their digest is known.
            // The files' old bytes are still being removed when the save returns, by the helper
            // thread (a quarter of a millisecond for a year's cases): see `finishBackgroundWork`.
            _ = try Journal.commit(files, in: folder, knownBytes: { path in
                                   guard let bytes = bytesUnderLock[path], let digest = loadedStamps[path]?.quickDigest else { return nil }
                                   return (bytes, digest)
                               }, whileSyncing: { stamps in
                                   settled = settleMemory(stamps, settled)
                               }, fault: { writeFault?($0) },
                               written: { change.fileWritten?($0, $1) })
        } catch {
            // Put back, or put in place by the journal: memory reads the files again when asked.
            if case .notConfirmed = error {} else {
                for (id, path) in formerLocations { locations[id] = path }
            }
            for path in paths { forget(path) }
            if case .notConfirmed = error { commitListener?.didCommit(self, paths: paths) }
            throw error
        }
        // The change is on disk: if memory cannot follow it file by file, it reads them again.
        settled = settleMemory(nil, settled)
        if !settled { for path in paths { forget(path) } }
        commitListener?.didCommit(self, paths: paths)
        if let unconfirmed { throw unconfirmed }
    }

    /// Keeps the bytes of a record staged in `change`, so writing its file does not encode it
    /// again; not for records holding numbers to seal, whose file bytes differ from these.
    private func remember<R: StoredRecord>(_ encoded: Data, of record: R, in change: inout PendingChange) {
        if key != nil && R.self is any HoldsPersonalData.Type { return }
        change.encoded[ShardEncoder.key(R.kind, record.id)] = (record.meta.revision, encoded)
    }

    /// The top-level fields that differ between two revisions of a record, by name (never values):
    /// the one on file, and the new one as `encoded` (by `RecordCoding.encoder()`). The old one is
    /// encoded the same way, so a field is unchanged exactly when its value's bytes are: text is
    /// compared by its bytes, so swapping one form of a character for an equivalent one is an edit.
    /// Encoded again, not taken from the file: a record edited by hand may be written there in
    /// another layout (a `Z` time, escapes), which is no change of the worker's.
    /// Nil when they cannot be told apart field by field (never for bytes the encoder wrote):
    /// then the record is saved as changed, with no field named.
    static func changedFields<R: StoredRecord>(_ old: R, encodedAs encoded: Data) -> [String]? {
        changedFields(try? RecordCoding.encode(old), encodedAs: encoded)
    }

    /// `changedFields(_:encodedAs:)` for an old revision already encoded (`encodedBefore`, nil if
    /// it could not be).
    static func changedFields(_ encodedBefore: Data?, encodedAs encoded: Data) -> [String]? {
        guard let oldBytes = encodedBefore,
              let before = JSONLocator(data: oldBytes).topLevelMembers(),
              let after = JSONLocator(data: encoded).topLevelMembers() else { return nil }
        return Set(before.keys).union(after.keys).filter { $0 != "meta" }.sorted().filter { key in
            guard let first = before[key], let second = after[key] else { return true }
            return oldBytes[oldBytes.startIndex + first.lowerBound..<oldBytes.startIndex + first.upperBound]
                != encoded[encoded.startIndex + second.lowerBound..<encoded.startIndex + second.upperBound]
        }
    }

    /// Writes to the audit trail that this store's writer was shown `fields` of `record` in full.
    public func recordReveal(of fields: [String], in record: any Record, at instant: Date = Date()) throws(StoreError) {
        try holdingLock { () throws(StoreError) in
            let worker = try checkWriter()
            // Revealing is reading, allowed anywhere in the community, but not to someone who has left.
            if key != nil, let staff = try? load(Worker.self, StoreLayout.workers, verifying: true), !staff.isEmpty,
               !staff.contains(where: { $0.id == worker && $0.active }) {
                throw .refused(.notActive(worker: staff.first { $0.id == worker }?.name ?? worker.rawValue))
            }
            var change = PendingChange(actor: worker, instant: instant)
            change.events = [AuditTrail.Event(.reveal, kind: type(of: record).kind, record: record.id.rawValue, fields: fields)]
            try apply(change)
        }
    }

    /// Rewrites every file that still holds ID or phone numbers in plain text, sealed, with an
    /// audit entry for each, as one change. With `everyFile`, each file is rewritten whether or not
    /// it was seen holding plain values (when the community is first set up, files were read
    /// before there was a key). A file that cannot be read is left as it is; `gridwork check` names it.
    public func sealPlainPersonalData(everyFile: Bool = false, at instant: Date = Date()) throws(StoreError) {
        guard key != nil else { return }
        try holdingLock { () throws(StoreError) in
            var change = PendingChange(actor: try checkWriter(), instant: instant)
            // Files read before there was a key hold plain numbers that no flag marks.
            change.encodesEveryRecord = true
            for path in filePaths(of: .resident) where everyFile || filesWithPlainPersonalData.contains(path) {
                guard let records = try? load(Resident.self, path, verifying: true) else { continue }
                change.records[Resident.self, path] = records
            }
            for path in filePaths(of: .grid) where everyFile || filesWithPlainPersonalData.contains(path) {
                guard let records = try? load(Grid.self, path, verifying: true) else { continue }
                change.records[Grid.self, path] = records
            }
            if everyFile || filesWithPlainPersonalData.contains(StoreLayout.workers),
               let staff = try? load(Worker.self, StoreLayout.workers, verifying: true), !staff.isEmpty {
                change.records[Worker.self, StoreLayout.workers] = staff
            }
            change.events = change.records.paths.map { AuditTrail.Event(.sealed, record: $0) }
            try apply(change)
            // The old versions, plain numbers and all, are gone before this returns, and the
            // records the journal kept from before there was a key: made durable and emptied now.
            Self.finishBackgroundWork()
            try Journal.checkpoint(in: folder)
        }
    }

    /// This store writes as `session` from now on (the community was just set up).
    func adopt(_ key: PersonalDataKey, session: Session) {
        self.key = key
        // Read while there was no key: their numbers may be plain, and no write may reuse their bytes.
        for path in loadedStamps.keys where [.resident, .grid, .worker].contains(StoreLayout.kind(ofFile: path)) {
            filesWithPlainPersonalData.insert(path)
        }
        writer = .session(login: session.login, worker: session.workerID)
        signer = session.signer
    }

    /// Adds the file of `records` at `path` to `files`, and returns what memory must learn once it
    /// is in place, given its stamp there when known (else it is looked up), and the fault a
    /// test asked for, to report after.
    func stage<R: StoredRecord>(_ records: [R], to path: String, keep: Bool = true, reusing: Bool = true,
                                fresh: [String: (revision: Int, bytes: Data)] = [:],
                                into files: inout FileChange, hashes: ContentHashes) throws(StoreError)
        -> (settle: (_ stampInPlace: FileStamp?) throws(StoreError) -> Void, unconfirmed: StoreError?) {
        let full = folder + "/" + path
        let encoder = reusing ? shardEncoder(for: records, at: path) : ShardEncoder()
        let data: Data
        let recordRanges: [Range<Int>]
        do {
            (data, recordRanges) = try encoder.encodeFile(try sealed(records, except: encoder.reuses), kind: R.kind, fresh: fresh)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .io(.write, path: full, code: EINVAL)
        }
        let digest = files.replace(path, with: data)
        hashes.add(data, of: path)
        let settle = { [self] (stampInPlace: FileStamp?) throws(StoreError) -> Void in
            guard let stamp = stampInPlace ?? FileStamp(path: full) else { throw .io(.read, path: full, code: errno) }
            // Every record was checked before it was staged: these bytes need no check when read
            // back. Hashed while the journal was written (`apply`), or now.
            checkedContent[path] = hashes.hash(of: path)
            remember(records, stamp: stamp, settled: nil, quickDigest: digest, recordRanges: recordRanges, bytes: nil, path: path, keep: keep)
            notePlainPersonalData(false, in: path)
        }
        return (settle, writeFault?(path).flatMap { $0.isNotConfirmed ? $0 : nil })
    }

    /// What writing `records` to `path` can reuse of the file's bytes: the elements of records
    /// unchanged since they were read, when the file still holds exactly what was read and no
    /// number in it is waiting to be sealed.
    private func shardEncoder<R: StoredRecord>(for records: [R], at path: String) -> ShardEncoder {
        guard let file = loadedStamps[path], let read = loaded[R.self, path], !filesWithPlainPersonalData.contains(path) else { return ShardEncoder() }
        // Kept only while they are the bytes memory was read from (`remember` drops them).
        if let data = bytesUnderLock[path] { return ShardEncoder(reusing: data, readAs: read, ranges: file.recordRanges) }
        bytesReadUnderLock += 1
        guard case .success(let (data, _, _)) = ShardReader.readFile(folder + "/" + path),
              ShardReader.quickDigest(data) == file.quickDigest else { return ShardEncoder() }
        // The journal keeps them too, to put back if the change cannot be put in place.
        bytesUnderLock[path] = data
        return ShardEncoder(reusing: data, readAs: read, ranges: file.recordRanges)
    }

    /// The records as they go to disk: ID and phone numbers sealed when the folder has a key
    /// (except in records whose bytes on file are reused, which are sealed there already).
    private func sealed<R: StoredRecord>(_ records: [R], except reused: (R) -> Bool = { _ in false }) throws(StoreError) -> [R] {
        guard let key, R.self is any HoldsPersonalData.Type else { return records }
        var result: [R] = []
        result.reserveCapacity(records.count)
        for record in records {
            guard !reused(record), let holder = record as? any HoldsPersonalData else {
                result.append(record)
                continue
            }
            let sealed = try holder.mappingPersonalData { (_: FieldPath, value: String) throws(StoreError) -> String in
                PersonalDataKey.isSealed(value) ? value : try key.seal(value)
            }
            result.append((sealed as? R) ?? record)
        }
        return result
    }

    /// The record exactly as it will read back from disk (timestamps in whole seconds), and its
    /// bytes as the file will hold them (before any number in it is sealed).
    private func roundTrip<R: StoredRecord>(_ record: R) throws(StoreError) -> (R, Data) {
        do {
            let encoded = try RecordCoding.encode(record)
            return (try RecordCoding.decode(R.self, from: encoded), encoded)
        } catch {
            throw .io(.write, path: record.filePath, code: EINVAL)
        }
    }

    private static func encode<T: Encodable>(_ value: T, path: String) throws(StoreError) -> Data {
        do {
            var data = try RecordCoding.encode(value)
            data.append(UInt8(ascii: "\n"))
            return data
        } catch {
            throw .io(.write, path: path, code: EINVAL)
        }
    }

    private func workerName(_ id: RecordID) -> String {
        workers.first { $0.id == id }?.name ?? id.rawValue
    }
}
