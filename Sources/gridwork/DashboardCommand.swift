#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import GridModel

/// `gridwork`: the dashboard, in the terminal.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default): grids, households, patrols and cases in list, detail and action panes."
    )

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Use the demo community in a folder of its own, creating it on first use.")
    var demo = false

    @Option(name: .long, help: "Theme: default, high-contrast, mono, ascii, or one of yours in $XDG_CONFIG_HOME/gridwork/themes.")
    var theme = "default"

    @Option(name: .customLong("as"), help: "Work as this worker (id or name); default: $GRIDWORK_WORKER, else the community's admin.")
    var actor: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw failure(options.text.needsTerminal) }
        let folder = demo ? DataFolder.demoPath(environment) : options.dataFolder
        if demo && !FileManager.default.fileExists(atPath: folder + "/gridwork.json") {
            printError(options.text.makingDemo(folder))
            try DemoCommand.generate(scale: .community, seed: 1, today: Day(Date()), folder: folder, options: options)
        }
        try DashboardRunner(folder: folder, language: options.language, themeName: theme, actorName: actor, environment: environment).run()
    }
}
