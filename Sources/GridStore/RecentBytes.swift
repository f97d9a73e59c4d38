import Foundation

/// The bytes of the data files read last, up to a budget, oldest dropped first: a save in a
/// grid just opened finds its file's bytes here (for the records it leaves as they were, and
/// for the journal) instead of reading the file again under the lock, once the file's stamp and
/// change time show it unchanged since (see `FileTime.settled`).
struct RecentBytes {
    let budget: Int
    private var bytes: [String: Data] = [:]
    /// Oldest first.
    private var order: [String] = []
    private var total = 0

    init(budget: Int) {
        self.budget = budget
    }

    subscript(path: String) -> Data? { bytes[path] }

    /// Keeps `data` as the bytes memory holds `path` from, dropping the oldest over the budget.
    mutating func keep(_ data: Data, for path: String) {
        remove(path)
        guard data.count <= budget else { return }
        bytes[path] = data
        order.append(path)
        total += data.count
        while total > budget, !order.isEmpty {
            if let dropped = bytes.removeValue(forKey: order.removeFirst()) { total -= dropped.count }
        }
    }

    mutating func remove(_ path: String) {
        guard let dropped = bytes.removeValue(forKey: path) else { return }
        total -= dropped.count
        // Sought from the newest end: a file saved is mostly one read or saved just before,
        // and comparing every path kept was a tenth of a save's work in memory.
        if let index = order.lastIndex(of: path) { order.remove(at: index) }
    }

    mutating func removeAll() {
        bytes.removeAll()
        order.removeAll()
        total = 0
    }
}
