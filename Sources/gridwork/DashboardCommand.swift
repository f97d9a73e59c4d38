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

    @OptionGroup var options: LoginOptions

    @Flag(name: .long, help: "Use the demo community in a folder of its own, creating it on first use.")
    var demo = false

    @Option(name: .long, help: "Theme: default, high-contrast, mono, ascii, or one of yours in $XDG_CONFIG_HOME/gridwork/themes.")
    var theme = "default"

    @Option(name: .customLong("lock-after"), help: "Minutes without a key before the screen locks (default: $GRIDWORK_LOCK_MINUTES, else 5).")
    var lockAfter: Double?

    @Option(name: .customLong("ambiguous-width"),
            help: "How the terminal draws ambiguous-width characters (─ → … · “”): wide draws with ASCII only, narrow as usual, auto asks the terminal (default: $GRIDWORK_AMBIGUOUS_WIDTH, else auto).")
    var ambiguousWidth: AmbiguousWidthChoice?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw failure(options.text.needsTerminal) }
        let folder = demo ? DataFolder.demoPath(environment) : options.dataFolder
        if demo && !FileManager.default.fileExists(atPath: folder + "/gridwork.json") {
            printError(options.text.makingDemo(folder))
            try DemoCommand.generate(scale: .community, seed: 1, today: DemoCommand.defaultToday, folder: folder, options: options.common)
        }
        let minutes = lockAfter ?? environment["GRIDWORK_LOCK_MINUTES"].flatMap(Double.init) ?? 5
        guard minutes > 0, minutes.isFinite else {
            throw failure(LocalizedText(zh: "--lock-after 应为正数（分钟）。", en: "--lock-after takes a positive number of minutes.")(options.language))
        }
        guard let ambiguous = AmbiguousWidthChoice.chosen(flag: ambiguousWidth, environment: environment) else {
            throw failure(LocalizedText(zh: "GRIDWORK_AMBIGUOUS_WIDTH 应为 auto、wide 或 narrow。",
                                        en: "GRIDWORK_AMBIGUOUS_WIDTH takes auto, wide or narrow.")(options.language))
        }
        try DashboardRunner(folder: folder, language: options.language, themeName: theme, login: options.user,
                            idleLimit: minutes * 60, ambiguousWidth: ambiguous, environment: environment).run()
    }
}
