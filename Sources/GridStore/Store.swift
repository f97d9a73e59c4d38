import Foundation
import GridModel

/// The data folder: what is on file, read lazily, and written one small file at a time.
///
/// Opening reads the grids, the workers and a summary of every other file (from a cache keyed
/// by file stamps), which is all the first screen needs. Households, residents, patrols and
/// cases are read when asked for. A file that cannot be read or breaks the rules is reported in
/// `problems`, left out, and never written; everything else still opens.
///
/// One `Store` belongs to one thread. Two processes may open the same folder: each save takes
/// the folder's lock, re-reads the file from disk and refuses to overwrite a newer revision.
public final class Store {
    public let folder: String
    public private(set) var manifest: Manifest
    public private(set) var grids: [Grid] = []
    public private(set) var workers: [Worker] = []

    let lock: StoreLock
    /// Seals and opens ID and phone numbers; nil while the folder has no accounts.
    private(set) var key: PersonalDataKey?
    /// The login this store writes for, when opened by one: every write checks that its account
    /// is still enabled on disk, so disabling it from another copy stops an open session at once.
    public private(set) var sessionLogin: String?
    /// Files read with personal data in plain text although the folder has a key.
    public private(set) var filesWithPlainPersonalData: Set<String> = []
    public var audit: AuditTrail { AuditTrail(dataFolder: folder) }
    /// Data files found under the folder, by the kind of record they hold.
    private var files: [RecordKind: Set<String>] = [:]
    private var summaries: [String: SummaryCache.Entry] = [:]
    private var loaded: [String: LoadedFile] = [:]
    private var problemsByFile: [String: [StoreProblem]] = [:]
    private var badFileStamps: [String: FileStamp] = [:]
    /// Which file each record read so far came from, to notice an edit that would move it.
    private var locations: [RecordID: String] = [:]
    /// Residents files whose summary must be joined again because their grid's households changed.
    private var staleResidentSummaries: Set<String> = []
    private var mergedSummary: DataSummary?

    private struct LoadedFile {
        let stamp: FileStamp
        let contentHash: Int
        /// Always `[R]` for the file's record type.
        let records: Any
    }

    private init(folder: String, manifest: Manifest, key: PersonalDataKey? = nil) {
        self.folder = folder
        self.manifest = manifest
        self.key = key
        lock = StoreLock(path: folder + "/" + StoreLayout.lock)
    }

    // MARK: Opening and creating

    /// Opens an existing data folder. One whose community is set up (it has `accounts.json`)
    /// needs the key a login gives (`Store.logIn`), and refuses a key that is not its own.
    public static func open(_ folder: String, key: PersonalDataKey? = nil) throws(StoreError) -> Store {
        let path = folder + "/" + StoreLayout.manifest
        guard FileManager.default.fileExists(atPath: path) else { throw .notADataFolder(path: folder) }
        if isSecured(folder) {
            guard let key else { throw .needsLogin(path: folder) }
            try AccountBook.checkKey(key, folder: folder)
        }
        let store = Store(folder: folder, manifest: try readManifest(path), key: key)
        // A change a crash cut short is put back before anything is read (taking the lock does it);
        // without one, a read-only folder still opens.
        if FileManager.default.fileExists(atPath: folder + "/" + Journal.name) {
            try store.lock.withExclusiveLock { () throws(StoreError) in }
        }
        store.findFiles()
        store.loadGridsAndWorkers()
        store.summarizeFiles()
        return store
    }

    /// Opens the folder for the worker `session` logged in as (see `sessionLogin`).
    public static func open(_ folder: String, session: Session) throws(StoreError) -> Store {
        let store = try open(folder, key: session.key)
        store.sessionLogin = session.login
        return store
    }

    /// Another worker logged in at the same keyboard: writes are checked against their account now.
    public func switchSession(to session: Session) {
        sessionLogin = session.login
    }

