import Foundation
import Testing
import GridExport
import GridIndex
import GridModel
@testable import GridStore
import TerminalUI
import TestSupport
@testable import GridApp

/// A data folder in memory: answers what the runtime asks and remembers what it was asked.
final class FakeStoreClient: StoreClient, @unchecked Sendable {
    var data: DashboardData
    /// What `save` answers; nil stores the changes as given with their revisions raised.
    var saveAnswer: SaveOutcome?
    var logInAnswer: Result<Session, AccountError> = .failure(.unknownLogin("nobody"))
    private(set) var loads: [(grid: GridCode?, now: Date)] = []
    private(set) var saves: [[RecordChange]] = []
    private(set) var sessions: [String] = []
    private(set) var reveals: [[String]] = []

    init(data: DashboardData) { self.data = data }

    func load(grid: GridCode?, now: Date) -> DashboardData {
        loads.append((grid, now))
        var copy = data
        copy.loadedGrid = grid
        copy.today = Day(now, in: copy.timeZone)
        return copy
    }

    func save(_ changes: [RecordChange], overwriting: Bool, at instant: Date) -> SaveOutcome {
        saves.append(changes)
        if let saveAnswer { return saveAnswer }
        // Grids saved are read back, as from a folder (the screens' other records stay as given).
        for case .grid(var grid) in changes {
            grid.meta.revision += 1
            data.grids.removeAll { $0.id == grid.id }
            data.grids.append(grid)
            data.grids.sort { $0.code < $1.code }
        }
        return SaveOutcome(stored: changes)
    }

    func undo(_ step: UndoStep, at instant: Date) throws(StoreError) {}

    func logIn(login: String, passphrase: String, at instant: Date) throws(AccountError) -> Session { try logInAnswer.get() }

    func begin(_ session: Session) { sessions.append(session.login) }

    func recordReveal(of fields: [String], in resident: Resident, at instant: Date) throws(StoreError) { reveals.append(fields) }

    func accounts() throws(AccountError) -> [Account] { [] }

    func change(_ change: AccountChange, at instant: Date) throws(AccountError) {}

    func history(of id: RecordID) -> [AuditEntry] { [] }

    private(set) var exports: [ExportJob] = []
    /// What `export` answers: nil writes nothing and reports every row written.
    var exportAnswer: Result<ExportJob.Outcome, ExportError>?

    func export(_ job: ExportJob, at instant: Date) throws(ExportError) -> ExportJob.Outcome {
        exports.append(job)
        return try (exportAnswer ?? .success(ExportJob.Outcome(rows: job.source.count(of: job.kind), leftOut: 0, path: job.path,
                                                               format: job.format))).get()
    }

    /// How many pieces of the index are left to bring up to date.
    var indexPiecesLeft = 0
    private(set) var indexPieces = 0

    func prepareIndex() -> Bool {
        indexPieces += 1
        indexPiecesLeft = max(0, indexPiecesLeft - 1)
        return indexPiecesLeft > 0
    }

    /// What `search` answers.
    var hits: [SearchHit] = []
    private(set) var searches: [String] = []

    func search(_ text: String, kinds: Set<SearchHit.Kind>, limit: Int) throws(IndexError) -> [SearchHit] {
        searches.append(text)
        return hits.filter { kinds.contains($0.kind) }
    }
}

/// The dispatcher's paths, with a fake store, a queue stepped by hand and a fixed clock: the
/// decisions the terminal loop used to make are the reducer's, and slow work never holds a key.
@Suite struct RuntimeTests {
    static var key: PersonalDataKey {
        get throws {
            try PersonalDataKey.derive(fromCommunityPassphrase: "test", salt: Data("salt".utf8), cost: PassphraseHash.Cost(n: 1024, r: 8, p: 1))
        }
    }

    final class Clock: @unchecked Sendable {
        var now = DashboardFixture.at(11, 22, 10)
    }

    struct Harness {
        let runtime: Runtime
        let store: FakeStoreClient
        let queue: ManualEffectQueue
        let clock: Clock
        let folder: TemporaryFolder
    }

    static func session(_ login: String, _ worker: RecordID) throws -> Session {
        Session(login: login, workerID: worker, key: try key)
    }

