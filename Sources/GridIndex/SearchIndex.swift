#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import GridModel
import GridStore

/// A derived index of the data folder in `cache/index.sqlite` (SQLite with FTS5): search across
/// every grid, and the duplicate-ID check, without reading every file. The JSON files stay the
/// truth: the index is brought up to date from them, grid by grid, whenever their files' stamps
/// differ from the ones it was built from, so it is safe to delete (it is rebuilt) and a crash
/// between a save and the index's update only means that grid is read again at the next refresh.
/// It holds no ID or phone number: those are looked up by their blind index (`BlindIndexer`), as
/// is a resident's name together with their birth date (the namesake warning).
public final class SearchIndex {
    public static let fileName = "cache/index.sqlite"
    /// Raised when the tables or what they hold change: an index of another version is rebuilt.
    /// 3: residents' name and birth date as a keyed hash (`namebirth`), for the namesake warning.
    /// 5: one FTS5 table per part, so a search of cases never walks the residents' postings;
    /// each entry's keyed stamp of what its rows are made from (`stamp(_:_:blind:)`).
    /// 6: blind numbers as 64-bit integers by entry id, a quarter of the bytes of text hashes
    /// beside each record's id, grid and part (the table and its three indexes were two thirds
    /// of a district's index).
    static let version = 6
    /// A search sorts at most this many matches of each part (taken in index order) before it
    /// keeps the first `limit`: one common character (`王`) matches some 50,000 people in a
    /// district, and sorting them all costs a keystroke 30 ms to show a page a worker narrows
    /// anyway by typing on. A query matching fewer is sorted whole.
    public var sortedAtMost = 2_000

    public let path: String
    private var database: DatabaseQueue

    /// Opens the index of `folder`, making it if missing and making it again if it is damaged
    /// or of another version. Another process writing it (a second copy, `gridwork find`) is
    /// waited for, never mistaken for damage.
    public init(folder: String) throws(IndexError) {
        path = folder + "/" + Self.fileName
        mkdir(folder + "/cache", 0o700)
        do {
            database = try Self.open(path)
        } catch let error as DatabaseError where Self.isDamage(error) {
            do { database = try Self.remake(path) } catch { throw IndexError(path: path, reason: String(describing: error)) }
        } catch {
            throw IndexError(path: path, reason: String(describing: error))
        }
    }

    /// The file is not a database, or not a whole one: a cache is thrown away, never repaired.
    static func isDamage(_ error: DatabaseError) -> Bool {
        [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode)
    }

    private static func remake(_ path: String) throws -> DatabaseQueue {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
        return try open(path)
    }

    /// Runs `body`; if it finds the index damaged, makes it again from nothing and runs it once more.
    private func mending<T>(_ body: () throws -> T) throws(IndexError) -> T {
        do {
            return try body()
        } catch let error as DatabaseError where Self.isDamage(error) {
            do {
                database = try Self.remake(path)
                // Made empty: nothing may be trusted until a whole refresh has filled it again.
                refreshedAtTrail = nil
                checkedFingerprint = nil
                return try body()
            } catch {
                throw IndexError(path: path, reason: String(describing: error))
            }
        } catch let error as IndexError {
            throw error
        } catch {
            throw IndexError(path: path, reason: String(describing: error))
        }
    }

