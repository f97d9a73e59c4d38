import Foundation
import GridExport
import GridIndex
import GridModel
import GridStore

/// The dashboard's `StoreClient` over a real data folder, opened by a login: the store writes
/// as that login's worker (`begin` hands it to the next one).
///
/// `Store` is not thread-safe; it is `@unchecked Sendable` here because the runtime only calls
/// it from its serial effect queue, one call at a time.
public final class LiveStoreClient: StoreClient, @unchecked Sendable {
    private let store: Store
    private let loader: DashboardLoader
    private let writer: ChangeWriter
    /// Finds a resident on file by ID number without reading every grid; nil while the index
    /// cannot be opened (then the whole folder is read, as before there was one, and opening it
    /// is tried again at the next use). Opened at first use, on the effect queue, never at start.
    private var openedIndex: SearchIndex?

    public init(store: Store) {
        self.store = store
        loader = DashboardLoader(store: store)
        writer = ChangeWriter(store: store)
    }

    public func load(grid: GridCode?, now: Date) -> DashboardData {
        loader.load(grid: grid, today: Day(now, in: store.manifest.communityTimeZone))
    }

    public func save(_ changes: [RecordChange], overwriting: Bool, at instant: Date) -> SaveOutcome {
        save(changes, overwriting: overwriting, allowingNamesakes: false, at: instant)
    }

    public func save(_ changes: [RecordChange], overwriting: Bool, allowingNamesakes: Bool, at instant: Date) -> SaveOutcome {
        // Without an ID number a second registration of someone looks new: a new resident's name
        // and birth date are looked for too, and the worker is asked.
        if !allowingNamesakes, case .resident(let resident)? = changes.first, resident.idNumber == nil, resident.meta.revision == 0 {
            let found = namesakes(of: resident)
            if !found.isEmpty { return SaveOutcome(stored: [], namesakes: found) }
        }
        // What is shown was checked by the reducer; this looks in the whole folder (other grids of
        // a district), under the folder's lock, so what another copy saved a moment ago is seen
        // and no one is registered twice.
        guard case .resident(let resident)? = changes.first, let number = resident.idNumber else {
            return writer.save(changes, at: instant, overwriting: overwriting)
        }
        return writer.save(changes, at: instant, overwriting: overwriting) {
            self.resident(withIDNumber: number, except: resident.id)
        }
    }

    /// Residents on file other than `resident` with their name and birth date, anywhere in the
    /// folder: the index says where to look (by a keyed hash of the two) and only those grids are
    /// read; without the index, every grid is.
    private func namesakes(of resident: Resident) -> [Namesake] {
        let wanted = SearchIndex.nameAndBirth(resident.name, resident.birthDate)
        let grids: [GridCode]
        if let index, (try? index.refresh(from: store)) != nil,
           let places = try? index.residents(named: resident.name, born: resident.birthDate, store: store) {
            grids = Array(Set(places.filter { $0.id != resident.id }.map(\.grid))).sorted()
        } else {
            grids = store.grids.map(\.code)
        }
        return grids.flatMap { grid -> [Namesake] in
            let found = store.records(Resident.self, inGrid: grid).filter {
                $0.id != resident.id && SearchIndex.nameAndBirth($0.name, $0.birthDate).uppercased() == wanted.uppercased()
            }
            guard !found.isEmpty else { return [] }
            let gridName = store.grids.first { $0.code == grid }?.name ?? grid.rawValue
            let households = store.records(Household.self, inGrid: grid)
            return found.map { match in
                Namesake(match, gridName: gridName, address: households.first { $0.id == match.householdID }?.address.line ?? "")
            }
        }
    }

    private var index: SearchIndex? {
        if openedIndex == nil {
            openedIndex = try? SearchIndex(folder: store.folder)
            // Each save brings its grid's part of the index up to date as it commits.
            store.commitListener = openedIndex
        }
        return openedIndex
    }

    /// Brings a few grids of the index up to date (only grids whose files changed are read), so
    /// the first duplicate check or search does not wait for all of it, and the worker's own
    /// work can run in between. True while more is left.
    public func prepareIndex() -> Bool {
        (try? index?.refreshSome(from: store, parts: 4)) ?? false
    }

    public func search(_ text: String, kinds: Set<SearchHit.Kind>, limit: Int) throws(IndexError) -> [SearchHit] {
        guard let index else { return try SearchIndex(folder: store.folder).search(text, kinds: kinds, limit: limit, store: store) }
        try index.refreshUnlessTrailUnchanged(from: store)
        return try index.search(text, kinds: kinds, limit: limit, store: store)
    }

    /// The resident on file with this ID number, other than `except`: the index says where to
    /// look, and only that grid is read to be sure.
    private func resident(withIDNumber number: String, except: RecordID) -> Resident? {
        // Every file's stamp is compared (a few ms): a resident added by hand moves no audit trail.
        guard let index, (try? index.refresh(from: store)) != nil,
              let places = try? index.residents(withIDNumber: number, store: store) else {
            return writer.resident(withIDNumber: number, except: except)
        }
        let wanted = number.uppercased()
        for place in places where place.id != except {
            if let found = store.records(Resident.self, inGrid: place.grid).first(where: { $0.id == place.id && $0.idNumber == wanted }) {
                return found
            }
        }
        return nil
    }

    public func undo(_ step: UndoStep, at instant: Date) throws(StoreError) {
        try writer.undo(step, at: instant)
    }

    public func logIn(login: String, passphrase: String, at instant: Date) throws(AccountError) -> Session {
        try Store.logIn(folder: store.folder, login: login, passphrase: passphrase, at: instant)
    }

    public func begin(_ session: Session) {
        store.switchSession(to: session)
    }

    public func recordReveal(of fields: [String], in resident: Resident, at instant: Date) throws(StoreError) {
        try store.recordReveal(of: fields, in: resident, at: instant)
    }

    public func accounts() throws(AccountError) -> [Account] { try store.accounts() }

    public func change(_ change: AccountChange, at instant: Date) throws(AccountError) {
        switch change {
        case .add(let login, let worker, let passphrase):
            try store.addAccount(login: login, for: worker, passphrase: passphrase, at: instant)
        case .passphrase(let login, let passphrase):
            try store.changePassphrase(login: login, to: passphrase, at: instant)
        case .disable(let login):
            try store.setAccount(login, disabled: true, at: instant)
        case .enable(let login):
            try store.setAccount(login, disabled: false, at: instant)
        }
    }

    public func history(of id: RecordID) -> [AuditEntry] { store.audit.history(of: id.rawValue) }

    public func story(ofHousehold id: RecordID, in grid: GridCode, caseGrids: [GridCode]?) -> HouseholdStory? {
        store.householdStory(of: id, in: grid, caseGrids: caseGrids)
    }

    /// The worker is the store's writer, never one the caller names; a path typed relative is
    /// taken from the folder gridwork was started in.
    public func export(_ job: ExportJob, at instant: Date) throws(ExportError) -> ExportJob.Outcome {
        var job = job
        job.path = ExportJob.resolvedPath(job.path, home: ProcessInfo.processInfo.environment["HOME"],
                                          workingDirectory: FileManager.default.currentDirectoryPath)
        let worker = store.writerID.flatMap { id in store.workers.first { $0.id == id } }
        return try job.run(as: worker, folderHasAccounts: Store.isSecured(store.folder)) { reveals throws(StoreError) in
            try store.recordBulkReveal(reveals, at: instant)
        }
    }
}
