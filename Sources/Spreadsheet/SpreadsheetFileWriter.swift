#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Puts an export's bytes under the name the user gave, whole or not at all.
///
/// An export is not data (the data folder is the truth), but a half-written spreadsheet left
/// under the target's name after a full disk or a kill would be handed in as if complete. So,
/// as the store's own `DurableFile` does: the bytes go to a temp file beside the target
/// (created exclusively, mode 0600 since it may hold personal data), fsynced, then moved onto
/// the name. On any failure the temp file is removed and the target is as it was.
///
/// An existing file is replaced only when `replacing` says so. Without it the move is a hard
/// link, which fails if the name was taken in the meantime; on file systems without hard links
/// (FAT on a USB stick) it falls back to looking first, then renaming.
public enum SpreadsheetFileWriter {
    /// Temp files end with this (the store's suffix too), and start with a dot.
    public static let temporarySuffix = ".gwtmp"

    public static func write(_ data: Data, to path: String, replacing: Bool) throws(SpreadsheetError) {
        try write(data, to: path, replacing: replacing) { descriptor, bytes, count in
            #if canImport(Glibc)
            Glibc.write(descriptor, bytes, count)
            #else
            Darwin.write(descriptor, bytes, count)
            #endif
        }
    }

    /// Refuses, before anything is written, what `write` would refuse or fail at for certain: a
    /// file already there (unless replacing), a folder under the name, a folder to write into
    /// that is missing or not writable. An export that reveals numbers checks this before it
    /// writes the reveal to the audit trail, so a refusal leaves no audit entry for nothing.
    public static func checkTarget(_ path: String, replacing: Bool) throws(SpreadsheetError) {
        var existing = stat()
        let exists = lstat(path, &existing) == 0
        if exists && (existing.st_mode & S_IFMT) == S_IFDIR { throw .isFolder(path: path) }
        if exists && !replacing { throw .exists(path: path) }
        let folder = (path as NSString).deletingLastPathComponent
        var folderStatus = stat()
        if stat(folder.isEmpty ? "." : folder, &folderStatus) != 0 { throw .io(.create, path: path, code: errno) }
        if (folderStatus.st_mode & S_IFMT) != S_IFDIR { throw .io(.create, path: path, code: ENOTDIR) }
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 { throw .io(.create, path: path, code: errno) }
    }

    /// `writeCall` is `write(2)`; tests pass one that fails as a full disk does.
    static func write(_ data: Data, to path: String, replacing: Bool,
                      writeCall: (Int32, UnsafeRawPointer, Int) -> Int) throws(SpreadsheetError) {
        try checkTarget(path, replacing: replacing)
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + "." + name + "." + String(getpid()) + "-"
            + String(UInt32.random(in: 0...UInt32.max), radix: 16) + temporarySuffix
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        // The error names the target: the temp file's name means nothing to the user.
        guard descriptor >= 0 else { throw .io(.create, path: path, code: errno) }

        var failure: SpreadsheetError?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = writeCall(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = .io(.write, path: path, code: errno)
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = .io(.sync, path: path, code: errno) }
        if close(descriptor) != 0, failure == nil { failure = .io(.write, path: path, code: errno) }
        if failure == nil { failure = move(temporary, to: path, replacing: replacing) }
        unlink(temporary)
        if let failure { throw failure }
        // Best effort: the file's bytes are on disk; a folder that cannot be synced (some network
        // and FUSE file systems refuse) only risks the name after a power cut, not a torn file.
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Gives the temp file the target's name; the caller removes the temp name afterwards (after
    /// a link both names exist, after a rename the unlink finds nothing).
    private static func move(_ temporary: String, to path: String, replacing: Bool) -> SpreadsheetError? {
        if replacing {
            return rename(temporary, path) == 0 ? nil : .io(.rename, path: path, code: errno)
        }
        if link(temporary, path) == 0 { return nil }
        let code = errno
        if code == EEXIST { return .exists(path: path) }
        guard [EPERM, EOPNOTSUPP, ENOTSUP, EXDEV, EMLINK, ENOSYS].contains(code) else { return .io(.rename, path: path, code: code) }
        // No hard links here: look, then rename (a file made in between would be replaced).
        var existing = stat()
        if lstat(path, &existing) == 0 { return .exists(path: path) }
        return rename(temporary, path) == 0 ? nil : .io(.rename, path: path, code: errno)
    }
}
