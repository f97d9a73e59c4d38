import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

@Suite struct StoreTests {
    @Test func savedRecordsReadBackUnchanged() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var disputeCase = try #require(sample.store.records(DisputeCase.self, inGrid: SampleCommunity.gridOne).first)
        try disputeCase.advance(to: .heard, note: "网格员上门听取双方诉求", by: SampleCommunity.admin, at: Date())
        let saved = try sample.store.save(disputeCase)
        #expect(saved.meta.revision == 2)

        let reopened = try Store.open(folder.path)
        #expect(reopened.problems.isEmpty)
        #expect(reopened.allRecords(DisputeCase.self) == [saved])
        #expect(reopened.allRecords(Resident.self) == sample.store.allRecords(Resident.self))
        #expect(reopened.grids.map(\.code) == [SampleCommunity.gridOne, SampleCommunity.gridTwo])
        #expect(reopened.workers.count == 2)
        let summary = reopened.summary()
        #expect(summary.count(of: .household) == 2 && summary.count(of: .resident) == 2 && summary.count(of: .disputeCase) == 1)
    }

    @Test func filesFollowTheDocumentedLayout() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let year = Day(SampleCommunity.now, in: Timestamp.chinaStandardTime).year
        #expect(folder.allFiles() == [
            ".lock", ".redo-journal", "audit/head.json", "audit/trail.jsonl",
            "grids/420303001001001/cases/\(year).json", "grids/420303001001001/grid.json",
            "grids/420303001001001/households.json", "grids/420303001001001/residents.json",
            "grids/420303001001002/grid.json", "grids/420303001001002/households.json",
            "grids/420303001001002/residents.json", "gridwork.json", "workers.json",
        ])
        let text = try String(contentsOfFile: folder.path + "/grids/420303001001001/households.json", encoding: .utf8)
        #expect(text.contains("\"schema\" : 1") && text.contains("\"kind\" : \"household\""))
        #expect(text.contains("示例花园"), "Chinese is stored as itself, not escaped")
    }

    @Test func filesAreCreatedPrivateAndKeepTheModeTheyAreGiven() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001001/households.json"
        #expect(try mode(path) == 0o600)
        #expect(try mode(folder.path) == 0o700)
        #expect(chmod(path, 0o640) == 0)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "已走访"
        _ = try sample.store.save(household)
        #expect(try mode(path) == 0o640)
    }

    @Test func aSaveLeavesNoTempFileAndOpeningRemovesOrphans() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        #expect(!folder.allFiles().contains { $0.hasSuffix(".gwtmp") })
        let orphan = folder.path + "/grids/420303001001001/.households.json.999-abc.gwtmp"
        #expect(FileManager.default.createFile(atPath: orphan, contents: Data("{".utf8)))
        _ = try Store.open(folder.path)
        #expect(!FileManager.default.fileExists(atPath: orphan))
    }

    /// Drafts are written without the lock: a temp file a crashed writer left in `drafts/` goes
    /// at the next open, one whose writer still runs (this process) stays (issue 15).
    @Test func aDraftTempFileGoesOnceItsWriterIsGone() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        try DraftFolder(dataFolder: folder.path).write(Data("{}".utf8), for: SampleCommunity.admin)
        // A process id that runs no process: the highest Linux hands out, plus one.
        let dead = folder.path + "/drafts/.W-admin.json.4194305-1f" + DurableFile.temporarySuffix
        let alive = folder.path + "/drafts/.W-admin.json.\(getpid())-2e" + DurableFile.temporarySuffix
        for path in [dead, alive] { #expect(FileManager.default.createFile(atPath: path, contents: Data("{".utf8))) }
        _ = try Store.open(folder.path)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/drafts/W-admin.json"), "the draft itself stays")
    }

    /// A folder where a data file should be is said to be one, not reported as a failing disk.
    @Test func aFolderInPlaceOfADataFileIsNamedAsSuch() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let households = folder.path + "/grids/420303001001001/households.json"
        try FileManager.default.removeItem(atPath: households)
        try FileManager.default.createDirectory(atPath: households, withIntermediateDirectories: false)
        let store = try Store.open(folder.path)
        let problem = try #require(store.problems.first { $0.path == households })
        #expect(problem.formatted(in: .en).hasSuffix("cannot be read: it is a folder where a file should be"), "\(problem.formatted(in: .en))")
        #expect(problem.formatted(in: .zh).contains("这是一个文件夹"))
        try? FileManager.default.removeItem(atPath: folder.path + "/" + StoreLayout.accounts)
        try FileManager.default.createDirectory(atPath: folder.path + "/" + StoreLayout.accounts, withIntermediateDirectories: false)
        #expect { _ = try AccountBook.read(folder.path) } throws: { error in
            "\(error)".contains("folder where a file should be")
        }
    }

    /// Schema numbers no gridwork wrote are refused, in the manifest and the accounts alike.
    @Test func aSchemaNumberNoGridworkWroteIsRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let manifest = folder.path + "/" + StoreLayout.manifest
        let original = try String(contentsOfFile: manifest, encoding: .utf8)
        try original.replacingOccurrences(of: "\"schema\" : 1", with: "\"schema\" : 0").write(toFile: manifest, atomically: false, encoding: .utf8)
        #expect { try Store.open(folder.path) } throws: { error in
            guard case StoreError.fileHasProblems(let problem) = error else { return false }
            return problem.formatted(in: .en).hasSuffix("schema 0 is not a valid version")
        }
        try original.write(toFile: manifest, atomically: false, encoding: .utf8)
        let book = #"{"accounts": [], "community": {"check": "", "cost": {"n": 32768, "p": 1, "r": 8}, "salt": ""}, "schema": 7}"#
        try Data(book.utf8).write(to: URL(fileURLWithPath: folder.path + "/" + StoreLayout.accounts))
        #expect { _ = try AccountBook.read(folder.path) } throws: { error in
            "\(error)".contains("schema 7 cannot be read")
        }
    }

    @Test func aStaleCopyCannotOverwriteNewerData() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let first = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let second = try Store.open(folder.path, unsecuredActor: SampleCommunity.workerTwo)
        var mine = try #require(first.allRecords(Household.self).first)
        var theirs = try #require(second.allRecords(Household.self).first)
        theirs.notes = "乙先保存"
        let savedAt = SampleCommunity.now.addingTimeInterval(3600)
        _ = try second.save(theirs, at: savedAt)
        mine.notes = "甲后保存"
        do {
            _ = try first.save(mine)
            Issue.record("the stale save was accepted")
        } catch {
            guard case .staleRecord(let kind, let changedBy, let changedAt, _) = error else { throw error }
            #expect(kind == .household && changedBy == "网格员乙" && changedAt == savedAt)
            #expect(error.message(in: .en).contains("网格员乙 changed this record at"))
            #expect(error.message(in: .zh).contains("网格员乙 已于"))
        }
        #expect(try Store.open(folder.path).allRecords(Household.self).first?.notes == "乙先保存")
    }

    @Test func aNewRecordWithAnExistingIDIsRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var copy = try #require(sample.store.allRecords(Household.self).first)
        copy.meta.revision = 0
        #expect(throws: StoreError.self) { try sample.store.save(copy) }
    }

    @Test func theStoreRefusesARewrittenTimeline() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let stored = try #require(sample.store.allRecords(DisputeCase.self).first)
        let json = try String(decoding: RecordCoding.encoder().encode(stored), as: UTF8.self)
        let edited = try RecordCoding.decoder().decode(DisputeCase.self, from: Data(json.replacingOccurrences(of: "\"kind\" : \"raised\"", with: "\"kind\" : \"raised\", \"note\" : \"改写\"").utf8))
        #expect(edited.timeline != stored.timeline)
        do {
            _ = try sample.store.save(edited)
            Issue.record("a rewritten timeline was saved")
        } catch {
            guard case .invalid(_, let violations) = error else { throw error }
            #expect(violations == [RuleViolation("timeline", .timelineRewritten)])
        }
    }

    @Test func invalidRecordsAreNotSaved() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var resident = try #require(sample.store.allRecords(Resident.self).first)
        resident.phone = "1234"
        #expect(throws: StoreError.self) { try sample.store.save(resident) }
        #expect(try Store.open(folder.path).allRecords(Resident.self).first?.phone == nil)
    }

    /// A save that changes the file a household lives in moves it, audited as a move (see `MoveTests`);
    /// a case, whose number is of its year, still cannot change file.
    @Test func aRecordNeverSilentlyChangesFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.gridCode = SampleCommunity.gridTwo
        _ = try sample.store.save(household)
        #expect(sample.store.records(Household.self, inGrid: SampleCommunity.gridTwo).count == 2)
        #expect(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).isEmpty)
        #expect(sample.store.audit.history(of: household.id.rawValue).last?.action == .move)
        var disputeCase = try #require(sample.store.allRecords(DisputeCase.self).first)
        disputeCase.raisedOn = disputeCase.raisedOn.adding(days: -400)
        #expect { try sample.store.save(disputeCase) } throws: { error in
            guard case StoreError.cannotMove(.disputeCase, _, _) = error else { return false }
            return true
        }
    }

    @Test func aCorruptFileIsReportedWhereItIsWrongAndTheRestStillLoads() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001001/households.json"
        let broken = "{\n  \"schema\" : 1,\n  \"kind\" : \"household\",\n  \"records\" : [ 中 ]\n}\n"
        try broken.write(toFile: path, atomically: false, encoding: .utf8)

        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        #expect(store.problems.map { $0.formatted(in: .en) } == [path + ":4:17: invalid JSON: unexpected character '中'"])
        #expect(store.records(Household.self, inGrid: SampleCommunity.gridTwo).count == 1)
        #expect(store.allRecords(Resident.self).count == 2)
        #expect(store.summary().count(of: .household) == 1)

        var other = try #require(store.records(Household.self, inGrid: SampleCommunity.gridTwo).first)
        other.notes = "另一个网格照常保存"
        _ = try store.save(other)
        let newHousehold = Household(meta: RecordMeta.new(by: SampleCommunity.admin, at: Date(), prefix: "H"),
                                     gridCode: SampleCommunity.gridOne, microGrid: nil,
                                     address: Address(compound: "示例花园", building: "9栋", unit: "", room: "901"), residency: .rented)
        #expect(throws: StoreError.self) { try store.save(newHousehold) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken, "the broken file is never overwritten")
    }

    /// A duplicate key or a trailing comma that Foundation's decoder would take is refused with
    /// its position, in a data file, the manifest and the accounts; the file is not written over.
    @Test func notStrictJSONIsRefusedWhereItStands() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let households = folder.path + "/grids/420303001001001/households.json"
        let original = try String(contentsOfFile: households, encoding: .utf8)
        let duplicated = original.replacingOccurrences(of: "\"schema\" : 1", with: "\"schema\" : 1,\n  \"schema\" : 2")
        #expect(duplicated != original)
        try duplicated.write(toFile: households, atomically: false, encoding: .utf8)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let problem = try #require(store.problems.first { $0.path == households })
        #expect(problem.formatted(in: .en).hasSuffix("invalid JSON: duplicate key \"schema\""), "\(problem.formatted(in: .en))")
        #expect(store.records(Household.self, inGrid: SampleCommunity.gridOne).isEmpty)
        var other = try #require(store.records(Household.self, inGrid: SampleCommunity.gridTwo).first)
        other.notes = "别的文件照常保存"
        _ = try store.save(other)
        #expect(try String(contentsOfFile: households, encoding: .utf8) == duplicated, "the file is never written over")

        // A trailing comma, and a number out of range, each where it stands.
        let trailing = original.replacingOccurrences(of: "\n  ],\n  \"schema\"", with: ",\n  ],\n  \"schema\"")
        #expect(trailing != original)
        try trailing.write(toFile: households, atomically: false, encoding: .utf8)
        let again = try Store.open(folder.path)
        #expect(again.problems.first { $0.path == households }?.formatted(in: .en).contains("invalid JSON: trailing comma") == true)
        try original.replacingOccurrences(of: "\"schema\" : 1", with: "\"schema\" : 1e999").write(toFile: households, atomically: false, encoding: .utf8)
        let huge = try #require(try Store.open(folder.path).problems.first { $0.path == households })
        #expect(huge.position != TextPosition(line: 1, column: 1) && huge.formatted(in: .en).hasSuffix("number out of range"), "\(huge.formatted(in: .en))")

        // The manifest: refused outright, as a folder that cannot be opened.
        let manifest = folder.path + "/" + StoreLayout.manifest
        let manifestText = try String(contentsOfFile: manifest, encoding: .utf8)
        try manifestText.replacingOccurrences(of: "\"schema\" : 1", with: "\"schema\" : 1,\n  \"schema\" : 2").write(toFile: manifest, atomically: false, encoding: .utf8)
        #expect { try Store.open(folder.path) } throws: { error in
            guard case StoreError.fileHasProblems(let problem) = error else { return false }
            return problem.path == manifest && problem.formatted(in: .en).hasSuffix("duplicate key \"schema\"")
        }
    }

    @Test func aRuleBrokenInAFileIsReportedAtItsFieldWithoutThePersonalData() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001002/residents.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let number = try #require(text.firstMatch(of: /"idNumber" : "(\d{17})(.)"/))
        let wrongCheck = number.output.2 == "1" ? "2" : "1"
        try text.replacingOccurrences(of: String(number.output.1) + String(number.output.2), with: number.output.1 + wrongCheck)
            .write(toFile: path, atomically: false, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("\"idNumber\"") })
        let line = index + 1
        let column = try #require(lines[index].firstRange(of: "\"420399")).lowerBound.utf16Offset(in: lines[index]) + 1

        let problems = try Store.open(folder.path).problems
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.position == TextPosition(line: line, column: column))
        #expect(problem.formatted(in: .en).hasSuffix("ID number (records[0].idNumber): the check character does not match the first 17 digits (GB 11643); check for a typing error"))
        #expect(problem.formatted(in: .zh).contains("身份证号（records[0].idNumber）：校验码与前 17 位不符"))
        #expect(!problem.formatted(in: .en).contains(String(number.output.1)))
    }

    @Test func aFileFromANewerGridworkIsLeftAlone() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001001/households.json"
        let newer = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"schema\" : 1", with: "\"schema\" : 7")
        try newer.write(toFile: path, atomically: false, encoding: .utf8)
        let lines = newer.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("\"schema\" : 7") }) + 1
        let column = try #require(lines[line - 1].firstRange(of: "7")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        let store = try Store.open(folder.path)
        #expect(store.problems.first?.formatted(in: .en) == path + ":\(line):\(column): written by a newer gridwork (schema 7); this one reads schema 1 and will not change the file")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == newer)
    }

    @Test func aMissingFieldPointsAtTheRecordThatLacksIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = folder.path + "/workers.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"name\" : \"管理员甲\",", with: "")
        #expect(edited != text)
        try edited.write(toFile: path, atomically: false, encoding: .utf8)
        let recordLine = try #require(edited.components(separatedBy: "\n").firstIndex { $0.hasSuffix("\"records\" : [") }) + 2
        let problem = try #require(try Store.open(folder.path).problems.first)
        #expect(problem.formatted(in: .en).hasSuffix(": missing field name (records[0].name)"))
        #expect(problem.position == TextPosition(line: recordLine, column: 5))
    }

    @Test func theSummaryCacheFollowsChangesMadeByAnotherCopy() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        _ = try Store.open(folder.path)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + StoreLayout.summaryCache))
        let other = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        var disputeCase = try #require(other.allRecords(DisputeCase.self).first)
        try disputeCase.advance(to: .heard, note: "听取诉求", by: SampleCommunity.admin, at: Date())
        _ = try other.save(disputeCase)
        let summary = try Store.open(folder.path).summary()
        #expect(summary.cases.map(\.stage) == [.heard])
    }

    @Test func aRecordedVisitTakesAResidentOffTheOverdueList() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let today = Day(Date(), in: .chinaStandard)
        #expect(Overview(sample.store.summary(), today: today).taggedResidentsOverdue == 2, "two elderly residents, never visited")
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.lastVisit = today
        _ = try sample.store.save(household)
        #expect(Overview(sample.store.summary(), today: today).taggedResidentsOverdue == 1)
        sample.store.writeSummaryCache()
        #expect(Overview(try Store.open(folder.path).summary(), today: today).taggedResidentsOverdue == 1)
        #expect(Overview(try Store.open(folder.path).summary(), today: today.adding(days: 8)).taggedResidentsOverdue == 2)
    }

    @Test func openingSomethingElseSaysSo() {
        #expect(throws: StoreError.self) { try Store.open("/nonexistent/gridwork") }
        let message = StoreError.notADataFolder(path: "/tmp/x").message(in: .zh)
        #expect(message.contains("不是 gridwork 数据目录"))
    }

    @Test func aFullDiskIsNamedAndTheTempFileRemoved() {
        let error = StoreError.io(.write, path: "/data/grids/x/households.json", code: ENOSPC)
        #expect(error.message(in: .en) == "/data/grids/x/households.json: could not write it: the disk is full. Nothing on disk was changed.")
        #expect(error.message(in: .zh).contains("磁盘已满"))
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }
}
