import Foundation
import GridModel

/// Where each record lives under the data folder. Records are split by grid, and patrols by
/// month and cases by year, so saving one edit rewrites one small file:
///
///     gridwork.json                       manifest: schema, area name and code
///     workers.json                        everyone who uses the tool
///     grids/<grid code>/grid.json         the grid and its micro-grids
///     grids/<grid code>/households.json
///     grids/<grid code>/residents.json
///     grids/<grid code>/patrols/YYYY-MM.json
///     grids/<grid code>/cases/YYYY.json   by the year the case was raised
///     cache/summary.bin                   derived figures for the overview; safe to delete
///     tombstones/<grid code>.json         records taken away from the grid (see `Tombstone`)
///     accounts.json                       accounts, passphrase hashes, wrapped keys (see `AccountBook`)
///     audit/trail.jsonl, audit/head.json  the hash-chained, signed audit trail (see `AuditTrail`)
///     audit/keys.json                     the workers' public keys that verify it (see `AuditKeys`)
///     .lock                               taken for every write
///     .journal                            changes' new bytes, until a checkpoint (see `Journal`)
public enum StoreLayout {
    /// The schema every file carries. A file with a higher number was written by a newer gridwork
    /// and is never overwritten by this one.
    public static let schemaVersion = 1

    static let manifest = "gridwork.json"
    static let workers = "workers.json"
    static let lock = ".lock"
    public static let summaryCache = "cache/summary.bin"
    static let gridsFolder = "grids"
    /// Forms being filled in (see `DraftFolder`); never read as data.
    static let draftsFolder = "drafts"
    static let accounts = "accounts.json"
    public static let auditTrail = "audit/trail.jsonl"
    static let auditHead = "audit/head.json"
    static let auditKeys = "audit/keys.json"

    static let tombstonesFolder = "tombstones"

    static func tombstones(_ code: GridCode) -> String { "\(tombstonesFolder)/\(code.rawValue).json" }

    /// The grid whose tombstones `relativePath` holds; nil for a path that is not a tombstone file.
    static func grid(ofTombstones relativePath: String) -> GridCode? {
        let parts = relativePath.split(separator: "/").map(String.init)
        guard parts.count == 2, parts[0] == tombstonesFolder, parts[1].hasSuffix(".json") else { return nil }
        let code = GridCode(String(parts[1].dropLast(5)))
        return code.isWellFormed ? code : nil
    }

    public static func gridFolder(_ code: GridCode) -> String { "\(gridsFolder)/\(code.rawValue)" }
    static func grid(_ code: GridCode) -> String { gridFolder(code) + "/grid.json" }
    static func households(_ code: GridCode) -> String { gridFolder(code) + "/households.json" }
    static func residents(_ code: GridCode) -> String { gridFolder(code) + "/residents.json" }

    /// The households file in the same grid folder as `residentsFile`.
    static func households(besideResidents residentsFile: String) -> String {
        (residentsFile as NSString).deletingLastPathComponent + "/households.json"
    }

    /// The residents file in the same grid folder as `householdsFile`.
    static func residents(besideHouseholds householdsFile: String) -> String {
        (householdsFile as NSString).deletingLastPathComponent + "/residents.json"
    }

    static func patrols(_ code: GridCode, start: Date) -> String {
        gridFolder(code) + "/patrols/" + month(of: start) + ".json"
    }

    /// `YYYY-MM`, the month (China Standard Time) whose file holds a patrol that started at `start`.
    static func month(of start: Date) -> String {
        String(Day(start, in: Timestamp.chinaStandardTime).iso.prefix(7))
    }

    /// Four digits always, so a mistyped year cannot produce a name this layout does not read back.
    static func cases(_ code: GridCode, year: Int) -> String {
        gridFolder(code) + "/cases/" + String(String(10_000 + min(max(year, 0), 9_999)).suffix(4)) + ".json"
    }

    /// The kind of record a data file holds, judged by its place; nil for a file gridwork does not know.
    public static func kind(ofFile relativePath: String) -> RecordKind? {
        if relativePath == workers { return .worker }
        // Split by bytes, not characters (a district's 6,000 paths are told apart at every
        // start): each name compared is ASCII, and a slash is never part of another character.
        let parts = relativePath.utf8.split(separator: UInt8(ascii: "/"))
        guard parts.count >= 3, parts[0].elementsEqual(gridsFolder.utf8), GridCode(String(Substring(parts[1]))).isWellFormed else { return nil }
        let name = parts[2]
        switch parts.count {
        case 3:
            if name.elementsEqual("grid.json".utf8) { return .grid }
            if name.elementsEqual("households.json".utf8) { return .household }
            if name.elementsEqual("residents.json".utf8) { return .resident }
            return nil
        case 4 where name.elementsEqual("patrols".utf8) && isMonthFile(String(Substring(parts[3]))): return .patrolLog
        case 4 where name.elementsEqual("cases".utf8) && isYearFile(String(Substring(parts[3]))): return .disputeCase
        default: return nil
        }
    }

    private static func isMonthFile(_ name: String) -> Bool {
        name.hasSuffix(".json") && Day(iso: name.dropLast(5) + "-01") != nil && name.count == 12
    }

    private static func isYearFile(_ name: String) -> Bool {
        name.count == 9 && name.hasSuffix(".json") && Int(name.prefix(4)) != nil
    }
}
