import CursesTerminal
import Foundation
import GridApp
import GridDemo
import GridModel
import GridStore
import TerminalUI

/// Wires the dashboard to the terminal and the disk: draw, read a key, reduce, carry out effects.
final class DashboardRunner {
    let folder: String
    let language: Language
    let themeName: String
    /// The login offered first on the login screen.
    let login: String?
    /// Seconds without a key before the screen locks.
    let idleLimit: TimeInterval
    let environment: [String: String]
    let ambiguousWidth: AmbiguousWidthChoice
    private let themes: ThemeLoader
    /// The terminal draws ambiguous-width characters double: every theme is drawn with ASCII.
    private var ambiguousIsWide = false

    init(folder: String, language: Language, themeName: String, login: String?, idleLimit: TimeInterval,
         ambiguousWidth: AmbiguousWidthChoice, environment: [String: String]) {
        self.folder = folder
        self.ambiguousWidth = ambiguousWidth
        self.login = login
        self.idleLimit = idleLimit
        self.language = language
        self.themeName = themeName
        self.environment = environment
        themes = ThemeLoader(environment: environment)
    }

    func run() throws {
        // A folder whose community has no accounts yet is set up first, outside the dashboard.
        if FileManager.default.fileExists(atPath: folder + "/gridwork.json") && !Store.isSecured(folder) {
            throw failure(LocalizedText(
                zh: "\(folder)：此社区尚未设置账号，个人信息未加密。请先运行 gridwork init --data \(folder) 设置管理员和社区口令。",
                en: "\(folder): this community has no accounts yet and its personal data is not encrypted. Run `gridwork init --data \(folder)` first to set up the admin and the community passphrase.")(language))
        }
        let terminal = CursesTerminal(askAmbiguousWidth: ambiguousWidth == .auto)
        defer { terminal.restore() }
        ambiguousIsWide = ambiguousWidth == .wide || (ambiguousWidth == .auto && terminal.drawsAmbiguousWide == true)
        var (theme, themeProblem) = chooseTheme(themeName, terminal: terminal)
        terminal.apply(theme.styles)

        var folder = self.folder
        if !FileManager.default.fileExists(atPath: folder + "/gridwork.json") {
            switch setup(terminal, glyphs: theme.glyphs) {
            case .none: return
            case .some(let chosen): folder = chosen
            }
        }
        guard let (session, store) = logIn(folder, terminal: terminal, glyphs: theme.glyphs) else { return }
        // Numbers an older gridwork (or a hand edit) left in plain text are sealed now.
        if !store.filesWithPlainPersonalData.isEmpty { try? store.sealPlainPersonalData() }
        let loader = DashboardLoader(store: store)
        let writer = ChangeWriter(store: store)
        // "Today" is asked for each time: a dashboard left open past midnight moves to the new day.
        func today() -> Day { store.manifest.today() }
        var state = AppState(data: loader.initial(today: today()), language: language, themeName: theme.name,
                             width: terminal.size.width, height: terminal.size.height, actor: session.workerID, login: session.login,
                             idleLimit: idleLimit)
        if let themeProblem { state.message = StatusMessage(themeProblem, isError: true) }
        var drafts = DraftKeeper(folder: DraftFolder(dataFolder: store.folder, key: session.key), worker: state.actor)
        restoreDraft(&drafts, into: &state, loader: loader, today: today())

        var idleReads = 0
        while true {
            terminal.draw(DashboardView.render(state, glyphs: theme.glyphs))
            // While a draft waits to be written, wait for a key only briefly, then write it.
            let key: Key
            switch terminal.readKey(milliseconds: wait(drafts: drafts, state: state)) {
            case .key(let read):
                key = read
                idleReads = 0
            case .ignored:
                continue
            case .timedOut:
                drafts.keep(state.form, now: Date(), force: true)
                if AppReducer.reduce(&state, .tick(Date())).contains(.refresh) {
                    _ = AppReducer.reduce(&state, .loaded(loader.load(grid: state.data.loadedGrid, today: today())))
                }
                continue
            case .endOfInput:
                // The terminal has gone away: keep the draft and stop rather than spin.
                drafts.keep(state.form, now: Date(), force: true)
                idleReads += 1
                if idleReads > 100 { return }
                continue
            }
            if key == .resize {
                _ = AppReducer.reduce(&state, .resized(width: terminal.size.width, height: terminal.size.height))
                continue
            }
            // The clock moves on with every key too (the day may have changed while locked).
            let effects = AppReducer.reduce(&state, .tick(Date())) + AppReducer.reduce(&state, .key(key))
            for effect in effects {
                switch effect {
                case .quit:
                    drafts.keep(state.form, now: Date(), force: true)
                    return
                case .load(let grid):
                    terminal.draw(DashboardView.render(state, glyphs: theme.glyphs))
                    _ = AppReducer.reduce(&state, .loaded(loader.load(grid: grid, today: today())))
                case .save(let changes):
                    save(changes, writer: writer, state: &state, loader: loader, today: today())
                case .saveOver(let changes):
                    save(changes, overwriting: true, writer: writer, state: &state, loader: loader, today: today())
                case .undo(let step):
                    do {
                        try writer.undo(step, at: state.clock)
                        _ = AppReducer.reduce(&state, .undone(loader.load(grid: state.data.loadedGrid, today: today())))
                    } catch {
                        _ = AppReducer.reduce(&state, Action.endingSession(after: error, language: state.language)
                                              ?? .undoFailed(error.message(in: state.language), loader.load(grid: state.data.loadedGrid, today: today())))
                    }
                case .unlock(let login, let passphrase):
                    terminal.draw(DashboardView.render(state, glyphs: theme.glyphs))
                    do {
                        let session = try Store.logIn(folder: folder, login: login, passphrase: passphrase)
                        if session.workerID != state.actor {
                            // The last worker's open form waits as their draft; the new one gets theirs back.
                            // A form that cannot be kept (a full disk) is never dropped: the switch waits.
                            guard drafts.keep(state.form, now: Date(), force: true) else {
                                _ = AppReducer.reduce(&state, .unlockFailed(state.strings.formNotKept(state.worker?.name ?? state.login)))
                                continue
                            }
                            _ = AppReducer.reduce(&state, .unlocked(worker: session.workerID, login: session.login))
                            store.switchSession(to: session)
                            drafts = DraftKeeper(folder: DraftFolder(dataFolder: store.folder, key: session.key), worker: state.actor)
                            restoreDraft(&drafts, into: &state, loader: loader, today: today())
                        } else {
                            _ = AppReducer.reduce(&state, .unlocked(worker: session.workerID, login: session.login))
                            store.switchSession(to: session)
                        }
                    } catch {
                        _ = AppReducer.reduce(&state, .unlockFailed(error.message(in: state.language)))
                    }
                case .reveal(let resident):
                    let fields = [resident.idNumber.map { _ in "idNumber" }, resident.phone.map { _ in "phone" }].compactMap { $0 }
                    do {
                        try store.recordReveal(of: fields, in: resident)
                        _ = AppReducer.reduce(&state, .revealed(resident.id))
                    } catch {
                        _ = AppReducer.reduce(&state, Action.endingSession(after: error, language: state.language) ?? .failed(error.message(in: state.language)))
                    }
                case .refresh:
                    _ = AppReducer.reduce(&state, .loaded(loader.load(grid: state.data.loadedGrid, today: today())))
                case .loadAccounts:
                    do {
                        let panel = AccountsPanel(accounts: try store.accounts(), workers: state.data.workers, language: state.language, now: Date())
                        if let refusal = AccessPolicy.refusalToManageAccounts(for: state.worker) {
                            _ = AppReducer.reduce(&state, .failed(refusal.message(in: state.language)))
                        } else {
                            _ = AppReducer.reduce(&state, .accountsLoaded(panel))
                        }
                    } catch {
                        _ = AppReducer.reduce(&state, .failed(error.message(in: state.language)))
                    }
                case .changeAccount(let change):
                    do {
                        switch change {
                        case .add(let login, let worker, let passphrase):
                            try store.addAccount(login: login, for: worker, passphrase: passphrase)
                        case .passphrase(let login, let passphrase):
                            try store.changePassphrase(login: login, to: passphrase)
                        case .disable(let login):
                            try store.setAccount(login, disabled: true)
                        case .enable(let login):
                            try store.setAccount(login, disabled: false)
                        }
                        _ = AppReducer.reduce(&state, .accountChanged(state.strings.accountDone(change)))
                    } catch {
                        state.passphrasePrompt = nil
                        _ = AppReducer.reduce(&state, Action.endingSession(after: error, language: state.language) ?? .failed(error.message(in: state.language)))
                    }
                case .loadHistory(let id, let title):
                    _ = AppReducer.reduce(&state, .historyLoaded(HistoryPanel(title: title, entries: store.audit.history(of: id.rawValue))))
                case .applyTheme(let name):
                    switch themes.load(name) {
                    case .success(let chosen):
                        theme = adjusted(chosen, terminal: terminal)
                        terminal.apply(theme.styles)
                        _ = AppReducer.reduce(&state, .themeChanged(chosen.name))
                    case .failure(let error):
                        _ = AppReducer.reduce(&state, .failed(error.message(in: state.language)))
                    }
                }
            }
            drafts.keep(state.form, now: Date())
        }
    }

