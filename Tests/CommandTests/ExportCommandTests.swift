import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// `gridwork export` as a user runs it: each kind, CSV and XLSX read back by Python (csv with
/// utf-8-sig, openpyxl), numbers masked by default, --reveal an admin's alone and audited, and a
/// grid worker kept to their own grids.
@Suite(.serialized) struct ExportCommandTests {
    let gridwork = BuildProducts.executable("gridwork")
    static let phone = "13800000001"

    /// The sample community set up with accounts: `admin`; `san`, a grid worker of grid one
    /// alone; `du`, a supervisor. A resident of grid one gets a phone.
    func securedSample(_ folder: TemporaryFolder) throws {
        let sample = try SampleCommunity(at: folder.path)
        let store = sample.store
        let admin = try #require(store.workers.first { $0.id == SampleCommunity.admin })
        _ = try store.setUpCommunity(communityPassphrase: "community-passphrase", admin: admin, login: "admin",
                                     passphrase: "admin-passphrase", at: SampleCommunity.now)
        let meta = { (id: String) in RecordMeta(id: RecordID(id), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now) }
        _ = try store.save(Worker(meta: meta("W-san"), name: "网格员三", role: .gridWorker, gridCodes: [SampleCommunity.gridOne], phone: nil))
        _ = try store.save(Worker(meta: meta("W-du"), name: "督导丙", role: .supervisor, gridCodes: [], phone: nil))
        try store.addAccount(login: "san", for: RecordID("W-san"), passphrase: "san-passphrase")
        try store.addAccount(login: "du", for: RecordID("W-du"), passphrase: "du-passphrase")
        var resident = SampleCommunity.resident(id: "P-9", household: "H-1", grid: SampleCommunity.gridOne, sequence: 9)
        resident.relation = .spouse
        resident.phone = Self.phone
        _ = try store.save(resident, at: SampleCommunity.now)
    }

    func export(_ folder: TemporaryFolder, _ arguments: [String], as login: String = "admin", _ passphrase: String = "admin-passphrase") throws -> CommandRun {
        try CommandRun(gridwork, ["export", "--data", folder.path, "--user", login] + arguments, environment: ["GRIDWORK_PASSPHRASE": passphrase])
    }

