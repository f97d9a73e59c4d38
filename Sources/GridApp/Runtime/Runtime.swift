import Foundation
import GridExport
import GridIndex
import GridModel
import GridStore
import TerminalUI

/// The one dispatcher: reduces each action, then carries out every effect it returns (and the
/// effects of the actions those bring back) through the environment. Work that touches the disk
/// or runs scrypt goes to the effect queue and comes back later as an action, so a key is never
/// kept waiting behind it. The terminal loop only reads a key, calls `press`, and draws `state`.
public final class Runtime {
    public private(set) var state: AppState
    /// The worker asked to quit (or the login screen was left): the loop stops.
    public private(set) var isFinished = false
    private let environment: RuntimeEnvironment
    private var drafts: DraftKeeper

    /// How long the loop waits for a key while work is under way, to take its result promptly.
    public static let busyWait: Int32 = 30

    public init(state: AppState, session: Session, environment: RuntimeEnvironment) {
        self.state = state
        self.environment = environment
        drafts = DraftKeeper(folder: environment.draftFolder(session), worker: session.workerID)
    }

    /// Offers back the draft the worker left when the program last stopped, and brings the
    /// search index up to date in the background.
    public func start() { run([.restoreDraft, .prepareIndex]) }

    /// Reduces `action` and everything that follows from it.
    public func send(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            let next = pending.removeFirst()
            pending += AppReducer.reduce(&state, next).flatMap(perform)
        }
    }

    /// A key: the clock moves on first (the day may have changed, the idle lock may be due),
    /// and the open form is kept as a draft once typing pauses.
    public func press(_ key: Key) {
        send(.tick(environment.now()))
        send(.key(key))
        drafts.keep(state.form, now: environment.now())
    }

    /// No key came within `keyWait`: a waiting draft is written, finished work is taken in, and
    /// the clock moves on. True when what is shown may have changed (work came back, the screen
    /// locked, the day turned), so a loop that waits briefly for work does not redraw for nothing.
    @discardableResult
    public func idle() -> Bool {
        drafts.keep(state.form, now: environment.now(), force: true)
        let before = (state.lock == nil, state.data.today)
        let finished = takeFinished()
        send(.tick(environment.now()))
        return finished || before != (state.lock == nil, state.data.today)
    }

    /// Dispatches the actions of work finished on the queue. True when there were any.
    @discardableResult
    public func takeFinished() -> Bool {
        let finished = environment.queue.takeFinished()
        for action in finished { send(action) }
        return !finished.isEmpty
    }

    /// Waits for writes under way and takes their results in (a form saved as the worker quit
    /// is closed, not kept as a draft), then keeps whatever form is still open as a draft:
    /// nothing acknowledged is cut short by quitting.
    public func finish() {
        environment.queue.waitForWrites()
        takeFinished()
        drafts.keep(state.form, now: environment.now(), force: true)
    }

    /// How long to wait for a key (milliseconds; nil for ever): briefly while work is under way
    /// or a draft waits to be written, and never past the idle lock.
    public var keyWait: Int32? {
        var wait: Int32? = environment.queue.isBusy ? Self.busyWait : nil
        if drafts.isPending { wait = min(wait ?? DraftKeeper.pause, DraftKeeper.pause) }
        if state.lock == nil {
            let untilLock = state.idleLimit - environment.now().timeIntervalSince(state.lastActivity)
            let milliseconds = Int32(max(50, min(60_000, untilLock * 1000 + 20)))
            wait = min(wait ?? milliseconds, milliseconds)
        }
        return wait
    }

    private func run(_ effects: [Effect]) {
        for action in effects.flatMap(perform) { send(action) }
    }

    /// Carries out one effect: at once when it stays in memory (drafts, the theme), on the queue
    /// when it reads or writes the data folder. Returns the actions that follow at once.
    private func perform(_ effect: Effect) -> [Action] {
        let store = environment.store
        let now = environment.now()
        let language = state.language
        switch effect {
        case .quit:
            isFinished = true
            return []
        case .load(let grid):
            background { .loaded(store.load(grid: grid, now: now)) }
        case .refresh:
            let grid = state.data.loadedGrid
            background { .loaded(store.load(grid: grid, now: now)) }
        case .save(let changes), .saveOver(let changes), .saveAllowingNamesakes(let changes):
            let overwriting = effect == .saveOver(changes)
            let allowingNamesakes = effect == .saveAllowingNamesakes(changes)
            let shown = state.data.loadedGrid
            background(writes: true) {
                let outcome = store.save(changes, overwriting: overwriting, allowingNamesakes: allowingNamesakes, at: now)
                return .saveFinished(outcome, store.load(grid: Self.gridToShow(after: outcome, shown: shown), now: now))
            }
        case .undo(let step):
            let shown = state.data.loadedGrid
            background(writes: true) {
                do throws(StoreError) {
                    try store.undo(step, at: now)
                    return .undone(store.load(grid: shown, now: now))
                } catch {
                    return Action.endingSession(after: error, language: language)
                        ?? .undoFailed(error.message(in: language), store.load(grid: shown, now: now))
                }
            }
        case .unlock(let login, let passphrase):
            // A login writes too: a wrong passphrase is counted and audited.
            background(writes: true) {
                do throws(AccountError) {
                    return .authenticated(try store.logIn(login: login, passphrase: passphrase, at: now))
                } catch {
                    return .unlockFailed(error.message(in: language))
                }
            }
        case .resumeSession(let session):
            background { store.begin(session); return nil }
        case .keepDraft(let session):
            return [.draftKept(for: session, kept: drafts.keep(state.form, now: now, force: true))]
        case .beginSession(let session):
            drafts = DraftKeeper(folder: environment.draftFolder(session), worker: session.workerID)
            background { store.begin(session); return nil }
        case .restoreDraft:
            switch drafts.restore(language: language) {
            case nil: return []
            case .success(let form): return [.draftRestored(form)]
            case .failure(let error): return [.failed(error.message)]
            }
        case .reveal(let resident):
            background(writes: true) {
                do throws(StoreError) {
                    try store.recordReveal(of: resident.personalFieldsOnFile, in: resident, at: now)
                    return .revealed(resident.id)
                } catch {
                    return Action.endingSession(after: error, language: language) ?? .failed(error.message(in: language))
                }
            }
        case .loadAccounts:
            background {
                do throws(AccountError) {
                    return .accountsRead(try store.accounts())
                } catch {
                    return .failed(error.message(in: language))
                }
            }
        case .changeAccount(let change):
            background(writes: true) {
                do throws(AccountError) {
                    try store.change(change, at: now)
                    return .accountChanged(change)
                } catch {
                    return Action.endingSession(after: error, language: language) ?? .accountChangeFailed(error.message(in: language))
                }
            }
        case .export(let job):
            background(writes: true) {
                do throws(ExportError) {
                    return .exported(try store.export(job, at: now))
                } catch {
                    if case .audit(let failure) = error, let ending = Action.endingSession(after: failure, language: language) { return ending }
                    return .failed(error.message(in: language))
                }
            }
        case .prepareIndex:
            background { .indexPrepared(moreToDo: store.prepareIndex()) }
        case .search(let text, let kinds):
            background {
                do throws(IndexError) {
                    return .searched(query: text, hits: try store.search(text, kinds: kinds, limit: 200))
                } catch {
                    return .failed(error.message(in: language))
                }
            }
        case .loadHistory(let id, let title):
            background { .historyLoaded(HistoryPanel(title: title, entries: store.history(of: id))) }
        case .loadStory(let id, let grid, let title):
            // A district holds one grid's cases in memory; a community all of them.
            let caseGrids = state.data.loadedGrid.map { [$0] }
            background {
                guard let story = store.story(ofHousehold: id, in: grid, caseGrids: caseGrids) else {
                    return .historyLoaded(HistoryPanel(title: title, entries: store.history(of: id)))
                }
                return .historyLoaded(HistoryPanel(title: title, story: story))
            }
        case .applyTheme(let name):
            switch environment.applyTheme(name) {
            case .success(let applied): return [.themeChanged(applied)]
            case .failure(let error): return [.failed(error.message(in: language))]
            }
        }
        return []
    }

    private func background(writes: Bool = false, _ job: @escaping @Sendable () -> Action?) {
        environment.queue.enqueue(writes: writes, job)
    }

    /// The grid to read again after a save: the one shown, or, for a duplicate found in another
    /// grid of a district, that grid, so the resident on file can be shown.
    static func gridToShow(after outcome: SaveOutcome, shown: GridCode?) -> GridCode? {
        guard let duplicate = outcome.duplicate, shown != nil else { return shown }
        return duplicate.gridCode
    }
}
