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
        let client = LiveStoreClient(store: store)
        let state = AppState(data: DashboardLoader(store: store).initial(today: store.manifest.today()), language: language,
                             themeName: theme.name, width: terminal.size.width, height: terminal.size.height,
                             actor: session.workerID, login: session.login, idleLimit: idleLimit)
        let environment = RuntimeEnvironment(
            store: client, queue: BackgroundEffectQueue(), now: { Date() },
            draftFolder: { DraftFolder(dataFolder: folder, key: $0.key) },
            applyTheme: { [self] name in
                themes.load(name).map { chosen in
                    theme = adjusted(chosen, terminal: terminal)
                    terminal.apply(theme.styles)
                    return chosen.name
                }
            })
        let runtime = Runtime(state: state, session: session, environment: environment)
        if let themeProblem { runtime.send(.failed(themeProblem)) }
        runtime.start()
        defer { runtime.finish() }

        var idleReads = 0
        var needsDrawing = true
        while !runtime.isFinished {
            if runtime.takeFinished() { needsDrawing = true }
            if needsDrawing { terminal.draw(DashboardView.render(runtime.state, glyphs: theme.glyphs)) }
            needsDrawing = true
            switch terminal.readKey(milliseconds: runtime.keyWait) {
            case .key(.resize):
                runtime.send(.resized(width: terminal.size.width, height: terminal.size.height))
            case .key(let key):
                idleReads = 0
                runtime.press(key)
            case .ignored:
                continue
            case .timedOut:
                // While work is under way the loop wakes every few milliseconds: draw only what changed.
                needsDrawing = runtime.idle()
            case .endOfInput:
                // The terminal has gone away: keep the draft and stop rather than spin.
                runtime.idle()
                idleReads += 1
                if idleReads > 100 { return }
            }
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
                    // Without a summary cache every file is read: say how far that has got.
                    // Drawn at most every 200 ms, and not at all for an open that takes less.
                    let clock = ContinuousClock()
                    var drawn = clock.now
                    var shown = false
                    let store = try Store.open(folder, session: session) { progress in
                        let finished = progress.filesDone == progress.filesTotal
                        guard progress.filesTotal > 0, clock.now - drawn >= .milliseconds(200) || (shown && finished) else { return }
                        drawn = clock.now
                        shown = true
                        lock.message = LocalizedText(
                            zh: "正在读取数据文件：\(progress.filesDone)/\(progress.filesTotal)（\(Int(progress.fraction * 100))%）",
                            en: "Reading data files: \(progress.filesDone)/\(progress.filesTotal) (\(Int(progress.fraction * 100))%)")(self.language)
                        terminal.draw(LockView.render(lock, areaName: areaName, language: self.language, width: size.width, height: size.height,
                                                      glyphs: glyphs))
                    }
                    return (session, store)
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