    /// Makes a new, empty data folder (mode 0700) with its manifest. Refuses a folder that holds data.
    public static func create(_ folder: String, manifest: Manifest) throws(StoreError) -> Store {
        if FileManager.default.fileExists(atPath: folder + "/" + StoreLayout.manifest) { throw .alreadyHoldsData(path: folder) }
        try DurableFile.makeFolder(folder)
        let store = Store(folder: folder, manifest: manifest)
        try store.lock.withExclusiveLock { () throws(StoreError) in
            try DurableFile.write(try encode(manifest, path: folder + "/" + StoreLayout.manifest), to: folder + "/" + StoreLayout.manifest)
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
        let manifest: Manifest
        do {
            manifest = try RecordCoding.decoder().decode(Manifest.self, from: data)
        } catch {
            throw .fileHasProblems(ShardReader.decodingProblem(error, path: path, locator: locator))
        }
        if let identifier = manifest.timeZone, TimeZone(identifier: identifier) == nil {
            throw .fileHasProblems(StoreProblem(path: path, position: locator.position(of: [PathKey("timeZone")]), message: LocalizedText(
                zh: "不认识的时区“\(identifier)”，请写 IANA 时区名，如 Asia/Shanghai，或删去此项（即北京时间）",
                en: "unknown time zone \"\(identifier)\"; write an IANA name such as Asia/Shanghai, or leave it out for China Standard Time")))
        }
        if manifest.schema > StoreLayout.schemaVersion {
            throw .fileHasProblems(StoreProblem(path: path, position: locator.position(of: [PathKey("schema")]), message: LocalizedText(
                zh: "由较新版本的 gridwork 写入（格式版本 \(manifest.schema)），请升级 gridwork",
                en: "written by a newer gridwork (schema \(manifest.schema)); upgrade gridwork to open this folder")))
        }
        return manifest
    }

    /// Lists the data files, and removes temp files that a crash left behind. That happens under
    /// the lock: a writer holds it for as long as its temp file exists, so any temp file seen
    /// while holding it is an orphan.
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
                    files[kind, default: []].insert(path)
                } else if depth < 3 && (path == StoreLayout.gridsFolder || depth > 0) && !name.hasSuffix(".json") {
                    visit(path, depth: depth + 1)
                } else if depth > 0 && name.hasSuffix(".json") {
                    unknown.append(path)
                }
            }
        }
        visit("", depth: 0)
        for subfolder in ["cache", "audit"] {
            for path in list(subfolder) where DurableFile.isTemporary(path) { temporary.append(subfolder + "/" + path) }
        }
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
        grids = (files[.grid] ?? []).sorted().flatMap { (try? load(Grid.self, $0)) ?? [] }
        workers = (try? load(Worker.self, StoreLayout.workers)) ?? []
    }

    /// Takes each file's summary from the cache when its stamp still matches, reads it otherwise.
    private func summarizeFiles() {
        let cachePath = folder + "/" + StoreLayout.summaryCache
        let cache = SummaryCache.load(cachePath, timeZone: manifest.communityTimeZone)
        var changed = false
        for kind in [RecordKind.household, .resident, .patrolLog, .disputeCase] {
            for path in files[kind] ?? [] {
                let householdsStamp = kind == .resident ? FileStamp(path: folder + "/" + StoreLayout.households(besideResidents: path)) : nil
                if let entry = cache.entries[path], entry.stamp == FileStamp(path: folder + "/" + path), entry.householdsStamp == householdsStamp {
                    summaries[path] = entry
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
        switch reader().read(R.self, path) {
        case .success(let file):
            notePlainPersonalData(file.hasPlainPersonalData, in: path)
            summaries[path] = SummaryCache.Entry(stamp: file.stamp, householdsStamp: nil, summary: R.summarize(file.records, timeZone: manifest.communityTimeZone))
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
        if let file = loaded[householdsPath], file.stamp == FileStamp(path: folder + "/" + householdsPath), let records = file.records as? [Household] {
            (households, householdsStamp) = (records, file.stamp)
        } else if case .success(let file) = reader().read(Household.self, householdsPath) {
            (households, householdsStamp) = (file.records, file.stamp)
        }
        switch reader().read(Resident.self, path) {
        case .success(let file):
            notePlainPersonalData(file.hasPlainPersonalData, in: path)
            summaries[path] = SummaryCache.Entry(stamp: file.stamp, householdsStamp: householdsStamp,
                                                 summary: DataSummary(residents: file.records, households: households))
        case .failure(let problems):
            recordProblems(problems, for: path)
        }
        staleResidentSummaries.remove(path)
    }

    /// Saves the summaries for the next start. Best effort: a read-only folder just opens slower.
    public func writeSummaryCache() {
        refreshStaleSummaries()
        var cache = SummaryCache(timeZone: manifest.communityTimeZone)
        cache.entries = summaries
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
        refreshStaleSummaries()
        var merged = DataSummary()
        for entry in summaries.values { merged.merge(entry.summary) }
        mergedSummary = merged
        return merged
    }

    /// The records of one kind in one grid, from every readable file.
    public func records<R: StoredRecord>(_ type: R.Type, inGrid code: GridCode) -> [R] {
        let prefix = StoreLayout.gridFolder(code) + "/"
        return (files[R.kind] ?? []).filter { $0.hasPrefix(prefix) }.sorted().flatMap { (try? load(R.self, $0)) ?? [] }
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
        loaded.removeAll()
        badFileStamps.removeAll()
        problemsByFile = problemsByFile.filter { StoreLayout.kind(ofFile: $0.key) == nil }
        for path in filePaths(of: .grid) { _ = try? load(Grid.self, path) }
        for path in filePaths(of: .worker) { _ = try? load(Worker.self, path) }
        for path in filePaths(of: .household) { summarize(Household.self, path) }
        for path in filePaths(of: .resident) { summarizeResidents(path) }
        for path in filePaths(of: .patrolLog) { summarize(PatrolLog.self, path) }
        for path in filePaths(of: .disputeCase) { summarize(DisputeCase.self, path) }
        return problems
    }

    /// The records of one file, from memory while the file is unchanged on disk. With `verifying`
    /// (under the lock, before a write) the bytes are read and compared too: a file replaced twice
    /// within one clock tick can come back with the same inode, size and time.
    func load<R: StoredRecord>(_ type: R.Type, _ path: String, verifying: Bool = false) throws(StoreError) -> [R] {
        let full = folder + "/" + path
        guard let stamp = FileStamp(path: full) else {
            if errno == ENOENT { return [] }
            throw .io(.read, path: full, code: errno)
        }
        if let file = loaded[path], file.stamp == stamp, let records = file.records as? [R] {
            if !verifying { return records }
            if case .success(let (data, _)) = ShardReader.readFile(full), ShardReader.contentHash(data) == file.contentHash { return records }
        }
        if badFileStamps[path] == stamp, let problem = problemsByFile[path]?.first { throw .fileHasProblems(problem) }
        switch reader().read(R.self, path) {
        case .success(let file):
            remember(file.records, stamp: file.stamp, contentHash: file.contentHash, path: path)
            notePlainPersonalData(file.hasPlainPersonalData, in: path)
            return file.records
        case .failure(let problems):
            recordProblems(problems, for: path)
            badFileStamps[path] = stamp
            throw .fileHasProblems(problems.all.first ?? ShardReader.ioProblem(full, EIO))
        }
    }

    private func remember<R: StoredRecord>(_ records: [R], stamp: FileStamp, contentHash: Int, path: String, keep: Bool = true) {
        loaded[path] = keep ? LoadedFile(stamp: stamp, contentHash: contentHash, records: records) : nil
        switch R.kind {
        case .resident:
            staleResidentSummaries.insert(path)
        case .household:
            summaries[path] = SummaryCache.Entry(stamp: stamp, householdsStamp: nil, summary: R.summarize(records, timeZone: manifest.communityTimeZone))
            let residents = StoreLayout.residents(besideHouseholds: path)
            if files[.resident]?.contains(residents) == true { staleResidentSummaries.insert(residents) }
        default:
            summaries[path] = SummaryCache.Entry(stamp: stamp, householdsStamp: nil, summary: R.summarize(records, timeZone: manifest.communityTimeZone))
        }
        problemsByFile[path] = nil
        badFileStamps[path] = nil
        files[R.kind, default: []].insert(path)
        if keep { for record in records { locations[record.id] = path } }
        mergedSummary = nil
        if R.self == Grid.self, let all = records as? [Grid] {
            grids.removeAll { $0.filePath == path }
            grids = (grids + all).sorted { $0.code < $1.code }
        }
        if R.self == Worker.self, let all = records as? [Worker] { workers = all }
    }

    /// Drops what memory holds of `path` after a change to it was put back (see `Journal`), and
    /// reads its summary again from the file as it now is.
    func forget(_ path: String) {
        loaded[path] = nil
        mergedSummary = nil
        guard let kind = StoreLayout.kind(ofFile: path) else { return }
        guard FileManager.default.fileExists(atPath: folder + "/" + path) else {
            files[kind]?.remove(path)
            summaries[path] = nil
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
        summaries[path] = nil
        loaded[path] = nil
        mergedSummary = nil
    }

    private func reader() -> ShardReader { ShardReader(folder: folder, context: .reading, key: key) }

    // MARK: Writing

    /// Saves one record, durably, and returns it as stored (its revision raised, authorship set).
    ///
    /// The record must be new (revision 0) or carry the revision it was read at; if someone saved
    /// the record since, nothing is written and the error names who and when. `overwriting` says the
    /// worker saw someone else's newer version and chose to save over it: audited as such.
    public func save<R: StoredRecord>(_ record: R, by worker: RecordID, at instant: Date = Date(), overwriting: Bool = false) throws(StoreError) -> R {
        try lock.withExclusiveLock { () throws(StoreError) -> R in try saveHoldingLock(record, by: worker, at: instant, overwriting: overwriting) }
    }

    /// Saves a new case under the next free number of the year it was raised in (`JF2026-00043`),
    /// chosen while holding the lock, so two copies of the program never hand out the same number.
    public func saveNewCase(_ disputeCase: DisputeCase, by worker: RecordID, at instant: Date = Date()) throws(StoreError) -> DisputeCase {
        try lock.withExclusiveLock { () throws(StoreError) -> DisputeCase in
            let year = disputeCase.raisedOn.year
            let prefix = "JF\(year)-"
            var highest = 0
            for grid in grids {
                for existing in try load(DisputeCase.self, StoreLayout.cases(grid.code, year: year), verifying: true)
                where existing.number.hasPrefix(prefix) {
                    highest = max(highest, Int(existing.number.dropFirst(prefix.count)) ?? 0)
                }
            }
            var numbered = disputeCase
            numbered.number = prefix + String(repeating: "0", count: max(0, 5 - String(highest + 1).count)) + String(highest + 1)
            return try saveHoldingLock(numbered, by: worker, at: instant)
        }
    }

    /// Takes a record away again (undoing its creation), if it is still at `revision` and nothing
    /// refers to it: a household keeps its residents.
    public func remove<R: StoredRecord>(_ record: R, by worker: RecordID) throws(StoreError) {
        try lock.withExclusiveLock { () throws(StoreError) in
            try checkAccess(worker, changing: record)
            let path = record.filePath
            var records = try load(R.self, path, verifying: true)
            guard let index = records.firstIndex(where: { $0.id == record.id }) else { throw .recordMissing(kind: R.kind, path: path) }
            let current = records[index]
            guard current.meta.revision == record.meta.revision else {
                throw .staleRecord(kind: R.kind, changedBy: workerName(current.meta.updatedBy), changedAt: current.meta.updatedAt, timeZone: manifest.communityTimeZone)
            }
            if let household = record as? Household,
               try load(Resident.self, StoreLayout.residents(household.gridCode), verifying: true).contains(where: { $0.householdID == household.id }) {
                throw .invalid(kind: R.kind, violations: [RuleViolation("residents", .stillReferenced)])
            }
            records.remove(at: index)
            locations[record.id] = nil
            try write(records, to: path, auditing: [AuditTrail.Event(.remove, kind: R.kind, record: record.id.rawValue)], by: worker, at: Date())
        }
    }

    private func saveHoldingLock<R: StoredRecord>(_ record: R, by worker: RecordID, at instant: Date, overwriting: Bool = false) throws(StoreError) -> R {
        let prepared = try prepareSave(record, by: worker, at: instant, overwriting: overwriting)
        guard let event = prepared.event else { return prepared.stamped }
        try write(prepared.records, to: prepared.path, auditing: [event], by: worker, at: Timestamp.wholeSeconds(instant))
        return prepared.stamped
    }

    /// What saving one record writes: its file's records with it stamped in, and the audit event
    /// (nil when nothing changed: then `stamped` is the record as it is on file). Checks the
    /// worker's access, the rules and the revision; the caller holds the lock.
    func prepareSave<R: StoredRecord>(_ record: R, by worker: RecordID, at instant: Date,
                                      overwriting: Bool = false) throws(StoreError) -> (path: String, records: [R], stamped: R, event: AuditTrail.Event?) {
        try checkAccess(worker, changing: record)
        let now = Timestamp.wholeSeconds(instant)
        let violations = record.violations(in: ValidationContext(now: now, timeZone: manifest.communityTimeZone))
        if !violations.isEmpty { throw .invalid(kind: R.kind, violations: violations) }
        let path = record.filePath
        if let previous = locations[record.id], previous != path { throw .cannotMove(kind: R.kind, from: previous, to: path) }
        var records = try load(R.self, path, verifying: true)
        var stamped = record
        let event: AuditTrail.Event
        if let index = records.firstIndex(where: { $0.id == record.id }) {
            let current = records[index]
            guard current.meta.revision == record.meta.revision else {
                throw .staleRecord(kind: R.kind, changedBy: workerName(current.meta.updatedBy), changedAt: current.meta.updatedAt, timeZone: manifest.communityTimeZone)
            }
            let changes = record.violations(replacing: current)
            if !changes.isEmpty { throw .invalid(kind: R.kind, violations: changes) }
            // Nothing changed: nothing is written, no revision and no empty audit entry.
            let changed = Self.changedFields(current, record)
            if changed.isEmpty { return (path, records, current, nil) }
            stamped.meta = RecordMeta(id: record.id, revision: current.meta.revision + 1, createdBy: current.meta.createdBy,
                                      createdAt: current.meta.createdAt, updatedBy: worker, updatedAt: now)
            stamped = try roundTrip(stamped)
            records[index] = stamped
            event = AuditTrail.Event(overwriting ? .overwrite : .update, kind: R.kind, record: record.id.rawValue, fields: changed)
        } else {
            guard record.meta.revision == 0 else { throw .recordMissing(kind: R.kind, path: path) }
            stamped.meta = RecordMeta(id: record.id, revision: 1, createdBy: record.meta.createdBy,
                                      createdAt: Timestamp.wholeSeconds(record.meta.createdAt), updatedBy: worker, updatedAt: now)
            stamped = try roundTrip(stamped)
            records.append(stamped)
            event = AuditTrail.Event(.create, kind: R.kind, record: record.id.rawValue)
        }
        return (path, records, stamped, event)
    }

    /// Adds many new records at once (demo data, imports): one write per file, not per record.
    /// Every record is checked before anything is written; files are then written one by one.
    public func insertNew<R: StoredRecord>(_ records: [R], by worker: RecordID, at instant: Date = Date()) throws(StoreError) {
        try insertNew(records, by: worker, at: instant, checkingAccess: true)
    }

    func insertNew<R: StoredRecord>(_ records: [R], by worker: RecordID, at instant: Date, checkingAccess: Bool) throws(StoreError) {
        if checkingAccess { try checkAccess(worker, changing: records) }
        let now = Timestamp.wholeSeconds(instant)
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
        try lock.withExclusiveLock { () throws(StoreError) in
            for (path, additions) in byFile.sorted(by: { $0.key < $1.key }) {
                let existing = try load(R.self, path, verifying: true)
                let known = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                if let clash = additions.lazy.compactMap({ known[$0.id] }).first {
                    throw .staleRecord(kind: R.kind, changedBy: workerName(clash.meta.updatedBy), changedAt: clash.meta.updatedAt, timeZone: manifest.communityTimeZone)
                }
                try write(existing + additions, to: path,
                          auditing: [AuditTrail.Event(.importRecords, kind: R.kind, record: path, fields: [String(additions.count)])],
                          by: worker, at: now, keep: false)
            }
        }
    }

    /// Refuses a change the worker may not make (see `AccessPolicy`), judged by the list of
    /// workers as it is on disk now (an admin may have changed a role since this copy opened).
    /// Only a folder without accounts and without workers, being set up, lets anyone in; a list
    /// that cannot be read refuses everyone.
    func checkAccess(_ worker: RecordID, changing records: [any Record]) throws(StoreError) {
        try checkSession(worker)
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

    func checkAccess(_ worker: RecordID, changing record: any Record) throws(StoreError) {
        try checkAccess(worker, changing: [record])
    }

    /// Refuses every write of a session whose account was disabled, or handed to another worker,
    /// since it logged in; read from disk under the lock, like the roles.
    func checkSession(_ worker: RecordID) throws(StoreError) {
        guard let login = sessionLogin else { return }
        let book: AccountBook
        do { book = try AccountBook.read(folder) } catch {
            // A book that cannot be read is a fault of the disk, not a disabled account: say which.
            if case .store(let failure) = error { throw failure }
            throw .refused(.accountDisabled(login: login))
        }
        guard let account = book.accounts.first(where: { $0.login == login }), !account.disabled, account.workerID == worker else {
            throw .refused(.accountDisabled(login: login))
        }
    }

    /// Writes records and the audit entry for them as one change (see `Journal`): after a crash
    /// or a failed write both are on disk or neither is. A write the disk did not confirm is in
    /// place all the same, so it is audited before the error goes up.
    private func write<R: StoredRecord>(_ records: [R], to path: String, auditing events: [AuditTrail.Event], by worker: RecordID, at instant: Date,
                                        keep: Bool = true) throws(StoreError) {
        do throws(StoreError) {
            try Journal.run(in: folder, replacing: [path, StoreLayout.auditHead], appending: [StoreLayout.auditTrail]) { () throws(StoreError) in
                var unconfirmed: StoreError?
                do throws(StoreError) {
                    try write(records, to: path, keep: keep)
                } catch {
                    guard case .notConfirmed = error else { throw error }
                    unconfirmed = error
                }
                try audit.append(events, actor: worker.rawValue, at: instant)
                if let unconfirmed { throw unconfirmed }
            }
        } catch {
            // Put back or not, the file on disk is what memory must follow: read it again when asked.
            if case .notConfirmed = error { throw error }
            forget(path)
            throw error
        }
    }

    /// The top-level fields that differ between two revisions of a record, by name (never values).
    static func changedFields<R: StoredRecord>(_ old: R, _ new: R) -> [String] {
        let encoder = RecordCoding.compactEncoder()
        guard let before = (try? encoder.encode(old)).flatMap({ try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }),
              let after = (try? encoder.encode(new)).flatMap({ try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }) else { return [] }
        func canonical(_ value: Any?) -> Data? {
            value.flatMap { try? JSONSerialization.data(withJSONObject: [$0], options: [.sortedKeys]) }
        }
        return Set(before.keys).union(after.keys).filter { $0 != "meta" }.sorted().filter { canonical(before[$0]) != canonical(after[$0]) }
    }

    /// Writes to the audit trail that `worker` was shown `fields` of `record` in full.
    public func recordReveal(of fields: [String], in record: any Record, by worker: RecordID, at instant: Date = Date()) throws(StoreError) {
        try lock.withExclusiveLock { () throws(StoreError) in
            try checkSession(worker)
            // Revealing is reading, allowed anywhere in the community, but not to someone who has left.
            if key != nil, let staff = try? load(Worker.self, StoreLayout.workers, verifying: true), !staff.isEmpty,
               !staff.contains(where: { $0.id == worker && $0.active }) {
                throw .refused(.notActive(worker: staff.first { $0.id == worker }?.name ?? worker.rawValue))
            }
            try audit.append([AuditTrail.Event(.reveal, kind: type(of: record).kind, record: record.id.rawValue, fields: fields)],
                             actor: worker.rawValue, at: instant)
        }
    }

    /// Rewrites every file that still holds ID or phone numbers in plain text, sealed.
    /// With `everyFile`, each file is rewritten whether or not it was seen holding plain values
    /// (when the community is first set up, files were read before there was a key). A file that
    /// cannot be read is left as it is; `gridwork check` names it.
    public func sealPlainPersonalData(by worker: RecordID, everyFile: Bool = false) throws(StoreError) {
        guard key != nil else { return }
        try lock.withExclusiveLock { () throws(StoreError) in
            var sealed: [String] = []
            for path in filePaths(of: .resident) where everyFile || filesWithPlainPersonalData.contains(path) {
                guard let records = try? load(Resident.self, path, verifying: true) else { continue }
                try write(records, to: path)
                sealed.append(path)
            }
            for path in filePaths(of: .grid) where everyFile || filesWithPlainPersonalData.contains(path) {
                guard let records = try? load(Grid.self, path, verifying: true) else { continue }
                try write(records, to: path)
                sealed.append(path)
            }
            if everyFile || filesWithPlainPersonalData.contains(StoreLayout.workers),
               let staff = try? load(Worker.self, StoreLayout.workers, verifying: true), !staff.isEmpty {
                try write(staff, to: StoreLayout.workers)
                sealed.append(StoreLayout.workers)
            }
            try audit.append(sealed.map { AuditTrail.Event(.sealed, record: $0) }, actor: worker.rawValue, at: Date())
        }
    }

    /// Uses `key` from now on (after the community is set up).
    func adopt(_ key: PersonalDataKey) { self.key = key }

    func write<R: StoredRecord>(_ records: [R], to path: String, keep: Bool = true) throws(StoreError) {
        let full = folder + "/" + path
        try DurableFile.makeFolder((full as NSString).deletingLastPathComponent)
        let data = try Self.encode(ShardFile(schema: StoreLayout.schemaVersion, kind: R.kind, records: try sealed(records)), path: full)
        var unconfirmed: StoreError?
        do {
            try DurableFile.write(data, to: full)
        } catch {
            guard case .notConfirmed = error else { throw error }
            unconfirmed = error
        }
        // The file is in place (confirmed or not): memory must match it.
        guard let stamp = FileStamp(path: full) else { throw .io(.read, path: full, code: errno) }
        remember(records, stamp: stamp, contentHash: ShardReader.contentHash(data), path: path, keep: keep)
        notePlainPersonalData(false, in: path)
        if let unconfirmed { throw unconfirmed }
    }

    /// The records as they go to disk: ID and phone numbers sealed when the folder has a key.
    private func sealed<R: StoredRecord>(_ records: [R]) throws(StoreError) -> [R] {
        guard let key, R.self is any HoldsPersonalData.Type else { return records }
        var result: [R] = []
        result.reserveCapacity(records.count)
        for record in records {
            guard let holder = record as? any HoldsPersonalData else {
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

    /// The record exactly as it will read back from disk (timestamps in whole seconds).
    private func roundTrip<R: StoredRecord>(_ record: R) throws(StoreError) -> R {
        do {
            return try RecordCoding.decoder().decode(R.self, from: RecordCoding.encoder().encode(record))
        } catch {
            throw .io(.write, path: record.filePath, code: EINVAL)
        }
    }

    private static func encode<T: Encodable>(_ value: T, path: String) throws(StoreError) -> Data {
        do {
            var data = try RecordCoding.encoder().encode(value)
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
