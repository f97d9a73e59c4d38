import ArgumentParser
import Foundation
import GridModel
import GridStore

/// `gridwork stats`: how many records of each kind are on file.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the number of records of each kind."
    )

    @OptionGroup var options: LoginOptions

    @Flag(help: "Print JSON: {\"area\": …, \"counts\": {\"household\": …}, \"unreadableFiles\": …}.")
    var json = false

    struct Report: Encodable {
        let area: String
        let counts: [String: Int]
        let unreadableFiles: Int
    }

    func run() throws {
        let store = try options.openStore()
        let summary = store.summary()
        let unreadable = Set(store.problems.map(\.path)).count
        if json {
            let counts = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { ($0.rawValue, summary.count(of: $0)) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Report(area: store.manifest.name, counts: counts, unreadableFiles: unreadable))
            print(String(decoding: data, as: UTF8.self))
        } else {
            var table = TextTable()
            for kind in RecordKind.allCases { table.add(kind.name(options.language), String(summary.count(of: kind))) }
            print(store.manifest.name)
            print(table.rendered())
        }
        if unreadable > 0 { printError(options.text.unreadableFiles(unreadable)) }
    }
}
