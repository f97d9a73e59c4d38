import Foundation
import GridModel

/// `cache/summary.json`: each data file's summary, keyed by the file's stamp. It is only ever
/// derived from the data, so a stale, damaged or deleted cache costs time, never correctness.
struct SummaryCache: Codable {
    /// Raise when summaries or rules change, so old caches are recomputed.
    static let currentVersion = 2

    struct Entry: Codable {
        let stamp: FileStamp
        /// For a residents file: the stamp of its grid's households file, whose visits its summary joins.
        let householdsStamp: FileStamp?
        let summary: DataSummary
    }

    var version = SummaryCache.currentVersion
    /// The zone patrols were counted by day in: a cache made before the manifest's time zone
    /// changed is recomputed.
    var timeZone: String?
    var entries: [String: Entry] = [:]

    init(timeZone: TimeZone) { self.timeZone = timeZone.identifier }

    static func load(_ path: String, timeZone: TimeZone) -> SummaryCache {
        guard let data = FileManager.default.contents(atPath: path),
              let cache = try? JSONDecoder().decode(SummaryCache.self, from: data),
              cache.version == currentVersion, cache.timeZone == timeZone.identifier else { return SummaryCache(timeZone: timeZone) }
        return cache
    }

    func write(_ path: String) throws(StoreError) {
        let data: Data
        do {
            data = try JSONEncoder().encode(self)
        } catch {
            throw StoreError.io(.write, path: path, code: EINVAL)
        }
        try DurableFile.makeFolder((path as NSString).deletingLastPathComponent)
        try DurableFile.write(data, to: path)
    }
}
