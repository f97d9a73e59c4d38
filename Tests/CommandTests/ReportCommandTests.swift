import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// `gridwork report` as a user runs it: text in Chinese and English, one grid, a grid worker
/// kept to their own grids, a workbook read back by openpyxl, the audit head, a bad month.
@Suite(.serialized) struct ReportCommandTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// The sample community (two grids, a household and a resident tagged 独居老人 in each, never
    /// visited, and case C-1 raised on 2026-09-21 in grid one) with accounts: `admin`, and `san`,
    /// a grid worker of grid one alone; plus a home visit to H-1 on 2026-09-21.
    func securedSample(_ folder: TemporaryFolder) throws {
        let sample = try SampleCommunity(at: folder.path)
        let store = sample.store
        let admin = try #require(store.workers.first { $0.id == SampleCommunity.admin })
        _ = try store.setUpCommunity(communityPassphrase: "community-passphrase", admin: admin, login: "admin",
                                     passphrase: "admin-passphrase", at: SampleCommunity.now)
        let meta = { (id: String) in RecordMeta(id: RecordID(id), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now) }
        _ = try store.save(Worker(meta: meta("W-san"), name: "网格员三", role: .gridWorker, gridCodes: [SampleCommunity.gridOne], phone: nil))
        try store.addAccount(login: "san", for: RecordID("W-san"), passphrase: "san-passphrase")
        _ = try store.save(PatrolLog(meta: meta("L-1"), gridCode: SampleCommunity.gridOne, workerID: SampleCommunity.admin, kind: .homeVisit,
                                     start: SampleCommunity.now, end: SampleCommunity.now.addingTimeInterval(1800),
                                     householdIDs: [RecordID("H-1")]), at: SampleCommunity.now.addingTimeInterval(3600))
    }

    func report(_ folder: TemporaryFolder, _ arguments: [String], as login: String = "admin", _ passphrase: String = "admin-passphrase") throws -> CommandRun {
        try CommandRun(gridwork, ["report", "--data", folder.path, "--user", login] + arguments, environment: ["GRIDWORK_PASSPHRASE": passphrase])
    }

    /// The words of the text line that starts with `label`.
    func line(_ output: String, _ label: String) -> [String] {
        output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.first { $0.first == label } ?? []
    }

    @Test func textInChineseAndEnglishWithTheAuditHead() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let zh = try report(folder, ["--month", "2026-09", "--lang", "zh"])
        #expect(zh.status == 0, "\(zh.errors)")
        #expect(zh.output.hasPrefix("示例社区 2026年9月 网格工作月报"))
        // Columns: 合计, 第1网格, 第2网格.
        #expect(line(zh.output, "户数") == ["户数", "2", "1", "1"])
        #expect(line(zh.output, "本月走访户数") == ["本月走访户数", "1", "1", "0"])
        #expect(line(zh.output, "走访覆盖率") == ["走访覆盖率", "50.0%", "100.0%", "0.0%"])
        // Both tagged residents were due (never visited before September); P-1's household was
        // visited on 09-21, and 09-21 + 8 = 09-29 ≤ 09-30 makes P-1 overdue again; P-2 was never visited.
        #expect(line(zh.output, "应走访") == ["应走访", "2", "1", "1"])
        #expect(line(zh.output, "已走访") == ["已走访", "1", "1", "0"])
        #expect(line(zh.output, "超期未访") == ["超期未访", "2", "1", "1"])
        #expect(line(zh.output, "入户走访") == ["入户走访", "1", "1", "0"])
        #expect(line(zh.output, "本月受理") == ["本月受理", "1", "1", "0"])
        #expect(line(zh.output, "小事不出网格（网格化解占比）") == ["小事不出网格（网格化解占比）", "—", "—", "—"])
        let head = try #require(AuditTrail(dataFolder: folder.path).recordedHead())
        #expect(zh.output.contains("审计记录：第 \(head.count) 条，摘要 \(head.hash)"))

        let en = try report(folder, ["--month", "2026-09", "--lang", "en"])
        #expect(en.status == 0, "\(en.errors)")
        #expect(en.output.hasPrefix("示例社区 monthly report, 2026-09"))
        #expect(en.output.contains("visited this month"))
        #expect(en.output.contains("home visit") && en.output.contains("all grids"))
        let headAfter = try #require(AuditTrail(dataFolder: folder.path).recordedHead())
        #expect(en.output.contains("audit trail: \(headAfter.count) entries, head \(headAfter.hash)"))
    }

    @Test func oneGridAndAGridWorkerKeptToTheirOwn() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let one = try report(folder, ["--month", "2026-09", "--grid", SampleCommunity.gridTwo.rawValue, "--lang", "zh"])
        #expect(one.status == 0, "\(one.errors)")
        #expect(one.output.hasPrefix("第2网格 2026年9月"))
        #expect(line(one.output, "户数") == ["户数", "1"], "one grid, one column")

        let own = try report(folder, ["--month", "2026-09", "--lang", "en"], as: "san", "san-passphrase")
        #expect(own.status == 0, "\(own.errors)")
        #expect(own.errors.contains("A grid worker's report covers their own grids: 420303001001001"))
        #expect(line(own.output, "households") == ["households", "on", "file", "1"])
        #expect(!own.output.contains("第2网格"))

        let other = try report(folder, ["--month", "2026-09", "--grid", SampleCommunity.gridTwo.rawValue, "--lang", "en"], as: "san", "san-passphrase")
        #expect(other.status == 1)
        #expect(other.errors.contains("cannot report on grid 420303001001002"), "\(other.errors)")
        #expect(other.output.isEmpty)
    }

    @Test func aWorkbookReadBackByOpenpyxl() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let path = folder.path + "/月报.xlsx"
        let run = try report(folder, ["--month", "2026-09", "--output", path, "--lang", "zh"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("月报已写入 \(path)"))
        let sheet = try #require(try SpreadsheetReadBack(path).sheets.first)
        #expect(sheet.title == "2026-09 月报")
        #expect(sheet.texts[0] == ["指标", "合计", "第1网格", "第2网格"])
        let visited = try #require(sheet.rows.first { $0.first?.value == "本月走访户数" })
        #expect(visited.dropFirst().map(\.value) == ["1", "1", "0"])
        #expect(visited[1].type == "int", "a count is a number: \(visited[1])")
        let head = try #require(AuditTrail(dataFolder: folder.path).recordedHead())
        #expect(sheet.texts.last?.first == "审计记录：第 \(head.count) 条，摘要 \(head.hash)")

        let again = try report(folder, ["--month", "2026-09", "--output", path, "--lang", "en"])
        #expect(again.status == 1 && again.errors.contains("the file exists"), "\(again.errors)")
        #expect(try report(folder, ["--month", "2026-09", "--output", path, "--force"]).status == 0)
    }

    @Test func textToAFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let path = folder.path + "/月报.txt"
        let run = try report(folder, ["--month", "2026-09", "--output", path, "--lang", "zh"])
        #expect(run.status == 0, "\(run.errors)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("示例社区 2026年9月 网格工作月报"))
        #expect(line(written, "本月受理") == ["本月受理", "1", "1", "0"])
        #expect(written.contains("审计记录：第 "))
    }

    @Test func aBadMonthIsRefusedBeforeTheLogin() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        for bad in ["2026-13", "2026/11", "11-2026", "2026-1"] {
            let run = try report(folder, ["--month", bad, "--lang", "en"], as: "admin", "wrong")
            #expect(run.status == 1)
            #expect(run.errors.contains("invalid month \"\(bad)\": write it as year-month, e.g. --month 2026-11."), "\(run.errors)")
        }
        let zh = try report(folder, ["--month", "十一月", "--lang", "zh"])
        #expect(zh.status == 1 && zh.errors.contains("月份“十一月”无效"))
        let noOutput = try report(folder, ["--month", "2026-11", "--format", "xlsx", "--lang", "en"])
        #expect(noOutput.status == 1 && noOutput.errors.contains("--format xlsx needs --output FILE"))
    }
}
