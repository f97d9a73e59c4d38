import Foundation
import Testing
import TestSupport

/// The admin adds a grid and a micro-grid on screen 2 of the real binary in tmux, and both show
/// at once; the program started again finds them, and the data folder checks clean (issue 13, part 1).
@Suite(.serialized) struct GridEndToEndTests {
    let gridwork = BuildProducts.executable("gridwork")

    @Test func anAdminAddsAGridAndItsFirstMicroGridOnScreenTwo() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var problem = ""
        let tmux = try #require(try TmuxSession.demoDashboard(gridwork, in: folder.path, problem: &problem), "\(problem)")
        try tmux.press("2")
        #expect(tmux.wait(for: "420303001005008") != nil, "the demo's eight grids: \(tmux.screen())")

        try tmux.press("n")
        let form = tmux.wait(for: "─ 新建网格 ─")
        #expect(form?.contains("420303001005009") == true && form?.contains("幸福里社区") == true, "the next code and the names offered: \(form ?? tmux.screen())")
        try tmux.press("Tab")
        try tmux.type("第九网格")
        try tmux.press("Enter")
        let listed = tmux.wait { $0.contains("已保存") && !$0.contains("─ 新建网格 ─") }
        #expect(listed?.contains("▶ 420303001005009 第九网格") == true, "listed and selected without a restart: \(listed ?? tmux.screen())")

        try tmux.press("m")
        #expect(tmux.wait(for: "新建小网格  第九网格") != nil, "\(tmux.screen())")
        try tmux.press("Tab")
        try tmux.type("赵楼长")
        try tmux.press("Tab", "Tab")
        try tmux.type("1栋、2栋")
        try tmux.press("Enter")
        let micro = tmux.wait { $0.contains("1 号小网格  赵楼长  1栋、2栋") && !$0.contains("─ 新建小网格") }
        #expect(micro != nil, "the micro-grid shows in the grid's details: \(tmux.screen())")

        try tmux.press("1")
        #expect(tmux.wait(for: "  网格      9") != nil, "the overview counts it: \(tmux.screen())")
        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)

        let again = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)'", width: 120, height: 40)
        #expect(try again.logIn())
        try again.press("2")
        #expect(again.wait(for: "420303001005009 第九网格") != nil, "on disk: \(again.screen())")
        try again.press("q")
        #expect(again.waitUntilFinished()?.contains("EXITED 0") == true)

        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(check.status == 0, "\(check.output)")
    }
}
