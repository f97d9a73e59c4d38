#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFileSystem
import Foundation
import Synchronization

/// Writes files so that after a crash or power cut each one is either wholly old or wholly new.
///
/// Foundation's atomic write on Linux does not fsync the folder, resets a 0600 file to 0644 and
/// leaves readable temp files behind after a crash, so the routine is spelled out here: a temp
/// file created exclusively with mode 0600, written, fsynced, renamed over the target, and the
/// folder fsynced so the rename itself survives.
enum DurableFile {
    /// Temp files end with this, so that the next start can find and remove what a crash left.
    static let temporarySuffix = ".gwtmp"

    /// `synced: false` skips both fsyncs, for files whose bytes the journal holds: it plays them
    /// again after a power cut, and a checkpoint makes them durable. Such a file is swapped with
    /// the one it replaces rather than renamed over it (see `move`).
    static func write(_ data: Data, to path: String, synced: Bool = true) throws(StoreError) {
        if let swappedOut = try putInPlace(writeTemporary(data, for: path, synced: synced), swapping: !synced) {
            discard(swappedOut: swappedOut)
        }
        if !synced { return }
        do {
            try syncFolder(split(path).folder)
        } catch {
            // The new file is in place; only the disk's confirmation is missing.
            throw StoreError.notConfirmed(path: path)
        }
    }

    /// A file's new bytes written beside it under a temp name, not yet in place.
    struct Temporary {
        let path: String
        let target: String
        /// The target was a regular file when the bytes were written: it may be swapped with it.
        let replaces: Bool
        /// The stamp the file has, and keeps once put in place (a rename or swap leaves inode,
        /// size and modification time as they are); nil if it could not be told.
        let stamp: FileStamp?
    }

