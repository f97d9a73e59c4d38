import Foundation
import GridModel

/// `cache/summary.bin`: each data file's summary, keyed by the file's stamp. It is only ever
/// derived from the data, so a stale, damaged or deleted cache costs time, never correctness.
/// On disk it is binary (`SummaryCache+Binary.swift`): a district's JSON cache took most of the
/// first screen to decode.
struct SummaryCache {
    /// Raise when summaries or rules change, so old caches are recomputed.
    /// 4: files are checked as strict JSON, so a file passed before may not pass now.
    static let currentVersion = 4

    struct Entry {
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

    init(version: Int, timeZone: String?) {
        self.version = version
        self.timeZone = timeZone
    }

    static func load(_ path: String, timeZone: TimeZone) -> SummaryCache {
        guard let data = FileManager.default.contents(atPath: path), let cache = binaryDecoded(data),
              cache.version == currentVersion, cache.timeZone == timeZone.identifier else { return SummaryCache(timeZone: timeZone) }
        return cache
    }

    func write(_ path: String) throws(StoreError) {
        try DurableFile.makeFolder((path as NSString).deletingLastPathComponent)
        try DurableFile.write(binaryEncoded(), to: path)
        // The JSON cache of earlier versions is read no more.
        unlink((path as NSString).deletingLastPathComponent + "/summary.json")
    }
}
