#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridIndex
import GridModel
import GridStore

/// What `scripts/crash-soak.sh` checks after each kill (`StressWriter verify`): first the files as
/// the kill left them, then the folder after the next open (a login, which settles a change cut
/// short, empties the journal and removes temp files). Record ids and paths are printed; no record's contents are.
///
/// Revisions, ids and creation times are taken from the parsed JSON, not through the store, so
/// one check of a community (17,800 records) takes a fraction of a second; `full` adds what
/// `gridwork check` does (every rule, every reference, about a second more).
struct SoakCheck {
    var acknowledged = 0
    /// Acknowledged changes not on disk.
    var lost = 0
    /// Changes on disk without their audit entry (records and accounts).
    var unaudited = 0
    /// Audit entries that speak of a change not on disk.
    var phantom = 0
    /// Workers without an account, and accounts without a worker.
    var orphans = 0
    /// Files that do not parse as the kill left them.
    var unparsable = 0
    /// What `gridwork check` would report after the open (rules, references, plain numbers).
    var problems = 0
    var auditFindings = 0
    /// Records the search index holds that the files do not, or the other way round, after the
    /// index was brought up to date (full checks only).
    var indexMismatches = 0
    /// A journal with something in it, or a temp file, still there after the open.
    var leftover = 0
    var journalFound = false
    var tempFound = 0
    var details: [String] = []

    var isClean: Bool {
        lost == 0 && unaudited == 0 && phantom == 0 && orphans == 0 && unparsable == 0 && problems == 0 && auditFindings == 0 && leftover == 0
            && indexMismatches == 0
    }

    var line: String {
        "verify acknowledged=\(acknowledged) lost=\(lost) unaudited=\(unaudited) phantom=\(phantom) orphans=\(orphans) "
            + "unparsable=\(unparsable) problems=\(problems) audit_findings=\(auditFindings) leftover=\(leftover) "
            + "journal_found=\(journalFound ? 1 : 0) temp_found=\(tempFound) index_mismatches=\(indexMismatches)"
    }

