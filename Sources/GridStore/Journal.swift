#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The folder's rollback journal, so that a change touching several files (a record file, the
/// audit trail and its head; later accounts, moves, imports) lands whole or not at all.
///
/// Before the files change, what each held (or that it did not exist) and the length of each
/// file appended to are written to `.journal` and made durable. The files are then changed,
/// and the journal emptied last: that is the change's commit. A journal found with something in
/// it later (under the lock) is a change cut short by a crash, a kill or a failed write: every
/// file is put back as it was, so no half of a change and no change without its audit entry
/// survives. SQLite's rollback journal (in its `PERSIST` mode) is the model.
///
/// The file stays, empty, between changes: writing into a file that exists needs no fsync of the
/// folder, as creating and removing one would. A change with an audit entry is whole once that
/// entry is durable (the files were made durable before it), so emptying its journal need not
/// wait for the disk either: a journal that comes back after a power cut is recognised by the
/// audit trail reaching the length it names (`committedAt`) and is dropped, not played back.
enum Journal {
    static let name = ".journal"

    /// True while a change is under way in `folder`, or was cut short there: its journal holds something.
    static func isPending(in folder: String) -> Bool {
        var info = stat()
        return stat(folder + "/" + name, &info) == 0 && info.st_size > 0
    }

    /// What the files held before the change. On disk: this as one JSON line, then the files'
    /// bytes one after another (raw, so a journal costs no more than the files it keeps).
    struct Contents: Codable {
        struct Original: Codable {
            let path: String
            /// The file's length, nil when it did not exist.
            let length: Int?
        }
        let originals: [Original]
        /// Files only appended to (the audit trail), by their length before the change.
        let lengths: [String: Int]
        /// An appended file's length once the change's lines are in it: reached, the change is whole.
        var committedAt: [String: Int]?
        /// XXH64 of each original's bytes after the header line, in hex and in order: a journal
        /// written over an older one and cut short by a power cut is not taken for either.
        var sums: [String]?
        /// FNV-1a of all the bytes after the header line, as journals written before `sums` carry
        /// it (read, never written).
        var checksum: String?
    }

    /// The journal as it goes to disk: the header line, then each original's bytes. Kept as
    /// pieces, written one after another: a file kept here can be 200 KB, and copying it into one
    /// buffer cost more than writing it.
    static func segments(_ contents: Contents, bytes: [Data]) throws(StoreError) -> [Data] {
        var summed = contents
        summed.sums = bytes.map(sum)
        summed.checksum = nil
        guard var header = try? JSONEncoder().encode(summed) else { throw .io(.write, path: name, code: EINVAL) }
        header.append(UInt8(ascii: "\n"))
        return [header] + bytes
    }

    /// The journal's bytes in one piece (`segments` joined).
    static func encode(_ contents: Contents, bytes: [Data]) throws(StoreError) -> Data {
        try segments(contents, bytes: bytes).reduce(into: Data()) { $0.append($1) }
    }

    /// `Checksum.xxh64` of `data`, in hex.
    static func sum(_ data: Data) -> String {
        String(data.withUnsafeBytes { Checksum.xxh64($0) }, radix: 16)
    }

    /// `Checksum.fnv1a` of `data`, in hex: the checksum of journals written before `sum`.
    static func legacyChecksum(_ data: Data) -> String {
        String(data.withUnsafeBytes { Checksum.fnv1a($0) }, radix: 16)
    }

    /// The header and each original's bytes (nil for a file that did not exist), or nil when the
    /// journal is not one this code wrote whole.
    static func decode(_ data: Data) -> (Contents, [Data?])? {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")),
              let contents = try? JSONDecoder().decode(Contents.self, from: data[data.startIndex..<newline]) else { return nil }
        var offset = newline + 1
        var pieces: [Data?] = []
        for original in contents.originals {
            guard let length = original.length else {
                pieces.append(nil)
                continue
            }
            guard length >= 0, offset + length <= data.endIndex else { return nil }
            pieces.append(data[offset..<offset + length])
            offset += length
        }
        guard offset == data.endIndex else { return nil }
        if let sums = contents.sums, sums != pieces.compactMap({ $0 }).map(sum) { return nil }
        if let checksum = contents.checksum, checksum != Self.legacyChecksum(data[(newline + 1)...]) { return nil }
        return (contents, pieces)
    }

