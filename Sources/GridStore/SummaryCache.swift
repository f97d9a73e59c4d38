import Foundation
import GridModel

/// `cache/summary.bin`: each data file's summary, keyed by the file's stamp. It is only ever
/// derived from the data, so a stale, damaged or deleted cache costs time, never correctness.
/// On disk it is binary (`SummaryCache+Binary.swift`): a district's JSON cache took most of the
/// first screen to decode.
struct SummaryCache: Sendable {
    /// Raise when summaries or rules change, so old caches are recomputed and every file is
    /// checked again (the cache also says which contents passed the rules).
    /// 4: files are checked as strict JSON, so a file passed before may not pass now.
    /// 5: summaries count households by last visit (coverage), leave out residents who moved out
    /// or died, and the cache names the visit schedule its due figures were made under.
    /// 6: the cache also keeps which content of each file passed the rules.
    /// 7: checksummed with XXH64 (FNV-1a went a byte at a time through 6 MB at every start).
    static let currentVersion = 7

    struct Entry: Sendable {
        let stamp: FileStamp
        /// For a residents file: the stamp of its grid's households file, whose visits its summary joins.
        let householdsStamp: FileStamp?
        let summary: DataSummary
    }

    var version = SummaryCache.currentVersion
    /// The zone patrols were counted by day in: a cache made before the manifest's time zone
    /// changed is recomputed.
    var timeZone: String?
    /// The visit schedule's fingerprint (`VisitSchedule.fingerprint`): residents' due figures
    /// depend on it, so a cache made before `visit-schedule.json` changed is recomputed.
    var schedule: String?
    var entries: [String: Entry] = [:]
    /// For each file whose rules were checked and passed, the stable hash of the bytes that passed
    /// (`ShardReader.contentHash`): the same bytes read by a later start are only decoded.
    /// `gridwork check` trusts none of it.
    var checkedContent: [String: Int] = [:]

    init(timeZone: TimeZone, schedule: VisitSchedule = .standard) {
        self.timeZone = timeZone.identifier
        self.schedule = schedule.fingerprint
    }

    init(version: Int, timeZone: String?, schedule: String?) {
        self.version = version
        self.timeZone = timeZone
        self.schedule = schedule
    }

    static func load(_ path: String, timeZone: TimeZone, schedule: VisitSchedule = .standard) -> SummaryCache {
        guard let data = FileManager.default.contents(atPath: path), let cache = binaryDecoded(data),
              cache.version == currentVersion, cache.timeZone == timeZone.identifier,
              cache.schedule == schedule.fingerprint else { return SummaryCache(timeZone: timeZone, schedule: schedule) }
        return cache
    }

    func write(_ path: String) throws(StoreError) {
        try DurableFile.makeFolder((path as NSString).deletingLastPathComponent)
        try DurableFile.write(binaryEncoded(), to: path)
        // The JSON cache of earlier versions is read no more.
        unlink((path as NSString).deletingLastPathComponent + "/summary.json")
    }
}