    /// 李春梅 logged in on screen `screen`, with `prepare` run on the state first.
    func harness(screen: Character = "3", data: DashboardData? = nil, prepare: (inout AppState) -> Void = { _ in }) throws -> Harness {
        var state = try DashboardFixture.working(on: screen)
        if let data {
            state = AppState(data: data, language: .zh, themeName: "default", width: 80, height: 24, actor: DashboardFixture.li,
                             login: "lichunmei", clock: DashboardFixture.at(11, 22, 10))
            _ = AppReducer.reduce(&state, .key(.character(screen)))
        }
        state.login = "lichunmei"
        prepare(&state)
        let store = FakeStoreClient(data: try DashboardFixture.data())
        let queue = ManualEffectQueue()
        let clock = Clock()
        let folder = TemporaryFolder()
        let environment = RuntimeEnvironment(store: store, queue: queue, now: { clock.now },
                                             draftFolder: { DraftFolder(dataFolder: folder.path, key: $0.key) },
                                             applyTheme: { .success($0) })
        let runtime = Runtime(state: state, session: try Self.session("lichunmei", DashboardFixture.li), environment: environment)
        return Harness(runtime: runtime, store: store, queue: queue, clock: clock, folder: folder)
    }

    /// Opens the selected household's form and types 甲 after its compound's name.
    func editCompound(_ runtime: Runtime) {
        runtime.press(.character("e"))
        type(runtime, "甲")
    }

    /// On the lock screen: lets someone else log in (two Esc), and types their login and a passphrase.
    func logInAsSomeoneElse(_ runtime: Runtime, _ login: String) {
        for _ in 0..<2 { runtime.press(.escape) }
        type(runtime, login)
        runtime.press(.tab)
        type(runtime, "pass")
        runtime.press(.enter)
    }

    /// No key for the idle limit: the screen locks with the form open behind it.
    func lockForIdling(_ harness: Harness) {
        harness.clock.now = harness.clock.now.addingTimeInterval(harness.runtime.state.idleLimit + 1)
        harness.runtime.idle()
    }

    func type(_ runtime: Runtime, _ text: String) {
        for character in text { runtime.press(.character(character)) }
    }

    /// Runs what waits on the queue and takes its results in, as the loop does between keys.
    func settle(_ harness: Harness) {
        while harness.queue.isBusy {
            harness.queue.runAll()
            harness.runtime.takeFinished()
        }
    }

