import ArgumentParser
import Foundation
import GridDemo
import GridModel
import GridStore

/// `gridwork demo`: writes a deterministic synthetic data set and exits.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a synthetic data set (names, addresses and numbers that belong to nobody) into an empty folder."
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "community (8 grids, ~3,000 households) or district (330 grids, 150,000 households, for benchmarks).")
    var scale: DemoScale = .community

    @Option(help: "The random seed; the same seed and date give the same data.")
    var seed: UInt64 = 1

    @Option(help: "The day the data ends on, YYYY-MM-DD (default: today).")
    var today: String?

    /// Today in China Standard Time, the demo community's zone (its manifest names no other).
    static var defaultToday: Day { Day(Date(), in: .chinaStandard) }

    func run() throws {
        var day = Self.defaultToday
        if let today {
            guard let parsed = Day(iso: today) else { throw failure(options.text.badDate(today)) }
            day = parsed
        }
        try Self.generate(scale: scale, seed: seed, today: day, folder: options.dataFolder, options: options)
    }

    static func generate(scale: DemoScale, seed: UInt64, today: Day, folder: String, options: CommonOptions) throws {
        let text = options.text
        let started = ContinuousClock.now
        var progress = ProgressLine()
        let store: Store
        do {
            store = try DemoGenerator(scale: scale, seed: seed, today: today).generate(into: folder) { step in
                progress.update(text.demoProgress(step.gridsDone, step.grids, step.records), fraction: Double(step.gridsDone) / Double(step.grids))
            }
        } catch {
            progress.finish()
            throw failure(error.message(in: options.language))
        }
        progress.finish()
        let elapsed = ContinuousClock.now - started
        let records = store.summary().counts.values.reduce(0, +)
        printError(text.demoDone(records, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, folder))
    }
}

extension DemoScale: ExpressibleByArgument {}
