#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation
import GridModel

/// The audit trail: one JSON line per change, reveal, login and account change, appended under
/// the folder's lock, each carrying the SHA-256 of the one before so that an edited, removed or
/// reordered line shows. `audit/head.json` keeps the count and last hash, so that lines cut
/// from the end show too.
///
///     audit/trail.jsonl   {"action":"update","actor":"W-1","at":"…","fields":["stage"],…}
///     audit/head.json     {"count":120,"hash":"…"}
public struct AuditTrail: Sendable {
    public let folder: String

    public init(dataFolder: String) { folder = dataFolder }

    var path: String { folder + "/" + StoreLayout.auditTrail }
    var headPath: String { folder + "/" + StoreLayout.auditHead }

    /// What happened, before it is numbered and chained.
    public struct Event: Hashable, Sendable {
        public let action: AuditEntry.Action
        public let kind: RecordKind?
        public let record: String?
        public let fields: [String]

        public init(_ action: AuditEntry.Action, kind: RecordKind? = nil, record: String? = nil, fields: [String] = []) {
            self.action = action
            self.kind = kind
            self.record = record
            self.fields = fields
        }
    }

    struct Head: Codable, Hashable {
        let count: Int
        let hash: String
    }

    /// The count and last hash `audit/head.json` records, as written (not checked against the
    /// trail: `verify` does that), for a report to print; nil when there is none or it is unreadable.
    public func recordedHead() -> (count: Int, hash: String)? {
        guard let data = FileManager.default.contents(atPath: headPath),
              let head = try? RecordCoding.decoder().decode(Head.self, from: data) else { return nil }
        return (head.count, head.hash)
    }

    /// Entries numbered and chained after the trail's last, ready to append.
    struct Prepared {
        let lines: Data
        /// The length to cut a torn last line off at first, nil when the trail ends whole.
        let validLength: Int?
        let head: Head
    }

    /// Numbers and chains `events` after the last entry on disk, without writing anything, so a
    /// change knows the bytes its entries will add before it starts. The caller holds the lock.
    func prepare(_ events: [Event], actor: String, at instant: Date) throws(StoreError) -> Prepared {
        let (last, validLength) = try lastEntry()
        var sequence = last?.sequence ?? 0
        var previous = last?.hash ?? ""
        var lines = Data()
        let at = Timestamp.wholeSeconds(instant)
        for event in events {
            sequence += 1
            let entry = Self.sealed(AuditEntry(sequence: sequence, at: at, actor: actor, action: event.action, kind: event.kind,
                                               record: event.record, fields: event.fields, previous: previous, hash: ""))
            lines.append(try Self.line(entry))
            previous = entry.hash
        }
        return Prepared(lines: lines, validLength: validLength, head: Head(count: sequence, hash: previous))
    }

    /// Appends what `prepare` made, durably, then records the new head.
    func write(_ prepared: Prepared) throws(StoreError) {
        guard !prepared.lines.isEmpty else { return }
        try DurableFile.makeFolder((path as NSString).deletingLastPathComponent)
        try DurableFile.append(prepared.lines, to: path, validLength: prepared.validLength)
        do {
            try DurableFile.write(try RecordCoding.encoder().encode(prepared.head), to: headPath, synced: false)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .io(.write, path: headPath, code: EINVAL)
        }
    }

    /// The entry with its hash filled in.
    static func sealed(_ entry: AuditEntry) -> AuditEntry {
        AuditEntry(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, kind: entry.kind,
                   record: entry.record, fields: entry.fields, previous: entry.previous, hash: hash(of: entry))
    }

