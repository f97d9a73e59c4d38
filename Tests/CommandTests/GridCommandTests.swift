import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// `gridwork grid list|add|edit|micro` and `user add --grids`, as a user runs them (issue 13, part 1).
@Suite(.serialized) struct GridCommandTests {
    let gridwork = BuildProducts.executable("gridwork")
    static let admin = ["GRIDWORK_PASSPHRASE": "demo-admin"]

    func run(_ folder: TemporaryFolder, _ arguments: [String], environment: [String: String] = admin) throws -> CommandRun {
        try CommandRun(gridwork, arguments + ["--data", folder.path], environment: environment)
    }

    /// The grids on one worker's list, from workers.json (grid codes are not sealed).
    func gridsOf(_ worker: String, in folder: TemporaryFolder) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/workers.json"))
        let records = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["records"] as? [[String: Any]] ?? []
        let record = records.first { ($0["meta"] as? [String: Any])?["id"] as? String == worker }
        return record?["gridCodes"] as? [String] ?? []
    }

    @Test func anAdminAddsAndEditsGridsAndMicroGridsInTheDemo() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        #expect(try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"]).status == 0)

        let list = try run(folder, ["grid", "list"])
        #expect(list.status == 0, "\(list.errors)")
        #expect(list.output.hasPrefix("code ") && list.output.contains("420303001005001  第1网格  community  W-420303001005001 "), "\(list.output)")

        let one = "W-420303001005001", two = "W-420303001005002"
        let added = try run(folder, ["grid", "add", "420303001005009", "--name", "第9网格", "--worker", one, "--head", "某格长"])
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output.hasPrefix("Added grid 420303001005009 第9网格 (community), worker \(one) "), "\(added.output)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/grids/420303001005009/grid.json"))
        #expect(try gridsOf(one, in: folder) == ["420303001005001", "420303001005009"], "the worker's list follows")
        #expect(try run(folder, ["grid", "list"]).output.contains("420303001005009  第9网格  community  \(one) "))

        // Refused, each with its reason and exit status 1, nothing written.
        let refusals: [([String], String)] = [
            (["420303001005009", "--name", "重复"], "grids not saved: grid code (code): another grid already has this code"),
            (["420303001006001", "--name", "别的社区"], "must start with 420303001005"),
            (["4203030010050", "--name", "短"], "a grid code has 15 digits"),
            (["420303001005010", "--name", "管理员管"], "grid worker (workerID): must be a grid worker, not a community admin"),
            (["420303001005010", "--name", " "], "name (name): is required"),
        ]
        for (arguments, reason) in refusals {
            let worker = arguments[2] == "管理员管" ? ["--worker", "W-admin"] : []
            let refused = try run(folder, ["grid", "add"] + arguments + worker)
            #expect(refused.status == 1 && refused.errors.contains(reason), "\(arguments): \(refused.errors)")
            #expect(refused.output.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/grids/420303001005010"))
        let missingName = try run(folder, ["grid", "add", "420303001005010"])
        #expect(missingName.status == 64 && missingName.errors.contains("--name"), "argument errors exit 64: \(missingName.errors)")

        let edited = try run(folder, ["grid", "edit", "420303001005009", "--name", "第九网格", "--worker", two])
        #expect(edited.status == 0 && edited.output.hasPrefix("Changed grid 420303001005009 第九网格, worker \(two) "), "\(edited.output)\(edited.errors)")
        #expect(try gridsOf(one, in: folder) == ["420303001005001"] && gridsOf(two, in: folder) == ["420303001005002", "420303001005009"])
        let same = try run(folder, ["grid", "edit", "420303001005009", "--name", "第九网格"])
        #expect(same.status == 0 && same.output.contains("Nothing changed"))
        let recoded = try run(folder, ["grid", "edit", "420303001005009", "--code", "420303001005010", "--lang", "zh"])
        #expect(recoded.status == 1 && recoded.errors.contains("网格编码（code）：保存后不能更改：编码决定网格的文件夹"), "\(recoded.errors)")
        let nothing = try run(folder, ["grid", "edit", "420303001005009"])
        #expect(nothing.status == 1 && nothing.errors.contains("nothing to change"))
        let unknown = try run(folder, ["grid", "edit", "420303001005099", "--name", "无"])
        #expect(unknown.status == 1 && unknown.errors.contains("there is no grid 420303001005099"))

        let micro = try run(folder, ["grid", "micro", "420303001005009", "1", "--head", "某楼长", "--phone", "13800000000", "--buildings", "1栋、2栋，3栋"])
        #expect(micro.status == 0, "\(micro.errors)")
        #expect(micro.output == "Added micro-grid 1 to grid 420303001005009: head 某楼长, phone 138****0000, buildings 1栋, 2栋, 3栋.\n")
        #expect(!micro.output.contains("13800000000") && !micro.errors.contains("13800000000"), "the number is never printed")
        let twice = try run(folder, ["grid", "micro", "420303001005009", "2", "--head", "另一楼长", "--buildings", "4栋、4栋"])
        #expect(twice.status == 1 && twice.errors.contains("\"4栋\" is listed twice"), "\(twice.errors)")
        let headless = try run(folder, ["grid", "micro", "420303001005009", "2", "--buildings", "4栋"])
        #expect(headless.status == 1 && headless.errors.contains("grid head (microGrids[1].headName): is required"), "\(headless.errors)")
        let changed = try run(folder, ["grid", "micro", "420303001005009", "1", "--phone", "none", "--buildings", "1栋"])
        #expect(changed.status == 0 && changed.output.contains("Changed micro-grid 1") && changed.output.contains("phone -, buildings 1栋."))
        #expect(try run(folder, ["grid", "list"]).output.contains("1 某楼长"))

        let check = try run(folder, ["check"])
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func eachGridCommandLogsInAndSaysWhatItTakes() throws {
        for command in [["list"], ["add"], ["edit"], ["micro"]] {
            let help = try CommandRun(gridwork, ["grid"] + command + ["--help"])
            #expect(help.status == 0 && help.output.contains("--user") && help.output.contains("--data"), "\(command) logs in")
        }
        let add = try CommandRun(gridwork, ["grid", "add", "--help"]).output
        #expect(add.contains("--name") && add.contains("--worker") && add.contains("--district") && add.contains("--street"))
        #expect(try CommandRun(gridwork, ["grid", "edit", "--help"]).output.contains("Refused: a grid keeps its code"))
        #expect(try CommandRun(gridwork, ["grid", "micro", "--help"]).output.contains("--buildings"))
        #expect(try CommandRun(gridwork, ["--help"]).output.contains("grid"), "listed among the commands")
    }

    @Test func onlyTheAdminChangesGrids() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        #expect(try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"]).status == 0)
        let accounts = try run(folder, ["user", "list"]).output.split(separator: "\n")
        let login = try #require(accounts.first { $0.contains("grid worker") }?.split(separator: " ").first.map(String.init))
        let asWorker = ["GRIDWORK_PASSPHRASE": "demo-worker"]
        let listed = try run(folder, ["grid", "list", "--user", login], environment: asWorker)
        #expect(listed.status == 0 && listed.output.contains("420303001005001"), "anyone lists them")
        for arguments in [["grid", "add", "420303001005009", "--name", "第9网格"], ["grid", "edit", "420303001005001", "--name", "改名"],
                          ["grid", "micro", "420303001005001", "1", "--head", "某楼长"]] {
            let refused = try run(folder, arguments + ["--user", login], environment: asWorker)
            #expect(refused.status == 1 && refused.errors.contains("only the community admin can change grids"), "\(arguments): \(refused.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/grids/420303001005009"))
    }

    @Test func aNewCommunityGetsItsFirstGridAndWorker() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let setUp = try CommandRun(gridwork, ["init", "--data", folder.path, "--name", "测试社区", "--area-code", "420303001001"],
                                   environment: ["GRIDWORK_COMMUNITY_PASSPHRASE": "community-secret", "GRIDWORK_PASSPHRASE": "admin-secret"])
        #expect(setUp.status == 0, "\(setUp.errors)")
        let admin = ["GRIDWORK_PASSPHRASE": "admin-secret", "GRIDWORK_NEW_PASSPHRASE": "worker-secret"]
        #expect(try run(folder, ["grid", "list"], environment: admin).output.contains("No grids yet"))

        // No grid on file yet: a new worker cannot be given one, and nothing is written.
        let early = try run(folder, ["user", "add", "wang", "--name", "王网格员", "--grids", "420303001001001"], environment: admin)
        #expect(early.status == 1 && early.errors.contains("grids (gridCodes[0]): there is no grid 420303001001001; add the grid first"), "\(early.errors)")
        #expect(!(try run(folder, ["user", "list"], environment: admin).output.contains("wang")))

        let nameless = try run(folder, ["grid", "add", "420303001001001", "--name", "第一网格"], environment: admin)
        #expect(nameless.status == 1 && nameless.errors.contains("district name (districtName): is required")
                && nameless.errors.contains("street name (streetName): is required"), "the first grid needs them: \(nameless.errors)")
        let first = try run(folder, ["grid", "add", "420303001001001", "--name", "第一网格", "--district", "张湾区", "--street", "汉江路街道"],
                            environment: admin)
        #expect(first.status == 0, "\(first.errors)")
        let second = try run(folder, ["grid", "add", "420303001001002", "--name", "第二网格", "--lang", "zh"], environment: admin)
        #expect(second.status == 0 && second.output == "已新增网格 420303001001002 第二网格（社区）。\n", "the neighbour's names: \(second.errors)")

        let added = try run(folder, ["user", "add", "wang", "--name", "王网格员", "--grids", "420303001001001,420303001001009"], environment: admin)
        #expect(added.status == 1 && added.errors.contains("gridCodes[1]") && !added.errors.contains("gridCodes[0]"), "\(added.errors)")
        #expect(try run(folder, ["user", "add", "wang", "--name", "王网格员", "--grids", "420303001001001"], environment: admin).status == 0)
        let onFile = try run(folder, ["user", "add", "wang2", "--worker", "W-wang", "--grids", "420303001001002"], environment: admin)
        #expect(onFile.status == 1 && onFile.errors.contains("--grids is for a new worker"), "\(onFile.errors)")

        #expect(try run(folder, ["grid", "edit", "420303001001002", "--worker", "W-wang"], environment: admin).status == 0)
        #expect(try gridsOf("W-wang", in: folder) == ["420303001001001", "420303001001002"])
        let list = try run(folder, ["grid", "list"], environment: admin).output
        #expect(list.contains("420303001001001  第一网格  community  -") && list.contains("420303001001002  第二网格  community  W-wang 王网格员"), "\(list)")
        #expect(try run(folder, ["check"], environment: admin).status == 0)
    }
}