    /// Runs `change`, which replaces the files at `paths` and appends to those at `appended`
    /// (relative to `folder`). The caller holds the folder's lock (`StoreLock`, which has already
    /// put back any change a dead holder left). When `change` throws, the files
    /// are put back and its error goes up: nothing was saved. A write the disk did not confirm
    /// (`.notConfirmed`) is kept: the change is in place, only the confirmation is missing.
    ///
    /// `committedBy` names an appended file and how many bytes `change` appends to it last, after
    /// every other file is durable: the audit trail, whose entry then commits the change.
    /// `knownBytes` gives what a file holds when the caller read it under the lock already.
    static func run<T>(in folder: String, replacing paths: [String], appending appended: [String],
                       committedBy commit: (path: String, bytes: Int)? = nil,
                       knownBytes: (String) -> Data? = { _ in nil },
                       _ change: () throws(StoreError) -> T) throws(StoreError) -> T {
        var originals: [Contents.Original] = []
        var bytes: [Data] = []
        for path in Set(paths).sorted() {
            let full = folder + "/" + path
            if let data = knownBytes(path) {
                originals.append(Contents.Original(path: path, length: data.count))
                bytes.append(data)
            } else if FileManager.default.fileExists(atPath: full) {
                guard let data = FileManager.default.contents(atPath: full) else { throw .io(.read, path: full, code: errno == 0 ? EIO : errno) }
                originals.append(Contents.Original(path: path, length: data.count))
                bytes.append(data)
            } else {
                originals.append(Contents.Original(path: path, length: nil))
            }
        }
        var lengths: [String: Int] = [:]
        for path in appended { lengths[path] = try wholeLinesLength(folder + "/" + path) }
        var contents = Contents(originals: originals, lengths: lengths)
        if let commit, let before = lengths[commit.path], commit.bytes > 0 { contents.committedAt = [commit.path: before + commit.bytes] }
        let journal = folder + "/" + name
        do {
            try write(try segments(contents, bytes: bytes), toJournal: journal, in: folder)
        } catch {
            // A journal that may not survive a power cut is no journal: nothing has changed yet,
            // and a journal the disk did not confirm must not read as a change saved unconfirmed.
            _ = truncate(journal, 0)
            throw error
        }
        let result: T
        do {
            result = try change()
        } catch {
            guard case .notConfirmed = error else {
                // This process saw the change fail: it goes back, audit entry and all.
                try? rollBack(in: folder, evenIfCommitted: true)
                throw error
            }
            // Saved but not confirmed: the journal goes only once the disk says so.
            try finish(journal, in: folder, synced: true)
            throw error
        }
        try finish(journal, in: folder, synced: contents.committedAt == nil)
        return result
    }

