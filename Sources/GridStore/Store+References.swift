import Foundation
import GridModel

extension Store {
    /// Rules that span files: every id is unique, and what a record points to exists
    /// (a resident's household, the households a patrol visited, workers, a case's patrol).
    public func checkReferences() -> [StoreProblem] {
        var problems: [StoreProblem] = []
        let workerIDs = Set(workers.map(\.id))
        var seen: [RecordID: String] = [:]

        func check<R: StoredRecord>(_ type: R.Type, _ path: String, _ rules: (R) -> [(FieldPath, LocalizedText)]) {
            guard let records = try? load(R.self, path) else { return }
            var found: [(Int, FieldPath, LocalizedText)] = []
            for (index, record) in records.enumerated() {
                if let other = seen.updateValue(path, forKey: record.id), other != path {
                    found.append((index, FieldPath([.key("meta"), .key("id")]),
                                  LocalizedText(zh: "编号与 \(other) 中的记录重复", en: "the same id is used in \(other)")))
                }
                for (field, message) in rules(record) { found.append((index, field, message)) }
            }
            guard !found.isEmpty, case .success(let (data, _)) = ShardReader.readFile(folder + "/" + path) else { return }
            let locator = JSONLocator(data: data)
            for (index, field, message) in found {
                let full = field.prefixed(by: FieldPath([.key("records"), .index(index)]))
                problems.append(StoreProblem(path: folder + "/" + path, position: locator.position(of: PathKey.path(full)), message: message))
            }
        }

        func missing(_ what: LocalizedText) -> LocalizedText {
            LocalizedText(zh: "找不到所指的" + what.zh, en: "refers to a " + what.en + " that does not exist")
        }
        let household = LocalizedText(zh: "户（应在同一网格）", en: "household (in the same grid)")
        let worker = LocalizedText(zh: "工作人员", en: "worker")
        let patrol = LocalizedText(zh: "巡查记录（应在同一网格）", en: "patrol log (in the same grid)")

        for path in filePaths(of: .worker) { check(Worker.self, path) { _ in [] } }
        for path in filePaths(of: .grid) {
            check(Grid.self, path) { grid in
                grid.workerID.map { workerIDs.contains($0) ? [] : [(FieldPath("workerID"), missing(worker))] } ?? []
            }
        }
        for grid in grids {
            let prefix = StoreLayout.gridFolder(grid.code) + "/"
            // A file already reported as unreadable would make every reference into it look broken.
            let householdsReadable = !unreadableFiles(of: .household).contains { $0.hasPrefix(prefix) }
            let patrolsReadable = !unreadableFiles(of: .patrolLog).contains { $0.hasPrefix(prefix) }
            let households = Set(records(Household.self, inGrid: grid.code).map(\.id))
            let patrols = Set(records(PatrolLog.self, inGrid: grid.code).map(\.id))
            for path in filePaths(of: .household) where path.hasPrefix(prefix) { check(Household.self, path) { _ in [] } }
            for path in filePaths(of: .resident) where path.hasPrefix(prefix) {
                check(Resident.self, path) { resident in
                    householdsReadable && !households.contains(resident.householdID) ? [(FieldPath("householdID"), missing(household))] : []
                }
            }
            for path in filePaths(of: .patrolLog) where path.hasPrefix(prefix) {
                check(PatrolLog.self, path) { log in
                    var found: [(FieldPath, LocalizedText)] = workerIDs.contains(log.workerID) ? [] : [(FieldPath("workerID"), missing(worker))]
                    for (index, id) in log.householdIDs.enumerated() where householdsReadable && !households.contains(id) {
                        found.append((FieldPath("householdIDs").appending(index: index), missing(household)))
                    }
                    return found
                }
            }
            for path in filePaths(of: .disputeCase) where path.hasPrefix(prefix) {
                check(DisputeCase.self, path) { disputeCase in
                    guard let id = disputeCase.patrolID, patrolsReadable, !patrols.contains(id) else { return [] }
                    return [(FieldPath("patrolID"), missing(patrol))]
                }
            }
        }
        return problems
    }
}
