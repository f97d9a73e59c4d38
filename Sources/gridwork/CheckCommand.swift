import ArgumentParser
import Foundation
import GridModel
import GridStore

/// `gridwork check`: reads every file, checks every rule, prints `path:line:column: message`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every file against the rules; print each problem as path:line:column: message. Exit status 1 if any."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let store = try options.openStore()
        let problems = store.checkEveryFile() + store.checkReferences()
        for problem in problems { print(problem.formatted(in: options.language)) }
        if !problems.isEmpty { throw failure(options.text.checkFound(problems.count)) }
        let files = RecordKind.allCases.map { store.filePaths(of: $0).count }.reduce(0, +)
        print(options.text.checkClean(files, store.summary().counts.values.reduce(0, +)))
    }
}
