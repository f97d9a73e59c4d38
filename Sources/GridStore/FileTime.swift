#if canImport(Glibc)
import Glibc
#endif
import CFileSystem

/// A moment on the wall clock, to the nanosecond, as the kernel gives file times. On a local
/// Linux file system a file's change time (ctime) is one no program can set back: `touch -d`
/// and `utimensat` restore the modification time in a `FileStamp`, but any write, rename or
/// restore moves the change time on. Not so everywhere (see `changeTimesAreLocal`).
struct FileTime: Hashable, Comparable, Sendable {
    let seconds: Int64
    let nanoseconds: Int64

    init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// When the file `info` describes last changed.
    init(changeOf info: stat) {
        self.init(seconds: Int64(info.st_ctim.tv_sec), nanoseconds: Int64(info.st_ctim.tv_nsec))
    }

    /// True when `folder` is on a local file system whose change times the kernel keeps itself
    /// (ext2/3/4, XFS, Btrfs, tmpfs, F2FS, ZFS). Not on NFS or SMB (`stat` may answer from a cache
    /// for up to a minute, and an SMB client can set a change time), FUSE, or FAT and exFAT (no
    /// change time of their own): there every file is compared by its bytes.
    static func changeTimesAreLocal(at folder: String) -> Bool {
        let local: Set<Int> = [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0xF2F5_2010, 0x2FC1_2FC1]
        return local.contains(gw_file_system_type(folder))
    }

    static func now() -> FileTime {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        return FileTime(seconds: Int64(clock.tv_sec), nanoseconds: Int64(clock.tv_nsec))
    }

    static func < (left: FileTime, right: FileTime) -> Bool {
        (left.seconds, left.nanoseconds) < (right.seconds, right.nanoseconds)
    }

    /// This change time, if it lies more than `margin` seconds before `reading` (when the file's
    /// bytes were read). The file was then settled when read: any later write gives it another
    /// change time. A write just after one it had just before could share its tick of a coarse
    /// clock (ext4 stamps times from one that moves every few milliseconds, FAT every two
    /// seconds) and leave size, inode and both times as they were: the racy case git's index
    /// knows too. Such a file is compared by its bytes instead.
    func settled(readAt reading: FileTime, margin: Int64) -> FileTime? {
        FileTime(seconds: seconds + margin, nanoseconds: nanoseconds) < reading ? self : nil
    }
}
