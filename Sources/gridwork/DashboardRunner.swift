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
    /// Who is working, by worker id or name (until accounts exist).
    let actorName: String?
    let environment: [String: String]
    private let themes: ThemeLoader

    init(folder: String, language: Language, themeName: String, actorName: String?, environment: [String: String]) {
        self.folder = folder
        self.actorName = actorName
        self.language = language
        self.themeName = themeName
        self.environment = environment
        themes = ThemeLoader(environment: environment)
    }

    func run() throws {
        // Open the data before taking over the terminal, so a broken folder is reported plainly.
        var store: Store?
        if FileManager.default.fileExists(atPath: folder + "/gridwork.json") {
            do { store = try Store.open(folder) } catch { throw failure(error.message(in: language)) }
        }
        let terminal = CursesTerminal()
        defer { terminal.restore() }
        var (theme, themeProblem) = chooseTheme(themeName, terminal: terminal)
        terminal.apply(theme.styles)

        if store == nil {
            switch setup(terminal, glyphs: theme.glyphs) {
            case .none: return
            case .some(let opened): store = opened
            }
        }
        guard let store else { return }
        let loader = DashboardLoader(store: store)
        let writer = ChangeWriter(store: store)
        let today = Day(Date())
        var state = AppState(data: loader.initial(today: today), language: language, themeName: theme.name,
                             width: terminal.size.width, height: terminal.size.height, actor: actor(in: store.workers))
        if let themeProblem { state.message = StatusMessage(themeProblem, isError: true) }
        var drafts = DraftKeeper(folder: DraftFolder(dataFolder: store.folder), worker: state.actor)
        if let draft = drafts.restore(language: language) {
            switch draft {
            case .success(let form):
                // In a district the draft's grid may not be the one read first.
                if let grid = form.grid, state.data.isLarge, state.data.loadedGrid != grid {
                    state.scope = grid
                    _ = AppReducer.reduce(&state, .loaded(loader.load(grid: grid, today: today)))
                }
                _ = AppReducer.reduce(&state, .draftRestored(form))
            case .failure(let error): state.message = StatusMessage(error.message, isError: true)
            }
        }

        var idleReads = 0
        while true {
            terminal.draw(DashboardView.render(state, glyphs: theme.glyphs))
            // While a draft waits to be written, wait for a key only briefly, then write it.
            let key: Key
            switch terminal.readKey(milliseconds: drafts.isPending ? DraftKeeper.pause : nil) {
            case .key(let read):
                key = read
                idleReads = 0
            case .ignored:
                continue
            case .timedOut:
                drafts.keep(state.form, now: Date(), force: true)
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
            state.clock = Date()
            for effect in AppReducer.reduce(&state, .key(key)) {
                switch effect {
                case .quit:
                    drafts.keep(state.form, now: Date(), force: true)
                    return
                case .load(let grid):
                    terminal.draw(DashboardView.render(state, glyphs: theme.glyphs))
                    _ = AppReducer.reduce(&state, .loaded(loader.load(grid: grid, today: today)))
                case .save(let changes):
                    save(changes, writer: writer, state: &state, loader: loader, today: today)
                case .undo(let step):
                    do {
                        try writer.undo(step, by: state.actor, at: state.clock)
                        _ = AppReducer.reduce(&state, .undone(loader.load(grid: state.data.loadedGrid, today: today)))
                    } catch {
                        _ = AppReducer.reduce(&state, .undoFailed(error.message(in: state.language),
                                                                  loader.load(grid: state.data.loadedGrid, today: today)))
                    }
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
    private func save(_ changes: [RecordChange], writer: ChangeWriter, state: inout AppState, loader: DashboardLoader, today: Day) {
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
        let (stored, failure) = writer.save(changes, by: state.actor, at: state.clock)
        // What was stored is shown as saved even if a later record failed, so it is never saved twice.
        if !stored.isEmpty { _ = AppReducer.reduce(&state, .saved(stored, reload())) }
        if let failure {
            if case .staleRecord = failure, stored.isEmpty { _ = AppReducer.reduce(&state, .loaded(reload())) }
            _ = AppReducer.reduce(&state, .saveFailed(failure.message(in: state.language)))
        }
    }

    /// The worker named by `--as` or `$GRIDWORK_WORKER` (id or name), else the community's admin.
    private func actor(in workers: [Worker]) -> RecordID {
        let wanted = actorName ?? environment["GRIDWORK_WORKER"]
        if let wanted, let worker = workers.first(where: { $0.id.rawValue == wanted || $0.name == wanted }) { return worker.id }
        return (workers.first { $0.role == .admin } ?? workers.first)?.id ?? RecordID("W-local")
    }

    /// The empty-folder screen: returns the store to open, or nil to quit.
    private func setup(_ terminal: CursesTerminal, glyphs: Glyphs) -> Store? {
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
                        _ = try DemoGenerator(scale: .community, seed: 1, today: Day(Date())).generate(into: demoFolder)
                    }
                    return try Store.open(demoFolder)
                } catch {
                    state.error = error.message(in: language)
                }
            case .create(let code, let name):
                do {
                    return try Store.create(folder, manifest: Manifest(name: name, areaCode: code))
                } catch {
                    state.error = error.message(in: language)
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

    /// `NO_COLOR`, and terminals without colour, get the monochrome styles.
    private func adjusted(_ theme: Theme, terminal: CursesTerminal) -> Theme {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        guard noColor || !terminal.hasColors, let mono = try? themes.load("mono").get() else { return theme }
        return theme.withoutColor(mono)
    }
}
