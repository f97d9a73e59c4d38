import Foundation
import Testing
import TestSupport

/// Screen 0 in the real binary (issue 14): a grid worker logs in, starts on their to-do list,
/// logs a visit from its first row and sees the row leave and the count go down.
@Suite(.serialized) struct TodoEndToEndTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// The number after `label` in the list's title (`走访12`).
    func count(_ label: String, in screen: String) -> Int? {
        guard let range = screen.range(of: label) else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    /// The list pane's selected line (marked `▶`), without the borders and the pane beside it.
    func selectedRow(in screen: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("▶ 走访") }) else { return nil }
        let row = line.drop { $0 != "▶" }
        return String(row.prefix { $0 != "│" }).trimmingCharacters(in: .whitespaces)
    }

    @Test func aGridWorkerLogsAVisitFromTheirToDoListAndTheRowLeaves() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let demo = try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"])
        #expect(demo.status == 0, "\(demo.errors)")
        let worker = try SecurityEndToEndTests().login(of: "W-420303001005001", in: folder)

        let tmux = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)'", width: 120, height: 40)
        #expect(try tmux.logIn(worker, passphrase: "demo-worker"))
        let first = tmux.wait { $0.contains("0 待办") && $0.contains("▶ 走访") }
        guard let first, let visits = count("走访", in: first), let row = selectedRow(in: first) else {
            Issue.record("the worker starts on their to-do list with a visit due:\n\(tmux.screen())")
            return
        }
        #expect(visits > 0 && first.contains("p 记录走访"), "\(first)")

        try tmux.press("p")
        #expect(tmux.wait(for: "新建巡查记录  第") != nil, "p opens the visit form:\n\(tmux.screen())")
        try tmux.press("Enter")
        let after = tmux.wait { screen in screen.contains("已保存") && (count("走访", in: screen) ?? visits) < visits }
        #expect(after != nil, "the visit is saved and the count goes down:\n\(tmux.screen())")
        #expect(after?.contains(row) == false, "the row \(row) has left:\n\(tmux.screen())")
        #expect(after?.contains("0 待办") == true, "the worker stays on the to-do list")

        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)
        // On disk: the household's last visit moved to today (the dashboard's clock).
        let households = try String(contentsOfFile: folder.path + "/grids/420303001005001/households.json", encoding: .utf8)
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai") ?? .current,
                                                formatOptions: [.withFullDate])
        #expect(households.contains("\"lastVisit\" : \"\(today)\""))
    }
}
