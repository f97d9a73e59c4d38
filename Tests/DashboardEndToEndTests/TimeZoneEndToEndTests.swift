import Foundation
import Testing
import TestSupport

/// The dashboard on a server whose clock is in UTC: a visit typed as 9:30 is 9:30 China time,
/// on disk and on screen.
@Suite(.serialized) struct TimeZoneEndToEndTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// Yesterday in China Standard Time, `YYYY-MM-DD`: a day a patrol may be logged on.
    static func yesterdayInChina() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return formatter.string(from: Date().addingTimeInterval(-86_400))
    }

    @Test func aPatrolTypedAt0930IsStoredAndShownAt0930ChinaTime() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let demo = try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"], environment: ["TZ": "UTC"])
        #expect(demo.status == 0, "\(demo.errors)")
        let day = Self.yesterdayInChina()

        let tmux = try TmuxSession("TZ=UTC LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)'", width: 120, height: 40)
        #expect(try tmux.logIn(), "logged in: \(tmux.screen())")
        #expect(tmux.wait(for: "1 总览") != nil)
        try tmux.press("4", "n")
        #expect(tmux.wait(for: "新建巡查记录  第") != nil, "n opens a patrol log:\n\(tmux.screen())")
        for text in [day, "09:30", "10:15"] {
            try tmux.press("Tab")
            for _ in 0..<12 { try tmux.press("BSpace") }
            try tmux.type(text)
        }
        try tmux.press("Enter")
        let saved = tmux.wait { $0.contains("已保存") && !$0.contains("新建巡查记录  第") }
        #expect(saved != nil, "the log is saved:\n\(tmux.screen())")
        let shortDay = String(day.dropFirst(5))
        #expect(tmux.wait(for: "\(shortDay) 09:30") != nil, "the list shows 09:30 back:\n\(tmux.screen())")
        #expect(tmux.wait(for: "\(day) 09:30–10:15") != nil, "so do the details:\n\(tmux.screen())")
        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)

        let grids = folder.path + "/grids"
        let month = String(day.prefix(7))
        let files = try FileManager.default.contentsOfDirectory(atPath: grids).map { grids + "/" + $0 + "/patrols/" + month + ".json" }
        let texts = files.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        #expect(texts.contains { $0.contains("\"start\" : \"\(day)T09:30:00+08:00\"") && $0.contains("\"end\" : \"\(day)T10:15:00+08:00\"") },
                "stored as 09:30 China Standard Time (01:30Z), not 09:30 UTC")
    }
}
