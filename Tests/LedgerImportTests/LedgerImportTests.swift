import Foundation
import Testing
import GridModel
@testable import GridStore
@testable import LedgerImport
import Spreadsheet
import TestSupport

/// A household ledger brought in: headers, values, problems where a person finds them, people
/// matched on file, roles, and one change with one audit entry, or nothing.
@Suite(.serialized) struct LedgerImportTests {
    typealias F = LedgerFixture

    @Test func headerVariantsATitleRowAndLooselyWrittenAddressesAreRecognised() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let head = F.id("1950-03-01", 11), wife = F.id("1952-04-05", 22)
        let csv = """
            某某社区人口台账（2026年）,,,,,,,,,,,,,,,,,,
            序号,所属网格,小区名称,楼号,单元号,门牌号,房屋性质,户主,与户主的关系,*姓名,性别,出生年月日,公民身份号码（18位）,手机号码,特殊人群,人员状态,备注,民族,
            1,第1网格,示例花园,3号楼,2,501,租住,赵一,本人,赵一,,,\(head),138 0000 0001,独居老人、党员;残疾,在住,,汉,
            2,第1网格,示例花园,3栋,２单元,501室,租住,赵一,妻,钱二,女,1952/04/05,\(wife.lowercased()),,低保户 流动人口,外出,腿脚不便,汉,

            """
        let (plan, _) = try fixture.plan(csv, options: ImportOptions(mappings: [ColumnMapping(column: "序号", field: .ignore)]))
        #expect(plan.problems.isEmpty, "\(plan.problems.map { $0.line(file: "-", in: .en) })")
        #expect(plan.rows == 2)
        #expect(plan.unknownColumns == ["民族"], "a column with data no field takes is named; an empty one without data is not")
        #expect(plan.ignoredColumns == ["序号"])
        #expect(plan.grids == [F.gridOne])
        let household = try #require(plan.newHouseholds.first)
        #expect(plan.newHouseholds.count == 1, "3号楼/3栋, 2/２单元 and 501/501室 are one address")
        #expect(household.address == Address(compound: "示例花园", building: "3号楼", unit: "2", room: "501"), "as the first row writes it")
        #expect(household.residency == .rented && household.tags == ["低保户"])
        let people = plan.newResidents
        #expect(people.map(\.name) == ["赵一", "钱二"])
        #expect(people.allSatisfy { $0.householdID == household.id && $0.gridCode == F.gridOne })
        #expect(people[0].relation == .head && people[0].gender == .male && people[0].birthDate.iso == "1950-03-01", "gender and birth date from the ID number")
        #expect(people[0].phone == "13800000001" && people[0].tags == [.elderlyAlone, .partyMember, .disabled] && people[0].status == .livingHere)
        #expect(people[1].relation == .spouse && people[1].status == .away && people[1].tags == [.migrant] && people[1].notes == "腿脚不便")
        #expect(people[1].idNumber == wife, "a lower-case x is stored upper-case")
    }

    @Test func englishHeadersAndMappedColumns() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let csv = """
            Grid code,Compound,Block,Unit,Room No.,Occupancy,Relationship,Full name,Sex,Date of birth,ID No,Handy,Categories,Status,Remarks
            420303001001002,Sample Gardens,7,1,1701,owner-occupied,self,Lee Ming,M,1975-06-01,,13900000002,veteran,living here,
            """
        let (unmapped, _) = try fixture.plan(csv)
        #expect(unmapped.unknownColumns == ["Handy"])
        let (plan, _) = try fixture.plan(csv, options: ImportOptions(mappings: [try ColumnMapping.parse("Handy=手机号").get()]))
        #expect(plan.problems.isEmpty && plan.unknownColumns.isEmpty)
        let resident = try #require(plan.newResidents.first)
        #expect(resident.phone == "13900000002" && resident.gender == .male && resident.tags == [.veteran] && resident.relation == .head)
        #expect(plan.newHouseholds.first?.residency == .ownerOccupied && plan.newHouseholds.first?.gridCode == F.gridTwo)

        if case .failure(let error) = ColumnMapping.parse("Handy=shoe size") { #expect(error.message(in: .en).contains("there is no field \"shoe size\"")) } else { Issue.record("an unknown field is refused") }
        if case .failure = ColumnMapping.parse("no equals sign") {} else { Issue.record("a mapping without = is refused") }
        let (mistyped, _) = try fixture.plan(csv, options: ImportOptions(mappings: [ColumnMapping(column: "Hnady", field: .phone)]))
        #expect(mistyped.problems.map { $0.line(file: "f.csv", in: .en) } == ["f.csv:1:Hnady: --map names a column the header row does not have"])
    }

    @Test func datesInEveryFormPeopleWriteThem() {
        let expected = Day(year: 2026, month: 11, day: 22).map(LedgerValue.DateCell.day)
        for text in ["2026-11-22", "2026/11/22", "2026年11月22日", "2026.11.22", "20261122", "46348", "2026-11-22 00:00:00", " 2026-11-22T00:00:00 "] {
            #expect(LedgerValue.date(text) == expected, "\(text)")
        }
        #expect(LedgerValue.date("1990.05") == .yearMonth(year: 1990, month: 5))
        #expect(LedgerValue.date("1990年5月") == .yearMonth(year: 1990, month: 5))
        for text in ["1990-02-30", "abc", "1990", "22/11/2026"] { #expect(LedgerValue.date(text) == .invalid, "\(text)") }
    }

    @Test func everyProblemNamesFileRowAndColumnWithTheFormsMessages() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let csv = """
            网格,小区,楼栋,单元,房号,姓名,性别,出生日期,身份证号,联系电话,与户主关系,人员类别
            420303001001001,示例花园,5栋,1单元,101,孙三,,,\(F.mistyped(F.id("1960-01-01", 5))),,户主,
            420303001001001,示例花园,5栋,1单元,101,李四,男,1980-01-01,,12345,配偶,
            420303001001001,示例花园,5栋,1单元,101,,女,1990-01-01,,,子女,
            420303001001001,示例花园,5栋,1单元,101,周五,女,1990-13-01,,,表亲,外星人
            420303001001001,示例花园,5栋,1单元,102,吴六,,,,,,
            420303001001001,示例花园,5栋,1单元,103,郑七,女,1988-08-08,\(F.id("1988-08-08", 7)),,,
            420303001001009,示例花园,5栋,1单元,104,冯八,女,1988-08-08,,,,
            """
        let (plan, _) = try fixture.plan(csv)
        let english = plan.problems.map { $0.line(file: "ledger.csv", in: .en) }
        #expect(english == [
            "ledger.csv:2:身份证号: ID number (idNumber): the check character does not match the first 17 digits (GB 11643); check for a typing error",
            "ledger.csv:3:联系电话: mobile number (phone): a mobile number has 11 digits and starts with 1",
            "ledger.csv:4:姓名: name (name): is required",
            "ledger.csv:5:与户主关系: \"表亲\" is not known; write one of: head, spouse, child, parent, grandchild, sibling, tenant, other",
            "ledger.csv:5:人员类别: unknown category \"外星人\"; write one of: elderly living alone, empty-nest elderly, left-behind child, disabled, subsistence allowance, veteran, party member, migrant, under community correction, severe mental disorder, or a household tag: rented out, group rental, subsistence allowance, hardship, living alone, military family, key concern",
            "ledger.csv:5:出生日期: \"1990-13-01\" is not a date; write 2026-11-22, 2026/11/22 or 2026年11月22日",
            "ledger.csv:6:性别: gender (gender): is required",
            "ledger.csv:6:出生日期: birth date (birthDate): is required",
            "ledger.csv:7:身份证号: ID number (idNumber): digit 17 (odd for male, even for female) disagrees with the recorded gender",
            "ledger.csv:8:网格: this community has no grid \"420303001001009\" (write a grid's code or name)",
        ], "\(english.joined(separator: "\n"))")
        let chinese = plan.problems.map { $0.line(file: "ledger.csv", in: .zh) }
        #expect(chinese[0] == "ledger.csv:2:身份证号: 身份证号（idNumber）：校验码与前 17 位不符（GB 11643），请核对是否输错")
        #expect(chinese[6] == "ledger.csv:6:性别: 性别（gender）：必须填写")
        for line in english + chinese { #expect(!line.contains(F.id("1960-01-01", 5).prefix(12)), "no ID number in a message") }
        #expect(plan.newResidents.isEmpty && plan.newHouseholds.isEmpty, "rows with problems add nothing")
    }

    /// A person recorded as moved out or deceased comes with the day (issue 14, point 3).
    @Test func theDayOfLeavingComesFromItsOwnColumnAndIsRequiredWithALeftStatus() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let csv = """
            网格,小区,楼栋,单元,房号,姓名,性别,出生日期,状态,迁出日期
            420303001001001,示例花园,6栋,1单元,101,钱九,女,1940-02-02,已故,2026-03-04
            420303001001001,示例花园,6栋,1单元,101,钱十,男,1941-02-02,迁出,
            420303001001001,示例花园,6栋,1单元,101,钱十一,男,1942-02-02,在住,2026-03-04
            """
        let (plan, _) = try fixture.plan(csv)
        #expect(plan.problems.map { $0.line(file: "ledger.csv", in: .en) } == [
            "ledger.csv:3:迁出日期: date moved out or died (leftOn): is required",
            "ledger.csv:4:迁出日期: date moved out or died (leftOn): is given only when the status is moved out or deceased",
        ])
        let gone = plan.newResidents.first { $0.name == "钱九" }
        #expect(gone?.status == .deceased && gone?.leftOn == Day(year: 2026, month: 3, day: 4))
    }

    @Test func twoRowsWithOneIDNumberAreAProblem() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let number = F.id("1970-07-07", 9)
        let csv = """
            网格,小区,楼栋,单元,房号,姓名,身份证号
            420303001001001,示例花园,6栋,1单元,101,王甲,\(number)
            420303001001001,示例花园,6栋,1单元,101,王乙,\(F.id("1971-07-07", 9))
            420303001001001,示例花园,6栋,1单元,102,王甲,\(number)
            """
        let (plan, _) = try fixture.plan(csv)
        #expect(plan.problems.map { $0.line(file: "l.csv", in: .en) } == ["l.csv:4:身份证号: the same ID number as row 2: one person takes one row"])
        #expect(plan.problems.map { $0.line(file: "l.csv", in: .zh) } == ["l.csv:4:身份证号: 与第 2 行的身份证号相同：一个人只能有一行"])
    }

    @Test func aPersonOnFileIsAProblemUnlessUpdatedOrSkipped() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let csv = """
            网格,小区,楼栋,单元,房号,姓名,身份证号,联系电话,人员类别
            420303001001001,示例花园,1栋,1单元,101,居民1,\(F.onFileInGridOne),13700000003,独居老人、党员
            420303001001001,示例花园,1栋,1单元,101,新人,\(F.id("1980-05-05", 21)),,
            """
        let (reported, _) = try fixture.plan(csv)
        #expect(reported.problems.map { $0.line(file: "l.csv", in: .en) } == [
            "l.csv:2:身份证号: already on file: 居民1, 示例花园 1栋 1单元 101 in grid 420303001001001. To update them from this row add --on-duplicate update; to pass over it, --on-duplicate skip",
        ])

        let (skipped, _) = try fixture.plan(csv, options: ImportOptions(onDuplicate: .skip))
        #expect(skipped.problems.isEmpty && skipped.skippedRows == 1 && skipped.newResidents.map(\.name) == ["新人"] && skipped.changedResidents.isEmpty)
        #expect(skipped.newHouseholds.isEmpty && skipped.unchangedHouseholds == 1, "the household on file at that address")

        let (updated, importer) = try fixture.plan(csv, options: ImportOptions(onDuplicate: .update))
        #expect(updated.problems.isEmpty)
        let changed = try #require(updated.changedResidents.first)
        #expect(changed.id == RecordID("P-1") && changed.phone == "13700000003" && changed.tags == [.elderlyAlone, .partyMember])
        #expect(changed.householdID == RecordID("H-1") && updated.newResidents.first?.householdID == RecordID("H-1"))
        try importer.apply(updated, fileName: "/somewhere/l.csv")
        let after = try fixture.store().records(Resident.self, inGrid: F.gridOne)
        #expect(after.first { $0.id == RecordID("P-1") }?.meta.revision == 2)
        #expect(after.count == 2)

        // The same ledger again changes nothing: the person with an ID number by it, the one without by name in the household.
        let again = """
            网格,小区,楼栋,单元,房号,姓名,身份证号,联系电话,人员类别
            420303001001001,示例花园,1栋,1单元,101,居民1,\(F.onFileInGridOne),13700000003,独居老人、党员
            420303001001001,示例花园,1栋,1单元,101,新人,\(F.id("1980-05-05", 21)),,
            420303001001001,示例花园,1栋,1单元,101,无证人,,,
            """
        let (noID, noIDImporter) = try fixture.plan("网格,小区,楼栋,单元,房号,姓名,性别,出生日期\n420303001001001,示例花园,1栋,1单元,101,无证人,女,1999-09-09\n")
        try noIDImporter.apply(noID, fileName: "n.csv")
        let (repeated, _) = try fixture.plan(again, options: ImportOptions(onDuplicate: .update))
        #expect(repeated.problems.isEmpty && !repeated.changesAnything, "\(repeated.problems.map { $0.line(file: "", in: .en) })")
        #expect(repeated.unchangedResidents == 3 && repeated.unchangedHouseholds == 1)
        let (byName, _) = try fixture.plan(again)
        #expect(byName.problems.map { $0.line(file: "l.csv", in: .en) }.last
            == "l.csv:4:姓名: this household already has someone of this name on file (without an ID number, people are known by name within their household). To update them from this row add --on-duplicate update; to pass over it, --on-duplicate skip")
    }

    @Test func anImportNeverMovesSomeoneToAnotherGrid() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let (plan, _) = try fixture.plan("""
            网格,小区,楼栋,单元,房号,姓名,身份证号
            420303001001001,示例花园,1栋,1单元,101,居民3,\(F.onFileInGridTwo)
            """, options: ImportOptions(onDuplicate: .update))
        #expect(plan.problems.map { $0.line(file: "l.csv", in: .en) }
            == ["l.csv:2:网格: this person is on file in grid 420303001001002: an import cannot move anyone to another grid"])
    }

    @Test func aGridWorkerImportsIntoTheirOwnGridsOnly() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let csv = """
            小区,楼栋,单元,房号,姓名,性别,出生日期
            示例花园,8栋,1单元,101,甲,男,1980-01-01
            示例花园,8栋,1单元,102,乙,女,1981-01-01
            """
        let (outside, _) = try fixture.plan(csv, as: F.workerOfGridOne, options: ImportOptions(grid: F.gridTwo))
        #expect(outside.problems.map { $0.line(file: "l.csv", in: .en) } == [
            "l.csv:2:grid: 网格员丙 looks after grid 420303001001001 and cannot change records of grid 420303001001002; ask that grid's worker or the community admin. (2 rows of grid 420303001001002)",
        ])
        #expect(outside.newHouseholds.isEmpty && outside.newResidents.isEmpty)

        let (own, importer) = try fixture.plan(csv, as: F.workerOfGridOne, options: ImportOptions(grid: F.gridOne))
        #expect(own.problems.isEmpty && own.newResidents.count == 2)
        try importer.apply(own, fileName: "l.csv")
        let written = try fixture.store().records(Resident.self, inGrid: F.gridOne).filter { ["甲", "乙"].contains($0.name) }
        #expect(written.count == 2 && written.allSatisfy { $0.meta.createdBy == F.workerOfGridOne })
    }

    @Test func anImportIsOneChangeWithOneAuditEntryAndChecksClean() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let csv = """
            网格,小区,楼栋,单元,房号,居住类型,姓名,身份证号,联系电话
            420303001001001,示例花园,9栋,1单元,101,自住,甲,\(F.id("1961-01-01", 1)),13600000001
            420303001001001,示例花园,9栋,1单元,101,自住,乙,\(F.id("1962-01-01", 2)),
            420303001001002,示例花园,9栋,2单元,201,空置,丙,\(F.id("1963-01-01", 3)),
            """
        let before = AuditTrail(dataFolder: fixture.folder.path).allEntries().count
        let (plan, importer) = try fixture.plan(csv)
        #expect(plan.problems.isEmpty && plan.newHouseholds.count == 2 && plan.newResidents.count == 3)
        var written: [(Int, Int)] = []
        try importer.apply(plan, fileName: "/tmp/户籍 13600000001 台账.csv") { progress in
            if case .written(let done, let total) = progress { written.append((done, total)) }
        }
        #expect(written.map(\.0) == [1, 2, 3, 4, 5] && written.allSatisfy { $0.1 == 5 },
                "two households files, two residents files, then the audit trail: \(written)")
        let entries = AuditTrail(dataFolder: fixture.folder.path).allEntries()
        #expect(entries.count == before + 1, "one entry records the import")
        let entry = try #require(entries.last)
        #expect(entry.action == .importRecords && entry.actor == SampleCommunity.admin.rawValue)
        #expect(entry.record == "户籍 *********** 台账.csv", "the file's name, a number in it starred out")
        #expect(entry.fields == ["rows=3", "householdsAdded=2", "householdsUpdated=0", "residentsAdded=3", "residentsUpdated=0", "residentsSkipped=0"])
        let trail = try String(contentsOfFile: fixture.folder.path + "/audit/trail.jsonl", encoding: .utf8)
        #expect(!trail.contains("13600000001") && !trail.contains(F.id("1961-01-01", 1)))
        #expect(AuditTrail(dataFolder: fixture.folder.path).verify().isIntact)
        let reopened = try fixture.store()
        #expect(reopened.checkEverything().isEmpty)
        #expect(reopened.records(Resident.self, inGrid: F.gridTwo).contains { $0.name == "丙" })
    }

    @Test func aFailedWriteLeavesTheFolderAsItWas() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let (plan, importer) = try fixture.plan("""
            网格,小区,楼栋,单元,房号,姓名,身份证号
            420303001001001,示例花园,9栋,1单元,101,甲,\(F.id("1961-01-01", 1))
            420303001001002,示例花园,9栋,1单元,101,乙,\(F.id("1962-01-01", 2))
            """)
        #expect(plan.isClean && plan.changesAnything)
        let before = try fixture.snapshot()
        // The second grid's residents file cannot be written (a full disk): the files written
        // before it are put back, and no audit entry is made.
        importer.store.writeFault = { path in path == StoreLayout.residents(F.gridTwo) ? .io(.write, path: path, code: ENOSPC) : nil }
        #expect(throws: ImportFailure.self) { try importer.apply(plan, fileName: "l.csv") }
        let after = try fixture.snapshot()
        #expect(after.keys.sorted() == before.keys.sorted())
        for (file, bytes) in before where file != ".redo-journal" { #expect(after[file] == bytes, "\(file) is as it was") }
        #expect((after[".redo-journal"] ?? Data()).isEmpty)
        #expect(try fixture.store().records(Resident.self, inGrid: F.gridOne).count == 1)
    }

    /// Two copies import the same person at once: the second to write finds them on file under
    /// the folder's lock and writes nothing, rather than registering them twice.
    @Test func someoneRegisteredWhileThePlanWasMadeIsNotRegisteredTwice() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let number = F.id("1961-01-01", 1)
        let (late, lateImporter) = try fixture.plan("网格,小区,楼栋,单元,房号,姓名,身份证号\n420303001001001,示例花园,9栋,1单元,101,甲,\(number)\n")
        let (early, earlyImporter) = try fixture.plan("网格,小区,楼栋,单元,房号,姓名,身份证号\n420303001001002,示例花园,8栋,1单元,101,甲,\(number)\n")
        #expect(late.isClean && early.isClean, "neither plan sees the other")
        try earlyImporter.apply(early, fileName: "early.csv")
        let before = try fixture.snapshot()
        do {
            try lateImporter.apply(late, fileName: "late.csv")
            Issue.record("the same ID number was registered twice")
        } catch {
            guard case .registeredSincePlanned(let name, let grid) = error else { throw error }
            #expect(name == "甲" && grid == F.gridTwo.rawValue)
            #expect(!error.message(in: .en).contains(number) && !error.message(in: .zh).contains(number))
        }
        let after = try fixture.snapshot()
        #expect(after.keys.sorted() == before.keys.sorted())
        for (file, bytes) in before where file != ".redo-journal" { #expect(after[file] == bytes, "\(file) is as it was") }
        let everyone = try fixture.store().allRecords(Resident.self)
        #expect(everyone.filter { $0.idNumber == number }.count == 1)
    }

    @Test func aDryRunChangesNothing() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let before = try fixture.snapshot()
        let (plan, _) = try fixture.plan("""
            网格,小区,楼栋,单元,房号,姓名,身份证号
            420303001001001,示例花园,9栋,1单元,101,甲,\(F.id("1961-01-01", 1))
            420303001001001,示例花园,1栋,1单元,101,居民1,\(F.onFileInGridOne)
            """, options: ImportOptions(onDuplicate: .update))
        #expect(plan.isClean && plan.newResidents.count == 1)
        // Opening the folder may checkpoint its journal (empty it); no data file changes.
        var after = try fixture.snapshot()
        after[".redo-journal"] = before[".redo-journal"]
        #expect(after == before, "planning reads the data files and writes none of them")
    }

    @Test func tenThousandRowsImportInSeconds() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        var lines = ["网格,小区,楼栋,单元,房号,居住类型,户主姓名,与户主关系,姓名,性别,出生日期,身份证号,联系电话,人员类别,状态,备注"]
        let relations = ["户主", "配偶", "子女"]
        for row in 0..<10_000 {
            let grid = row % 2 == 0 ? F.gridOne : F.gridTwo
            let household = row / 3
            let birth = Day(dayNumber: Day(year: 1940, month: 1, day: 1).map(\.dayNumber).map { $0 + row / 900 * 7 } ?? 0)
            let number = SampleCommunity.idNumber(birth: birth, sequence: row % 900 + 100)
            lines.append("\(grid.rawValue),测试小区,\(household / 40 + 1)栋,\(household / 10 % 4 + 1)单元,\(household % 10 + 101)-\(row % 2),自住,"
                + "户主\(household),\(relations[row % 3]),居民\(row),,,\(number),1\(String(30_000_000_00 + row)),\(row % 7 == 0 ? "独居老人" : ""),在住,")
        }
        let csv = lines.joined(separator: "\n")
        let clock = ContinuousClock()
        let started = clock.now
        let table = try CSVReader.read(Data(csv.utf8))
        let read = clock.now
        let importer = LedgerImporter(store: try fixture.store(), options: ImportOptions(), now: SampleCommunity.now.addingTimeInterval(86_400))
        let plan = try importer.plan(table)
        let planned = clock.now
        #expect(plan.problems.isEmpty, "\(plan.problems.prefix(3).map { $0.line(file: "big.csv", in: .en) })")
        #expect(plan.rows == 10_000 && plan.newResidents.count == 10_000)
        try importer.apply(plan, fileName: "big.csv")
        let applied = clock.now
        print("10,000 rows: read \(read - started), checked \(planned - read), written \(applied - planned), in all \(applied - started)")
        let store = try fixture.store()
        #expect(store.records(Resident.self, inGrid: F.gridOne).count + store.records(Resident.self, inGrid: F.gridTwo).count == 10_002)
        #expect(store.checkEverything().isEmpty)
    }
}
