#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An exclusive `flock` on the data folder's lock file, held for each read-modify-write, so that
/// two copies of gridwork on one folder take turns. The kernel drops it if the holder dies; a
/// change it was making is then settled by the next holder, before anything reads (see `Journal`).
struct StoreLock {
    let path: String

    func withExclusiveLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.io(.lock, path: path, code: errno) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { throw StoreError.io(.lock, path: path, code: errno) }
        }
        defer { flock(descriptor, LOCK_UN) }
        try Journal.recover(in: (path as NSString).deletingLastPathComponent)
        return try body()
    }

    /// Runs `body` under the lock only if no one holds it now; its errors are dropped. For
    /// housekeeping that must never wait (a store going away).
    func ifFree(_ body: () throws(StoreError) -> Void) {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return }
        defer { flock(descriptor, LOCK_UN) }
        try? body()
    }
}