    @Test func aSaveRunsOffTheInputThreadAndComesBackAsSaved() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        editCompound(runtime)
        runtime.press(.enter)
        #expect(runtime.state.isSaving && harness.queue.waiting == 1 && harness.store.saves.isEmpty, "nothing is written on the input thread")
        runtime.press(.character("乙"))
        #expect(runtime.state.form?[.compound]?.value == "清潭花园甲", "a form being saved takes no keys")
        settle(harness)
        #expect(harness.store.saves.count == 1 && runtime.state.form == nil && !runtime.state.isSaving)
        #expect(runtime.state.message?.text == runtime.state.strings.saved && runtime.state.undoSteps.count == 1)
        #expect(harness.store.loads.last?.grid == nil, "the data shown is read again after the save")
    }

    @Test func aResidentOnFileElsewhereIsShownInsteadOfSaved() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        let existing = try #require(harness.store.data.residents[RecordID("H-1")]?.first)
        harness.store.saveAnswer = SaveOutcome(stored: [], duplicate: existing)
        runtime.press(.down)
        runtime.press(.character("r"))
        type(runtime, "王某")
        runtime.press(.tab)
        type(runtime, EntryFormTests.idNumber(born: "19850312", sequence: "123"))
        runtime.press(.enter)
        #expect(harness.queue.waiting == 1, "the save went to the queue")
        settle(harness)
        #expect(runtime.state.form == nil && runtime.state.message?.isError == true)
        #expect(runtime.state.focus == .detail && runtime.state.selectedResident?.id == existing.id, "the resident on file is shown")
        #expect(runtime.state.message?.text.contains(existing.name) == true)
    }

    @Test func aStaleSaveOffersTheirVersionWithWhatWasTyped() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        let index = try #require(harness.store.data.households.firstIndex { $0.address.compound == "清潭花园" })
        harness.store.data.households[index].meta.revision += 1
        harness.store.data.households[index].meta.updatedBy = DashboardFixture.zhang
        harness.store.data.households[index].notes = "门口堆放杂物"
        harness.store.saveAnswer = SaveOutcome(stored: [], failure: .staleRecord(kind: .household, changedBy: "Zhang Wei",
                                                                                  changedAt: DashboardFixture.at(11, 22, 9), timeZone: .chinaStandard))
        editCompound(runtime)
        runtime.press(.enter)
        settle(harness)
        let conflict = try #require(runtime.state.formConflict)
        #expect(conflict.changedBy == "Zhang Wei" && runtime.state.form?[.compound]?.value == "清潭花园甲")
        #expect(!runtime.state.isSaving)
    }

    @Test func aSwitchOfWorkerKeepsTheOpenFormAsTheLastWorkersDraft() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        editCompound(runtime)
        lockForIdling(harness)
        #expect(runtime.state.lock != nil && runtime.state.form != nil, "the form waits behind the lock")
        harness.store.logInAnswer = .success(try Self.session("zhangwei", DashboardFixture.zhang))
        logInAsSomeoneElse(runtime, "zhangwei")
        #expect(runtime.state.lock != nil && runtime.state.actor == DashboardFixture.li, "still locked while the passphrase is checked")
        settle(harness)
        #expect(runtime.state.lock == nil && runtime.state.actor == DashboardFixture.zhang && runtime.state.form == nil)
        #expect(harness.store.sessions == ["zhangwei"], "the store writes as the new worker")
        let kept = DraftFolder(dataFolder: harness.folder.path, key: try Self.key).read(for: DashboardFixture.li)
        let draft = try JSONDecoder().decode(RecordForm.self, from: try #require(kept))
        #expect(draft[.compound]?.value == "清潭花园甲", "the last worker's form is their draft")
    }

    @Test func aSwitchWaitsWhenTheOpenFormCannotBeKept() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        // A file where the drafts folder should be: no draft can be written, as on a full disk.
        try FileManager.default.createDirectory(atPath: harness.folder.path, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: harness.folder.path + "/" + StoreLayout.draftsFolder, contents: Data("x".utf8)))
        editCompound(runtime)
        lockForIdling(harness)
        harness.store.logInAnswer = .success(try Self.session("zhangwei", DashboardFixture.zhang))
        logInAsSomeoneElse(runtime, "zhangwei")
        settle(harness)
        #expect(runtime.state.lock != nil && runtime.state.actor == DashboardFixture.li, "the switch waits")
        #expect(runtime.state.lock?.message?.contains("李春梅") == true)
        #expect(runtime.state.form?[.compound]?.value == "清潭花园甲" && harness.store.sessions.isEmpty)
    }

    @Test func theSameWorkerLoggingInAgainGoesOnWithTheirForm() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        editCompound(runtime)
        lockForIdling(harness)
        harness.store.logInAnswer = .success(try Self.session("lichunmei", DashboardFixture.li))
        type(runtime, "pass")
        runtime.press(.enter)
        settle(harness)
        #expect(runtime.state.lock == nil && runtime.state.form?[.compound]?.value == "清潭花园甲")
        #expect(harness.store.sessions == ["lichunmei"])
    }

    @Test func keysAreAnsweredWhileADistrictGridLoadsAndCtrlCStillQuits() throws {
        let data = try DashboardFixture.district()
        let harness = try self.harness(screen: "2", data: data)
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.character("j"))
        runtime.press(.enter)
        #expect(runtime.state.isLoading && harness.queue.waiting == 1, "the grid is read on the queue")
        runtime.press(.character("?"))
        #expect(runtime.state.isShowingHelp, "a key is answered while the grid loads")
        runtime.press(.escape)
        runtime.press(.character("5"))
        #expect(runtime.state.screen == .cases)
        runtime.press(.control("c"))
        #expect(runtime.isFinished, "Ctrl-C quits while the grid is still being read")
        #expect(harness.store.loads.isEmpty)
    }

    @Test func aGridReadForAGridLeftSinceIsNotShown() throws {
        let data = try DashboardFixture.district()
        let harness = try self.harness(screen: "2", data: data)
        defer { harness.folder.remove() }
        harness.store.data = data
        let runtime = harness.runtime
        runtime.press(.character("j"))
        runtime.press(.enter)
        runtime.press(.escape)
        runtime.press(.character("j"))
        runtime.press(.enter)
        let wanted = runtime.state.scope
        #expect(harness.queue.waiting == 2 && wanted != DashboardFixture.gridTwo)
        settle(harness)
        #expect(runtime.state.data.loadedGrid == wanted && !runtime.state.isLoading, "the last grid asked for is the one shown")
    }

    @Test func quittingWaitsForASaveUnderWay() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        editCompound(runtime)
        runtime.press(.enter)
        runtime.press(.control("c"))
        #expect(runtime.isFinished && harness.store.saves.isEmpty)
        runtime.finish()
        #expect(harness.store.saves.count == 1, "an acknowledged save is not cut short")
        let drafts = DraftFolder(dataFolder: harness.folder.path, key: try Self.key)
        #expect(runtime.state.form == nil && drafts.read(for: DashboardFixture.li) == nil,
                "the saved form is closed, not kept as a draft to be offered again")
    }

    @Test func aRevealThatComesBackAfterTheLockShowsNothing() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.enter)
        runtime.press(.character("x"))
        lockForIdling(harness)
        settle(harness)
        #expect(harness.store.reveals.count == 1 && runtime.state.revealed.isEmpty, "the next worker never sees the numbers")
    }

    @Test func midnightReadsTheDataAgainOnceHoweverOftenTheClockTicks() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        harness.clock.now = DashboardFixture.at(11, 23, 0, 1)
        for _ in 0..<5 { harness.runtime.idle() }
        #expect(harness.queue.waiting == 1)
        settle(harness)
        harness.runtime.idle()
        #expect(harness.queue.waiting == 0 && harness.store.loads.count == 1)
    }

    @Test func aSecondUndoWaitsForTheFirst() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        editCompound(runtime)
        runtime.press(.enter)
        settle(harness)
        runtime.press(.character("u"))
        runtime.press(.character("u"))
        #expect(harness.queue.waiting == 1, "one undo at a time")
    }

    @Test func theIndexIsBroughtUpToDateAPieceAtATimeBetweenTheWorkersOwnWork() throws {
        let harness = try self.harness(screen: "2", data: try DashboardFixture.district())
        defer { harness.folder.remove() }
        harness.store.indexPiecesLeft = 3
        let runtime = harness.runtime
        runtime.start()
        runtime.press(.character("j"))
        runtime.press(.enter)
        #expect(harness.queue.waiting == 2, "a piece of the index, then the grid")
        harness.queue.runNext()
        runtime.takeFinished()
        harness.queue.runNext()
        #expect(harness.store.loads.count == 1 && harness.store.indexPieces == 1, "the grid was read before the next piece")
        settle(harness)
        #expect(harness.store.indexPieces == 3 && harness.store.indexPiecesLeft == 0)
    }


    @Test func aNewDayReadsTheDataAgainWithTheClocksToday() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        harness.clock.now = DashboardFixture.at(11, 23, 0, 1)
        harness.runtime.idle()
        settle(harness)
        #expect(harness.store.loads.count == 1 && harness.runtime.state.data.today == Day(year: 2026, month: 11, day: 23))
    }

    @Test func aRevealAuditsTheNumbersTheResidentHasOnFile() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.enter)
        runtime.press(.character("x"))
        settle(harness)
        let resident = try #require(runtime.state.selectedResident)
        #expect(harness.store.reveals == [resident.personalFieldsOnFile] && !resident.personalFieldsOnFile.isEmpty)
        #expect(runtime.state.revealed.contains(resident.id))
    }

    @Test func aDraftLeftBehindIsOfferedBackAtStart() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        var form = CaseEntryForm.make(newIn: DashboardFixture.gridOne, from: CaseEntryForm.Origin(), today: DashboardFixture.today, language: .zh)
        form[.title]?.input.insert("楼道堆物")
        form.isDirty = true
        try DraftFolder(dataFolder: harness.folder.path, key: try Self.key).write(try JSONEncoder().encode(form), for: DashboardFixture.li)
        harness.runtime.start()
        #expect(harness.runtime.state.form?[.title]?.value == "楼道堆物")
        #expect(harness.runtime.state.message?.text == harness.runtime.state.strings.draftRestored)
    }

    @Test func aPanelReadWhileAFormWasOpenedNeverCoversTheForm() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.character("i"))
        #expect(harness.queue.waiting == 1 && runtime.state.presentation == nil, "the history is read on the queue")
        runtime.press(.character("e"))
        settle(harness)
        #expect(runtime.state.form != nil && runtime.state.history == nil, "one presentation at a time: the form stays")
        runtime.press(.escape)
        runtime.press(.character("i"))
        settle(harness)
        #expect(runtime.state.history != nil)
    }

    @Test func newRecordsTakeTheirIDsFromTheStatesSourceOnce() throws {
        var state = try DashboardFixture.working(on: "3")
        state.ids = .counting(from: 900)
        _ = AppReducer.reduce(&state, .key(.character("n")))
        #expect(state.form?.newRecordID == RecordID("H-900"))
        _ = AppReducer.reduce(&state, .key(.character("x")))
        #expect(state.form?.newRecordID == RecordID("H-900"), "typing keeps the id chosen when the form opened")
        _ = AppReducer.reduce(&state, .key(.escape))
        _ = AppReducer.reduce(&state, .key(.character("y")))
        #expect(state.form == nil)
        _ = AppReducer.reduce(&state, .key(.character("n")))
        #expect(state.form?.newRecordID == RecordID("H-901"))
    }

    /// A district on the households screen, with the index answering 陈晓 (grid one), the
    /// household in grid two and a case.
    func districtSearch() throws -> Harness {
        let harness = try self.harness(screen: "3", data: try DashboardFixture.district())
        harness.store.hits = [
            SearchHit(kind: .resident, grid: DashboardFixture.gridOne, recordID: RecordID("P-3"), title: "陈晓", detail: "清潭花园 2栋 3单元 1502"),
            SearchHit(kind: .household, grid: DashboardFixture.gridTwo, recordID: RecordID("H-3"), title: "幸福里小区 8栋 2单元 602", detail: ""),
            SearchHit(kind: .disputeCase, grid: DashboardFixture.gridTwo, recordID: RecordID("C-2"), title: "JF2026-00002", detail: "噪音"),
        ]
        return harness
    }

    @Test func slashInADistrictSearchesEveryGridAndEnterOpensTheMatchInItsGrid() throws {
        let harness = try districtSearch()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.character("/"))
        #expect(runtime.state.folderSearch != nil)
        #expect(DashboardView.render(runtime.state, glyphs: .unicode).text.contains(runtime.state.strings.folderSearchHint))
        type(runtime, "xq")
        #expect(harness.queue.waiting == 2 && runtime.state.folderSearch?.isSearching == true, "each keystroke asks the index, off the input thread")
        settle(harness)
        #expect(harness.store.searches == ["x", "xq"])
        let search = try #require(runtime.state.folderSearch)
        #expect(search.hits.map(\.recordID) == [RecordID("P-3"), RecordID("H-3")], "screen 3 lists residents and households, not cases")
        let screen = DashboardView.render(runtime.state, glyphs: .unicode).text
        #expect(screen.contains("搜索全部网格 /xq") && screen.contains("第二网格") && screen.contains("陈晓"), "\(screen)")
        runtime.press(.down)
        runtime.press(.enter)
        #expect(runtime.state.folderSearch == nil && runtime.state.isLoading && runtime.state.scope == DashboardFixture.gridTwo)
        settle(harness)
        #expect(runtime.state.data.loadedGrid == DashboardFixture.gridTwo)
        #expect(runtime.state.selectedHousehold?.id == RecordID("H-3"), "the match is selected in its grid")
    }

    @Test func anAnswerToWhatWasTypedBeforeIsDropped() throws {
        let harness = try districtSearch()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.character("/"))
        runtime.press(.character("c"))
        harness.queue.runNext()
        runtime.press(.character("x"))
        runtime.takeFinished()
        #expect(runtime.state.folderSearch?.hits.isEmpty == true && runtime.state.folderSearch?.isSearching == true,
                "the answer for c came after cx was typed: it is not shown")
        settle(harness)
        #expect(runtime.state.folderSearch?.hits.count == 2)
        runtime.press(.escape)
        #expect(runtime.state.folderSearch == nil && runtime.state.mode == .normal)
    }

    @Test func aResidentFoundInTheGridShownIsSelectedAtOnce() throws {
        let harness = try districtSearch()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.character("/"))
        type(runtime, "cx ")
        settle(harness)
        #expect(runtime.state.folderSearch?.hits.isEmpty == false, "a trailing space does not leave the search waiting")
        runtime.press(.enter)
        #expect(harness.queue.waiting == 0, "grid one is already read")
        #expect(runtime.state.selectedResident?.id == RecordID("P-3") && runtime.state.focus == .detail)
    }
}
