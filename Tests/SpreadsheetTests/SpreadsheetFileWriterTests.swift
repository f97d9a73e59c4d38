#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Spreadsheet
import TestSupport

/// An export lands whole under its name or not at all, and replaces a file only when asked.
struct SpreadsheetFileWriterTests {
    func folder() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        return folder
    }

    @Test func writesTheBytesReadableByTheOwnerAlone() throws {
        let folder = try folder()
        defer { folder.remove() }
        let path = folder.path + "/out.csv"
        try SpreadsheetFileWriter.write(Data("a,b\r\n".utf8), to: path, replacing: false)
        #expect(FileManager.default.contents(atPath: path) == Data("a,b\r\n".utf8))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(folder.allFiles() == ["out.csv"], "no temp file is left")
    }

    @Test func refusesAnExistingFileUnlessReplacing() throws {
        let folder = try folder()
        defer { folder.remove() }
        let path = folder.path + "/out.csv"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SpreadsheetError.exists(path: path)) {
            try SpreadsheetFileWriter.write(Data("new".utf8), to: path, replacing: false)
        }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        try SpreadsheetFileWriter.write(Data("new".utf8), to: path, replacing: true)
        #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
        #expect(folder.allFiles() == ["out.csv"])
    }

    @Test func aFullDiskLeavesNoFileUnderTheNameAndNoTempFile() throws {
        let folder = try folder()
        defer { folder.remove() }
        let path = folder.path + "/out.xlsx"
        var calls = 0
        // The first write goes through, the second finds the disk full: half a file was written.
        let fullDisk: (Int32, UnsafeRawPointer, Int) -> Int = { descriptor, bytes, count in
            calls += 1
            if calls == 1 { return Glibc.write(descriptor, bytes, min(count, 4)) }
            errno = ENOSPC
            return -1
        }
        #expect(throws: SpreadsheetError.io(.write, path: path, code: ENOSPC)) {
            try SpreadsheetFileWriter.write(Data(repeating: 65, count: 100), to: path, replacing: false, writeCall: fullDisk)
        }
        #expect(folder.allFiles().isEmpty)

        // Replacing: the old file stays as it was.
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        calls = 0
        #expect(throws: SpreadsheetError.io(.write, path: path, code: ENOSPC)) {
            try SpreadsheetFileWriter.write(Data(repeating: 65, count: 100), to: path, replacing: true, writeCall: fullDisk)
        }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        #expect(folder.allFiles() == ["out.xlsx"])
    }

    @Test func aMissingFolderOrAFolderAsTargetIsSaidPlainly() throws {
        let folder = try folder()
        defer { folder.remove() }
        let missing = folder.path + "/no/such/out.csv"
        #expect(throws: SpreadsheetError.io(.create, path: missing, code: ENOENT)) {
            try SpreadsheetFileWriter.write(Data(), to: missing, replacing: false)
        }
        #expect(throws: SpreadsheetError.isFolder(path: folder.path)) {
            try SpreadsheetFileWriter.write(Data(), to: folder.path, replacing: true)
        }
    }
}

/// What can be told before writing: the checks an audited export makes first.
struct SpreadsheetTargetTests {
    @Test func aTakenNameAMissingFolderAndAFileAsFolderAreRefusedBeforeWriting() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        defer { folder.remove() }
        let taken = folder.path + "/taken.csv"
        try Data().write(to: URL(fileURLWithPath: taken))
        #expect(throws: SpreadsheetError.exists(path: taken)) { try SpreadsheetFileWriter.checkTarget(taken, replacing: false) }
        try SpreadsheetFileWriter.checkTarget(taken, replacing: true)
        try SpreadsheetFileWriter.checkTarget(folder.path + "/free.csv", replacing: false)
        let missing = folder.path + "/no/free.csv"
        #expect(throws: SpreadsheetError.io(.create, path: missing, code: ENOENT)) { try SpreadsheetFileWriter.checkTarget(missing, replacing: false) }
        let underFile = taken + "/free.csv"
        #expect(throws: SpreadsheetError.io(.create, path: underFile, code: ENOTDIR)) { try SpreadsheetFileWriter.checkTarget(underFile, replacing: false) }
        #expect(folder.allFiles() == ["taken.csv"])
    }
}
