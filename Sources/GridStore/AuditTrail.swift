#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation
import GridModel
import Synchronization

/// The audit trail: one JSON line per change, reveal, login and account change, appended under
/// the folder's lock, each carrying the SHA-256 of the one before so that an edited, removed or
/// reordered line shows, and signed with the Ed25519 key of the worker who made it (see
/// `AuditLine`, `AuditSigner`), so that a chain hashed again cannot be signed again without
/// their passphrases. `audit/head.json` keeps the count and last hash, so that lines cut from
/// the end show too; a head witnessed outside the folder (`verify(witnessedHead:)`) shows a cut
/// end whose head was rewritten.
///
///     audit/trail.jsonl   {"action":"update","actor":"W-1","at":"…","fields":["stage"],…},"hash":"…","signature":"…"}
///     audit/head.json     {"count":120,"hash":"…"}
///     audit/keys.json     the public keys (see `AuditKeys`)
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

        /// `signer`'s key brought in: its worker and its id, never the key itself.
        static func newKey(_ signer: AuditSigner) -> Event {
            Event(.signingKey, kind: .worker, record: signer.worker.rawValue, fields: [signer.keyID])
        }
    }

    struct Head: Codable, Hashable, Sendable {
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
    struct Prepared: Sendable {
        let lines: Data
        /// The length to cut a torn last line off at first, nil when the trail ends whole.
        let validLength: Int?
        let head: Head
    }

    /// Numbers and chains `events` after the last entry on disk, without writing anything, so a
    /// change knows the bytes its entries will add before it starts. The caller holds the lock.
    /// `signer` signs every entry that needs it (`AuditEntry.Action.needsSignature`); it is the
    /// actor's own key, or nil where no passphrase is known.
    func prepare(_ events: [Event], actor: String, at instant: Date, signer: AuditSigner?) throws(StoreError) -> Prepared {
        let (last, validLength) = try lastEntry()
        var sequence = last?.sequence ?? 0
        var previous = last?.hash ?? ""
        var lines = Data()
        let at = Timestamp.wholeSeconds(instant)
        for event in events {
            sequence += 1
            let (line, entry) = try AuditLine.make(AuditEntry(sequence: sequence, at: at, actor: actor, action: event.action, kind: event.kind,
                                                              record: event.record, fields: event.fields, previous: previous, hash: ""),
                                                   signer: event.action.needsSignature ? signer : nil)
            lines.append(line)
            previous = entry.hash
            Self.lastLine.withLock { $0 = (Array(line.dropLast()), entry) }
        }
        return Prepared(lines: lines, validLength: validLength, head: Head(count: sequence, hash: previous))
    }

    /// Adds what `prepare` made to `change`: the lines at the end of the trail's whole lines,
    /// and the new head.
    func stage(_ prepared: Prepared, into change: inout FileChange) throws(StoreError) {
        guard !prepared.lines.isEmpty else { return }
        var at = prepared.validLength ?? 0
        if prepared.validLength == nil, let size = try DurableFile.size(path) { at = size }
        guard let head = try? RecordCoding.encode(prepared.head) else { throw .io(.write, path: headPath, code: EINVAL) }
        change.append(prepared.lines, to: StoreLayout.auditTrail, at: at)
        change.replace(StoreLayout.auditHead, with: head)
    }

    /// Appends what `prepare` made, and the new head, as one change of their own.
    func write(_ prepared: Prepared) throws(StoreError) {
        var change = FileChange()
        try stage(prepared, into: &change)
        try Journal.commit(change, in: folder)?.wait()
    }

    /// The entry with its hash filled in, as lines were before signing began (the legacy form,
    /// see `AuditLine`): kept to read and to write such trails in tests.
    static func sealed(_ entry: AuditEntry) -> AuditEntry {
        AuditEntry(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, kind: entry.kind,
                   record: entry.record, fields: entry.fields, previous: entry.previous, hash: hash(of: entry))
    }

    /// SHA-256, in hex, of the entry as one compact JSON line with an empty hash: the legacy
    /// form's hash (see `AuditLine`).
    static func hash(of entry: AuditEntry) -> String {
        let blank = AuditEntry(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, kind: entry.kind,
                               record: entry.record, fields: entry.fields, previous: entry.previous, hash: "")
        return hex(SHA256.hash(data: (try? RecordCoding.compactEncoder().encode(blank)) ?? Data()))
    }

    /// A digest in lower-case hex.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The last line made or read, and its entry: a save compares the trail's last line with it
    /// (by its bytes) rather than parsing it again.
    private static let lastLine = Mutex<(line: [UInt8], entry: AuditEntry)?>(nil)

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
                let line = tail[lineStart..<max(lineStart, end - 1)]
                if let known = Self.lastLine.withLock({ $0 }), known.line.elementsEqual(line) { return (known.entry, validLength) }
                guard let entry = AuditLine.parse(line, decoder: RecordCoding.decoder())?.entry else {
                    throw .fileHasProblems(StoreProblem(path: path, position: nil, message: LocalizedText(
                        zh: "审计记录的最后一行无法读取；请运行 gridwork audit verify 查看", en: "the last line of the audit trail cannot be read; run `gridwork audit verify`")))
                }
                Self.lastLine.withLock { $0 = (Array(line), entry) }
                return (entry, validLength)
            }
            window *= 4
        }
    }

    // MARK: Reading and checking

    /// One readable line: where it is, what it holds, and whether its hash matches its bytes.
    struct ReadLine {
        let line: Int
        let parsed: AuditLine
        let hashMatches: Bool
        var entry: AuditEntry { parsed.entry }
    }

    /// Every readable entry, in file order, with its line number.
    func readLines() -> (entries: [ReadLine], unreadable: [Int], tornLastLine: Int?) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], [], nil) }
        var entries: [ReadLine] = []
        var unreadable: [Int] = []
        var torn: Int?
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let decoder = RecordCoding.decoder()
        for (index, line) in lines.enumerated() where !line.isEmpty {
            if let parsed = AuditLine.parse(line, decoder: decoder) {
                entries.append(ReadLine(line: index + 1, parsed: parsed, hashMatches: parsed.hashMatches(line: line)))
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

    /// Checks every line, the chain between them and their signatures against `audit/keys.json`;
    /// with `witnessedHead` (an entry's hash, or at least its first 16 digits, kept outside the
    /// folder: printed in a monthly report), also that the trail still holds that entry, which a
    /// trail cut back and given a new head does not. Needs no login.
    public func verify(witnessedHead: String? = nil) -> AuditReport {
        let (lines, unreadable, torn) = readLines()
        var findings: [AuditFinding] = unreadable.map { .unreadable(line: $0) }
        if let torn { findings.append(.incompleteLastLine(line: torn)) }
        for item in lines where !item.hashMatches {
            findings.append(.edited(line: item.line, sequence: item.entry.sequence))
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
        let signatures = checkSignatures(lines)
        findings += signatures.findings
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
        return AuditReport(entries: lines.count, findings: findings, signed: signatures.signed,
                           unsignedBeforeSigning: signatures.beforeSigning, unsignedWithoutPassphrase: signatures.withoutPassphrase)
    }

    /// Checks each line's signature, in file order: made by a key in `audit/keys.json`, of the
    /// worker the entry names, over the line's bytes, and named by an earlier signed entry
    /// (`signingKey`) or, for a worker's first key, by the entry that brings it in. Unsigned
    /// entries are counted: before the first signed one, or of a kind no passphrase stands behind;
    /// any other is a finding.
    private func checkSignatures(_ lines: [ReadLine]) -> (findings: [AuditFinding], signed: Int, beforeSigning: Int, withoutPassphrase: Int) {
        var findings: [AuditFinding] = []
        let keys: [String: AuditKeys.PublicKey]
        do {
            keys = Dictionary(try AuditKeys.read(folder).keys.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        } catch {
            keys = [:]
            findings.append(.publicKeysUnreadable)
        }
        /// Keys named by a signed entry so far, and the workers who have one.
        var vouched = Set<String>()
        var workersWithKeys = Set<String>()
        var signed = 0, beforeSigning = 0, withoutPassphrase = 0
        var signingBegan = false
        for item in lines {
            let entry = item.entry
            // An edited line is named once, as edited.
            guard item.hashMatches else {
                if entry.signature != nil { signingBegan = true }
                continue
            }
            guard case .current(let body) = item.parsed.form, let signature = entry.signature, let keyID = entry.key else {
                if !entry.action.needsSignature {
                    withoutPassphrase += 1
                } else if !signingBegan {
                    beforeSigning += 1
                } else {
                    findings.append(.unsigned(line: item.line, sequence: entry.sequence))
                }
                continue
            }
            signingBegan = true
            guard let key = keys[keyID], AuditSigner.keyID(of: Data(base64Encoded: key.key) ?? Data()) == keyID else {
                findings.append(.unknownKey(line: item.line, sequence: entry.sequence))
                continue
            }
            guard AuditSigner.isValid(signature: signature, publicKey: key.key, message: body) else {
                findings.append(.badSignature(line: item.line, sequence: entry.sequence))
                continue
            }
            signed += 1
            if key.worker != entry.actor {
                findings.append(.wrongSigner(line: item.line, sequence: entry.sequence))
                continue
            }
            if entry.action == .signingKey, let added = entry.fields.first, let owner = entry.record {
                // A worker's first key may bring itself in; any later one needs a key known before.
                let selfIntroduced = added == keyID && !vouched.contains(keyID) && !workersWithKeys.contains(owner)
                if (added == keyID && !selfIntroduced) || (added != keyID && !vouched.contains(keyID)) || keys[added]?.worker != owner {
                    findings.append(.keyNotVouchedFor(line: item.line, sequence: entry.sequence))
                    continue
                }
                vouched.insert(added)
                workersWithKeys.insert(owner)
            } else if !vouched.contains(keyID) {
                findings.append(.keyNotVouchedFor(line: item.line, sequence: entry.sequence))
            }
        }
        if !signingBegan && !keys.isEmpty && !lines.isEmpty {
            // Keys were made, so entries were signed: a trail with none left was rewritten whole.
            findings.append(.noSignedEntries)
        }
        return (findings, signed, beforeSigning, withoutPassphrase)
    }
}
