import ArgumentParser
import Foundation
import GridModel
import GridStore

/// The options every subcommand shares: where the data is and which language to speak.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (default: $GRIDWORK_DATA, $XDG_DATA_HOME/gridwork or ~/.local/share/gridwork).")
    var data: String?

    @Option(name: .long, help: "Language of messages: zh or en (default: from LANG).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }
    var text: CommandText { CommandText.forLanguage(language) }

    var dataFolder: String { data ?? DataFolder.defaultPath(ProcessInfo.processInfo.environment) }

    /// Opens the data folder, or ends the command with the reason in the user's language.
    func openStore(_ folder: String? = nil) throws -> Store {
        do {
            return try Store.open(folder ?? dataFolder)
        } catch {
            if case .notADataFolder(let path) = error { throw failure(text.noData(path)) }
            throw failure(error.message(in: language))
        }
    }
}

extension Language: ExpressibleByArgument {}
