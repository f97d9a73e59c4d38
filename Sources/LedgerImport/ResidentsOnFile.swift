import GridIndex
import GridModel
import GridStore

/// Finds the residents on file whose ID numbers a ledger holds, without reading every grid:
/// the search index (brought up to date first) says by a keyed hash where each number is, and
/// only those grids are read to be sure. In a sealed folder that is the difference between
/// opening a few grids' numbers and opening every number of the district. Without an index (it
/// cannot be opened) every resident is read, as the dashboard's duplicate check then does.
enum ResidentsOnFile {
    static func find(_ numbers: Set<String>, in store: Store, indexing: ((Int, Int) -> Void)? = nil) -> [String: Resident] {
        guard !numbers.isEmpty else { return [:] }
        var found: [String: Resident] = [:]
        if let index = try? SearchIndex(folder: store.folder),
           (try? index.refresh(from: store, progress: indexing)) != nil,
           let places = try? index.residents(withIDNumbers: numbers, store: store) {
            let grids = Set(places.values.flatMap { $0.map(\.grid) })
            for grid in grids.sorted() {
                for resident in store.records(Resident.self, inGrid: grid) {
                    if let number = resident.idNumber, numbers.contains(number), found[number] == nil { found[number] = resident }
                }
            }
            return found
        }
        for resident in store.allRecords(Resident.self) {
            if let number = resident.idNumber, numbers.contains(number), found[number] == nil { found[number] = resident }
        }
        return found
    }
}
