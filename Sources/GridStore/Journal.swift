#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The folder's rollback journal, so that a change touching several files (a record file, the
/// audit trail and its head; later accounts, moves, imports) lands whole or not at all.
///
/// Before the files change, what each held (or that it did not exist) and the length of each
/// file appended to are written to `.journal` and made durable. The files are then changed,
/// and the journal removed last: its removal is the change's commit. A journal found later (under
/// the lock) is a change cut short by a crash, a kill or a failed write: every file is put back
/// as it was, so no half of a change and no change without its audit entry survives. SQLite's
/// rollback journal is the model.
enum Journal {
    static let name = ".journal"

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
    }

    static func encode(_ contents: Contents, bytes: [Data]) throws(StoreError) -> Data {
        guard var data = try? JSONEncoder().encode(contents) else { throw .io(.write, path: name, code: EINVAL) }
        data.append(UInt8(ascii: "\n"))
        for piece in bytes { data.append(piece) }
        return data
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
        return offset == data.endIndex ? (contents, pieces) : nil
    }

    /// Runs `change`, which replaces the files at `paths` and appends to those at `appended`
    /// (relative to `folder`). The caller holds the folder's lock (`StoreLock`, which has already
    /// put back any change a dead holder left). When `change` throws, the files
    /// are put back and its error goes up: nothing was saved. A write the disk did not confirm
    /// (`.notConfirmed`) is kept: the change is in place, only the confirmation is missing.
    static func run<T>(in folder: String, replacing paths: [String], appending appended: [String],
                       _ change: () throws(StoreError) -> T) throws(StoreError) -> T {
        var originals: [Contents.Original] = []
        var bytes: [Data] = []
        for path in Set(paths).sorted() {
            let full = folder + "/" + path
            if FileManager.default.fileExists(atPath: full) {
                guard let data = FileManager.default.contents(atPath: full) else { throw .io(.read, path: full, code: errno == 0 ? EIO : errno) }
                originals.append(Contents.Original(path: path, length: data.count))
                bytes.append(data)
            } else {
                originals.append(Contents.Original(path: path, length: nil))
            }
        }
        var lengths: [String: Int] = [:]
        for path in appended { lengths[path] = try wholeLinesLength(folder + "/" + path) }
        let journal = folder + "/" + name
        do {
            try DurableFile.write(try encode(Contents(originals: originals, lengths: lengths), bytes: bytes), to: journal)
        } catch {
            // A journal that may not survive a power cut is no journal: nothing has changed yet,
            // and a journal the disk did not confirm must not read as a change saved unconfirmed.
            unlink(journal)
            if case .notConfirmed = error { throw .io(.sync, path: journal, code: EIO) }
            throw error
        }
        let result: T
        do {
            result = try change()
        } catch {
            guard case .notConfirmed = error else {
                try? rollBack(in: folder)
                throw error
            }
            try commit(journal, in: folder)
            throw error
        }
        try commit(journal, in: folder)
        return result
    }

    /// Removes the journal: the change is final. A removal the disk does not confirm is reported
    /// as such (after a power cut the journal could come back and undo the change).
    private static func commit(_ journal: String, in folder: String) throws(StoreError) {
        guard unlink(journal) == 0 else {
            let code = errno
            // The journal stays, so the next open would put the files back: do it now, truthfully.
            try? rollBack(in: folder)
            throw .io(.remove, path: journal, code: code)
        }
        do { try DurableFile.syncFolder(folder) } catch { throw .notConfirmed(path: journal) }
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

    /// Puts every file named in a journal left behind back as it was, then removes the journal.
    /// The caller holds the folder's lock.
    static func rollBack(in folder: String) throws(StoreError) {
        let journal = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: journal) else {
            // No journal is the usual case. One that is there but cannot be read holds a change
            // that may be half made: nothing is written over it until a person looks.
            if access(journal, F_OK) == 0 || errno != ENOENT { throw .io(.read, path: journal, code: EIO) }
            return
        }
        guard let (contents, pieces) = decode(data) else {
            // Written whole (a temp file renamed) before any file changed: one that does not read
            // back was never finished, so no file was touched.
            unlink(journal)
            return
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
        for (path, length) in contents.lengths {
            let full = folder + "/" + path
            guard FileManager.default.fileExists(atPath: full) else { continue }
            let descriptor = open(full, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .io(.write, path: full, code: errno) }
            defer { close(descriptor) }
            if ftruncate(descriptor, off_t(length)) != 0 || fsync(descriptor) != 0 { throw .io(.write, path: full, code: errno) }
        }
        guard unlink(journal) == 0 else { throw .io(.remove, path: journal, code: errno) }
        try DurableFile.syncFolder(folder)
    }
}
