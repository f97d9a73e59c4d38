import Foundation
import GridModel

/// The summary cache on disk: a district has one entry per data file (about 6,000), and decoding
/// them as JSON took most of the first screen's time. The cache is derived data read by this
/// program alone, so it is kept in a small binary form instead: little-endian integers and
/// length-prefixed UTF-8, ended by an XXH64 checksum of everything before it. Anything that
/// does not read back whole and in range is no cache (it is rebuilt), never a crash.
extension SummaryCache {
    static let magic = Array("GWSC".utf8)

    func binaryEncoded() -> Data {
        var writer = BinaryWriter()
        writer.bytes(Self.magic)
        writer.int(version)
        writer.string(timeZone ?? "")
        writer.string(schedule ?? "")
        writer.int(entries.count)
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.stamp(entry.stamp)
            writer.bool(entry.householdsStamp != nil)
            if let stamp = entry.householdsStamp { writer.stamp(stamp) }
            writer.summary(entry.summary)
        }
        writer.int(checkedContent.count)
        for (path, hash) in checkedContent.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.int(hash)
        }
        writer.int(Int(bitPattern: UInt(writer.data.withUnsafeBytes { Checksum.xxh64($0) })))
        return Data(writer.data)
    }

    /// The cache in `data`, or nil when it is not one this code wrote whole.
    static func binaryDecoded(_ data: Data) -> SummaryCache? {
        // Read where the bytes lie: copying a district's 6 MB twice was a tenth of the first screen.
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> SummaryCache? in
            guard raw.count >= Self.magic.count + 8 else { return nil }
            // The checksum first: a count read from damaged bytes must never size an allocation.
            let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)])
            var trailer = BinaryReader(bytes: UnsafeRawBufferPointer(rebasing: raw[(raw.count - 8)...]))
            guard let checksum = trailer.int(), UInt64(bitPattern: Int64(checksum)) == Checksum.xxh64(body) else { return nil }
            var reader = BinaryReader(bytes: body)
            return decodeBody(&reader)
        }
    }

    private static func decodeBody(_ reader: inout BinaryReader) -> SummaryCache? {
        guard reader.bytes(Self.magic.count) == Self.magic, let version = reader.int(), version == currentVersion,
              let zone = reader.string(), let schedule = reader.string(),
              let count = reader.int(), (0...10_000_000).contains(count) else { return nil }
        var cache = SummaryCache(version: version, timeZone: zone.isEmpty ? nil : zone, schedule: schedule.isEmpty ? nil : schedule)
        cache.entries.reserveCapacity(reader.atMost(count))
        for _ in 0..<count {
            guard let path = reader.string(), let stamp = reader.stamp(), let hasHouseholds = reader.bool() else { return nil }
            var householdsStamp: FileStamp?
            if hasHouseholds {
                guard let stamp = reader.stamp() else { return nil }
                householdsStamp = stamp
            }
            guard let summary = reader.summary() else { return nil }
            cache.entries[path] = Entry(stamp: stamp, householdsStamp: householdsStamp, summary: summary)
        }
        guard let checkedCount = reader.int(), (0...10_000_000).contains(checkedCount) else { return nil }
        var checked: [String: Int] = [:]
        checked.reserveCapacity(reader.atMost(checkedCount))
        for _ in 0..<checkedCount {
            guard let path = reader.string(), let hash = reader.int() else { return nil }
            checked[path] = hash
        }
        cache.checkedContent = checked
        return reader.isAtEnd ? cache : nil
    }
}

private struct BinaryWriter {
    var data: [UInt8] = []

    mutating func bytes(_ more: [UInt8]) { data += more }

    mutating func int(_ value: Int) {
        var little = Int64(value).littleEndian
        withUnsafeBytes(of: &little) { data += $0 }
    }

    mutating func bool(_ value: Bool) { data.append(value ? 1 : 0) }

    mutating func string(_ text: String) {
        let utf8 = Array(text.utf8)
        int(utf8.count)
        data += utf8
    }

    mutating func stamp(_ stamp: FileStamp) {
        int(Int(bitPattern: UInt(stamp.inode)))
        int(Int(stamp.size))
        int(Int(stamp.modifiedSeconds))
        int(Int(stamp.modifiedNanoseconds))
    }

