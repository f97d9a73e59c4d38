import ArgumentParser
import Foundation
import GridModel
import GridStore

/// The options every subcommand shares: where the data is and which language to speak.
/// Commands that log in add `--user` with `LoginOptions`; `--help` offers only what a command uses.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (default: $GRIDWORK_DATA, $XDG_DATA_HOME/gridwork or ~/.local/share/gridwork).")
    var data: String?

    @Option(name: .long, help: "Language of messages: zh or en (default: from LANG).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }
    var text: CommandText { CommandText.forLanguage(language) }

    var dataFolder: String { data ?? DataFolder.defaultPath(ProcessInfo.processInfo.environment) }

    /// Opens the data folder after logging in as `login` when its community is set up (the session is nil otherwise).
    func openStoreLoggedIn(_ folder: String? = nil, as login: String) throws -> (store: Store, session: Session?) {
        let folder = folder ?? dataFolder
        let session = Store.isSecured(folder) ? try logIn(folder, as: login) : nil
        // Without a summary cache (the first start, or after an upgrade) opening reads every file.
        let progress = ReadingProgress(text)
        defer { progress.finish() }
        do {
            // A store opened by a login writes only while that login's account stays enabled.
            if let session { return (try Store.open(folder, session: session, progress: progress.update), session) }
            return (try Store.open(folder, progress: progress.update), nil)
        } catch {
            if case .notADataFolder(let path) = error { throw failure(text.noData(path)) }
            throw failure(error.message(in: language))
        }
    }

    /// Logs in as `login`, or ends the command saying why not.
    func logIn(_ folder: String, as login: String) throws -> Session {
        let prompt = LocalizedText(zh: "\(login) 的口令：", en: "Passphrase for \(login): ")(language)
        guard let passphrase = PassphraseReader.read(prompt: prompt, variable: "GRIDWORK_PASSPHRASE") else {
            throw failure(LocalizedText(zh: "没有读到口令。", en: "no passphrase was given.")(language))
        }
        do {
            return try Store.logIn(folder: folder, login: login, passphrase: passphrase)
        } catch {
            throw failure(error.message(in: language))
        }
    }
}

extension Language: ExpressibleByArgument {}
