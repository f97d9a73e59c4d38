import ArgumentParser
import GridModel
import GridStore

/// `--data` and `--lang`, and `--user` for the commands that read records after a login.
struct LoginOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Log in as this account (default: admin); the passphrase is typed, or read from $GRIDWORK_PASSPHRASE or standard input.")
    var user: String?

    var login: String { user ?? "admin" }
    var language: Language { common.language }
    var text: CommandText { common.text }
    var dataFolder: String { common.dataFolder }

    /// Opens the data folder, or ends the command with the reason in the user's language.
    func openStore(_ folder: String? = nil) throws -> Store {
        try openStoreLoggedIn(folder).store
    }

    /// Opens the data folder after logging in as `--user` when its community is set up.
    func openStoreLoggedIn(_ folder: String? = nil) throws -> (store: Store, session: Session?) {
        try common.openStoreLoggedIn(folder, as: login)
    }
}