    private static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // A cache: after a power cut it is checked against the files anyway.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        chmod(path, 0o600)
        try queue.write { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if version == Self.version {
                // A row of each table finds a file that is no database at once, without the full
                // scans count(*) would make of a district's index; damage deeper in is mended
                // where a refresh or a search meets it (`mending`).
                for table in ["sources", "entries"] + Part.allCases.map(\.terms) { _ = try Row.fetchOne(db, sql: "SELECT * FROM \(table) LIMIT 1") }
                return
            }
            for table in ["sources", "entries", "terms", "numbers", "keys"] + Part.allCases.map(\.terms) { try db.execute(sql: "DROP TABLE IF EXISTS \(table)") }
            try db.execute(sql: """
                CREATE TABLE keys (fingerprint TEXT NOT NULL);
                CREATE TABLE sources (grid TEXT NOT NULL, part TEXT NOT NULL, signature TEXT NOT NULL, PRIMARY KEY (grid, part));
                CREATE TABLE entries (id INTEGER PRIMARY KEY, grid TEXT NOT NULL, part TEXT NOT NULL, kind TEXT NOT NULL,
                                      recordID TEXT NOT NULL, title TEXT NOT NULL, detail TEXT NOT NULL, stamp TEXT NOT NULL);
                CREATE INDEX entries_by_source ON entries (grid, part);
                CREATE VIRTUAL TABLE \(Part.people.terms) USING fts5 (words, tokenize = 'unicode61 remove_diacritics 0');
                CREATE VIRTUAL TABLE \(Part.cases.terms) USING fts5 (words, tokenize = 'unicode61 remove_diacritics 0');
                CREATE TABLE numbers (hash INTEGER NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (hash, entry)) WITHOUT ROWID;
                CREATE INDEX numbers_by_entry ON numbers (entry);
                PRAGMA user_version = \(Self.version);
                """)
        }
        return queue
    }

    /// What a grid's part of the index is built from: its households and residents together
    /// (a resident shows their address, a household its head), or its cases.
    enum Part: String, CaseIterable {
        case people, cases

        var kinds: [RecordKind] { self == .people ? [.household, .resident] : [.disputeCase] }

        /// What it holds as search hits.
        var hitKinds: Set<SearchHit.Kind> { self == .people ? [.household, .resident] : [.disputeCase] }

        /// Its FTS5 table of index words, by entry id.
        var terms: String { rawValue + "_terms" }
    }

    /// A grid part to index, and the signature of the files it is read from.
    typealias PartSource = (grid: GridCode, part: Part, signature: String)

    /// Brings the index up to date with the folder: every grid whose files changed since it was
    /// indexed is read and indexed again, and grids no longer in the folder are dropped.
    /// `progress` hears (grids done, grids to do). Returns how many grid parts were indexed.
    @discardableResult
    public func refresh(from store: Store, progress: ((Int, Int) -> Void)? = nil) throws(IndexError) -> Int {
        try refresh(from: store, atMost: nil, progress: progress).indexed
    }

    /// `refresh`, skipped while the folder's audit trail is as this object last saw it after a
    /// whole refresh, or after a change it followed as it was committed (`didCommit`): every change
    /// gridwork makes appends to the trail, so nothing it wrote can have changed unseen. The first
    /// call always compares every file's stamp, which finds hand edits made while no copy ran;
    /// one made during a session is found at the first use a minute after the last comparison,
    /// at the next open or `find`, or after another copy's save. A search keystroke then costs one
    /// `stat`, not one per file of the folder.
    ///
    /// The index is shared with other copies of the program, whose refreshes append nothing to the
    /// trail: SQLite's `data_version`, which changes when another connection writes the index,
    /// is part of what is compared, so rows another copy rewrote are never trusted unchecked.
    /// Returns whether the files' stamps were compared.
    @discardableResult
    public func refreshUnlessTrailUnchanged(from store: Store) throws(IndexError) -> Bool {
        let seen = try trailStamp(store)
        let clock = ContinuousClock()
        if seen == refreshedAtTrail, let compared = everyStampComparedAt, compared.duration(to: clock.now) < Self.stampsTrustedFor { return false }
        everyStampComparedAt = clock.now
        try refresh(from: store)
        // What this refresh wrote itself does not move `data_version` for this connection.
        refreshedAtTrail = seen
        return true
    }

    /// The audit trail's stamp, with SQLite's count of changes other connections made to the index file.
    private func trailStamp(_ store: Store) throws(IndexError) -> String {
        let otherWriters = try mending { try database.read { db in String(try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0) } }
        return Self.signature(of: [StoreLayout.auditTrail], in: store.folder) + " " + otherWriters
    }

    /// The audit trail's stamp when a whole refresh began, for `refreshUnlessTrailUnchanged`,
    /// moved on by each change this object followed as it was committed (see `didCommit`).
    private var refreshedAtTrail: String?
    /// When `refreshUnlessTrailUnchanged` last compared every file's stamp, and how long it goes
    /// on trusting the trail alone: a hand edit made while the program runs moves no trail.
    private var everyStampComparedAt: ContinuousClock.Instant?
    static let stampsTrustedFor = Duration.seconds(60)
    /// `trailStamp` as a change being committed found it, while the index followed every change before.
    private var trailBeforeCommit: String?

    /// Indexes at most `parts` grid parts that changed; returns whether more are left, so a
    /// caller with other work to do can take the rest a piece at a time.
    public func refreshSome(from store: Store, parts: Int) throws(IndexError) -> Bool {
        try refresh(from: store, atMost: parts, progress: nil).remaining > 0
    }

    private func refresh(from store: Store, atMost limit: Int?, progress: ((Int, Int) -> Void)?) throws(IndexError) -> (indexed: Int, remaining: Int) {
        try mending { try update(from: store, atMost: limit, progress: progress) }
    }

    private func update(from store: Store, atMost limit: Int?, progress: ((Int, Int) -> Void)?) throws -> (indexed: Int, remaining: Int) {
        do {
            let blind = store.blindIndexer
            // Hashes made under another community key would never match again: start over.
            let fingerprint = blind.hash("gridwork index", purpose: "key")
            try database.write { db in
                guard try String.fetchOne(db, sql: "SELECT fingerprint FROM keys") != fingerprint else { return }
                for table in ["sources", "entries", "numbers", "keys"] + Part.allCases.map(\.terms) { try db.execute(sql: "DELETE FROM \(table)") }
                try db.execute(sql: "INSERT INTO keys (fingerprint) VALUES (?)", arguments: [fingerprint])
            }
            checkedFingerprint = fingerprint
            let known = try database.read { db in
                try Row.fetchAll(db, sql: "SELECT grid, part, signature FROM sources").reduce(into: [String: String]()) { result, row in
                    result[(row["grid"] as String) + "/" + (row["part"] as String)] = row["signature"]
                }
            }
            let filesByGrid = Self.filesByGrid(store)
            var stale: [PartSource] = []
            for grid in store.grids.map(\.code) {
                for part in Part.allCases {
                    let signature = Self.signature(of: part.kinds.flatMap { filesByGrid[grid.rawValue + "/" + $0.rawValue] ?? [] }, in: store.folder)
                    if known[grid.rawValue + "/" + part.rawValue] != signature { stale.append((grid, part, signature)) }
                }
            }
            let current = Set(store.grids.map(\.code.rawValue))
            let gone = Set(known.keys.compactMap { $0.split(separator: "/").first.map(String.init) }).subtracting(current)
            // No write transaction when there is nothing to write: a save's duplicate check refreshes
            // under the folder's lock, and another copy may be writing the index.
            if !gone.isEmpty {
                try database.write { db in
                    for grid in gone { try Self.remove(grid: grid, part: nil, in: db) }
                }
            }
            let chosen = limit.map { Array(stale.prefix($0)) } ?? stale
            try reindex(chosen, store: store, blind: blind) { done in progress?(done, chosen.count) }
            progress?(chosen.count, chosen.count)
            return (chosen.count, stale.count - chosen.count)
        }
    }

    /// How many grid parts one transaction indexes at most. Each commit rewrites every page its
    /// inserts touched, and the numbers' hashes land all over their B-tree: with one part a
    /// transaction a district's build took half as long again (95 s against 64 s). 16 parts
    /// hold the write lock about a second and a half, within another copy's 10 s wait for it.
    public var partsPerTransaction = 16

    /// Makes the rows of `items` (grid parts, as read from files of `signature`) again from the
    /// store, `partsPerTransaction` parts a transaction; nothing at all for no items. The stamps
    /// are read in the same transaction that writes the rows, so a row another copy changed in
    /// between is never taken for one that needs no writing. While one part's rows are written,
    /// the next part's are made on the indexing thread (keyed hashes, pinyin, words); the store
    /// is read on this thread only. `starting` hears how many parts are done as each one is
    /// begun, inside a transaction: it must not use the index.
    private func reindex(_ items: [PartSource], store: Store, blind: BlindIndexer,
                         starting: (Int) -> Void = { _ in }) throws {
        let size = max(1, partsPerTransaction)
        for first in stride(from: 0, to: items.count, by: size) {
            try reindexInOneTransaction(Array(items[first..<min(items.count, first + size)]), store: store, blind: blind) { starting(first + $0) }
        }
    }

    private func reindexInOneTransaction(_ items: [PartSource], store: Store, blind: BlindIndexer,
                                         starting: (Int) -> Void) throws {
        try database.write { db in
            var existing: [[String: ExistingRow]] = []
            for item in items {
                var rows: [String: ExistingRow] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, kind, recordID, stamp FROM entries WHERE grid = ? AND part = ?",
                                            arguments: [item.grid.rawValue, item.part.rawValue]) {
                    rows[(row["kind"] as String) + " " + (row["recordID"] as String)] =
                        ExistingRow(id: row["id"], kind: row["kind"], recordID: row["recordID"], stamp: row["stamp"])
                }
                existing.append(rows)
            }
            func making(_ index: Int) -> HelperThread.Pending<[RecordRow]> {
                let item = items[index]
                let records = PartRecords(item.part, of: item.grid, in: store)
                let stamps = existing[index].mapValues(\.stamp)
                return HelperThread.indexing.start { Self.rows(of: records, in: item.grid, blind: blind, unlessStamped: stamps) }
            }
            var next = items.isEmpty ? nil : making(0)
            for (index, item) in items.enumerated() {
                let made = next
                next = index + 1 < items.count ? making(index + 1) : nil
                guard let rows = made?.wait() else { throw IndexError(path: path, reason: "the rows of grid \(item.grid.rawValue) were not made") }
                starting(index)
                try Self.replace(grid: item.grid.rawValue, part: item.part, existing: existing[index], with: rows, in: db)
                try db.execute(sql: "INSERT OR REPLACE INTO sources (grid, part, signature) VALUES (?, ?, ?)",
                               arguments: [item.grid.rawValue, item.part.rawValue, item.signature])
            }
        }
    }

    /// Every record the index holds, by kind: what the crash soak compares with the files.
    public func recordIDs() throws(IndexError) -> [SearchHit.Kind: Set<RecordID>] {
        try mending {
            try database.read { db in
                var result: [SearchHit.Kind: Set<RecordID>] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT kind, recordID FROM entries") {
                    guard let kind = SearchHit.Kind(rawValue: row["kind"]) else { continue }
                    result[kind, default: []].insert(RecordID(row["recordID"] as String))
                }
                return result
            }
        }
    }

    /// Matches of `text` anywhere in the folder (or in `grid`), residents first, then
    /// households and cases, at most `limit`. A query of digits alone also finds the residents
    /// whose ID number (whole, or its last 6 digits) or phone number (whole, or its last 4) it is.
    public func search(_ text: String, grid: GridCode? = nil, kinds: Set<SearchHit.Kind> = Set(SearchHit.Kind.allCases), limit: Int = 50,
                       store: Store? = nil) throws(IndexError) -> [SearchHit] {
        let kindList = kinds.map { "'" + $0.rawValue + "'" }.sorted().joined(separator: ", ")
        return try mending {
            try database.read { db in
                var hits: [SearchHit] = []
                if let store, let hashes = Self.numberHashes(text, store: store) {
                    let placeholders = hashes.map { _ in "?" }.joined(separator: ", ")
                    var arguments = StatementArguments(hashes)
                    var sql = """
                        SELECT DISTINCT e.kind, e.grid, e.recordID, e.title, e.detail FROM numbers n JOIN entries e ON e.id = n.entry
                        WHERE n.hash IN (\(placeholders)) AND e.kind IN (\(kindList))
                        """
                    if let grid {
                        sql += " AND e.grid = ?"
                        arguments += [grid.rawValue]
                    }
                    hits += try Row.fetchAll(db, sql: sql + " LIMIT \(limit)", arguments: arguments).compactMap(Self.hit)
                }
                guard let match = SearchTerms.matchExpression(text), hits.count < limit else { return hits }
                // Each part's matches, at most `sortedAtMost` of them, then sorted together.
                var arguments: StatementArguments = []
                let matches = Part.allCases.filter { !$0.hitKinds.isDisjoint(with: kinds) }.map { part -> String in
                    arguments += [match]
                    var sql = """
                        SELECT m.id FROM (SELECT e.id FROM \(part.terms) t JOIN entries e ON e.id = t.rowid
                        WHERE \(part.terms) MATCH ? AND e.kind IN (\(kindList))
                        """
                    if let grid {
                        sql += " AND e.grid = ?"
                        arguments += [grid.rawValue]
                    }
                    return sql + " LIMIT \(max(1, sortedAtMost))) m"
                }
                let sql = """
                    SELECT e.kind, e.grid, e.recordID, e.title, e.detail FROM entries e WHERE e.id IN (\(matches.joined(separator: " UNION ALL ")))
                    ORDER BY CASE e.kind WHEN 'resident' THEN 0 WHEN 'household' THEN 1 ELSE 2 END, e.grid, e.title LIMIT \(limit - hits.count)
                    """
                let found = try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap(Self.hit)
                let seen = Set(hits.map(\.recordID))
                return hits + found.filter { !seen.contains($0.recordID) }
            }
        }
    }

    /// The residents whose ID number is `number`, by its blind index: where to look, never the
    /// number itself. The caller reads those records to be sure.
    public func residents(withIDNumber number: String, store: Store) throws(IndexError) -> [(id: RecordID, grid: GridCode)] {
        try mending {
            try database.read { db in
                try Row.fetchAll(db, sql: Self.placesOfNumber, arguments: [store.blindIndexer.number(number, purpose: "id")])
                    .map { (RecordID($0["recordID"] as String), GridCode($0["grid"] as String)) }
            }
        }
    }

    /// `residents(withIDNumber:)` for many numbers in one read (an import checks every row's):
    /// for each number that is on file, where its residents are. Numbers are hashed, never stored.
    public func residents(withIDNumbers numbers: some Sequence<String>, store: Store) throws(IndexError) -> [String: [(id: RecordID, grid: GridCode)]] {
        let indexer = store.blindIndexer
        let hashes = Dictionary(numbers.map { ($0, indexer.number($0, purpose: "id")) }, uniquingKeysWith: { first, _ in first })
        return try mending {
            try database.read { db in
                let statement = try db.makeStatement(sql: Self.placesOfNumber)
                var found: [String: [(id: RecordID, grid: GridCode)]] = [:]
                for (number, hash) in hashes {
                    let rows = try Row.fetchAll(statement, arguments: [hash])
                    if !rows.isEmpty { found[number] = rows.map { (RecordID($0["recordID"] as String), GridCode($0["grid"] as String)) } }
                }
                return found
            }
        }
    }

    /// The residents named `name` and born on `birthDate`, by the keyed hash of the two (the
    /// index holds no name beside a birth date): where to look; the caller reads those records.
    public func residents(named name: String, born birthDate: Day, store: Store) throws(IndexError) -> [(id: RecordID, grid: GridCode)] {
        try mending {
            try database.read { db in
                try Row.fetchAll(db, sql: Self.placesOfNumber,
                                 arguments: [store.blindIndexer.number(Self.nameAndBirth(name, birthDate), purpose: "namebirth")])
                    .map { (RecordID($0["recordID"] as String), GridCode($0["grid"] as String)) }
            }
        }
    }

    /// The records a blind number stands for, and their grids.
    private static let placesOfNumber = "SELECT e.recordID, e.grid FROM numbers n JOIN entries e ON e.id = n.entry WHERE n.hash = ?"

    /// A name and birth date as the namesake check compares them: blanks in the name do not
    /// count (`王 秀英` is `王秀英`), nor does case (the blind index upper-cases).
    public static func nameAndBirth(_ name: String, _ birthDate: Day) -> String {
        String(name.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }) + "|" + birthDate.iso
    }

    // MARK: Building

    private struct Entry: Sendable {
        let hit: SearchHit
        let words: String
    }

    /// An entry of a grid part as the index holds it, by `kind recordID`.
    private struct ExistingRow {
        let id: Int64
        let kind: String
        let recordID: String
        let stamp: String
    }

    /// One record's row as it is now: its stamp, and what to write when the stamp is not the
    /// one on the index already (nil then: the row is as it should be).
    private struct RecordRow: Sendable {
        let key: String
        let stamp: String
        let made: (entry: Entry, numbers: [Int64])?
    }

    /// How rows are made from records (`SearchTerms`, pinyin, what is hashed), in every stamp:
    /// raise it when that changes, and each row is made again as its grid is next indexed.
    private static let rowFormat = "rows-1"

    /// The community key the rows were checked to be made under, by a refresh in this process.
    private var checkedFingerprint: String?

    /// A record's rows in the index (its entry, words and blind numbers) depend on `inputs`
    /// alone: the record's own fields that are shown or hashed, and what it shows of another
    /// record (a resident's address, a household's head). The stamp is a keyed hash of them, so
    /// it tells nothing of the numbers in it; a record whose stamp is unchanged costs no pinyin
    /// and no hashing of its numbers when its grid is indexed again after a save.
    private static func stamp(_ kind: SearchHit.Kind, _ inputs: [String?], blind: BlindIndexer) -> String {
        // Each input with its length, so no two different lists of inputs read the same.
        var text = Self.rowFormat + " " + kind.rawValue
        for input in inputs {
            text += input.map { " \($0.utf8.count):" + $0 } ?? " -"
        }
        return blind.hash(exactly: text, purpose: "row")
    }

    /// The records one part of one grid is made from, as read from the store.
    private enum PartRecords: Sendable {
        case people(households: [Household], residents: [Resident])
        case cases([DisputeCase])

        init(_ part: Part, of grid: GridCode, in store: Store) {
            switch part {
            case .people:
                self = .people(households: store.records(Household.self, inGrid: grid, keeping: false),
                               residents: store.records(Resident.self, inGrid: grid, keeping: false))
            case .cases:
                self = .cases(store.records(DisputeCase.self, inGrid: grid, keeping: false))
            }
        }
    }

    /// The rows of one part of one grid: every record's stamp, and rows made only for those
    /// whose stamp differs from `stamps` (by `kind recordID`).
    private static func rows(of records: PartRecords, in grid: GridCode, blind: BlindIndexer,
                             unlessStamped stamps: [String: String]) -> [RecordRow] {
        var rows: [RecordRow] = []
        var seen: Set<String> = []
        func add(_ kind: SearchHit.Kind, _ id: RecordID, _ inputs: [String?], _ make: () -> (Entry, [Int64])) {
            let key = kind.rawValue + " " + id.rawValue
            // A record id twice in a grid's files (a hand edit; `check` names it) is indexed once.
            guard seen.insert(key).inserted else { return }
            let stamp = Self.stamp(kind, inputs, blind: blind)
            rows.append(RecordRow(key: key, stamp: stamp, made: stamps[key] == stamp ? nil : make()))
        }
        switch records {
        case .people(let households, let residents):
            let addresses = Dictionary(households.map { ($0.id, $0.address.line) }, uniquingKeysWith: { first, _ in first })
            var heads: [RecordID: String] = [:]
            for resident in residents where resident.relation == .head || heads[resident.householdID] == nil {
                heads[resident.householdID] = resident.name
            }
            rows.reserveCapacity(households.count + residents.count)
            for household in households {
                let line = household.address.line
                let head = heads[household.id] ?? ""
                add(.household, household.id, [line, head]) {
                    (Entry(hit: SearchHit(kind: .household, grid: grid, recordID: household.id, title: line, detail: head),
                           words: SearchTerms.words(line).joined(separator: " ")), [])
                }
            }
            for resident in residents {
                let address = addresses[resident.householdID] ?? ""
                add(.resident, resident.id, [resident.name, address, resident.birthDate.iso, resident.idNumber, resident.phone]) {
                    var numbers: [Int64] = []
                    if let number = resident.idNumber {
                        numbers.append(blind.number(number, purpose: "id"))
                        numbers.append(blind.number(String(number.suffix(6)), purpose: "id6"))
                    }
                    numbers.append(blind.number(nameAndBirth(resident.name, resident.birthDate), purpose: "namebirth"))
                    if let phone = resident.phone {
                        numbers.append(blind.number(phone, purpose: "phone"))
                        numbers.append(blind.number(String(phone.suffix(4)), purpose: "phone4"))
                    }
                    return (Entry(hit: SearchHit(kind: .resident, grid: grid, recordID: resident.id, title: resident.name, detail: address),
                                  words: SearchTerms.nameWords(resident.name).joined(separator: " ")), numbers)
                }
            }
        case .cases(let cases):
            for item in cases {
                let parties = item.parties.map(\.name)
                add(.disputeCase, item.id, [item.number, item.title] + parties) {
                    let words = SearchTerms.words(item.number + " " + item.title) + parties.flatMap(SearchTerms.nameWords)
                    return (Entry(hit: SearchHit(kind: .disputeCase, grid: grid, recordID: item.id, title: item.number, detail: item.title),
                                  words: words.joined(separator: " ")), [])
                }
            }
        }
        return rows
    }

    /// The blind indexes a query of digits could stand for: a whole ID number (18), its last 6,
    /// a whole mobile number (11) or its last 4. Nil for any other query.
    private static func numberHashes(_ text: String, store: Store) -> [Int64]? {
        let blind = store.blindIndexer
        let typed = text.trimmingCharacters(in: .whitespaces).uppercased()
        switch typed.count {
        case 18 where typed.dropLast().allSatisfy(\.isNumber): return [blind.number(typed, purpose: "id")]
        case 11 where typed.allSatisfy(\.isNumber): return [blind.number(typed, purpose: "phone")]
        case 6 where typed.dropLast().allSatisfy(\.isNumber): return [blind.number(typed, purpose: "id6")]
        case 4 where typed.allSatisfy(\.isNumber): return [blind.number(typed, purpose: "phone4")]
        default: return nil
        }
    }

    /// Makes a grid part's rows `rows`, writing only those made anew: after a save, one grid is
    /// indexed again, and rewriting its thousand unchanged residents (and their FTS5 postings)
    /// would cost far more than reading them. A row on the index that `rows` does not hold (a
    /// record removed, or moved to another grid) goes, with its numbers. `existing` is what the
    /// index holds of the part, read in the same transaction.
    private static func replace(grid: String, part: Part, existing: [String: ExistingRow], with rows: [RecordRow], in db: Database) throws {
        var existing = existing
        let insertEntry = try db.cachedStatement(sql: "INSERT INTO entries (grid, part, kind, recordID, title, detail, stamp) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertTerms = try db.cachedStatement(sql: "INSERT INTO \(part.terms) (rowid, words) VALUES (?, ?)")
        let updateEntry = try db.cachedStatement(sql: "UPDATE entries SET title = ?, detail = ?, stamp = ? WHERE id = ?")
        let updateTerms = try db.cachedStatement(sql: "UPDATE \(part.terms) SET words = ? WHERE rowid = ?")
        let deleteEntry = try db.cachedStatement(sql: "DELETE FROM entries WHERE id = ?")
        let deleteTerms = try db.cachedStatement(sql: "DELETE FROM \(part.terms) WHERE rowid = ?")
        // Each of a record's numbers has its own purpose, so only two of them whose 64-bit hashes
        // collide could be the same row: kept once.
        let insertNumber = try db.cachedStatement(sql: "INSERT OR IGNORE INTO numbers (hash, entry) VALUES (?, ?)")
        let deleteNumbers = try db.cachedStatement(sql: "DELETE FROM numbers WHERE entry = ?")
        for row in rows {
            let old = existing.removeValue(forKey: row.key)
            guard let (entry, numbers) = row.made else { continue }
            let hit = entry.hit
            let entryID: Int64
            if let old {
                entryID = old.id
                try updateEntry.execute(arguments: [hit.title, hit.detail, row.stamp, old.id])
                try updateTerms.execute(arguments: [entry.words, old.id])
                try deleteNumbers.execute(arguments: [old.id])
            } else {
                try insertEntry.execute(arguments: [grid, part.rawValue, hit.kind.rawValue, hit.recordID.rawValue, hit.title, hit.detail, row.stamp])
                entryID = db.lastInsertedRowID
                try insertTerms.execute(arguments: [entryID, entry.words])
            }
            for hash in numbers { try insertNumber.execute(arguments: [hash, entryID]) }
        }
        // Records no longer in the files (removed, or moved to another grid).
        for old in existing.values {
            try deleteNumbers.execute(arguments: [old.id])
            try deleteTerms.execute(arguments: [old.id])
            try deleteEntry.execute(arguments: [old.id])
        }
    }

    private static func remove(grid: String, part: Part?, in db: Database) throws {
        for part in part.map({ [$0] }) ?? Part.allCases {
            for table in [part.terms, "numbers"] {
                let key = table == "numbers" ? "entry" : "rowid"
                try db.execute(sql: "DELETE FROM \(table) WHERE \(key) IN (SELECT id FROM entries WHERE grid = ? AND part = ?)", arguments: [grid, part.rawValue])
            }
            for table in ["entries", "sources"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE grid = ? AND part = ?", arguments: [grid, part.rawValue])
            }
        }
    }

    private static func hit(_ row: Row) -> SearchHit? {
        guard let kind = SearchHit.Kind(rawValue: row["kind"]) else { return nil }
        return SearchHit(kind: kind, grid: GridCode(row["grid"] as String), recordID: RecordID(row["recordID"] as String),
                         title: row["title"], detail: row["detail"])
    }

    /// The folder's data files by `grid/kind`, from their paths (`grids/CODE/...`).
    private static func filesByGrid(_ store: Store) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for kind in [RecordKind.household, .resident, .disputeCase] {
            for path in store.filePaths(of: kind) {
                let parts = path.split(separator: "/")
                guard parts.count > 2 else { continue }
                result[String(parts[1]) + "/" + kind.rawValue, default: []].append(path)
            }
        }
        return result
    }

    /// Which versions of `paths` the index was built from: each file's inode, size and
    /// modification time (every save renames a new file into place).
    private static func signature(of paths: [String], in folder: String) -> String {
        paths.sorted().map { path -> String in
            var info = stat()
            guard stat(folder + "/" + path, &info) == 0 else { return path + ":-" }
            return "\(path):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }.joined(separator: ";")
    }
}