    /// Saves a form's records. A resident whose ID number is on file in another grid is shown
    /// instead; a record someone else changed meanwhile is read again while the form keeps what was typed.
    private func save(_ changes: [RecordChange], overwriting: Bool = false, writer: ChangeWriter, state: inout AppState,
                      loader: DashboardLoader, today: Day) {
        // Read again after a change, keeping the grid being shown.
        let shown = state.data.loadedGrid
        func reload() -> DashboardData { loader.load(grid: shown, today: today) }
        // The reducer looked in what is shown; this looks in the whole folder (other grids of a
        // district, and what another copy of the program saved since).
        if case .resident(let resident)? = changes.first, let number = resident.idNumber,
           let existing = writer.resident(withIDNumber: number, except: resident.id) {
            let data = shown == nil ? reload() : loader.load(grid: existing.gridCode, today: today)
            _ = AppReducer.reduce(&state, .duplicate(existing, data))
            return
        }
        let outcome = writer.save(changes, at: state.clock, overwriting: overwriting)
        let (stored, failure) = (outcome.stored, outcome.failure)
        // What was stored is shown as saved even if a later record failed, so it is never saved twice.
        if !stored.isEmpty || failure == nil { _ = AppReducer.reduce(&state, .saved(stored, reload())) }
        if let failure {
            if case .staleRecord = failure, stored.isEmpty {
                _ = AppReducer.reduce(&state, .staleSave(reload()))
                return
            }
            _ = AppReducer.reduce(&state, Action.endingSession(after: failure, language: state.language) ?? .saveFailed(failure.message(in: state.language)))
        }
    }

