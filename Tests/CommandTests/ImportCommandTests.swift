#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// `gridwork import` as a user runs it, on a community set up with accounts (numbers sealed),
/// with ledgers written by other programs: Python's csv module in GB18030, python3-openpyxl.
@Suite(.serialized) struct ImportCommandTests {
    let gridwork = BuildProducts.executable("gridwork")
    let writer = BuildProducts.executable("StressWriter")
    static let admin = ["GRIDWORK_PASSPHRASE": "admin-pass-1"]

    /// The sample community (two grids), set up with accounts by `gridwork init`.
    func securedCommunity(_ folder: TemporaryFolder) throws {
        _ = try SampleCommunity(at: folder.path)
        let run = try CommandRun(gridwork, ["init", "--data", folder.path],
                                 environment: ["GRIDWORK_COMMUNITY_PASSPHRASE": "community-pass-1", "GRIDWORK_PASSPHRASE": "admin-pass-1"])
        try #require(run.status == 0, Comment(rawValue: run.errors))
    }

    /// A valid synthetic ID number (area 420399, assigned to no county).
    static func id(_ birth: String, _ sequence: Int) -> String {
        SampleCommunity.idNumber(birth: Day(iso: birth) ?? Day(dayNumber: 0), sequence: sequence)
    }

    /// The data files' bytes (not the derived cache, nor the audit trail, which every login appends to).
    func dataFiles(_ folder: TemporaryFolder) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for file in folder.allFiles() where !file.hasPrefix("cache/") && !file.hasPrefix("audit/") {
            files[file] = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + file))
        }
        return files
    }

    func trail(_ folder: TemporaryFolder) -> [AuditEntry] { AuditTrail(dataFolder: folder.path).allEntries() }

    /// Writes `rows` as a GB18030 CSV with Python's csv module.
    func writeGB18030(_ rows: [[String]], to path: String) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        let run = try DebianPython.run("""
            import csv, json, sys
            with open(sys.argv[1], "w", encoding="gb18030", newline="") as f:
                csv.writer(f).writerows(json.loads(sys.argv[2]))
            """, [path, json])
        try #require(run.status == 0, Comment(rawValue: DebianPython.report(run)))
    }

    @Test func aGB18030LedgerIsCheckedByADryRunThenImportedWhole() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedCommunity(folder)
        let ledger = folder.path + "-ledger.csv"
        defer { try? FileManager.default.removeItem(atPath: ledger) }
        let header = ["网格编码", "小区", "楼号", "单元", "门牌号", "房屋性质", "户主姓名", "与户主关系", "姓名", "性别", "出生日期", "公民身份号码", "手机号", "人员类别", "状态", "备注", "民族"]
        var rows = [header,
                    ["420303001001001", "清风苑", "3栋", "2单元", "501", "自住", "赵一", "户主", "赵一", "", "", Self.id("1950-03-01", 11), "13800000001", "独居老人、党员", "在住", "", "汉"],
                    ["420303001001001", "清风苑", "3栋", "2单元", "501", "自住", "赵一", "配偶", "钱二", "女", "1952年4月5日", Self.id("1952-04-05", 22), "", "", "", "", "汉"],
                    ["第2网格", "清风苑", "5栋", "1单元", "101", "出租", "孙三", "户主", "孙三", "男", "1980/01/02", "", "1390000", "流动人口", "", "租住", "回"]]
        try writeGB18030(rows, to: ledger)

        let before = try dataFiles(folder)
        let problems = try CommandRun(gridwork, ["import", ledger, "--data", folder.path, "--dry-run", "--lang", "en"], environment: Self.admin)
        #expect(problems.status == 1)
        #expect(problems.output.contains("\(ledger) (GB18030): 3 rows, grids 420303001001001, 420303001001002"), "\(problems.output)")
        #expect(problems.output.contains("columns not recognised and not imported: 民族"))
        let lines = problems.output.split(separator: "\n").map(String.init).filter { $0.hasPrefix(ledger + ":") }
        #expect(lines == ["\(ledger):4:手机号: mobile number (phone): a mobile number has 11 digits and starts with 1"])
        #expect(problems.errors.contains("1 problem found; nothing was imported."))
        let chinese = try CommandRun(gridwork, ["import", ledger, "--data", folder.path, "--dry-run", "--lang", "zh"], environment: Self.admin)
        #expect(chinese.output.contains("\(ledger):4:手机号: 手机号（phone）：手机号应为以 1 开头的 11 位数字"))
        #expect(chinese.errors.contains("发现 1 个问题，未导入任何记录。"))
        let failed = try CommandRun(gridwork, ["import", ledger, "--data", folder.path, "--lang", "en"], environment: Self.admin)
        #expect(failed.status == 1 && failed.errors.contains("nothing was imported"))
        #expect(try dataFiles(folder) == before, "neither a dry run nor an import with a problem changes a data file")

        rows[3][12] = "13900000003"
        try writeGB18030(rows, to: ledger)
        let entriesBefore = trail(folder).count
        let dry = try CommandRun(gridwork, ["import", ledger, "--data", folder.path, "--dry-run", "--lang", "en"], environment: Self.admin)
        #expect(dry.status == 0, "\(dry.output)\(dry.errors)")
        #expect(dry.output.contains("households: 2 to add, 0 to update, 0 unchanged"))
        #expect(dry.output.contains("residents: 3 to add, 0 to update, 0 unchanged, 0 skipped"))
        #expect(dry.output.contains("Dry run: nothing was written."))
        #expect(try dataFiles(folder) == before, "a dry run changes no data file")
        #expect(trail(folder).dropFirst(entriesBefore).allSatisfy { $0.action == .login }, "and writes nothing to the trail but its login")

        let imported = try CommandRun(gridwork, ["import", ledger, "--data", folder.path, "--lang", "en"], environment: Self.admin)
        #expect(imported.status == 0, "\(imported.output)\(imported.errors)")
        #expect(imported.output.contains("Imported: 2 households and 3 residents written."))
        // The entry names the file with long digit runs starred out, and the temp folder's name
        // may hold one: matched by the end of the name.
        let entries = trail(folder).filter { $0.action == .importRecords && $0.record?.hasSuffix("-ledger.csv") == true }
        #expect(entries.count == 1 && entries.first?.fields.contains("residentsAdded=3") == true)
        #expect(PlainNumberScan.files(under: folder.path).isEmpty, "the numbers imported are sealed on disk")
        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: Self.admin)
        #expect(check.status == 0, "\(check.output)")
        let found = try CommandRun(gridwork, ["find", "钱二", "--data", folder.path], environment: Self.admin)
        #expect(found.output.contains("清风苑 3栋 2单元 501"))

        let again = try CommandRun(gridwork, ["import", ledger, "--data", folder.path, "--lang", "en", "--on-duplicate", "update"], environment: Self.admin)
        #expect(again.status == 0 && again.output.contains("Nothing to add or update."), "\(again.output)")
        #expect(again.output.contains("residents: 0 to add, 0 to update, 3 unchanged"))
    }

    @Test func anXLSXLedgerWrittenByOpenpyxlImports() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedCommunity(folder)
        let ledger = folder.path + "-ledger.xlsx"
        defer { try? FileManager.default.removeItem(atPath: ledger) }
        let run = try DebianPython.run("""
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook()
            wb.active.title = "填表说明"
            wb.active["A1"] = "请勿修改表头"
            ws = wb.create_sheet("台账")
            ws.append(["示例社区人口台账"])
            ws.append(["网格", "小区", "楼栋", "单元", "房号", "居住类型", "姓名", "性别", "出生日期", "身份证号", "联系电话", "标签"])
            ws.append(["420303001001002", "明月里", "2", "1", "302", "空置", "周五", "女", datetime.date(1966, 6, 6), sys.argv[2], 13700000005, "空巢老人 残疾人"])
            ws.append(["420303001001002", "明月里", "2", "1", "303", "自住", "吴六", "男", 23354, None, None, None])
            wb.save(sys.argv[1])
            """, [ledger, Self.id("1966-06-06", 44)])
        try #require(run.status == 0, Comment(rawValue: DebianPython.report(run)))

        let missing = try CommandRun(gridwork, ["import", ledger, "--data", folder.path, "--lang", "en"], environment: Self.admin)
        #expect(missing.status == 1 && missing.output.contains("\(ledger):1:name: no header row"), "the first sheet is only a note: \(missing.output)\(missing.errors)")
        let imported = try CommandRun(gridwork, ["import", ledger, "--sheet", "台账", "--data", folder.path, "--lang", "en"], environment: Self.admin)
        #expect(imported.status == 0, "\(imported.output)\(imported.errors)")
        #expect(imported.output.contains("(sheet \"台账\"): 2 rows"))
        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: Self.admin)
        #expect(check.status == 0, "\(check.output)")
        let wrongSheet = try CommandRun(gridwork, ["import", ledger, "--sheet", "Sheet1", "--data", folder.path, "--lang", "en"], environment: Self.admin)
        #expect(wrongSheet.status == 1 && wrongSheet.errors.contains("there is no sheet \"Sheet1\"; the sheets are: 填表说明, 台账"))
    }

    @Test func aGridWorkerImportsIntoTheirOwnGridOnly() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedCommunity(folder)
        let added = try CommandRun(gridwork, ["user", "add", "bing", "--name", "网格员丙", "--role", "gridWorker", "--grids", "420303001001001", "--data", folder.path],
                                   environment: Self.admin.merging(["GRIDWORK_NEW_PASSPHRASE": "worker-pass-1"]) { $1 })
        try #require(added.status == 0, Comment(rawValue: added.errors))
        let ledger = folder.path + "-ledger.csv"
        defer { try? FileManager.default.removeItem(atPath: ledger) }
        try "小区,楼栋,单元,房号,姓名,性别,出生日期\n明月里,8栋,1单元,101,甲,男,1980-01-01\n".write(toFile: ledger, atomically: true, encoding: .utf8)
        let worker = ["GRIDWORK_PASSPHRASE": "worker-pass-1"]
        let refused = try CommandRun(gridwork, ["import", ledger, "--grid", "420303001001002", "--user", "bing", "--data", folder.path, "--lang", "en"], environment: worker)
        #expect(refused.status == 1)
        #expect(refused.output.contains("\(ledger):2:grid: 网格员丙 looks after grid 420303001001001 and cannot change records of grid 420303001001002"), "\(refused.output)")
        let own = try CommandRun(gridwork, ["import", ledger, "--grid", "420303001001001", "--user", "bing", "--data", folder.path, "--lang", "en"], environment: worker)
        #expect(own.status == 0, "\(own.output)\(own.errors)")
    }

    /// A ledger of `count` people in grid one, three to a household.
    func bigLedger(_ path: String, count: Int) throws {
        var lines = ["网格,小区,楼栋,单元,房号,与户主关系,姓名,身份证号"]
        for row in 0..<count {
            let birth = Day(dayNumber: (Day(year: 1945, month: 1, day: 1)?.dayNumber ?? 0) + row / 900 * 11)
            lines.append("420303001001001,长青园,\(row / 300 + 1)栋,1单元,\(row / 3 % 100 + 101),\(row % 3 == 0 ? "户主" : "子女"),居民\(row),"
                + SampleCommunity.idNumber(birth: birth, sequence: row % 900 + 100))
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func anImportKilledHalfWayIsCompletedByTheNextOpen() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedCommunity(folder)
        let ledger = folder.path + "-big.csv"
        defer { try? FileManager.default.removeItem(atPath: ledger) }
        try bigLedger(ledger, count: 3_000)
        let before = try dataFiles(folder)

        // Killed after the change's first file is in place and before its audit entry: the
        // change was committed in the journal first, so the next open puts the rest in place.
        let run = try KilledRun(writer, ["import", folder.path, "admin", ledger, "1"], environment: Self.admin, until: "written 1 of")
        #expect(run.heard.contains("written 1 of 3"), "households, residents, then the trail's head: \(run.heard)")
        let journal = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/.redo-journal"))
        #expect(!journal.isEmpty, "the kill came with the change under way")
        #expect(try dataFiles(folder) != before, "the households file was already replaced")
        #expect(!trail(folder).contains { $0.action == .importRecords && $0.record?.hasSuffix("big.csv") == true }, "the entry not yet written")

        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: Self.admin)
        #expect(check.status == 0, "\(check.output)")
        let after = try dataFiles(folder)
        #expect(after[".redo-journal"]?.isEmpty == true)
        let imported = trail(folder).filter { $0.action == .importRecords && $0.record?.hasSuffix("big.csv") == true }
        #expect(!imported.isEmpty, "the next open completed the import, audit entries and all")
        let residents = try #require(after.first { $0.key.hasSuffix("residents.json") && $0.value != before[$0.key] })
        #expect(residents.value.count > (before[residents.key]?.count ?? 0), "the residents landed too")
        let verify = try CommandRun(gridwork, ["audit", "verify", "--data", folder.path])
        #expect(verify.status == 0, "\(verify.output)")
    }

    @Test func theRealBinaryKilledAtRandomMomentsImportsAllOrNothing() throws {
        let pristine = TemporaryFolder()
        defer { pristine.remove() }
        try securedCommunity(pristine)
        let ledger = pristine.path + "-big.csv"
        defer { try? FileManager.default.removeItem(atPath: ledger) }
        try bigLedger(ledger, count: 2_000)
        var random = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        for _ in 0..<6 {
            let folder = TemporaryFolder()
            defer { folder.remove() }
            let copy = try CommandRun("/bin/cp", ["-a", pristine.path, folder.path])
            try #require(copy.status == 0)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: gridwork)
            process.arguments = ["import", ledger, "--data", folder.path]
            process.environment = ProcessInfo.processInfo.environment.merging(Self.admin) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 200_000...2_500_000, using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: Self.admin)
            #expect(check.status == 0, "\(check.output)")
            let store = try Store.open(folder.path, key: Store.logIn(folder: folder.path, login: "admin", passphrase: "admin-pass-1").key)
            let people = store.records(Resident.self, inGrid: SampleCommunity.gridOne).count
            let entries = trail(folder).filter { $0.action == .importRecords && $0.record?.hasSuffix("big.csv") == true }.count
            #expect((people == 1 && entries == 0) || (people == 2_001 && entries == 1), "all or nothing: \(people) residents, \(entries) entries")
            outcomes.append(people == 1 ? "nothing" : "all")
        }
        print("killed imports: \(outcomes.joined(separator: ", "))")
    }
}
