import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// The `gridwork` binary as a user runs it.
@Suite(.serialized) struct CommandTests {
    let gridwork = BuildProducts.executable("gridwork")

    @Test func demoWritesACommunityThatChecksCleanAndCounts() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let demo = try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.errors.contains("8/8 grids"), "progress is shown")

        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(check.status == 0)
        #expect(check.output.hasPrefix("Checked ") && check.output.contains("no problems"))

        let stats = try CommandRun(gridwork, ["stats", "--data", folder.path, "--json"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(stats.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any]
        let counts = report?["counts"] as? [String: Int]
        #expect(counts?["grid"] == 8 && counts?["household"] == 3_000 && counts?["disputeCase"] == 320)
        #expect(report?["area"] as? String == "幸福里社区")

        let plain = try CommandRun(gridwork, ["stats", "--data", folder.path, "--lang", "zh"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(plain.output.contains("户        3000"), "columns line up by display width: \(plain.output)")

        let again = try CommandRun(gridwork, ["demo", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(again.status == 1)
        #expect(again.errors.contains("already holds data"))
    }

    @Test func checkReportsEachProblemWithItsPositionAndFails() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let households = folder.path + "/grids/420303001001001/households.json"
        let text = try String(contentsOfFile: households, encoding: .utf8)
        try text.replacingOccurrences(of: "\"residency\" : \"ownerOccupied\"", with: "\"residency\" : \"palace\"")
            .write(toFile: households, atomically: false, encoding: .utf8)
        let residents = folder.path + "/grids/420303001001002/residents.json"
        try "{\n  \"schema\" : 1,\n".write(toFile: residents, atomically: false, encoding: .utf8)

        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(check.status == 1)
        let lines = check.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(households + ":") && $0.contains("residency (records[0].residency): invalid value") })
        #expect(lines.contains(residents + ":3:1: invalid JSON: unexpected end of file"))
        #expect(check.errors.contains("2 problems found."))

        let chinese = try CommandRun(gridwork, ["check", "--data", folder.path, "--lang", "zh"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(chinese.output.contains("JSON 格式错误"))

        let stats = try CommandRun(gridwork, ["stats", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(stats.status == 0, "stats still counts what can be read")
        #expect(stats.errors.contains("2 files cannot be read"))
    }

    @Test func checkFindsBrokenReferencesAcrossFiles() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let residents = folder.path + "/grids/420303001001002/residents.json"
        let text = try String(contentsOfFile: residents, encoding: .utf8)
        try text.replacingOccurrences(of: "\"householdID\" : \"H-2\"", with: "\"householdID\" : \"H-1\"")
            .write(toFile: residents, atomically: false, encoding: .utf8)
        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(check.status == 1)
        #expect(check.output.contains(residents + ":") && check.output.contains("refers to a household (in the same grid) that does not exist"))
    }

    @Test func anEmptyFolderSaysWhatToDo() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun(gridwork, ["overview", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(run.status == 1)
        #expect(run.errors.contains("There is no data in \(folder.path) yet"))
        let chinese = try CommandRun(gridwork, ["overview", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin", "LANG": "zh_CN.UTF-8"])
        #expect(chinese.errors.contains("中还没有数据"))
        let dashboard = try CommandRun(gridwork, ["--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(dashboard.status == 1 && dashboard.errors.contains("The dashboard needs a terminal"), "without a terminal it says so")
    }

    @Test func theDataFolderComesFromTheEnvironmentWhenNotGiven() throws {
        let home = TemporaryFolder()
        defer { home.remove() }
        let viaXDG = try CommandRun(gridwork, ["stats"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin", "XDG_DATA_HOME": home.path, "GRIDWORK_DATA": ""])
        #expect(viaXDG.errors.contains(home.path + "/gridwork"))
        let viaVariable = try CommandRun(gridwork, ["stats"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin", "GRIDWORK_DATA": home.path + "/mine"])
        #expect(viaVariable.errors.contains(home.path + "/mine"))
    }

    /// The overview covers the grids asked for, else a grid worker's own, else every grid, as the
    /// dashboard's does; a grid not on file is named.
    @Test func theOverviewFollowsTheGridsAskedForOrTheWorkersOwn() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let demo = try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"])
        #expect(demo.status == 0, "\(demo.errors)")
        func households(_ text: String) -> Int? {
            let row = text.split(separator: "\n").first { $0.hasPrefix("  " + RecordKind.household.name(.en)) }
            return row?.split(separator: " ").last.flatMap { Int($0) }
        }
        let admin = ["GRIDWORK_PASSPHRASE": "demo-admin"]
        let whole = try CommandRun(gridwork, ["overview", "--data", folder.path], environment: admin)
        let one = try CommandRun(gridwork, ["overview", "--data", folder.path, "--grid", "420303001005001"], environment: admin)
        #expect(whole.status == 0 && one.status == 0, "\(whole.errors) \(one.errors)")
        #expect(!whole.output.contains("Grids:") && one.output.contains("Grids: 420303001005001"))
        #expect(one.output.contains("Visit coverage") && one.output.contains("last 90 days"))
        let all = try #require(households(whole.output)), mine = try #require(households(one.output))
        #expect(mine > 0 && mine < all, "one grid's households, not the community's")

        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/accounts.json"))) as? [String: Any])
        let worker = try #require((accounts["accounts"] as? [[String: Any]])?.first { $0["workerID"] as? String == "W-420303001005001" }?["login"] as? String)
        let own = try CommandRun(gridwork, ["overview", "--data", folder.path, "--user", worker], environment: ["GRIDWORK_PASSPHRASE": "demo-worker"])
        #expect(own.status == 0, "\(own.errors)")
        #expect(own.output.contains("Grids: 420303001005001") && households(own.output) == mine, "a grid worker sees their own grids")

        let unknown = try CommandRun(gridwork, ["overview", "--data", folder.path, "--grid", "420303001999001"], environment: admin)
        #expect(unknown.status != 0 && unknown.errors.contains("There is no grid 420303001999001"))
    }

    @Test func theDemoFlagKeepsTheDemoInAFolderOfItsOwn() throws {
        let home = TemporaryFolder()
        defer { home.remove() }
        let first = try CommandRun(gridwork, ["overview", "--demo"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin", "XDG_DATA_HOME": home.path])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.errors.contains("Creating the demo community in \(home.path)/gridwork-demo"))
        #expect(first.output.contains("幸福里社区") && first.output.contains("Open cases by stage"))
        #expect(!FileManager.default.fileExists(atPath: home.path + "/gridwork"), "real data is never mixed with the demo")
        let second = try CommandRun(gridwork, ["overview", "--demo", "--lang", "zh"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin", "XDG_DATA_HOME": home.path])
        #expect(!second.errors.contains("Creating"))
        #expect(second.output.contains("未结案件（按阶段）"))
    }

    @Test func benchPrintsItsTableAndRefusesRealData() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try CommandRun(gridwork, ["demo", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        let bench = try CommandRun(gridwork, ["bench", "--data", folder.path, "--saves", "3", "--opens", "1"], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(bench.status == 0, "\(bench.errors)")
        for row in ["first screen: open + overview", "save one edited case, durably", "peak memory: first screen + saves"] {
            #expect(bench.output.contains(row))
        }
        let real = TemporaryFolder()
        defer { real.remove() }
        _ = try SampleCommunity(at: real.path)
        let refused = try CommandRun(gridwork, ["bench", "--data", real.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(refused.status == 1 && refused.errors.contains("was not made by gridwork demo"))
    }

    @Test func benchWritesAsTheWorkerLoggedInSoASupervisorWritesNothing() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try CommandRun(gridwork, ["demo", "--data", folder.path])
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/accounts.json"))
        let book = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let accounts = try #require(book["accounts"] as? [[String: Any]])
        let supervisor = try #require(accounts.first { $0["workerID"] as? String == "W-supervisor-1" }?["login"] as? String)
        let trail = try String(contentsOfFile: folder.path + "/audit/trail.jsonl", encoding: .utf8)
        let bench = try CommandRun(gridwork, ["bench", "--data", folder.path, "--user", supervisor, "--saves", "2", "--opens", "1", "--lang", "en"],
                                   environment: ["GRIDWORK_PASSPHRASE": "demo-supervisor"])
        #expect(bench.status != 0 && bench.errors.contains("supervisor"), "\(bench.output)\(bench.errors)")
        let after = try String(contentsOfFile: folder.path + "/audit/trail.jsonl", encoding: .utf8)
        let added = after.dropFirst(trail.count).split(separator: "\n")
        #expect(added.allSatisfy { $0.contains("\"login\"") }, "nothing but the login was written: \(added)")
    }

    @Test func eachHelpOffersOnlyTheOptionsThatWorkThere() throws {
        let demo = try CommandRun(gridwork, ["demo", "--help"])
        #expect(demo.status == 0 && demo.output.contains("--seed"))
        #expect(!demo.output.contains("--user"), "demo logs nobody in:\n\(demo.output)")

        let initHelp = try CommandRun(gridwork, ["init", "--help"])
        #expect(initHelp.output.contains("--admin-login"))
        #expect(!initHelp.output.contains("--user"), "init logs in as --admin-login:\n\(initHelp.output)")

        let verify = try CommandRun(gridwork, ["audit", "verify", "--help"])
        #expect(!verify.output.contains("--user"), "verify reads no records")
        for command in [["overview"], ["check"], ["stats"], ["audit", "show"], ["user", "list"], ["import"]] {
            let help = try CommandRun(gridwork, command + ["--help"])
            #expect(help.output.contains("--user") && help.output.contains("--data"), "\(command) logs in")
        }
    }

    @Test func versionPrintsTheVersion() throws {
        let run = try CommandRun(gridwork, ["--version"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(run.output)")
        #expect(try CommandRun(gridwork, ["--help"]).output.contains("--version"))
    }

    /// `init` takes a community's 12-digit code only, as the dashboard's set-up does.
    @Test func initRefusesAnAreaCodeThatIsNoCommunitys() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        for code in ["42030300100", "420303001000", "42030300100A"] {
            let run = try CommandRun(gridwork, ["init", "--data", folder.path + "/c", "--name", "测试社区", "--area-code", code,
                                                "--admin-login", "admin", "--admin-name", "管理员", "--lang", "en"], environment: [:])
            #expect(run.status != 0 && run.errors.contains("--area-code takes 12 digits"), "\(code): \(run.errors)")
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/c/gridwork.json"))
        }
    }

    @Test func initRunAgainLogsInAsTheAdminItNames() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let passphrases = ["GRIDWORK_COMMUNITY_PASSPHRASE": "community-secret", "GRIDWORK_PASSPHRASE": "boss-secret"]
        let first = try CommandRun(gridwork, ["init", "--data", folder.path + "/c", "--name", "测试社区", "--area-code", "420303001001",
                                              "--admin-login", "boss"], environment: passphrases)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("admin account boss"))
        let again = try CommandRun(gridwork, ["init", "--data", folder.path + "/c", "--admin-login", "boss"], environment: passphrases)
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.contains("Accounts were set up already"))
    }

    @Test func findSearchesEveryGridAndNeverPrintsANumber() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        func find(_ arguments: String...) throws -> CommandRun {
            try CommandRun(gridwork, ["find", "--data", folder.path] + arguments)
        }
        let both = try find("示例花园")
        #expect(both.status == 0, "\(both.errors)")
        #expect(both.output.contains("420303001001001") && both.output.contains("420303001001002"), "matches from every grid: \(both.output)")
        let one = try find("示例花园", "--grid", "420303001001002")
        #expect(!one.output.contains("420303001001001 ") && one.output.contains("420303001001002"))
        let number = SampleCommunity.idNumber(birth: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), sequence: 3)
        let byNumber = try find(number)
        #expect(byNumber.status == 0 && byNumber.output.contains("居民3"), "\(byNumber.output)")
        #expect(!byNumber.output.contains(number) && !byNumber.errors.contains(number), "the number is never printed")
        let caseNumber = try find("JF2026-00001", "--lang", "zh")
        #expect(caseNumber.output.hasPrefix("纠纷") && caseNumber.output.contains("楼上漏水"))
        let nothing = try find("不存在的名字")
        #expect(nothing.status == 1 && nothing.output.isEmpty && nothing.errors.contains("Nothing matches"))
        let badGrid = try find("示例", "--grid", "999")
        #expect(badGrid.status == 1 && badGrid.errors.contains("999"))
    }
}
