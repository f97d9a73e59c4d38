import ArgumentParser
import Foundation
import GridDemo
import GridModel
import GridStore

/// `gridwork overview [--demo] [--grid CODE]…`: the overview of a data folder as plain text, for
/// scripts and logs. Like the dashboard's, it covers the grids asked for, else a grid worker's
/// own grids, else the whole folder.
struct OverviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Print the overview: records, open and overdue cases, patrols, visits due, coverage, where cases were settled."
    )

    @OptionGroup var options: LoginOptions

    @Flag(name: .long, help: "Use the demo community in a folder of its own, creating it on first use.")
    var demo = false

    @Option(name: .long, help: "Only this grid (a 15-digit code); repeat for several. Default: a grid worker's own grids, else all.")
    var grid: [String] = []

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = demo ? DataFolder.demoPath(environment) : options.dataFolder
        let text = options.text
        if demo && !FileManager.default.fileExists(atPath: folder + "/gridwork.json") {
            printError(text.makingDemo(folder))
            try DemoCommand.generate(scale: .community, seed: 1, today: DemoCommand.defaultToday, folder: folder, options: options.common)
        }
        let store = try options.openStore(folder)
        let scope = try grids(in: store, text: text)
        let summary: DataSummary
        if let scope {
            // Added up from the grids' own cached figures: no record is read.
            let byGrid = store.summariesByGrid()
            summary = scope.reduce(into: DataSummary()) { merged, code in byGrid[code].map { merged.merge($0) } }
        } else {
            summary = store.summary()
        }
        let overview = Overview(summary, today: store.manifest.today())
        print(OverviewReport(overview: overview, area: store.manifest.name, grids: scope, language: options.language).text)
        if !store.problems.isEmpty { printError(text.unreadableFiles(Set(store.problems.map(\.path)).count)) }
    }

    /// The grids the figures cover: those named, else the logged-in grid worker's, else nil (all).
    private func grids(in store: Store, text: CommandText) throws -> [GridCode]? {
        if !grid.isEmpty {
            return try grid.map { code in
                guard let known = store.grids.first(where: { $0.code.rawValue == code }) else { throw failure(text.unknownGrid(code)) }
                return known.code
            }
        }
        guard let writer = store.writerID, let worker = store.workers.first(where: { $0.id == writer }),
              worker.role == .gridWorker, !worker.gridCodes.isEmpty else { return nil }
        return worker.gridCodes.sorted()
    }
}
