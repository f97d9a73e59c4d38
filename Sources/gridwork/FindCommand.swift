import ArgumentParser
import Foundation
import GridIndex
import GridModel
import GridStore

/// `gridwork find TEXT`: residents, households and cases from every grid, through the index.
struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find residents, households and cases in every grid: one match a line (kind, grid, name or number, address or title).",
        discussion: """
            TEXT is a name (王小明, 小明, wangxiaoming, wxm), part of an address (春晖 101, 2-1-101), a case number or a word of \
            its title, or a whole ID or phone number, the last 6 digits of an ID number or the last 4 of a phone number. \
            Numbers are never printed. Exit status 1 when nothing matches. The index under cache/ is brought up to date first.
            """
    )

    @OptionGroup var options: LoginOptions

    @Argument(help: "What to look for; several words must all match.")
    var text: [String]

    @Option(help: "Only this grid (its code).")
    var grid: String?

    @Option(help: "At most this many matches.")
    var limit = 20

    func run() throws {
        let store = try options.openStore()
        let words = options.text
        if let grid, !store.grids.contains(where: { $0.code.rawValue == grid }) { throw failure(words.unknownGrid(grid)) }
        let hits: [SearchHit]
        do {
            let index = try SearchIndex(folder: store.folder)
            var progress = ProgressLine()
            try index.refresh(from: store) { done, total in
                if total > 0 { progress.update(words.indexing(done, total), fraction: Double(done) / Double(total)) }
            }
            progress.finish()
            hits = try index.search(text.joined(separator: " "), grid: grid.map { GridCode($0) }, limit: max(1, limit), store: store)
        } catch {
            throw failure(error.message(in: options.language))
        }
        guard !hits.isEmpty else {
            printError(words.nothingFound)
            throw ExitCode(1)
        }
        var table = TextTable()
        for hit in hits { table.add(words.hitKinds[hit.kind] ?? hit.kind.rawValue, hit.grid.rawValue, hit.title, hit.detail) }
        print(table.rendered())
    }
}
