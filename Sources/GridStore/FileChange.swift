import Foundation

/// The bytes one change puts on disk, known whole before any of it is written: files replaced
/// whole, and lines appended to one file (the audit trail). `Journal.commit` makes it durable in
/// one write to the journal, then puts it in place.
struct FileChange {
    struct Replacement: Equatable {
        /// Relative to the data folder.
        let path: String
        let bytes: Data
        /// `Checksum.xxh64` of `bytes`: the journal's sum, and what memory notes the file by.
        let digest: UInt64
    }

    struct Append: Equatable {
        let path: String
        /// Where the lines go: the file's length up to its last whole line, so a line a crash cut
        /// short is written over.
        let at: Int
        let bytes: Data
    }

    private(set) var replacements: [Replacement] = []
    private(set) var append: Append?

    var isEmpty: Bool { replacements.isEmpty && append == nil }

    /// Replaces the file at `path` with `bytes`; a second replacement of one path keeps the last.
    /// Returns the bytes' digest.
    @discardableResult
    mutating func replace(_ path: String, with bytes: Data) -> UInt64 {
        let replacement = Replacement(path: path, bytes: bytes, digest: Checksum.xxh64(bytes))
        if let index = replacements.firstIndex(where: { $0.path == path }) {
            replacements[index] = replacement
        } else {
            replacements.append(replacement)
        }
        return replacement.digest
    }

    /// Appends `bytes` to the file at `path` from byte `at`. One file is appended to per change.
    mutating func append(_ bytes: Data, to path: String, at: Int) {
        append = Append(path: path, at: at, bytes: bytes)
    }
}
