#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The rollback journal that builds before the redo journal (`Journal`) wrote: what each file
/// held before a change, put back when the change was cut short. Only read now, so that a
/// change an older build left half made is still put back (or kept, when its audit entry shows
/// it whole) when this build first takes the folder's lock.
enum LegacyJournal {
    static let name = ".journal"

    /// True when an older build left a change here: its journal holds something.
    static func isPending(in folder: String) -> Bool {
        ((try? DurableFile.size(folder + "/" + name)) ?? 0) > 0
    }

    /// Rolls back the change an older build left, if any. The caller holds the folder's lock.
    static func recover(in folder: String) throws(StoreError) {
        let journal = folder + "/" + name
        guard let size = try DurableFile.size(journal), size > 0 else { return }
        // One that is there but cannot be read holds a change that may be half made: nothing is
        // written over it until a person looks.
        guard let data = try DurableFile.read(journal) else { return }
        try rollBack(data, in: folder)
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


    /// A journal as an older build wrote it (header line with `sums`, then the originals): for
    /// tests that hand this build one.
    static func encode(_ contents: Contents, bytes: [Data]) throws -> Data {
        var summed = contents
        summed.sums = bytes.map(Journal.sum)
        summed.checksum = nil
        var data = try JSONEncoder().encode(summed)
        data.append(UInt8(ascii: "\n"))
        for piece in bytes { data.append(piece) }
        return data
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
        if let sums = contents.sums, sums != pieces.compactMap({ $0 }).map(Journal.sum) { return nil }
        if let checksum = contents.checksum, checksum != Self.legacyChecksum(data[(newline + 1)...]) { return nil }
        return (contents, pieces)
    }

    /// Puts every file named in an older build's journal (`data`) back as it was, then empties
    /// the journal; a journal whose change is whole (its audit entry is on disk) is only
    /// emptied. The caller holds the folder's lock.
    static func rollBack(_ data: Data, in folder: String) throws(StoreError) {
        let journal = folder + "/" + name
        guard let (contents, pieces) = decode(data) else {
            // Written and synced before any file changed: one that does not read back whole was
            // never finished, so no file was touched.
            try DurableFile.truncate(journal, to: 0)
            return
        }
        if let committed = contents.committedAt, !committed.isEmpty,
           committed.allSatisfy({ reaches(folder + "/" + $0.key, from: contents.lengths[$0.key] ?? 0, to: $0.value) }) {
            try DurableFile.truncate(journal, to: 0)
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
        try DurableFile.truncate(journal, to: 0)
    }

    /// True when the file at `path` holds at least `end` bytes and those from `start` are whole
    /// lines with no zero byte in them (the lines a change appended, written and durable).
    private static func reaches(_ path: String, from start: Int, to end: Int) -> Bool {
        guard start >= 0, end > start, let data = FileManager.default.contents(atPath: path), data.count >= end else { return false }
        let appended = data[(data.startIndex + start)..<(data.startIndex + end)]
        return appended.last == UInt8(ascii: "\n") && !appended.contains(0)
    }

}
