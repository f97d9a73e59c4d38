#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The folder's redo journal: a change touching several files (record files, the account book,
/// the audit trail and its head) lands whole or not at all, and waits on the disk once.
///
/// A change is known whole before anything is written (`FileChange`). Its new bytes go to the
/// end of `.redo-journal` as one record (a header line naming each file with the XXH64 of its new
/// bytes and of what they replace, then the bytes), and the journal is fsynced: that is the
/// commit. While that fsync runs on another thread, each file's bytes go to a temp file beside
/// it; once it returns they are swapped into place without waiting for the disk, the audit lines
/// are written at their offset, and a short line marks the record applied. SQLite's WAL is the
/// model: the journal, not each file, is what a power cut cannot take.
///
/// - A record cut short (its sums do not match) was never committed, and no file was touched.
/// - A committed record not marked applied (its writer died putting it in place) is played
///   again by the next holder of the lock, before anything reads.
/// - A journal written before the machine last started (its boot ID is another) is played
///   again whole: the files written without fsync may have lost their new bytes in a power cut.
/// - A checkpoint fsyncs every file the records name, then empties the journal: when it passes
///   `checkpointSize`, when a folder opens, and after records are played again.
///
/// Playing a record again writes a file only when it holds what the record replaced, bytes an
/// earlier record wrote, or nothing: a file changed by hand since is left as the person left it.
enum Journal {
    /// Not `.journal`, the older builds' rollback journal (`LegacyJournal`): an older build that
    /// found this one there would take it for its own, cut short, and empty it.
    static let name = ".redo-journal"

    /// A journal longer than this is checkpointed by the change that lengthened it: a year's
    /// cases file is 170 KB, so about twenty saves of it.
    static let checkpointSize = 4 << 20