    var idNumbers: [String] {
        [1, 3, 9].map { SampleCommunity.idNumber(birth: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), sequence: $0) }
    }

    @Test func residentsAsAWorkbookReadBackByOpenpyxlWithNumbersMasked() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let path = folder.path + "/居民.xlsx"
        let run = try export(folder, ["residents", "--output", path, "--lang", "zh"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("已导出居民 3 条到 \(path)"))

        let sheet = try #require(try SpreadsheetReadBack(path).sheets.first)
        #expect(sheet.title == "居民")
        #expect(sheet.texts[0] == ["网格编码", "网格", "小区", "楼栋", "单元", "房号", "居住类型", "户主姓名", "与户主关系", "姓名", "性别",
                                   "出生日期", "身份证号", "联系电话", "人员类别", "状态", "备注"])
        #expect(sheet.freeze == "A2" && sheet.bold.allSatisfy { $0 })
        #expect(sheet.rows.count == 4)
        let head = sheet.rows[1]
        #expect(head[0].value == "420303001001001" && head[0].type == "str", "a grid code stays text")
        #expect(head[2].value == "示例花园" && head[9].value == "居民1" && head[14].value == "独居老人")
        #expect(head[11] == .init(value: "1950-03-01T00:00:00", type: "date", format: "yyyy-mm-dd"), "a birth date is a date")
        #expect(head[12].value == "4203**********" + String(idNumbers[0].suffix(4)), "masked: \(head[12])")
        let spouse = sheet.rows[2]
        #expect(spouse[9].value == "居民9" && spouse[13].value == "138****0001")
        #expect(sheet.widths.count == 17 && sheet.widths.values.allSatisfy { $0 >= 6 }, "\(sheet.widths)")
        #expect(try #require(sheet.widths["C"]) > 8, "示例花园 is four wide characters")
        let everything = sheet.texts.joined().joined(separator: " ")
        #expect(!everything.contains(Self.phone) && idNumbers.allSatisfy { !everything.contains($0) })
        #expect(AuditTrail(dataFolder: folder.path).allEntries().filter { $0.action == .reveal }.isEmpty, "nothing revealed, nothing audited")
    }

    @Test func eachKindAsCSVReadBackWithUTF8SigAndAsAWorkbook() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let expected = ["residents": ("姓名", 3), "households": ("户主姓名", 2), "patrols": ("开始时间", 0), "cases": ("编号", 1)]
        for (kind, (title, rows)) in expected {
            let csv = folder.path + "/\(kind).csv"
            let run = try export(folder, [kind, "-o", csv, "--lang", "zh"])
            #expect(run.status == 0, "\(kind): \(run.errors)")
            let read = try SpreadsheetReadBack(csv)
            #expect(read.hasByteOrderMark && read.endsWithCRLF, "\(kind)")
            #expect(read.csvRows.count == rows + 1 && read.csvRows[0].contains(title), "\(kind): \(read.csvRows)")

            let workbook = folder.path + "/\(kind).xlsx"
            #expect(try export(folder, [kind, "--format", "xlsx", "-o", workbook]).status == 0)
            #expect(try #require(try SpreadsheetReadBack(workbook).sheets.first).rows.count == rows + 1)
        }
        let cases = try SpreadsheetReadBack(folder.path + "/cases.csv").csvRows
        #expect(cases[1][0] == "JF2026-00001" && cases[1][1] == "楼上漏水引发邻里矛盾" && cases[1][12] == "甲方；乙方")
        let residents = try SpreadsheetReadBack(folder.path + "/residents.csv").csvRows
        #expect(residents[2][13] == "138****0001" && residents[1][12].hasPrefix("4203**********"))

        // The format follows the name unless given: a CSV named .xlsx would be a lie.
        let english = try export(folder, ["households", "-o", folder.path + "/h.xlsx", "--lang", "en"])
        #expect(english.output.contains("Exported 2 households to"))
        let sheet = try #require(try SpreadsheetReadBack(folder.path + "/h.xlsx").sheets.first)
        #expect(sheet.title == "Households" && sheet.texts[0].prefix(3) == ["Grid code", "Grid", "Compound"])
        #expect(sheet.rows[1][9] == .init(value: "2", type: "int", format: "General"), "a household's people are a number")
    }

    @Test func gridLimitsTheExportToOneGrid() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let path = folder.path + "/two.csv"
        let run = try export(folder, ["residents", "--grid", SampleCommunity.gridTwo.rawValue, "-o", path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(try SpreadsheetReadBack(path).csvRows.dropFirst().map { $0[9] } == ["居民3"])
        let unknown = try export(folder, ["residents", "--grid", "420303001001999", "-o", folder.path + "/x.csv"])
        #expect(unknown.status == 1 && unknown.errors.contains("420303001001999"))
    }

    @Test func revealIsRefusedToANonAdminAndAuditedForAnAdmin() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let refused = try export(folder, ["residents", "--reveal", "-o", folder.path + "/san.csv"], as: "san", "san-passphrase")
        #expect(refused.status == 1)
        #expect(refused.errors.contains("only the community admin can export full ID and phone numbers"), "\(refused.errors)")
        let supervisor = try export(folder, ["cases", "--reveal", "-o", folder.path + "/du.csv"], as: "du", "du-passphrase")
        #expect(supervisor.status == 1 && supervisor.errors.contains("--reveal"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/san.csv") && !FileManager.default.fileExists(atPath: folder.path + "/du.csv"))
        let trail = AuditTrail(dataFolder: folder.path)
        #expect(trail.allEntries().filter { $0.action == .reveal }.isEmpty)

        let path = folder.path + "/full.xlsx"
        let revealed = try export(folder, ["residents", "--reveal", "-o", path])
        #expect(revealed.status == 0, "\(revealed.errors)")
        let texts = try #require(try SpreadsheetReadBack(path).sheets.first).texts.joined()
        #expect(texts.contains(Self.phone) && idNumbers.allSatisfy(texts.contains))
        let reveals = trail.allEntries().filter { $0.action == .reveal }
        #expect(Set(reveals.compactMap(\.record)) == ["P-1", "P-2", "P-9"], "one entry per resident whose numbers were written")
        #expect(reveals.allSatisfy { $0.actor == "W-admin" && $0.kind == .resident })
        #expect(reveals.first { $0.record == "P-9" }?.fields == ["idNumber", "phone"])
        #expect(!revealed.output.contains(Self.phone) && !revealed.errors.contains(Self.phone), "the numbers go to the file only")
        #expect(trail.verify().isIntact)

        // A revealed CSV warns that Excel would round an 18-digit number.
        let csv = try export(folder, ["residents", "--reveal", "-o", folder.path + "/full.csv"])
        #expect(csv.status == 0 && csv.errors.contains("15 digits"))
    }

    @Test func aGridWorkerExportsTheirOwnGridsOnlyAndASupervisorEveryGrid() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let own = folder.path + "/own.csv"
        let run = try export(folder, ["households", "-o", own], as: "san", "san-passphrase")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("A grid worker exports their own grids: 420303001001001"))
        #expect(try SpreadsheetReadBack(own).csvRows.dropFirst().map { $0[0] } == ["420303001001001"])

        let other = try export(folder, ["households", "--grid", SampleCommunity.gridTwo.rawValue, "-o", folder.path + "/other.csv"],
                               as: "san", "san-passphrase")
        #expect(other.status == 1)
        #expect(other.errors.contains("cannot export records of grid 420303001001002"), "\(other.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/other.csv"))

        let everything = folder.path + "/all.csv"
        #expect(try export(folder, ["households", "-o", everything], as: "du", "du-passphrase").status == 0)
        #expect(try SpreadsheetReadBack(everything).csvRows.count == 3)
    }

    @Test func anExistingFileIsReplacedOnlyWithForceAndABadPathIsSaidPlainly() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let path = folder.path + "/cases.csv"
        try Data("kept".utf8).write(to: URL(fileURLWithPath: path))
        let refused = try export(folder, ["cases", "-o", path])
        #expect(refused.status == 1 && refused.errors.contains("the file exists and was left as it is"), "\(refused.errors)")
        #expect(FileManager.default.contents(atPath: path) == Data("kept".utf8))
        #expect(try export(folder, ["cases", "-o", path, "--force"]).status == 0)
        #expect(try SpreadsheetReadBack(path).csvRows.count == 2)

        let missing = try export(folder, ["cases", "-o", folder.path + "/no/such/cases.csv", "--lang", "zh"])
        #expect(missing.status == 1 && missing.errors.contains("不存在"), "\(missing.errors)")
        let noKind = try export(folder, ["visitors", "-o", folder.path + "/x.csv"])
        #expect(noKind.status != 0 && noKind.errors.contains("residents"))
    }
}
