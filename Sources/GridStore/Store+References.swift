import Foundation
import GridModel

extension Store {
    /// Rules that span files: every id is unique, and what a record points to exists
    /// (a resident's household, the households a patrol visited, workers, a case's patrol).
    ///
    /// This reads the files through `load`, so it keeps them in memory: `checkEverything` checks
    /// the same rules and reports the same problems while reading each grid once and keeping nothing.
    public func checkReferences() -> [StoreProblem] {
        var problems: [StoreProblem] = []
        var seen = SeenIDs()
        let plain = ReferenceRules(workerIDs: Set(workers.map(\.id)), gridCodes: gridCodesOnFile)
        let moved = householdsMovedAway()

        func check<R: StoredRecord>(_ type: R.Type, _ path: String, _ rules: ReferenceRules) {
            guard let records = try? load(R.self, path) else { return }
            problems += seen.problems(in: ReferenceFindings(records, rules: rules.rules(for: R.self)), path: path, folder: folder)
        }

        for path in filePaths(of: .worker) { check(Worker.self, path, plain) }
        for path in filePaths(of: .grid) { check(Grid.self, path, plain) }
        for grid in grids {
            let prefix = StoreLayout.gridFolder(grid.code) + "/"
            var rules = plain
            // A file already reported as unreadable would make every reference into it look broken.
            rules.householdsReadable = !unreadableFiles(of: .household).contains { $0.hasPrefix(prefix) }
            rules.patrolsReadable = !unreadableFiles(of: .patrolLog).contains { $0.hasPrefix(prefix) }
            rules.households = Set(records(Household.self, inGrid: grid.code).map(\.id))
            rules.movedAway = moved[grid.code] ?? []
            rules.patrols = Set(records(PatrolLog.self, inGrid: grid.code).map(\.id))
            for path in filePaths(of: .household) where path.hasPrefix(prefix) { check(Household.self, path, rules) }
            for path in filePaths(of: .resident) where path.hasPrefix(prefix) { check(Resident.self, path, rules) }
            for path in filePaths(of: .patrolLog) where path.hasPrefix(prefix) { check(PatrolLog.self, path, rules) }
            for path in filePaths(of: .disputeCase) where path.hasPrefix(prefix) { check(DisputeCase.self, path, rules) }
        }
        return problems
    }

    /// The households that moved out of each grid, by the audit trail's `move` entries (`from=GRID…`).
    /// Only the lines of moves are decoded, so a long trail costs one read.
    func householdsMovedAway() -> [GridCode: Set<RecordID>] {
        guard let data = FileManager.default.contents(atPath: audit.path) else { return [:] }
        let marker = Data("\"action\":\"move\"".utf8)
        var moved: [GridCode: Set<RecordID>] = [:]
        let decoder = RecordCoding.decoder()
        for line in data.split(separator: UInt8(ascii: "\n")) where line.range(of: marker) != nil {
            guard let entry = try? decoder.decode(AuditEntry.self, from: Data(line)), entry.action == .move, entry.kind == .household,
                  let record = entry.record, let from = entry.fields.first(where: { $0.hasPrefix("from=") }) else { continue }
            let grid = GridCode(String(from.dropFirst(5).prefix { $0 != "/" }))
            moved[grid, default: []].insert(RecordID(record))
        }
        return moved
    }

    /// The grids that have a file of their own, whether or not it reads: an unreadable grid file is
    /// reported on its own, and the workers naming that grid are not reported with it.
    var gridCodesOnFile: Set<GridCode> {
        Set(filePaths(of: .grid).compactMap { $0.split(separator: "/").dropFirst().first.map { GridCode(String($0)) } })
    }
}

/// Which file each id was last seen in, while the files are checked one after another in a fixed
/// order: an id met again in another file is reported there, naming the file it was last seen in.
/// Files are kept as numbers, so a district's million ids cost little memory.
struct SeenIDs {
    private var files: [String] = []
    private var lastFile: [RecordID: Int32] = [:]

    /// The problems of one readable file: for each record in order, a repeated id, then its broken
    /// references, each placed at its line and column (the file is read again only when it has any).
    mutating func problems(in findings: ReferenceFindings, path: String, folder: String) -> [StoreProblem] {
        let number = Int32(files.count)
        files.append(path)
        var found: [(Int, FieldPath, LocalizedText)] = []
        var next = findings.found.startIndex
        for (index, id) in findings.ids.enumerated() {
            if let other = lastFile.updateValue(number, forKey: id), files[Int(other)] != path {
                found.append((index, FieldPath([.key("meta"), .key("id")]),
                              LocalizedText(zh: "编号与 \(files[Int(other)]) 中的记录重复", en: "the same id is used in \(files[Int(other)])")))
            }
            while next < findings.found.endIndex && findings.found[next].index == index {
                let finding = findings.found[next]
                found.append((index, finding.field, finding.message))
                next += 1
            }
        }
        guard !found.isEmpty, case .success(let (data, _, _)) = ShardReader.readFile(folder + "/" + path) else { return [] }
        let locator = JSONLocator(data: data)
        return found.map { index, field, message in
            let full = field.prefixed(by: FieldPath([.key("records"), .index(index)]))
            return StoreProblem(path: folder + "/" + path, position: locator.position(of: PathKey.path(full)), message: message)
        }
    }
}
