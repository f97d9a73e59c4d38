import Foundation
import Testing
@testable import GridStore
import TestSupport

/// A file's change time, which a save trusts in place of its bytes once the file had settled.
@Suite struct FileTimeTests {
    @Test func aChangeTimeIsSettledOnlyWhenItLiesMoreThanTheMarginBeforeTheRead() {
        let changed = FileTime(seconds: 1_000, nanoseconds: 500)
        #expect(changed.settled(readAt: FileTime(seconds: 1_010, nanoseconds: 500), margin: 10) == nil)
        #expect(changed.settled(readAt: FileTime(seconds: 1_010, nanoseconds: 501), margin: 10) == changed)
        #expect(changed.settled(readAt: FileTime(seconds: 1_005, nanoseconds: 0), margin: 10) == nil)
        // A change time ahead of this machine's clock (another machine's, a clock set back) never settles.
        #expect(changed.settled(readAt: FileTime(seconds: 999, nanoseconds: 0), margin: 0) == nil)
    }

    @Test func aWriteMovesTheChangeTimeThatRestoringTheModificationTimeCannotSetBack() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let path = folder.path + "/file.json"
        try Data("{\"a\": 1}\n".utf8).write(to: URL(fileURLWithPath: path))
        var before = stat()
        #expect(stat(path, &before) == 0)
        // Past the kernel's coarse clock tick, so the two changes cannot share one.
        Thread.sleep(forTimeInterval: 0.05)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("{\"a\": 2}\n".utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(FileStamp(after) == FileStamp(before))
        #expect(FileTime(changeOf: after) > FileTime(changeOf: before))
    }
}
