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

    @OptionGroup var options: LoginOptions

    func run() throws {
        let store = try options.openStore()
        // Every file is read again, on every core, keeping none of them in memory.
        let progress = ReadingProgress(options.text)
        var problems = store.checkEverything(progress: progress.update)
        progress.finish()
        // Numbers left in plain text in a set-up community (an interrupted `init`, a hand edit).
        problems += store.filesWithPlainPersonalData.sorted().map { path in
            StoreProblem(path: store.folder + "/" + path, position: nil, message: LocalizedText(
                zh: "含未加密的身份证号或手机号；运行 gridwork init 将其加密", en: "holds ID or phone numbers in plain text; run `gridwork init` to encrypt them"))
        }
        for problem in problems { print(problem.formatted(in: options.language)) }
        if !problems.isEmpty { throw failure(options.text.checkFound(problems.count)) }
        let files = RecordKind.allCases.map { store.filePaths(of: $0).count }.reduce(0, +)
        print(options.text.checkClean(files, store.summary().counts.values.reduce(0, +)))
    }
}
