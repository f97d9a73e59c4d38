import Foundation
import GridModel
import Synchronization

/// Decodes a large data file in two halves side by side: opening a district grid waits mostly on
/// `JSONDecoder` for its residents file, which one core decodes in twice the time two take.
///
/// The records array is cut between two elements (found by `ShardEncoder.recordRanges`); each
/// half is decoded as an array of its own, the rest of the file (kind, schema, an empty records
/// array) on its own. Anything unusual (no array to cut, a gap that is not one comma, a half that
/// does not decode) gives nil, and the caller decodes the file whole, as before, so every error
/// is still reported by the whole-file decode with its position.
enum HalvedDecoding {
    /// Below this, a second thread costs more than it saves.
    static let minimumBytes = 128 * 1024

    static func decode<R: StoredRecord>(_ type: R.Type, from data: Data) -> ShardFile<R>? {
        guard data.count >= minimumBytes, let ranges = ShardEncoder.recordRanges(in: data), ranges.count >= 2 else { return nil }
        let middle = ranges.count / 2
        let base = data.startIndex
        func bytes(_ range: Range<Int>) -> Data { data[base + range.lowerBound..<base + range.upperBound] }
        guard isOneComma(bytes(ranges[middle - 1].upperBound..<ranges[middle].lowerBound)) else { return nil }
        var outside = Data(bytes(0..<ranges[0].lowerBound))
        outside.append(bytes((ranges[ranges.count - 1].upperBound)..<data.count))
        guard let header = try? RecordCoding.decoder().decode(ShardFile<R>.self, from: outside), header.records.isEmpty else { return nil }
        let front = ranges[0].lowerBound..<ranges[middle - 1].upperBound
        let back = ranges[middle].lowerBound..<ranges[ranges.count - 1].upperBound
        let frontBytes = bytes(front), backBytes = bytes(back)
        // The back half on a thread of its own (not the shared pool, which may be busy reading
        // the grid's other files and must not wait on itself), the front half here.
        let backRecords = Mutex<[R]??>(nil)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            let decoded = decodeArray(R.self, backBytes)
            backRecords.withLock { $0 = .some(decoded) }
            finished.signal()
        }
        thread.start()
        let frontRecords = decodeArray(R.self, frontBytes)
        finished.wait()
        guard let frontRecords, let backHalf = backRecords.withLock({ $0 }), let backRecords = backHalf else { return nil }
        return ShardFile(schema: header.schema, kind: header.kind, records: frontRecords + backRecords)
    }

    private static func decodeArray<R: StoredRecord>(_ type: R.Type, _ elements: Data) -> [R]? {
        var array = Data("[".utf8)
        array.append(elements)
        array.append(UInt8(ascii: "]"))
        return try? RecordCoding.decoder().decode([R].self, from: array)
    }

    /// True for the bytes between two array elements as JSON allows them: one comma, with whitespace.
    private static func isOneComma(_ gap: Data) -> Bool {
        var commas = 0
        for byte in gap {
            switch byte {
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            default: return false
            }
        }
        return commas == 1
    }
}
