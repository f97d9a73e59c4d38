import ArgumentParser
import Foundation
import GridModel

/// The options every subcommand shares: where the data is and which language to speak.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (default: $GRIDWORK_DATA, $XDG_DATA_HOME/gridwork or ~/.local/share/gridwork).")
    var data: String?

    @Option(name: .long, help: "Language of messages: zh or en (default: from LANG).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }
    var text: CommandText { CommandText.forLanguage(language) }

    var dataFolder: String { data ?? DataFolder.defaultPath(ProcessInfo.processInfo.environment) }
}

extension Language: ExpressibleByArgument {}