    /// Makes the journal of the change under way one its audit entry does not commit: called when
    /// a file of the change was not confirmed by the disk, so that after a power cut that lost the
    /// file but kept the entry, the change is put back rather than kept without its file.
    static func withdrawCommit(in folder: String) throws(StoreError) {
        let journal = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: journal), let (contents, pieces) = decode(data) else {
            throw .io(.read, path: journal, code: EIO)
        }
        guard contents.committedAt != nil else { return }
        var withdrawn = contents
        withdrawn.committedAt = nil
        // Replaced whole (a temp file, fsync, rename), not written over in place: the header is
        // shorter, so every piece would move, and a power cut part way through would leave a
        // journal that reads as never finished while the change's files have already changed.
        do {
            try DurableFile.write(try encode(withdrawn, bytes: pieces.compactMap { $0 }), to: journal)
        } catch {
            // Unconfirmed here is a failure: the change must go back, not be kept without its entry.
            if case .notConfirmed = error { throw .io(.sync, path: journal, code: EIO) }
            throw error
        }
    }

    /// Puts the journal's bytes in place and waits for the disk. The file is written over where it
    /// is; only the first journal of a folder is created, and its folder synced.
    private static func write(_ segments: [Data], toJournal journal: String, in folder: String) throws(StoreError) {
        var descriptor = open(journal, O_RDWR | O_CLOEXEC)
        var created = false
        if descriptor < 0 && errno == ENOENT {
            descriptor = open(journal, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            created = true
        }
        guard descriptor >= 0 else { throw .io(.create, path: journal, code: errno) }
        defer { close(descriptor) }
        var end = 0
        for segment in segments {
            let written = segment.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int in
                var offset = 0
                while offset < buffer.count, let base = buffer.baseAddress {
                    let count = pwrite(descriptor, base + offset, buffer.count - offset, off_t(end + offset))
                    if count < 0 {
                        if errno == EINTR { continue }
                        return -1
                    }
                    // Nothing written and no error: asking again would never end.
                    if count == 0 {
                        errno = EIO
                        return -1
                    }
                    offset += count
                }
                return offset
            }
            guard written == segment.count else { throw .io(.write, path: journal, code: errno == 0 ? EIO : errno) }
            end += written
        }
        guard ftruncate(descriptor, off_t(end)) == 0 else { throw .io(.write, path: journal, code: errno) }
        guard fsync(descriptor) == 0 else { throw .io(.sync, path: journal, code: errno) }
        if created { try DurableFile.syncFolder(folder) }
    }

    /// Empties the journal: the change is final. `synced` waits for the disk, for a change that
    /// has no audit entry to show it whole after a power cut; a change that has one does not wait.
    /// Emptying that fails puts the change back (the next open would), and says so.
    private static func finish(_ journal: String, in folder: String, synced: Bool) throws(StoreError) {
        let descriptor = open(journal, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0, ftruncate(descriptor, 0) == 0 else {
            let code = errno
            if descriptor >= 0 { close(descriptor) }
            // The journal stays, so the next open might put the files back: do it now, truthfully.
            try? rollBack(in: folder, evenIfCommitted: true)
            throw .io(.remove, path: journal, code: code)
        }
        defer { close(descriptor) }
        if synced && fsync(descriptor) != 0 { throw .notConfirmed(path: journal) }
    }

    /// The length of `path` up to the end of its last whole line (0 when it does not exist): an
    /// appended file is put back to there, so a line a crash cut short never hides a new one.
    static func wholeLinesLength(_ path: String) throws(StoreError) -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return 0 }
            throw .io(.read, path: path, code: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(.read, path: path, code: errno) }
        var end = Int(info.st_size)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while end > 0 {
            let start = max(0, end - chunk.count)
            let count = end - start
            let read = pread(descriptor, &chunk, count, off_t(start))
            guard read == count else { throw .io(.read, path: path, code: read < 0 ? errno : EIO) }
            if let newline = chunk[..<count].lastIndex(of: UInt8(ascii: "\n")) { return start + newline + 1 }
            end = start
        }
        return 0
    }

    /// Puts every file named in a journal left behind back as it was, then empties the journal;
    /// a journal whose change is whole (its audit entry is on disk) is only emptied, unless
    /// `evenIfCommitted` (the process making the change saw it fail). The caller holds the
    /// folder's lock.
    static func rollBack(in folder: String, evenIfCommitted: Bool = false) throws(StoreError) {
        let journal = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: journal) else {
            // No journal is the usual case. One that is there but cannot be read holds a change
            // that may be half made: nothing is written over it until a person looks.
            if access(journal, F_OK) == 0 || errno != ENOENT { throw .io(.read, path: journal, code: EIO) }
            return
        }
        if data.isEmpty { return }
        guard let (contents, pieces) = decode(data) else {
            // Written and synced before any file changed: one that does not read back whole was
            // never finished, so no file was touched.
            try clear(journal)
            return
        }
        if !evenIfCommitted, let committed = contents.committedAt, !committed.isEmpty,
           committed.allSatisfy({ reaches(folder + "/" + $0.key, from: contents.lengths[$0.key] ?? 0, to: $0.value) }) {
            try clear(journal)
            return
        }
        // The appended files first: cut back, the audit entry no longer commits the change, so a
        // roll-back stopped part way (a full disk, a kill) is rolled back again, never kept.
        for (path, length) in contents.lengths.sorted(by: { $0.key < $1.key }) {
            let full = folder + "/" + path
            guard FileManager.default.fileExists(atPath: full) else { continue }
            let descriptor = open(full, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .io(.write, path: full, code: errno) }
            defer { close(descriptor) }
            if ftruncate(descriptor, off_t(length)) != 0 || fsync(descriptor) != 0 { throw .io(.write, path: full, code: errno) }
        }
        for (original, piece) in zip(contents.originals, pieces) {
            let full = folder + "/" + original.path
            if let piece {
                try DurableFile.makeFolder((full as NSString).deletingLastPathComponent)
                try DurableFile.write(piece, to: full)
            } else if unlink(full) != 0 && errno != ENOENT {
                throw .io(.remove, path: full, code: errno)
            }
        }
        try clear(journal)
    }

    /// True when the file at `path` holds at least `end` bytes and those from `start` are whole
    /// lines with no zero byte in them (the lines a change appended, written and durable).
    private static func reaches(_ path: String, from start: Int, to end: Int) -> Bool {
        guard start >= 0, end > start, let data = FileManager.default.contents(atPath: path), data.count >= end else { return false }
        let appended = data[(data.startIndex + start)..<(data.startIndex + end)]
        return appended.last == UInt8(ascii: "\n") && !appended.contains(0)
    }

    /// Empties the journal and waits for the disk, so what was just decided is not decided again.
    private static func clear(_ journal: String) throws(StoreError) {
        let descriptor = open(journal, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(.remove, path: journal, code: errno) }
        defer { close(descriptor) }
        guard ftruncate(descriptor, 0) == 0, fsync(descriptor) == 0 else { throw .io(.remove, path: journal, code: errno) }
    }
}