    mutating func columns(_ values: [Int: Int]) {
        int(values.count)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            int(key)
            int(value)
        }
    }

    mutating func summary(_ summary: DataSummary) {
        int(summary.counts.count)
        for (kind, count) in summary.counts.sorted(by: { $0.key < $1.key }) {
            string(kind)
            int(count)
        }
        int(summary.cases.count)
        for item in summary.cases {
            string(item.id.rawValue)
            string(item.stage.rawValue)
            string(item.level.rawValue)
            bool(item.deadline != nil)
            if let deadline = item.deadline { int(deadline.dayNumber) }
            string(item.resolvedLevel?.rawValue ?? "")
        }
        columns(summary.patrolsPerDay)
        int(summary.taggedResidents)
        int(summary.taggedNeverVisited)
        columns(summary.visitsDue)
        columns(summary.householdVisits)
    }
}

/// Reads the bytes of `SummaryCache.binaryDecoded`'s buffer, which outlives it.
private struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    /// `count`, or fewer when the bytes left could not hold that many items of 8 bytes or more:
    /// what may be reserved for them.
    func atMost(_ count: Int) -> Int { min(count, (bytes.count - offset) / 8) }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func int() -> Int? {
        guard bytes.count - offset >= 8 else { return nil }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Int(Int64(bitPattern: UInt64(littleEndian: value)))
    }

    mutating func bool() -> Bool? {
        guard offset < bytes.count, bytes[offset] <= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    /// The checksum has vouched for the bytes, which this program wrote from strings: decoding
    /// (which would repair, not refuse, bad UTF-8) takes the fast path that validating does not.
    mutating func string() -> String? {
        guard let count = int(), count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]).withMemoryRebound(to: UInt8.self) {
            String(decoding: $0, as: UTF8.self)
        }
    }

    mutating func count() -> Int? {
        guard let value = int(), DataSummary.plausibleCount.contains(value) else { return nil }
        return value
    }

    mutating func stamp() -> FileStamp? {
        guard let inode = int(), let size = int(), let seconds = int(), let nanoseconds = int() else { return nil }
        return FileStamp(inode: UInt64(UInt(bitPattern: inode)), size: Int64(size), modifiedSeconds: Int64(seconds),
                         modifiedNanoseconds: Int64(nanoseconds))
    }

    mutating func columns(days: Bool) -> [Int: Int]? {
        guard let count = count() else { return nil }
        var result: [Int: Int] = [:]
        result.reserveCapacity(atMost(count))
        for _ in 0..<count {
            guard let key = int(), let value = self.count(), !days || Day.validDayNumbers.contains(key) else { return nil }
            result[key, default: 0] += value
        }
        return result
    }

    mutating func summary() -> DataSummary? {
        var summary = DataSummary()
        guard let kinds = count() else { return nil }
        for _ in 0..<kinds {
            guard let kind = string(), let value = count() else { return nil }
            summary.counts[kind] = value
        }
        guard let cases = count() else { return nil }
        summary.cases.reserveCapacity(atMost(cases))
        for _ in 0..<cases {
            guard let id = string(), let stage = string().flatMap(CaseStage.init(rawValue:)),
                  let level = string().flatMap(CaseLevel.init(rawValue:)), let hasDeadline = bool() else { return nil }
            var deadline: Day?
            if hasDeadline {
                guard let number = int(), Day.validDayNumbers.contains(number) else { return nil }
                deadline = Day(dayNumber: number)
            }
            guard let resolved = string() else { return nil }
            let resolvedLevel = CaseLevel(rawValue: resolved)
            guard resolved.isEmpty || resolvedLevel != nil else { return nil }
            summary.cases.append(CaseSummary(id: RecordID(id), stage: stage, level: level, deadline: deadline, resolvedLevel: resolvedLevel))
        }
        guard let patrols = columns(days: true), let tagged = count(), let neverVisited = count(),
              let due = columns(days: true), let visits = columns(days: true) else { return nil }
        summary.patrolsPerDay = patrols
        summary.taggedResidents = tagged
        summary.taggedNeverVisited = neverVisited
        summary.visitsDue = due
        summary.householdVisits = visits
        return summary
    }
}
