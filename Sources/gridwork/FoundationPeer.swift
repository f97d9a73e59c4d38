import Foundation
import GridModel

/// The bench's peer for opening a grid: the same households and residents files decoded by
/// Foundation's `JSONDecoder` alone (no rules, no sealed numbers opened, nothing kept), as
/// gridwork read them before its own decoder. Run in the same loop, so the ratio holds on a busy
/// machine.
enum FoundationPeer {
    /// A data file's shape, as `JSONDecoder` sees it.
    private struct File<R: Decodable>: Decodable {
        var schema: Int
        var kind: String
        var records: [R]
    }

    /// How many records were decoded: a file that failed to decode would make the peer look fast.
    static func decode(folder: String, households: [String], residents: [String]) -> Int {
        var decoded = 0
        let decoder = JSONDecoder()
        // Files hold `2026-11-22T08:30:00+08:00`, which Foundation's ISO 8601 strategy reads.
        decoder.dateDecodingStrategy = .iso8601
        for path in households {
            guard let data = FileManager.default.contents(atPath: folder + "/" + path) else { continue }
            decoded += (try? decoder.decode(File<Household>.self, from: data))?.records.count ?? 0
        }
        for path in residents {
            guard let data = FileManager.default.contents(atPath: folder + "/" + path) else { continue }
            decoded += (try? decoder.decode(File<Resident>.self, from: data))?.records.count ?? 0
        }
        return decoded
    }
}