    /// This boot of the machine. Empty where the kernel does not say, which makes every journal
    /// read as from another boot: played again in full, never trusted.
    static let bootID: String = {
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else { return "" }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// One record's header line.
    struct Header: Codable, Equatable {
        struct File: Codable, Equatable {
            let path: String
            let length: Int
            /// `sum` of the new bytes.
            let sum: String
            /// `sum` of what the file held before, nil when there was no file.
            let before: String?
        }
        struct Appended: Codable, Equatable {
            let path: String
            let at: Int
            let length: Int
            let sum: String
        }
        /// The format (1); an older build's rollback journal has no such key.
        let redo: Int
        /// Random per run of records between two checkpoints, so bytes a checkpoint left beyond
        /// the end are never read as this run's.
        let generation: String
        let sequence: Int
        let boot: String
        let files: [File]
        let append: Appended?
    }

    /// A record read back whole.
    struct Record {
        let header: Header
        /// The files' new bytes, in the header's order.
        let pieces: [Data]
        let appended: Data?
        var applied = false
    }

    /// `Checksum.xxh64` of `data`, in hex.
    static func sum(_ data: Data) -> String {
        String(Checksum.xxh64(data), radix: 16)
    }

    // MARK: - Committing a change

    /// Makes `change` durable in the journal, then puts it in place. `knownBytes` gives what a
    /// file holds, and its `Checksum.xxh64`, when the caller read it under the lock already (to
    /// put back if putting the change in place fails, and to know the file when played again).
    /// The caller holds the lock.
    ///
    /// Fails with nothing changed when the journal cannot take the record. When a file cannot be
    /// put in place, the files already replaced get their old bytes back and the record is taken
    /// out of the journal; if even that fails, the record stands and is played again now, and
    /// the change is reported saved but not confirmed (or, failing that too, by the next opener).
    /// `written` hears after each file is in place (how many of how many). `whileSyncing` runs
    /// while the journal's fsync does (work that needs no confirmation), told the stamps the
    /// files written beside their places so far will have in place. `fault` is for tests:
    /// an error it gives for a path is that file's write failing.
    ///
    /// Returns the removal of the files' old bytes, still under way on the helper thread: a
    /// caller waits for it, or leaves it running (see `Store.finishBackgroundWork`).
    static func commit(_ change: FileChange, in folder: String, knownBytes: (String) -> (bytes: Data, digest: UInt64)? = { _ in nil },
                       whileSyncing: (_ stamps: [String: FileStamp]) -> Void = { _ in }, fault: (String) -> StoreError? = { _ in nil },
                       written: (Int, Int) -> Void = { _, _ in }) throws(StoreError) -> HelperThread.Pending<Void>? {
        if change.isEmpty { return nil }
        let journal = folder + "/" + name
        var place = try appendingPlace(journal, in: folder)
        if place == nil {
            // A record not marked applied, or from another boot: settled before this one goes after it.
            try recover(in: folder)
            place = try appendingPlace(journal, in: folder)
        }
        guard let place else { throw .io(.write, path: journal, code: EIO) }

        var originals: [Data?] = []
        var files: [Header.File] = []
        for replacement in change.replacements {
            var original = knownBytes(replacement.path)
            if original == nil, let bytes = try DurableFile.read(folder + "/" + replacement.path) { original = (bytes, Checksum.xxh64(bytes)) }
            originals.append(original?.bytes)
            files.append(Header.File(path: replacement.path, length: replacement.bytes.count, sum: String(replacement.digest, radix: 16),
                                     before: original.map { String($0.digest, radix: 16) }))
        }
        let header = Header(redo: 1, generation: place.generation, sequence: place.sequence, boot: bootID, files: files,
                            append: change.append.map { Header.Appended(path: $0.path, at: $0.at, length: $0.bytes.count, sum: sum($0.bytes)) })
        guard var line = try? RecordCoding.encodeCompact(header) else { throw .io(.write, path: journal, code: EINVAL) }
        line.append(UInt8(ascii: "\n"))
        let segments = [line] + change.replacements.map(\.bytes) + (change.append.map { [$0.bytes] } ?? [])
        // While the disk takes the record, each file's bytes go to a temp file beside it (not in
        // place, and not waited for). A folder not made yet waits: making one syncs its parent.
        var temporaries: [DurableFile.Temporary?] = Array(repeating: nil, count: change.replacements.count)
        var early: StoreError?
        let end: Int
        do {
            end = try write(segments, toJournal: journal, at: place.start, in: folder) {
                for (index, replacement) in change.replacements.enumerated() where early == nil {
                    let full = folder + "/" + replacement.path
                    guard DurableFile.isFolder(DurableFile.split(full).folder) else { continue }
                    do throws(StoreError) {
                        temporaries[index] = try DurableFile.writeTemporary(replacement.bytes, for: full, synced: false)
                    } catch {
                        early = error
                    }
                }
                var stamps: [String: FileStamp] = [:]
                for (replacement, temporary) in zip(change.replacements, temporaries) {
                    if let stamp = temporary?.stamp { stamps[replacement.path] = stamp }
                }
                whileSyncing(stamps)
            }
        } catch {
            temporaries.forEach { $0.map(DurableFile.discard) }
            throw error
        }

        var swappedOut: [String] = []
        do throws(StoreError) {
            if let early { throw early }
            try put(change, &temporaries, swappedOut: &swappedOut, in: folder, fault: fault, written: written)
        } catch {
            // Those not put in place (`put` forgets each once it is).
            temporaries.forEach { $0.map(DurableFile.discard) }
            swappedOut.forEach(DurableFile.discard(swappedOut:))
            try undo(change, originals: originals, recordStart: place.start, failure: error, in: folder)
        }
        // Unlinking a year's cases frees its blocks, a quarter of a millisecond: done by the
        // helper thread while this one marks the record and the caller goes on.
        let removing = swappedOut.isEmpty ? nil : HelperThread.shared.start { [swappedOut] in swappedOut.forEach(DurableFile.discard(swappedOut:)) }
        let mark = Data("#applied \(place.sequence) \(place.generation) \(bootID)\n".utf8)
        let marked = (try? DurableFile.write([mark], into: journal, at: end, synced: false)) != nil
        // Unmarked, the next holder would play the record again: settled now instead.
        if !marked || end + mark.count > checkpointSize { try? checkpoint(in: folder) }
        return removing
    }

    /// After a change's files could not all be put in place: the files get their old bytes back,
    /// the record is taken out of the journal and `failure` goes up (nothing was saved). Where
    /// that cannot be done, the record stands and goes forward (played again now, or by the next
    /// holder of the lock): the change is saved, and reported not confirmed.
    private static func undo(_ change: FileChange, originals: [Data?], recordStart: Int, failure: StoreError,
                             in folder: String) throws(StoreError) -> Never {
        let journal = folder + "/" + name
        let unconfirmed = StoreError.notConfirmed(path: folder + "/" + (change.replacements.first?.path ?? change.append?.path ?? name))
        do {
            try putBack(change, originals: originals, in: folder)
        } catch {
            _ = try? recover(in: folder)
            throw unconfirmed
        }
        do {
            try DurableFile.truncate(journal, to: recordStart)
        } catch {
            // Cut (only its fsync failed): the change is back as it was. Not cut: it goes forward.
            if let size = try? DurableFile.size(journal), size <= recordStart { throw failure }
            _ = try? recover(in: folder)
            throw unconfirmed
        }
        throw failure
    }

    /// Where the next record goes: at the start of an empty journal (a new generation), or after
    /// the last record when it is marked applied in this boot. Nil when the journal must be
    /// recovered first.
    private static func appendingPlace(_ journal: String, in folder: String) throws(StoreError) -> (start: Int, generation: String, sequence: Int)? {
        guard let tail = try lastMark(journal) else {
            if try DurableFile.size(journal) ?? 0 > 0 { return nil }
            let generation = String(UInt64.random(in: 1...UInt64.max), radix: 16)
            return (0, generation, 1)
        }
        return (tail.end, tail.generation, tail.sequence + 1)
    }

    /// The journal's last line when it marks a record applied in this boot, read from the end.
    static func lastMark(_ journal: String) throws(StoreError) -> (end: Int, generation: String, sequence: Int)? {
        guard let size = try DurableFile.size(journal), size > 0 else { return nil }
        let window = min(size, 200)
        let tail = try DurableFile.read(journal, at: size - window, count: window)
        guard tail.last == UInt8(ascii: "\n") else { return nil }
        let body = tail.dropLast()
        guard let newline = body.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        let words = String(decoding: body[(newline + 1)...], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 4, words[0] == "#applied", let sequence = Int(words[1]), words[3] == bootID, !bootID.isEmpty else { return nil }
        return (size, String(words[2]), sequence)
    }

    /// True when the journal holds any record (in place or not).
    static func hasRecords(in folder: String) -> Bool {
        ((try? DurableFile.size(folder + "/" + name)) ?? 0) > 0
    }

    /// True when the journal holds a change not known to be in place: one cut short, or one
    /// from before the machine last started.
    static func isPending(in folder: String) -> Bool {
        if LegacyJournal.isPending(in: folder) { return true }
        let journal = folder + "/" + name
        guard let size = try? DurableFile.size(journal), size > 0 else { return false }
        return (try? lastMark(journal)) == nil
    }

    /// Writes the record at `start` and waits for the disk: the commit. A record that does not
    /// reach the disk is cut off again. Returns where the record ends.
    private static func write(_ segments: [Data], toJournal journal: String, at start: Int, in folder: String,
                              whileSyncing: () -> Void = {}) throws(StoreError) -> Int {
        let created = try DurableFile.size(journal) == nil
        do {
            let end = try DurableFile.write(segments, into: journal, at: start, synced: true, whileSyncing: whileSyncing)
            // A journal's first record needs its name in the folder to survive a power cut too.
            if created { try DurableFile.syncFolder(folder) }
            return end
        } catch {
            // Cut off again, the record never was. Written whole and not cut off (only the disk's
            // confirmation failed), it may be played later: it goes forward now instead.
            if (try? DurableFile.truncate(journal, to: start)) == nil,
               let size = try? DurableFile.size(journal), size >= start + segments.reduce(0, { $0 + $1.count }) {
                _ = try? recover(in: folder)
                throw .notConfirmed(path: journal)
            }
            throw error
        }
    }

    /// Puts the change's files in place, without waiting for the disk (the journal holds them):
    /// the temp files written while the journal synced, the others written now.
    /// The old bytes swapped out go to `swappedOut`, for the caller to remove.
    private static func put(_ change: FileChange, _ temporaries: inout [DurableFile.Temporary?], swappedOut: inout [String],
                            in folder: String, fault: (String) -> StoreError?, written: (Int, Int) -> Void) throws(StoreError) {
        for (index, replacement) in change.replacements.enumerated() {
            if let failure = fault(replacement.path), !failure.isNotConfirmed { throw failure }
            let full = folder + "/" + replacement.path
            if let temporary = temporaries[index] {
                // Forgotten first: put in place or removed by `putInPlace`, it is not to be discarded again.
                temporaries[index] = nil
                if let old = try DurableFile.putInPlace(temporary, swapping: true) { swappedOut.append(old) }
            } else {
                try DurableFile.makeFolder(DurableFile.split(full).folder)
                try DurableFile.write(replacement.bytes, to: full, synced: false)
            }
            written(index + 1, change.replacements.count)
        }
        if let append = change.append {
            let full = folder + "/" + append.path
            try DurableFile.makeFolder(DurableFile.split(full).folder)
            _ = try DurableFile.write([append.bytes], into: full, at: append.at, synced: false)
        }
    }

    /// Gives the files back what they held before `change`, and waits for the disk.
    private static func putBack(_ change: FileChange, originals: [Data?], in folder: String) throws(StoreError) {
        if let append = change.append, try DurableFile.size(folder + "/" + append.path) != nil {
            try DurableFile.truncate(folder + "/" + append.path, to: append.at)
        }
        for (replacement, original) in zip(change.replacements, originals) {
            let full = folder + "/" + replacement.path
            if let original {
                if try DurableFile.read(full) != original { try DurableFile.write(original, to: full) }
            } else if unlink(full) == 0 {
                // The name gone for good before the record goes, so no power cut brings the file back alone.
                try DurableFile.syncFolder((full as NSString).deletingLastPathComponent)
            } else if errno != ENOENT {
                throw .io(.remove, path: full, code: errno)
            }
        }
    }

    // MARK: - Reading, playing again, checkpoints

    /// The records of a journal, up to the first that is not whole or not of the first's run.
    static func records(in data: Data) -> [Record] {
        var records: [Record] = []
        var offset = data.startIndex
        let decoder = JSONDecoder()
        while offset < data.endIndex, let newline = data[offset...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = data[offset..<newline]
            if line.starts(with: Data("#applied ".utf8)) {
                let words = String(decoding: line, as: UTF8.self).split(separator: " ")
                guard let last = records.last, words.count == 4, Int(words[1]) == last.header.sequence,
                      words[2] == last.header.generation, words[3] == last.header.boot else { break }
                records[records.count - 1].applied = true
                offset = newline + 1
                continue
            }
            guard let header = try? decoder.decode(Header.self, from: line) else { break }
            if let last = records.last, header.generation != last.header.generation || header.sequence != last.header.sequence + 1 { break }
            var position = newline + 1
            var pieces: [Data] = []
            for file in header.files {
                guard file.length >= 0, data.endIndex - position >= file.length else { return records }
                let piece = data[position..<(position + file.length)]
                guard sum(piece) == file.sum else { return records }
                pieces.append(piece)
                position += file.length
            }
            var appended: Data?
            if let append = header.append {
                guard append.length >= 0, append.at >= 0, data.endIndex - position >= append.length else { return records }
                let piece = data[position..<(position + append.length)]
                guard sum(piece) == append.sum else { return records }
                appended = piece
                position += append.length
            }
            records.append(Record(header: header, pieces: pieces, appended: appended))
            offset = position
        }
        return records
    }

    /// Settles a journal a change left unsettled (under the folder's lock, before anything is
    /// read): an older build's journal is rolled back as that build would; records not marked
    /// applied, or all of them after a restart, are played again, and a checkpoint empties the
    /// journal. A journal marked applied in this boot is left for later changes to follow.
    ///
    /// `everyRecord` (when a folder opens) plays every record again, applied or not: files written
    /// without waiting for the disk can lose their bytes without a restart too (a removable disk
    /// pulled out, a network share dropped).
    static func recover(in folder: String, everyRecord: Bool = false) throws(StoreError) {
        try LegacyJournal.recover(in: folder)
        let journal = folder + "/" + name
        guard let size = try DurableFile.size(journal), size > 0 else { return }
        if !everyRecord, try lastMark(journal) != nil { return }
        // One that is there but cannot be read holds a change that may be half made: nothing is
        // written over it until a person looks.
        guard let data = try DurableFile.read(journal) else { return }
        let records = records(in: data)
        let fromThisBoot = !bootID.isEmpty && records.allSatisfy { $0.header.boot == bootID }
        try play(fromThisBoot && !everyRecord ? records.filter { !$0.applied } : records, among: records, in: folder)
        try checkpoint(records.map(\.header), in: folder)
    }

    /// Makes every file the journal names durable and empties it; a journal not settled is
    /// recovered (which ends in a checkpoint). Called when a folder opens, and by a change that
    /// makes the journal long.
    static func checkpoint(in folder: String) throws(StoreError) {
        let journal = folder + "/" + name
        guard let size = try DurableFile.size(journal), size > 0 else { return }
        guard try lastMark(journal) != nil else { return try recover(in: folder) }
        // Every record is in place: only their headers are needed, not their bytes.
        if let headers = try headers(journal, size: size) { return try checkpoint(headers, in: folder) }
        guard let data = try DurableFile.read(journal) else { return }
        try checkpoint(records(in: data).map(\.header), in: folder)
    }

    /// The records' header lines, read one by one and their bytes skipped; nil when one does
    /// not read as a header (then the journal is read whole).
    private static func headers(_ journal: String, size: Int) throws(StoreError) -> [Header]? {
        var headers: [Header] = []
        var offset = 0
        let decoder = JSONDecoder()
        while offset < size {
            // A header is a few hundred bytes; an import's, naming hundreds of files, more.
            var window = 4096
            var chunk = try DurableFile.read(journal, at: offset, count: min(window, size - offset))
            while chunk.firstIndex(of: UInt8(ascii: "\n")) == nil && window < size - offset && window < 16 << 20 {
                window *= 8
                chunk = try DurableFile.read(journal, at: offset, count: min(window, size - offset))
            }
            guard let newline = chunk.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let line = chunk[..<newline]
            offset += newline + 1
            if line.starts(with: Data("#applied ".utf8)) { continue }
            guard let header = try? decoder.decode(Header.self, from: line), header.files.allSatisfy({ $0.length >= 0 }),
                  (header.append?.length ?? 0) >= 0 else { return nil }
            headers.append(header)
            offset += header.files.reduce(0) { $0 + $1.length } + (header.append?.length ?? 0)
        }
        return headers
    }

    private static func checkpoint(_ headers: [Header], in folder: String) throws(StoreError) {
        var paths: [String] = []
        for header in headers {
            paths += header.files.map(\.path)
            if let append = header.append { paths.append(append.path) }
        }
        let files = Set(paths).sorted().map { folder + "/" + $0 }
        try DurableFile.sync(files)
        let folders = Set(files.map { DurableFile.split($0).folder })
        for parent in folders.sorted() { try DurableFile.syncFolder(parent) }
        try DurableFile.truncate(folder + "/" + name, to: 0)
    }

    /// Puts `records` in place again, in order. A file is written only when it holds what some
    /// record of the journal replaced or wrote, or nothing; the appended lines only where the
    /// file reaches their offset.
    private static func play(_ records: [Record], among all: [Record], in folder: String) throws(StoreError) {
        var known: [String: Set<String>] = [:]
        for record in all {
            for file in record.header.files {
                known[file.path, default: []].insert(file.sum)
                if let before = file.before { known[file.path, default: []].insert(before) }
            }
        }
        for record in records {
            for (file, bytes) in zip(record.header.files, record.pieces) {
                let full = folder + "/" + file.path
                let current = try DurableFile.read(full)
                if let current {
                    let now = sum(current)
                    if now == file.sum { continue }
                    // Changed by hand since the record: the person's bytes stay. The record's other
                    // files and its audit lines still go in: the change was made, the edit came after.
                    if !current.isEmpty && known[file.path]?.contains(now) != true { continue }
                }
                try DurableFile.makeFolder((full as NSString).deletingLastPathComponent)
                try DurableFile.write(bytes, to: full, synced: false)
            }
            if let append = record.header.append, let bytes = record.appended {
                let full = folder + "/" + append.path
                let size = try DurableFile.size(full) ?? 0
                // Lines before these missing are not this record's to invent; `audit verify` shows the gap.
                guard size >= append.at else { continue }
                try DurableFile.makeFolder((full as NSString).deletingLastPathComponent)
                if size >= append.at + bytes.count, try DurableFile.read(full, at: append.at, count: bytes.count) == bytes { continue }
                _ = try DurableFile.write([bytes], into: full, at: append.at, synced: false)
            }
        }
    }

}
