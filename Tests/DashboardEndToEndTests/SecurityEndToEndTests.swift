import Foundation
import Testing
import TestSupport

/// Accounts on a shared terminal, in the real binary: a wrong passphrase, logging in, an edit
/// interrupted by the idle lock, unlocking, switching to a supervisor who may not edit, and
/// what that session left on disk.
@Suite(.serialized) struct SecurityEndToEndTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// The login of the demo account for `workerID`, read from `accounts.json`.
    func login(of workerID: String, in folder: TemporaryFolder) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/accounts.json"))
        let book = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let accounts = try #require(book["accounts"] as? [[String: Any]])
        return try #require(accounts.first { $0["workerID"] as? String == workerID }?["login"] as? String)
    }

    @Test func logInEditThroughTheIdleLockThenSwitchToASupervisor() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let demo = try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"])
        #expect(demo.status == 0, "\(demo.errors)")
        let worker = try login(of: "W-420303001005001", in: folder)
        let supervisor = try login(of: "W-supervisor-1", in: folder)
        let idNumber = EntryEndToEndTests.idNumber("11010519800303003")

        // Locks after 6 seconds without a key.
        let tmux = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)' --lock-after 0.1", width: 120, height: 40)
        #expect(tmux.wait(for: "请登录") != nil)
        try tmux.type(worker)
        try tmux.press("Enter")
        try tmux.type("not-the-passphrase")
        try tmux.press("Enter")
        let refused = tmux.wait(for: "账号或口令不对")
        #expect(refused != nil && refused?.contains("not-the-passphrase") == false, "a wrong passphrase is refused, never shown:\n\(tmux.screen())")
        #expect(try tmux.logIn(worker, passphrase: "demo-worker"))
        #expect(tmux.wait(for: "1 总览") != nil)

        // The worker's own grid: register a resident, and leave the form half done.
        try tmux.press("2")
        #expect(tmux.wait(for: "网格编码") != nil)
        try tmux.press("Enter")
        #expect(tmux.wait(for: "户主") != nil)
        try tmux.press("r")
        #expect(tmux.wait(for: "─ 登记居民") != nil)
        try tmux.type("测试居民")
        try tmux.press("Tab")
        try tmux.type(idNumber)
        let locked = tmux.wait(for: "屏幕已锁定", timeout: 30)
        #expect(locked != nil, "the idle lock comes on:\n\(tmux.screen())")
        #expect(locked?.contains("测试居民") == false && locked?.contains("户主") == false, "nothing behind the lock shows")
        #expect(locked?.contains(worker) == true, "the lock waits for the same worker")
        // The half-done form is kept as a draft, sealed: no number in plain text anywhere.
        #expect(FileManager.default.fileExists(atPath: folder.path + "/drafts"))
        #expect(PlainNumberScan.files(under: folder.path) == [])

        try tmux.type("demo-worker")
        try tmux.press("Enter")
        let back = tmux.wait(for: "─ 登记居民")
        #expect(back?.contains("测试居民") == true && back?.contains(idNumber) == true, "the form is as it was:\n\(tmux.screen())")
        try tmux.press("Tab", "Enter")
        #expect(tmux.wait { $0.contains("已保存") && !$0.contains("─ 登记居民") } != nil, "saved after unlocking:\n\(tmux.screen())")

        // Someone else takes the keyboard: a supervisor, who may look but not change.
        try tmux.press("L")
        let lockedByL = tmux.wait(for: "本人输入口令继续")
        #expect(lockedByL?.contains("Esc 换人登录") == true, "the worker's own login is filled in, the passphrase is asked:\n\(tmux.screen())")
        #expect(try tmux.logIn(supervisor, passphrase: "demo-supervisor"))
        #expect(tmux.wait(for: "督导（只读）") != nil, "the status line says who is working now:\n\(tmux.screen())")
        try tmux.press("e")
        #expect(tmux.wait(for: "可以查看，不能修改") != nil, "the supervisor's edit is refused with the reason:\n\(tmux.screen())")
        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)

        // On disk: the resident with sealed numbers, no plain number anywhere, an intact trail.
        let residents = try String(contentsOfFile: folder.path + "/grids/420303001005001/residents.json", encoding: .utf8)
        #expect(residents.contains("\"name\" : \"测试居民\"") && !residents.contains(idNumber))
        #expect(PlainNumberScan.files(under: folder.path) == [])
        let verify = try CommandRun(gridwork, ["audit", "verify", "--data", folder.path])
        #expect(verify.status == 0 && verify.output.contains("intact"), "\(verify.output)\(verify.errors)")
        let show = try CommandRun(gridwork, ["audit", "show", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(show.output.contains("failed login") && show.output.contains("logged in") && show.output.contains("created"), "\(show.output)")
    }
}
