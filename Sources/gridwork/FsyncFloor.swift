#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The least a durable save can cost on this disk, measured in the same run as gridwork's own
/// saves so the ratio holds when the machine is busy: write the file's bytes to a temporary
/// file, fsync it, rename it over the file, fsync the folder, then append an audit-sized line to
/// a log and fsync that. No checks, no encoding, no journal: plain system calls.
struct FsyncFloor {
    let folder: String

    /// Times `runs` rounds of the pattern on a file of `bytes` bytes; nil if the disk refuses.
    func measure(bytes: Int, runs: Int) -> [Duration]? {
        defer { remove() }
        var times: [Duration] = []
        for _ in 0..<runs {
            guard let time = once(bytes: bytes) else { return nil }
            times.append(time)
        }
        return times
    }

    /// Times one round, over the file the last round left (as a save replaces a file); nil if
    /// the disk refuses. Interleaved with the saves it is compared to, both meet the same load.
    func once(bytes: Int) -> Duration? {
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else { return nil }
        let content = [UInt8](repeating: UInt8(ascii: "x"), count: max(1, bytes))
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 300) + [UInt8(ascii: "\n")]
        let target = folder + "/file.json", temporary = folder + "/.file.json.tmp", log = folder + "/trail.jsonl"
        let clock = ContinuousClock()
        let start = clock.now
        guard Self.writeSynced(content, to: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC),
              rename(temporary, target) == 0, Self.syncFolder(folder),
              Self.writeSynced(line, to: log, flags: O_WRONLY | O_CREAT | O_APPEND) else { return nil }
        return clock.now - start
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    private static func writeSynced(_ bytes: [UInt8], to path: String, flags: Int32) -> Bool {
        let descriptor = open(path, flags | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        return written == bytes.count && fsync(descriptor) == 0
    }

    private static func syncFolder(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return fsync(descriptor) == 0
    }
}
