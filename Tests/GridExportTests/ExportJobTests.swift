import Foundation
import Testing
import GridExport
import GridModel
import GridStore
import Spreadsheet
import TestSupport

/// Who may export what, the audit before the file, and nothing half-written.
struct ExportJobTests {
    struct AuditFailed: Error {}

    func folder() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        return folder
    }

    @Test func aGridWorkerExportsTheirOwnGridsAndIsToldWhatWasLeftOut() throws {
        let folder = try folder()
        defer { folder.remove() }
        let job = ExportJob(kind: .residents, source: ExportFixture.source, language: .zh, path: folder.path + "/r.csv")
        let outcome = try job.run(as: ExportFixture.gridWorker, folderHasAccounts: true) { _ throws(StoreError) in
            Issue.record("nothing is revealed, so nothing is audited")
        }
        #expect(outcome.rows == 2 && outcome.leftOut == 1 && outcome.format == .csv)
        let text = String(decoding: try #require(FileManager.default.contents(atPath: job.path)), as: UTF8.self)
        #expect(text.contains("居民甲") && !text.contains("居民丙"))

        let supervisor = ExportJob(kind: .residents, source: ExportFixture.source, language: .zh, path: folder.path + "/s.xlsx")
        let all = try supervisor.run(as: ExportFixture.supervisor, folderHasAccounts: true) { _ throws(StoreError) in }
        #expect(all.rows == 3 && all.leftOut == 0 && all.format == .xlsx)
    }

    @Test func onlyAnAdminRevealsAndNothingIsWrittenWhenRefused() throws {
        let folder = try folder()
        defer { folder.remove() }
        let job = ExportJob(kind: .residents, source: ExportFixture.source, language: .en, reveal: true, path: folder.path + "/r.csv")
        for worker in [ExportFixture.gridWorker, ExportFixture.supervisor] {
            do throws(ExportError) {
                _ = try job.run(as: worker, folderHasAccounts: true) { _ throws(StoreError) in Issue.record("refused before any audit") }
                Issue.record("\(worker.name) may not reveal")
            } catch {
                guard case .refused(.revealAdminOnly(_)) = error else { throw error }
                #expect(error.message(in: .en).contains("only the community admin can export full ID and phone numbers"))
            }
        }
        do throws(ExportError) {
            _ = try job.run(as: nil, folderHasAccounts: false) { _ throws(StoreError) in }
            Issue.record("a folder without accounts has no admin to reveal")
        } catch {
            guard case .revealNeedsLogin = error else { throw error }
        }
        #expect(folder.allFiles().isEmpty)
    }

    @Test func anAdminsRevealIsAuditedBeforeTheFileExistsAndAFailedAuditWritesNothing() throws {
        let folder = try folder()
        defer { folder.remove() }
        let path = folder.path + "/r.xlsx"
        let job = ExportJob(kind: .residents, source: ExportFixture.source, language: .zh, reveal: true, path: path)
        var audited: [RevealedNumbers] = []
        let outcome = try job.run(as: ExportFixture.admin, folderHasAccounts: true) { reveals throws(StoreError) in
            #expect(!FileManager.default.fileExists(atPath: path), "the audit comes first")
            audited = reveals
        }
        #expect(outcome.rows == 3)
        #expect(audited.map(\.record.rawValue) == ["P-1", "P-2", "P-3"])

        let again = ExportJob(kind: .residents, source: ExportFixture.source, language: .zh, reveal: true, path: folder.path + "/again.xlsx")
        do throws(ExportError) {
            _ = try again.run(as: ExportFixture.admin, folderHasAccounts: true) { _ throws(StoreError) in
                throw StoreError.io(.write, path: "audit/trail.jsonl", code: ENOSPC)
            }
            Issue.record("a reveal that cannot be audited is not exported")
        } catch {
            guard case .audit = error else { throw error }
            #expect(error.message(in: .zh).contains("磁盘已满"))
        }
        #expect(folder.allFiles() == ["r.xlsx"])

        // A file already there is refused before the audit: no entry for an export that never was.
        do throws(ExportError) {
            _ = try job.run(as: ExportFixture.admin, folderHasAccounts: true) { _ throws(StoreError) in
                Issue.record("refused before any audit")
            }
            Issue.record("the file exists")
        } catch {
            guard case .file(.exists) = error else { throw error }
        }
    }

    @Test func anExistingFileIsKeptUnlessReplacingAndTheMessageSaysHow() throws {
        let folder = try folder()
        defer { folder.remove() }
        let path = folder.path + "/cases.csv"
        try Data("kept".utf8).write(to: URL(fileURLWithPath: path))
        let job = ExportJob(kind: .cases, source: ExportFixture.source, language: .zh, path: path)
        do throws(ExportError) {
            _ = try job.run(as: ExportFixture.admin, folderHasAccounts: true) { _ throws(StoreError) in }
            Issue.record("the file exists")
        } catch {
            #expect(error.message(in: .zh).contains("文件已存在，未覆盖"))
            #expect(error.message(in: .en).contains("--force"))
        }
        #expect(FileManager.default.contents(atPath: path) == Data("kept".utf8))
        var replacing = job
        replacing.replacing = true
        #expect(try replacing.run(as: ExportFixture.admin, folderHasAccounts: true) { _ throws(StoreError) in }.rows == 1)

        let missing = ExportJob(kind: .cases, source: ExportFixture.source, language: .en, path: folder.path + "/no/such/cases.csv")
        do throws(ExportError) {
            _ = try missing.run(as: ExportFixture.admin, folderHasAccounts: true) { _ throws(StoreError) in }
            Issue.record("no such folder")
        } catch {
            #expect(error.message(in: .en).contains("the folder \(folder.path)/no/such does not exist"), "\(error.message(in: .en))")
        }
    }

    @Test func theStoreWritesOneRevealEntryPerRecordAndRefusesANonAdminItself() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let reveals = [RevealedNumbers(kind: .resident, record: RecordID("P-1"), fields: ["idNumber"]),
                       RevealedNumbers(kind: .resident, record: RecordID("P-2"), fields: ["idNumber", "phone"])]
        try sample.store.recordBulkReveal(reveals, at: SampleCommunity.now)
        let entries = sample.store.audit.allEntries().filter { $0.action == .reveal }
        #expect(entries.map(\.record) == ["P-1", "P-2"])
        #expect(entries.map(\.fields) == [["idNumber"], ["idNumber", "phone"]])
        #expect(entries.allSatisfy { $0.actor == "W-admin" && $0.kind == .resident })
        #expect(sample.store.audit.verify().isIntact)

        // The grid worker's own store is refused by the store, whatever its caller checked.
        let asWorker = try Store.open(folder.path, unsecuredActor: SampleCommunity.workerTwo)
        do throws(StoreError) {
            try asWorker.recordBulkReveal(reveals, at: SampleCommunity.now)
            Issue.record("a grid worker may not reveal in bulk")
        } catch {
            guard case .refused(.revealAdminOnly(_)) = error else { throw error }
        }
        #expect(sample.store.audit.allEntries().filter { $0.action == .reveal }.count == 2)
    }
}

/// Paths typed in the dashboard, made absolute.
struct ExportPathTests {
    @Test func homeAndRelativePathsBecomeAbsolute() {
        #expect(ExportJob.resolvedPath("~/居民.xlsx", home: "/home/gw", workingDirectory: "/srv") == "/home/gw/居民.xlsx")
        #expect(ExportJob.resolvedPath("out/cases.csv", home: "/home/gw", workingDirectory: "/srv/") == "/srv/out/cases.csv")
        #expect(ExportJob.resolvedPath("/tmp/../tmp/a b.csv", home: nil, workingDirectory: "/srv") == "/tmp/a b.csv")
        #expect(ExportJob.resolvedPath("~someone/x.csv", home: "/home/gw", workingDirectory: "/srv") == "/srv/~someone/x.csv")
    }
}