    /// How long to wait for a key: briefly while a draft waits to be written, and never past the idle lock.
    private func wait(drafts: DraftKeeper, state: AppState) -> Int32? {
        var wait: Int32? = drafts.isPending ? DraftKeeper.pause : nil
        if state.lock == nil {
            let untilLock = state.idleLimit - Date().timeIntervalSince(state.lastActivity)
            let milliseconds = Int32(max(50, min(60_000, untilLock * 1000 + 20)))
            wait = min(wait ?? milliseconds, milliseconds)
        }
        return wait
    }

    /// Offers back the draft the worker left, reading its grid first in a district.
    private func restoreDraft(_ drafts: inout DraftKeeper, into state: inout AppState, loader: DashboardLoader, today: Day) {
        guard let draft = drafts.restore(language: language) else { return }
        switch draft {
        case .success(let form):
            if let grid = form.grid, state.data.isLarge, state.data.loadedGrid != grid {
                state.scope = grid
                _ = AppReducer.reduce(&state, .loaded(loader.load(grid: grid, today: today)))
            }
            _ = AppReducer.reduce(&state, .draftRestored(form))
        case .failure(let error): state.message = StatusMessage(error.message, isError: true)
        }
    }

    /// The login screen at start: returns the session and the store it opens, or nil to quit.
    private func logIn(_ folder: String, terminal: CursesTerminal, glyphs: Glyphs) -> (Session, Store)? {
        var lock = LockScreen(reason: .start, login: login ?? "")
        let areaName = (try? Store.manifestName(folder)) ?? ""
        while true {
            let size = terminal.size
            terminal.draw(LockView.render(lock, areaName: areaName, language: language, width: size.width, height: size.height, glyphs: glyphs))
            let key: Key
            switch terminal.readKey() {
            case .key(let read): key = read
            case .ignored, .timedOut: continue
            case .endOfInput: return nil
            }
            switch LockReducer.reduce(&lock, key) {
            case .none: continue
            case .quit: return nil
            case .attempt(let login, let passphrase):
                lock.message = UIStrings.forLanguage(language).checking
                terminal.draw(LockView.render(lock, areaName: areaName, language: language, width: size.width, height: size.height, glyphs: glyphs))
                do {
                    let session = try Store.logIn(folder: folder, login: login, passphrase: passphrase)
                    return (session, try Store.open(folder, session: session))
                } catch let error as AccountError {
                    lock.message = error.message(in: language)
                } catch let error as StoreError {
                    lock.message = error.message(in: language)
                } catch {
                    lock.message = String(describing: error)
                }
            }
        }
    }