    /// SHA-256, in hex, of the entry as one compact JSON line with an empty hash.
    static func hash(of entry: AuditEntry) -> String {
        let blank = AuditEntry(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, kind: entry.kind,
                               record: entry.record, fields: entry.fields, previous: entry.previous, hash: "")
        let bytes = (try? RecordCoding.compactEncoder().encode(blank)) ?? Data()
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static func line(_ entry: AuditEntry) throws(StoreError) -> Data {
        guard var data = try? RecordCoding.compactEncoder().encode(entry) else { throw .io(.write, path: StoreLayout.auditTrail, code: EINVAL) }
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The last whole entry, and the length to cut the file to when its end is a torn line.
    private func lastEntry() throws(StoreError) -> (AuditEntry?, Int?) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return (nil, nil) }
            throw .io(.read, path: path, code: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(.read, path: path, code: errno) }
        let size = Int(info.st_size)
        if size == 0 { return (nil, nil) }
        // Lines are a few hundred bytes; read back far enough to hold the last one whole.
        var window = 4096
        while true {
            let start = max(0, size - window)
            var tail = [UInt8](repeating: 0, count: size - start)
            let read = pread(descriptor, &tail, tail.count, off_t(start))
            guard read == tail.count else { throw .io(.read, path: path, code: read < 0 ? errno : EIO) }
            let newline = UInt8(ascii: "\n")
            // Bytes after the last newline are a line a crash cut short.
            let end = (tail.lastIndex(of: newline) ?? -1) + 1
            let validLength = start + end == size ? nil : start + end
            if end == 0 && start == 0 { return (nil, 0) }
            let body = tail[..<max(0, end - 1)]
            if let lineStart = body.lastIndex(of: newline).map({ $0 + 1 }) ?? (start == 0 ? 0 : nil) {
                let line = Data(tail[lineStart..<max(lineStart, end - 1)])
                guard let entry = try? RecordCoding.decoder().decode(AuditEntry.self, from: line) else {
                    throw .fileHasProblems(StoreProblem(path: path, position: nil, message: LocalizedText(
                        zh: "审计记录的最后一行无法读取；请运行 gridwork audit verify 查看", en: "the last line of the audit trail cannot be read; run `gridwork audit verify`")))
                }
                return (entry, validLength)
            }
            window *= 4
        }
    }

    // MARK: Reading and checking

    /// Every readable entry, in file order, with its line number.
    func readLines() -> (entries: [(line: Int, entry: AuditEntry)], unreadable: [Int], tornLastLine: Int?) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], [], nil) }
        var entries: [(Int, AuditEntry)] = []
        var unreadable: [Int] = []
        var torn: Int?
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let decoder = RecordCoding.decoder()
        for (index, line) in lines.enumerated() where !line.isEmpty {
            if let entry = try? decoder.decode(AuditEntry.self, from: Data(line)) {
                entries.append((index + 1, entry))
            } else if index == lines.count - 1 {
                torn = index + 1
            } else {
                unreadable.append(index + 1)
            }
        }
        return (entries, unreadable, torn)
    }

    /// The entries about one record, oldest first.
    public func history(of record: String) -> [AuditEntry] {
        readLines().entries.map(\.entry).filter { $0.record == record }
    }

    /// Every entry, oldest first (for `gridwork audit show`).
    public func allEntries() -> [AuditEntry] { readLines().entries.map(\.entry) }

    /// Checks every line and the chain between them; with `witnessedHead` (an entry's hash, or
    /// at least its first 16 digits, kept outside the folder: printed in a monthly report), also
    /// that the trail still holds that entry, which a trail cut back and given a new head does not.
    public func verify(witnessedHead: String? = nil) -> AuditReport {
        let (lines, unreadable, torn) = readLines()
        var findings: [AuditFinding] = unreadable.map { .unreadable(line: $0) }
        if let torn { findings.append(.incompleteLastLine(line: torn)) }
        for (line, entry) in lines where Self.hash(of: entry) != entry.hash {
            findings.append(.edited(line: line, sequence: entry.sequence))
        }
        let sorted = lines.sorted { $0.entry.sequence < $1.entry.sequence }
        for (position, item) in lines.enumerated() where item.entry.sequence != sorted[position].entry.sequence {
            findings.append(.outOfOrder(line: item.line, sequence: item.entry.sequence, expected: sorted[position].entry.sequence))
        }
        var expected = 1
        var previous: AuditEntry?
        for item in sorted {
            let entry = item.entry
            if entry.sequence < expected {
                findings.append(.duplicated(line: item.line, sequence: entry.sequence))
                continue
            }
            if entry.sequence > expected {
                findings.append(.removed(first: expected, last: entry.sequence - 1))
            } else if entry.previous != (previous?.hash ?? "") {
                findings.append(.brokenLink(line: item.line, sequence: entry.sequence))
            }
            previous = entry
            expected = entry.sequence + 1
        }
        if let witnessed = witnessedHead?.lowercased(), !lines.contains(where: { $0.entry.hash.hasPrefix(witnessed) }) {
            findings.append(.witnessedHeadMissing(hash: witnessed))
        }
        let count = expected - 1
        if let data = FileManager.default.contents(atPath: headPath), let head = try? RecordCoding.decoder().decode(Head.self, from: data) {
            if head.count > count {
                findings.append(.removed(first: count + 1, last: head.count))
            } else if head.count == count, let last = previous, last.hash != head.hash {
                findings.append(.edited(line: sorted.last?.line ?? 0, sequence: last.sequence))
            }
        } else if count > 0 || Store.isSecured(folder) {
            // A set-up community has entries from its first day: none at all means they were removed.
            findings.append(.headMissing)
        }
        return AuditReport(entries: lines.count, findings: findings)
    }
}
