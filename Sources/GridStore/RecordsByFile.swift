import GridModel

/// Records of every kind by the file that holds them, each kind in a table of its own type, so
/// reading a file's records back needs no cast. A record type finds its table through
/// `StoredRecord.shelf`.
public struct RecordsByFile {
    var grids: [String: [Grid]] = [:]
    var workers: [String: [Worker]] = [:]
    var households: [String: [Household]] = [:]
    var residents: [String: [Resident]] = [:]
    var patrols: [String: [PatrolLog]] = [:]
    var cases: [String: [DisputeCase]] = [:]

    init() {}

    subscript<R: StoredRecord>(_ type: R.Type, _ path: String) -> [R]? {
        get { self[keyPath: R.shelf][path] }
        set { self[keyPath: R.shelf][path] = newValue }
    }

    /// Every file held, sorted.
    var paths: [String] {
        (Array(grids.keys) + Array(workers.keys) + Array(households.keys) + Array(residents.keys)
            + Array(patrols.keys) + Array(cases.keys)).sorted()
    }

    /// The ids of the records of `path`, in whichever table holds them.
    func recordIDs(_ path: String) -> [RecordID] {
        if let records = grids[path] { return records.map(\.id) }
        if let records = workers[path] { return records.map(\.id) }
        if let records = households[path] { return records.map(\.id) }
        if let records = residents[path] { return records.map(\.id) }
        if let records = patrols[path] { return records.map(\.id) }
        return cases[path]?.map(\.id) ?? []
    }

    /// True when some table holds the records of `path`.
    func holds(_ path: String) -> Bool {
        grids[path] != nil || workers[path] != nil || households[path] != nil || residents[path] != nil
            || patrols[path] != nil || cases[path] != nil
    }

    mutating func remove(_ path: String) {
        grids[path] = nil
        workers[path] = nil
        households[path] = nil
        residents[path] = nil
        patrols[path] = nil
        cases[path] = nil
    }

    mutating func removeAll() { self = RecordsByFile() }
}