    static let journalName = ".redo-journal"

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.hasSuffix(".gwtmp") }

    /// A record as the parsed file shows it.
    struct Seen {
        let revision: Int
        /// Made after the folder was: its creation must be audited one by one (the demo's own
        /// records were imported, audited per file).
        let createdLater: Bool
    }

    /// Records on disk by `kind/id`.
    private var records: [String: Seen] = [:]

    /// Each data file's records as last parsed, by path, with the file's stamp then.
    private var parsed: [String: (stamp: String, records: [(String, Seen)])] = [:]

    static func run(folder: String, login: String, acks: String, passphrase: String, full: Bool) -> SoakCheck {
        var check = SoakCheck()
        // Files unchanged since the last check (same inode, size and times) are not parsed again:
        // they parsed then. Kept beside the ack file, outside the data folder.
        let cache = acks + ".files"
        check.loadParsed(cache)
        check.readFiles(folder, asLeft: true)
        defer { check.saveParsed(cache) }
        let store: Store
        do {
            let session = try Store.logIn(folder: folder, login: login, passphrase: passphrase)
            store = try Store.open(folder, session: session)
        } catch {
            check.problems += 1
            check.details.append("the folder does not open: " + describe(error))
            return check
        }
        for path in files(under: folder) where (path == journalName && Self.size(folder + "/" + path) > 0) || isTemporary((path as NSString).lastPathComponent) {
            check.leftover += 1
            check.details.append("left after the open: \(path)")
        }
        // The open settled a change cut short: read the records as they are now.
        if check.journalFound { check.readFiles(folder, asLeft: false) }
        if full {
            check.checkRules(store)
            check.checkIndex(store)
        }
        check.checkAudit(store)
        check.checkAcknowledged(store, acks: acks)
        return check
    }

    /// Every file below `folder`, relative to it.
    static func files(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue { found.append(name) }
        }
        return found.sorted()
    }

    /// Parses every JSON file and notes the records of the data files. `asLeft` (before the open):
    /// counts what does not parse, and allows a last audit line cut short only while a journal
    /// is there to cut it off.
    mutating func readFiles(_ folder: String, asLeft: Bool) {
        let paths = Self.files(under: folder)
        // The journal keeps changes between checkpoints; one not marked applied was cut short.
        if asLeft { journalFound = Store.hasUnsettledChange(folder) }
        records = [:]
        // Timestamps share one format and zone (+08:00), so they compare as text.
        var madeAt = ""
        if let data = FileManager.default.contents(atPath: folder + "/gridwork.json"),
           let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let createdAt = manifest["createdAt"] as? String {
            madeAt = createdAt
        }
        for path in paths {
            let name = (path as NSString).lastPathComponent
            if Self.isTemporary(name) {
                if asLeft { tempFound += 1 }
                continue
            }
            guard name.hasSuffix(".json") || name.hasSuffix(".jsonl") else { continue }
            let stamp = Self.stamp(folder + "/" + path)
            if let known = parsed[path], known.stamp == stamp {
                for (key, seen) in known.records { records[key] = seen }
                continue
            }
            parsed[path] = nil
            guard let data = FileManager.default.contents(atPath: folder + "/" + path) else {
                if asLeft { note(\.unparsable, "cannot read \(path)") }
                continue
            }
            if name.hasSuffix(".jsonl") {
                guard asLeft else { continue }
                let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() where !line.isEmpty {
                    let isTornEnd = index == lines.count - 1 && journalFound
                    if !isTornEnd, (try? JSONSerialization.jsonObject(with: Data(line))) == nil {
                        note(\.unparsable, "line \(index + 1) does not parse: \(path)")
                    }
                }
                continue
            }
            guard let object = try? JSONSerialization.jsonObject(with: data) else {
                if asLeft { note(\.unparsable, "does not parse: \(path)") }
                continue
            }
            var found: [(String, Seen)] = []
            if let file = object as? [String: Any], let kind = file["kind"] as? String, let list = file["records"] as? [[String: Any]] {
                for record in list {
                    guard let meta = record["meta"] as? [String: Any], let id = meta["id"] as? String, let revision = meta["revision"] as? Int else { continue }
                    let createdAt = meta["createdAt"] as? String ?? ""
                    found.append((kind + "/" + id, Seen(revision: revision, createdLater: !madeAt.isEmpty && createdAt > madeAt)))
                }
            }
            for (key, seen) in found { records[key] = seen }
            if let stamp { parsed[path] = (stamp, found) }
        }
        parsed = parsed.filter { paths.contains($0.key) }
    }

    /// Inode, size, modification and change times: a file the store rewrote (a new file renamed
    /// into place) never keeps all four.
    static func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_ino)-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// `F STAMP PATH` and after it `R KEY REVISION CREATED-LATER` for each of its records.
    mutating func loadParsed(_ path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        var current: (path: String, stamp: String, records: [(String, Seen)])?
        func finish() { if let current { parsed[current.path] = (current.stamp, current.records) } }
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 2)
            if words.count == 3, words[0] == "F" {
                finish()
                current = (String(words[2]), String(words[1]), [])
            } else if words.count == 3, words[0] == "R" {
                let rest = words[2].split(separator: " ")
                guard rest.count == 2, let revision = Int(rest[0]) else { continue }
                current?.records.append((String(words[1]), Seen(revision: revision, createdLater: rest[1] == "1")))
            }
        }
        finish()
    }

    func saveParsed(_ path: String) {
        var text = ""
        for (file, known) in parsed {
            text += "F \(known.stamp) \(file)\n"
            for (key, seen) in known.records { text += "R \(key) \(seen.revision) \(seen.createdLater ? 1 : 0)\n" }
        }
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private mutating func note(_ count: WritableKeyPath<SoakCheck, Int>, _ detail: String) {
        self[keyPath: count] += 1
        details.append(detail)
    }

    /// What `gridwork check` reports: every rule, every reference, numbers in plain text.
    mutating func checkRules(_ store: Store) {
        var found = store.checkEveryFile() + store.checkReferences()
        found += store.filesWithPlainPersonalData.sorted().map { path in
            StoreProblem(path: store.folder + "/" + path, position: nil, message: LocalizedText(zh: "含未加密的号码", en: "holds numbers in plain text"))
        }
        for problem in found { note(\.problems, problem.formatted(in: .en)) }
    }

    /// The search index, as a kill mid-write left it (the writer indexes as it goes, as the
    /// dashboard does), brought up to date from the files: it must hold exactly their records.
    mutating func checkIndex(_ store: Store) {
        do {
            let index = try SearchIndex(folder: store.folder)
            try index.refresh(from: store)
            let indexed = try index.recordIDs()
            var onFile: [SearchHit.Kind: Set<RecordID>] = [:]
            for grid in store.grids.map(\.code) {
                onFile[.household, default: []].formUnion(store.records(Household.self, inGrid: grid, keeping: false).map(\.id))
                onFile[.resident, default: []].formUnion(store.records(Resident.self, inGrid: grid, keeping: false).map(\.id))
                onFile[.disputeCase, default: []].formUnion(store.records(DisputeCase.self, inGrid: grid, keeping: false).map(\.id))
            }
            for kind in SearchHit.Kind.allCases {
                let extra = indexed[kind, default: []].subtracting(onFile[kind, default: []])
                let missing = onFile[kind, default: []].subtracting(indexed[kind, default: []])
                for id in extra.union(missing).sorted(by: { $0.rawValue < $1.rawValue }).prefix(5) {
                    note(\.indexMismatches, "index: \(kind.rawValue) \(id.rawValue) " + (extra.contains(id) ? "indexed but not on file" : "on file but not indexed"))
                }
                indexMismatches += max(0, extra.count + missing.count - 5)
            }
        } catch {
            note(\.indexMismatches, "index: " + error.localizedDescription)
        }
    }

    /// As `gridwork audit verify`, then: each record's revisions each have their audit entry and
    /// no entry more; each account its entry; no worker or account alone.
    mutating func checkAudit(_ store: Store) {
        let report = store.audit.verify()
        for finding in report.findings { note(\.auditFindings, "audit: " + finding.message(in: .en)) }

        var created: [String: Int] = [:]
        var updated: [String: Int] = [:]
        var removed: Set<String> = []
        var accountsAudited: Set<String> = []
        for entry in store.audit.allEntries() {
            if entry.action == .accountAdded { accountsAudited.formUnion(entry.fields) }
            guard let kind = entry.kind, let record = entry.record else { continue }
            let key = kind.rawValue + "/" + record
            switch entry.action {
            case .create: created[key, default: 0] += 1
            case .update, .overwrite, .move: updated[key, default: 0] += 1
            case .remove: removed.insert(key)
            default: break
            }
        }
        for (key, seen) in records.sorted(by: { $0.key < $1.key }) {
            let updates = updated.removeValue(forKey: key) ?? 0
            let creates = created.removeValue(forKey: key) ?? 0
            if updates < seen.revision - 1 { note(\.unaudited, "\(key): revision \(seen.revision) with \(updates) audited changes") }
            if updates > seen.revision - 1 { note(\.phantom, "\(key): revision \(seen.revision) but \(updates) audited changes") }
            if creates == 0 && seen.createdLater { note(\.unaudited, "\(key): created without its audit entry") }
            if creates > 1 { note(\.phantom, "\(key): created \(creates) times in the audit trail") }
        }
        for key in Set(created.keys).union(updated.keys).sorted() where !removed.contains(key) {
            note(\.phantom, "\(key): audited but not on disk")
        }

        let accounts: [Account]
        do { accounts = try store.accounts() } catch {
            note(\.problems, "accounts: " + describe(error))
            return
        }
        let logins = Set(accounts.map(\.login))
        for account in accounts where !accountsAudited.contains(account.login) { note(\.unaudited, "account \(account.login): no audit entry") }
        for login in accountsAudited.subtracting(logins).sorted() { note(\.phantom, "account \(login): audited but not on disk") }
        let prefix = RecordKind.worker.rawValue + "/"
        let workerIDs = Set(records.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
        let withAccounts = Set(accounts.map(\.workerID.rawValue))
        for worker in workerIDs.subtracting(withAccounts).sorted() { note(\.orphans, "worker \(worker): no account") }
        for account in accounts where !workerIDs.contains(account.workerID.rawValue) { note(\.orphans, "account \(account.login): no worker") }
    }

    /// Every `ack` line the writers printed: the record at that revision or later, the account
    /// with its worker.
    mutating func checkAcknowledged(_ store: Store, acks: String) {
        guard let text = try? String(contentsOfFile: acks, encoding: .utf8) else {
            note(\.lost, "cannot read \(acks)")
            return
        }
        let accounts = (try? store.accounts()) ?? []
        // A line without its newline was cut by the kill: not an acknowledgement.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines {
            let words = line.split(separator: " ").map(String.init)
            if words.count == 5, words[0] == "ack", words[1] == "record", let revision = Int(words[4]) {
                acknowledged += 1
                let key = words[2] + "/" + words[3]
                guard let seen = records[key] else {
                    note(\.lost, "\(key): acknowledged at revision \(revision), not on disk")
                    continue
                }
                if seen.revision < revision { note(\.lost, "\(key): acknowledged at revision \(revision), disk has \(seen.revision)") }
            } else if words.count == 4, words[0] == "ack", words[1] == "account" {
                acknowledged += 1
                let onDisk = accounts.contains { $0.login == words[2] && $0.workerID.rawValue == words[3] }
                if !onDisk || records[RecordKind.worker.rawValue + "/" + words[3]] == nil {
                    note(\.lost, "account \(words[2]) of \(words[3]): acknowledged, not on disk")
                }
            }
        }
    }
}
