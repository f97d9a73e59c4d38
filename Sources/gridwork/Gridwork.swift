import ArgumentParser
import Foundation
import GridStore

@main
struct Gridwork: ParsableCommand {
    /// The one place the version is written; `gridwork --version` prints it.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gridwork",
        abstract: "Records and dashboard for community grid workers (网格员).",
        discussion: """
        Data lives in JSON files under a data folder: --data DIR, else $GRIDWORK_DATA, else \
        $XDG_DATA_HOME/gridwork, else ~/.local/share/gridwork. The interface speaks Chinese or \
        English, from LANG or --lang zh|en.
        """,
        version: version,
        subcommands: [DashboardCommand.self, OverviewCommand.self, DemoCommand.self, CheckCommand.self, StatsCommand.self, FindCommand.self, BenchCommand.self,
                      InitCommand.self, UserCommand.self, GridCommand.self, MoveCommand.self, AuditCommand.self, ExportCommand.self, ImportCommand.self,
                      ReportCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// Before any file is read: no core dump may hold what this process decrypts.
    static func main() {
        ProcessHardening.apply()
        // `main` ends in exit(): the last save's old file versions are removed before it does.
        atexit { Store.finishBackgroundWork() }
        main(nil)
    }
}