    /// Writes `data` to a new temp file beside `path`, with `path`'s mode (0600 for a new file).
    /// `synced` waits for the disk.
    static func writeTemporary(_ data: Data, for path: String, synced: Bool) throws(StoreError) -> Temporary {
        let (folder, name) = split(path)
        let temporary = folder + "/." + name + "." + String(getpid()) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16) + temporarySuffix

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.io(.create, path: temporary, code: errno) }
        var failure: StoreError?
        // Keep the mode the user gave the file (0600 by default).
        var existing = stat()
        let exists = stat(path, &existing) == 0
        if exists, fchmod(descriptor, existing.st_mode & 0o7777) != 0 {
            failure = .io(.write, path: path, code: errno)
        }
        if failure == nil { failure = writeAll(data, to: descriptor, path: path) }
        if failure == nil, synced, fsync(descriptor) != 0 { failure = .io(.sync, path: path, code: errno) }
        var written = stat()
        let stamp = failure == nil && fstat(descriptor, &written) == 0 ? FileStamp(written) : nil
        if close(descriptor) != 0, failure == nil { failure = .io(.write, path: path, code: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // Only a regular file is swapped: a folder where the file should be fails as a rename would.
        return Temporary(path: temporary, target: path, replaces: exists && existing.st_mode & S_IFMT == S_IFREG, stamp: stamp)
    }

    /// Puts a temp file in place (see `move`); when it cannot be, the temp file is removed.
    /// Returns the path that holds the old bytes once swapped, for the caller to `discard`.
    static func putInPlace(_ temporary: Temporary, swapping: Bool) throws(StoreError) -> String? {
        switch move(temporary.path, to: temporary.target, swapping: swapping && temporary.replaces) {
        case .failure(let failure):
            unlink(temporary.path)
            throw failure
        case .success(let swapped):
            return swapped ? temporary.path : nil
        }
    }

    /// Removes a temp file that is not to be put in place.
    static func discard(_ temporary: Temporary) {
        unlink(temporary.path)
    }

    /// Removes the old bytes a swap left under a temp name (see `putInPlace`). The file is in
    /// place either way: one failed unlink is tried again, and a temp file still left is
    /// removed when the folder next opens.
    static func discard(swappedOut path: String) {
        if unlink(path) != 0 && errno != ENOENT { unlink(path) }
    }

    /// Puts the file at `temporary` in place at `path`: true when swapped (the old bytes are then
    /// under the temp name). A file renamed over another makes ext4 start writing it out there
    /// and then (`auto_da_alloc`, a guard for programs that never fsync), a third of a
    /// millisecond for a year's cases. A write the journal holds needs no such guard, so with
    /// `swapping` the two are exchanged instead (renameat2, as atomic as a rename: a reader finds
    /// the old file or the new one, never none). Where the file system cannot swap, a plain rename.
    private static func move(_ temporary: String, to path: String, swapping: Bool) -> Result<Bool, StoreError> {
        func renamed() -> Result<Bool, StoreError> {
            rename(temporary, path) == 0 ? .success(false) : .failure(.io(.rename, path: path, code: errno))
        }
        if swapping && !cannotSwap.load(ordering: .relaxed) {
            if let code = FaultPoint.failure("posix/io/dir/rename") { return .failure(.io(.rename, path: path, code: code)) }
            if gw_exchange_paths(temporary, path) == 0 { return .success(true) }
            let code = errno
            switch code {
            case EINVAL, ENOSYS, EOPNOTSUPP:
                // A file system that cannot swap: renamed from now on, asking the fault point once.
                cannotSwap.store(true, ordering: .relaxed)
                return renamed()
            case ENOENT:
                // The file was removed since: the temp file takes its name.
                return renamed()
            default:
                return .failure(.io(.rename, path: path, code: code))
            }
        }
        return renamed()
    }

    /// Set once a swap was refused as unsupported (NFS, some FUSE and overlay file systems).
    private static let cannotSwap = Atomic<Bool>(false)

    /// Adds `data` at the end of `path` (created 0600 if missing) and waits for the disk. A line
    /// cut short by a crash is cut off first (`validLength`), so the next line starts clean.
    static func append(_ data: Data, to path: String, validLength: Int? = nil) throws(StoreError) {
        let isNew = !FileManager.default.fileExists(atPath: path)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.io(.create, path: path, code: errno) }
        var failure: StoreError?
        if let validLength, ftruncate(descriptor, off_t(validLength)) != 0 { failure = .io(.write, path: path, code: errno) }
        if failure == nil { failure = writeAll(data, to: descriptor, path: path) }
        if failure == nil, fsync(descriptor) != 0 { failure = .io(.sync, path: path, code: errno) }
        if close(descriptor) != 0, failure == nil { failure = .io(.write, path: path, code: errno) }
        if let failure { throw failure }
        if isNew { try syncFolder((path as NSString).deletingLastPathComponent) }
    }

    /// Writes `segments` one after another into `path` (created 0600 if missing) from byte
    /// `offset`, and ends the file there: what was beyond is cut off. Returns where they end.
    /// `synced` waits for the disk.
    /// `whileSyncing` runs on this thread while another waits for the disk (only when `synced`):
    /// work that needs no confirmation yet is done in the meantime.
    static func write(_ segments: [Data], into path: String, at offset: Int, synced: Bool,
                      whileSyncing: () -> Void = {}) throws(StoreError) -> Int {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.io(.create, path: path, code: errno) }
        defer { close(descriptor) }
        // Cut only when something lies beyond (a record withdrawn, a line torn): a journal or
        // trail ends where the next write starts, and ext4 charges for a cut that cuts nothing.
        var info = stat()
        if fstat(descriptor, &info) != 0 || Int(info.st_size) != offset, ftruncate(descriptor, off_t(offset)) != 0 {
            throw StoreError.io(.write, path: path, code: errno)
        }
        var end = offset
        for segment in segments {
            if let failure = writeAll(segment, to: descriptor, path: path, at: end) { throw failure }
            end += segment.count
        }
        if synced {
            let syncing = HelperThread.shared.start { fsync(descriptor) == 0 ? 0 : errno }
            whileSyncing()
            let code = syncing.wait() ?? EIO
            if code != 0 { throw StoreError.io(.sync, path: path, code: code) }
        }
        return end
    }

    /// Cuts `path` to `length` bytes and waits for the disk.
    static func truncate(_ path: String, to length: Int) throws(StoreError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(.write, path: path, code: errno) }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw StoreError.io(.write, path: path, code: errno) }
        guard fsync(descriptor) == 0 else { throw StoreError.io(.sync, path: path, code: errno) }
    }

    /// Waits for the disk to hold what was written to `path`; a file no longer there has nothing to wait for.
    /// Makes each of `paths` durable (a missing one is skipped). The disk is first asked to
    /// start writing them all, then each is waited for: one file at a time, a checkpoint of
    /// some twenty files written without waiting took 15–20 ms, each fsync its own round trip.
    static func sync(_ paths: [String]) throws(StoreError) {
        // Sixty-four at a time: an import names hundreds of files, more than a process may hold open.
        for start in stride(from: 0, to: paths.count, by: 64) {
            var open: [(path: String, descriptor: Int32)] = []
            defer { for file in open { close(file.descriptor) } }
            for path in paths[start..<min(start + 64, paths.count)] {
                let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
                if descriptor < 0 {
                    if errno == ENOENT { continue }
                    throw StoreError.io(.sync, path: path, code: errno)
                }
                open.append((path, descriptor))
                // Only a head start: the fsync below is what is waited for.
                _ = gw_start_writeback(descriptor)
            }
            for file in open where fsync(file.descriptor) != 0 { throw StoreError.io(.sync, path: file.path, code: errno) }
        }
    }

    /// The file's length, nil when there is no file.
    static func size(_ path: String) throws(StoreError) -> Int? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(.read, path: path, code: errno)
        }
        return Int(info.st_size)
    }

    /// The file's bytes, nil when there is no file.
    static func read(_ path: String) throws(StoreError) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(.read, path: path, code: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        return try readAll(descriptor, path: path, sizeHint: fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0)
    }

    /// Everything from an open descriptor's position to the end, in as few reads as `sizeHint`
    /// (the size fstat gave) allows: FileHandle reads 4 KB a call, fifty calls for a year's cases,
    /// and a save reads two such files. A file that grew since is read to its new end.
    static func readAll(_ descriptor: Int32, path: String, sizeHint: Int) throws(StoreError) -> Data {
        // One byte more than expected, so the end is found by the next read, not by a larger buffer.
        let bytes = ByteBuilder(capacity: max(sizeHint, 0) + 1)
        while true {
            let got = bytes.read(from: descriptor)
            if got < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(.read, path: path, code: errno)
            }
            if got == 0 { break }
        }
        return bytes.data()
    }

    /// `count` bytes of the file from byte `offset`; fewer there is a failure.
    static func read(_ path: String, at offset: Int, count: Int) throws(StoreError) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(.read, path: path, code: errno) }
        defer { close(descriptor) }
        var data = Data(count: count)
        var done = 0
        while done < count {
            let got = data.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + done }, count - done, off_t(offset + done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw StoreError.io(.read, path: path, code: got < 0 ? errno : EIO) }
            done += got
        }
        return data
    }

    /// Creates a folder (mode 0700) and any missing parents, each made durable in its parent.
    static func makeFolder(_ path: String) throws(StoreError) {
        if isFolder(path) { return }
        var info = stat()
        if stat(path, &info) == 0 { throw StoreError.io(.create, path: path, code: ENOTDIR) }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try makeFolder(parent) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw StoreError.io(.create, path: path, code: errno) }
        try syncFolder(parent.isEmpty ? "." : parent)
    }

    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// `path` cut at its last slash: the folder it is in (`.` for a bare name) and its name. Not
    /// NSString's path methods, which cost a save more than the rest of putting a file in place.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    static func syncFolder(_ path: String) throws(StoreError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(.sync, path: path, code: errno) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 { throw StoreError.io(.sync, path: path, code: errno) }
    }

    /// True for the names `write` gives its temp files.
    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.hasSuffix(temporarySuffix) }

    /// True for a temp file whose writer (the process id in its name) is no longer running: left
    /// by a crash, for files written without the folder's lock (drafts), where a live writer's
    /// temp file must be left alone. A name without a process id is taken as left behind.
    static func isLeftByDeadWriter(_ name: String) -> Bool {
        guard isTemporary(name) else { return false }
        let stem = name.dropLast(temporarySuffix.count)
        guard let dot = stem.lastIndex(of: "."), let pid = Int32(stem[stem.index(after: dot)...].prefix { $0 != "-" }), pid > 0 else { return true }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Writes all of `data` at the descriptor's position, or at `offset` when given.
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String, at offset: Int? = nil) -> StoreError? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> StoreError? in
            var done = 0
            while done < buffer.count {
                guard let base = buffer.baseAddress else { return nil }
                let written = offset.map { pwrite(descriptor, base + done, buffer.count - done, off_t($0 + done)) }
                    ?? Glibc.write(descriptor, base + done, buffer.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    return .io(.write, path: path, code: errno)
                }
                // Nothing written and no error: a disk that takes no more would be asked forever.
                if written == 0 { return .io(.write, path: path, code: EIO) }
                done += written
            }
            return nil
        }
    }
}