    /// The empty-folder screen: returns the folder to log in to, or nil to quit.
    private func setup(_ terminal: CursesTerminal, glyphs: Glyphs) -> String? {
        var state = SetupState(folder: folder, language: language, width: terminal.size.width, height: terminal.size.height)
        while true {
            terminal.draw(SetupView.render(state, glyphs: glyphs))
            let key: Key
            switch terminal.readKey() {
            case .key(let read): key = read
            case .ignored, .timedOut: continue
            case .endOfInput: return nil
            }
            if key == .resize {
                state.width = terminal.size.width
                state.height = terminal.size.height
                continue
            }
            switch SetupReducer.reduce(&state, key) {
            case .none: continue
            case .quit: return nil
            case .openDemo:
                let demoFolder = DataFolder.demoPath(environment)
                do {
                    if !FileManager.default.fileExists(atPath: demoFolder + "/gridwork.json") {
                        state.error = nil
                        terminal.draw(SetupView.render(state, glyphs: glyphs))
                        _ = try DemoGenerator(scale: .community, seed: 1, today: DemoCommand.defaultToday).generate(into: demoFolder)
                    }
                    return demoFolder
                } catch {
                    state.error = error.message(in: language)
                }
            case .create(let code, let name, let adminLogin, let adminPassphrase, let communityPassphrase):
                do {
                    let store = try Store.create(folder, manifest: Manifest(name: name, areaCode: code))
                    let admin = Worker.firstAdmin(named: adminLogin, at: Date())
                    _ = try store.setUpCommunity(communityPassphrase: communityPassphrase, admin: admin, login: adminLogin, passphrase: adminPassphrase)
                    return folder
                } catch let error as AccountError {
                    state.error = error.message(in: language)
                } catch let error as StoreError {
                    state.error = error.message(in: language)
                } catch {
                    state.error = String(describing: error)
                }
            }
        }
    }

    /// The named theme, or the default with a message naming what was wrong.
    private func chooseTheme(_ name: String, terminal: CursesTerminal) -> (Theme, String?) {
        switch themes.load(name) {
        case .success(let theme):
            return (adjusted(theme, terminal: terminal), nil)
        case .failure(let error):
            let fallback = (try? themes.load("default").get()) ?? ThemeLoader.fallback
            return (adjusted(fallback, terminal: terminal), error.message(in: language))
        }
    }

    /// `NO_COLOR`, and terminals without colour, get the monochrome styles; a terminal that draws
    /// ambiguous-width characters double gets ASCII glyphs.
    private func adjusted(_ theme: Theme, terminal: CursesTerminal) -> Theme {
        let theme = theme.forAmbiguousWidth(wide: ambiguousIsWide)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        guard noColor || !terminal.hasColors, let mono = try? themes.load("mono").get() else { return theme }
        return theme.withoutColor(mono)
    }
}