// MARK: Following saves

/// A save brings the grid parts it wrote up to date before the folder's lock is let go, so the
/// next keystroke finds it and only stats the audit trail. A part whose update fails (the index
/// busy or damaged) is left for the next refresh to find by its files' stamps.
extension SearchIndex: CommitListener {
    public func willCommit(_ store: Store) {
        // The index may say it follows this change only if it followed every change before it.
        trailBeforeCommit = refreshedAtTrail == nil ? nil : try? trailStamp(store)
    }

    public func didCommit(_ store: Store, paths: [String]) {
        let followedEverything = trailBeforeCommit != nil && trailBeforeCommit == refreshedAtTrail
        trailBeforeCommit = nil
        // Read before this object's own writes (which do not move `data_version`), so another
        // copy's write to the index from now on still shows at the next search.
        let afterCommit = try? trailStamp(store)
        let blind = store.blindIndexer
        // Only after a refresh in this process has checked that the rows were made under this key.
        guard checkedFingerprint == blind.hash("gridwork index", purpose: "key") else { return }
        var touched: [String: (grid: GridCode, part: Part)] = [:]
        for path in paths {
            let pieces = path.split(separator: "/")
            guard pieces.count > 2, let kind = StoreLayout.kind(ofFile: path),
                  let part = Part.allCases.first(where: { $0.kinds.contains(kind) }) else { continue }
            let grid = GridCode(String(pieces[1]))
            touched[grid.rawValue + "/" + part.rawValue] = (grid, part)
        }
        do {
            try mending {
                let items = touched.values.sorted { ($0.grid.rawValue, $0.part.rawValue) < ($1.grid.rawValue, $1.part.rawValue) }.map { grid, part in
                    let files = store.filePaths(ofGrid: grid).filter { StoreLayout.kind(ofFile: $0).map(part.kinds.contains) == true }
                    return (grid: grid, part: part, signature: Self.signature(of: files, in: store.folder))
                }
                try reindex(items, store: store, blind: blind)
            }
            // Unless the index was made again empty on the way (then `mending` forgot everything).
            if followedEverything, checkedFingerprint != nil, let afterCommit { refreshedAtTrail = afterCommit }
        } catch {
            // The next search compares every file's stamp again.
            refreshedAtTrail = nil
        }
    }
}
