import ArgumentParser
import Foundation
import GridDemo
import GridModel
import GridStore

/// `gridwork overview [--demo]`: the overview of a data folder as plain text, for scripts and logs.
struct OverviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Print the overview: records, open and overdue cases, patrols, visits due, where cases were settled."
    )

    @OptionGroup var options: LoginOptions

    @Flag(name: .long, help: "Use the demo community in a folder of its own, creating it on first use.")
    var demo = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = demo ? DataFolder.demoPath(environment) : options.dataFolder
        let text = options.text
        if demo && !FileManager.default.fileExists(atPath: folder + "/gridwork.json") {
            printError(text.makingDemo(folder))
            try DemoCommand.generate(scale: .community, seed: 1, today: DemoCommand.defaultToday, folder: folder, options: options.common)
        }
        let store = try options.openStore(folder)
        let overview = Overview(store.summary(), today: store.manifest.today())
        print(OverviewReport(overview: overview, area: store.manifest.name, language: options.language).text)
        if !store.problems.isEmpty { printError(text.unreadableFiles(Set(store.problems.map(\.path)).count)) }
    }
}
