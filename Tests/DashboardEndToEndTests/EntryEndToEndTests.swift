import Foundation
import Testing
import TestSupport

/// A grid worker's round, typed into the real binary in tmux: a new household with two residents,
/// a visit whose finding opens a case, that case taken through every stage to closed; then the
/// program starts again, finds it all, and the JSON on disk holds it.
@Suite(.serialized) struct EntryEndToEndTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// A synthetic ID number (area 110105, unlike the demo's) with its GB 11643 check character.
    static func idNumber(_ first17: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17.compactMap(\.wholeNumberValue), weights).reduce(0) { $0 + $1.0 * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    /// Opens a form with `key`, waits for its title, fills it with `fill`, saves and waits for the status line.
    func step(_ tmux: TmuxSession, _ key: String, title: String, saved: String = "已保存", _ fill: () throws -> Void) throws {
        try tmux.press(key)
        #expect(tmux.wait(for: title) != nil, "\(key) opens \(title):\n\(tmux.screen())")
        try fill()
        let after = tmux.wait { $0.contains(saved) && !$0.contains(title) }
        #expect(after != nil, "\(title) is saved:\n\(tmux.screen())")
    }

    @Test func aHouseholdAVisitAndACaseFromRaisedToClosed() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let demo = try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"])
        #expect(demo.status == 0, "\(demo.errors)")
        let head = Self.idNumber("11010519700101001"), spouse = Self.idNumber("11010519720202002")

        let tmux = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)'", width: 120, height: 40)

        #expect(try tmux.logIn(), "logged in: \(tmux.screen())")
        #expect(tmux.wait(for: "1 总览") != nil)
        try tmux.press("3")
        #expect(tmux.wait(for: "户主") != nil)

        try step(tmux, "n", title: "新建住户  第") {
            try tmux.type("测试小区")
            try tmux.press("Tab")
            try tmux.type("88栋")
            try tmux.press("Tab")
            try tmux.type("1单元")
            try tmux.press("Tab")
            try tmux.type("101")
            try tmux.press("Enter")
        }
        #expect(tmux.screen().contains("▶ 测试小区 88栋 1单元 101"), "the new household is selected")
        try step(tmux, "r", title: "登记居民  测试小区") {
            try tmux.type("张三丰")
            try tmux.press("Tab")
            try tmux.type(head)
            try tmux.press("Tab", "Enter")
        }
        try step(tmux, "r", title: "登记居民  测试小区") {
            try tmux.type("李秀兰")
            try tmux.press("Tab")
            try tmux.type(spouse)
            try tmux.press("Tab", "Tab", "Tab")
            try tmux.type("13912345678")
            try tmux.press("Enter")
        }
        let household = tmux.wait(for: "居民（2）")
        #expect(household?.contains("张三丰  男") == true && household?.contains("李秀兰  女") == true, "birth and gender come from the ID numbers")
        #expect(household?.contains(head) == false && household?.contains("139****5678") == true, "numbers are shown masked")

        try step(tmux, "p", title: "新建巡查记录  第") {
            try tmux.press("Tab", "Tab", "Tab", "Tab", "Tab", "Right", "Right", "Right", "Tab")
            try tmux.type("邻里噪音纠纷，楼上深夜装修")
            try tmux.press("Enter")
        }

        try tmux.press("4", "/")
        try tmux.type("邻里噪音")
        try tmux.press("Enter", "Tab")
        #expect(tmux.wait(for: "矛盾纠纷：邻里噪音纠纷") != nil || tmux.wait(for: "邻里噪音纠纷") != nil)
        try step(tmux, "c", title: "新建案件  第", saved: "已保存 JF") {
            #expect(tmux.screen().contains("事由*") && tmux.screen().contains("邻里噪音纠纷，楼上深夜装修"), "the title comes from the finding")
            try tmux.press("Enter")
        }
        #expect(tmux.wait(for: "已立案 JF") != nil, "the finding names the case it opened:\n\(tmux.screen())")

        try tmux.press("5", "/")
        try tmux.type("邻里噪音")
        try tmux.press("Enter")
        #expect(tmux.wait(for: "居民提事  办理层级") != nil)
        let note = { (text: String) in
            try tmux.press("Tab")
            try tmux.type(text)
            try tmux.press("Enter")
        }
        try step(tmux, "a", title: "推进到下一阶段  JF") { try note("到现场听取双方意见") }
        try step(tmux, "w", title: "指派承办人  JF") { try tmux.press("Enter") }
        try step(tmux, "d", title: "设定办结期限  JF") {
            try tmux.type("+7d")
            try tmux.press("Enter")
        }
        try step(tmux, "s", title: "上报上一级  JF") {
            try tmux.type("涉及多户，需社区协调")
            try tmux.press("Enter")
        }
        try step(tmux, "a", title: "推进到下一阶段  JF") { try note("提交社区议事会") }
        try step(tmux, "a", title: "推进到下一阶段  JF") { try note("议定晚十点后停工") }
        try step(tmux, "a", title: "推进到下一阶段  JF") { try note("物业与网格员共同督办") }
        try step(tmux, "o", title: "记录调解结果  JF") {
            try tmux.press("Tab")
            try tmux.type("楼上住户承诺晚十点后停工")
            try tmux.press("Enter")
            try tmux.type("物业监督执行")
            try tmux.press("C-s")
        }
        try step(tmux, "a", title: "推进到下一阶段  JF") { try note("请双方评议") }
        try step(tmux, "v", title: "记录满意度和回访  JF") {
            try tmux.press("Tab")
            try tmux.type("+30d")
            try tmux.press("Enter")
        }
        try step(tmux, "c", title: "结案  JF") { try tmux.press("Enter") }
        #expect(tmux.wait(for: "办理阶段 已结案") != nil, "the case is closed:\n\(tmux.screen())")
        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)

        // Again from the start: everything is there.
        let again = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)'", width: 120, height: 40)
        #expect(try again.logIn(), "logged in: \(again.screen())")
        #expect(again.wait(for: "1 总览") != nil)
        try again.press("5", "/")
        try again.type("邻里噪音")
        try again.press("Enter")
        let closed = again.wait(for: "办理阶段 已结案")
        #expect(closed?.contains("层级 社区") == true, "escalated once, closed:\n\(again.screen())")
        try again.press("3", "/")
        try again.type("zsf")
        #expect(again.wait(for: "测试小区 88栋 1单元 101") != nil, "张三丰 is found by his pinyin initials")
        // Esc and the next key sent together would read as Alt+key: wait for the Esc to show first.
        try again.press("Escape")
        #expect(again.wait { !$0.contains("/zsf") } != nil)
        try again.press("/")
        // The filter line is open before the digits go in (a loaded machine can be slow to show it).
        #expect(again.wait(timeout: 30) { $0.split(separator: "\n").last?.hasPrefix("/") == true } != nil, "the filter opens:\n\(again.screen())")
        try again.type(String(head.suffix(4)))
        #expect(again.wait(for: "测试小区 88栋 1单元 101", timeout: 30) != nil, "and by the last digits of his ID number:\n\(again.screen())")
        try again.press("Enter", "q")
        #expect(again.waitUntilFinished()?.contains("EXITED 0") == true)

        let files = folder.allFiles()
        func text(_ part: String) throws -> String {
            try files.filter { $0.contains(part) }.map { try String(contentsOfFile: folder.path + "/" + $0, encoding: .utf8) }.joined()
        }
        let households = try text("/households.json"), residents = try text("/residents.json")
        let patrols = try text("/patrols/"), cases = try text("/cases/")
        #expect(households.contains("\"compound\" : \"测试小区\""))
        #expect(residents.contains("\"name\" : \"张三丰\"") && residents.contains("\"relation\" : \"spouse\""))
        #expect(!residents.contains(head) && residents.contains("\"idNumber\" : \"enc1:"), "ID numbers are sealed on disk")
        #expect(residents.contains("\"birthDate\" : \"1970-01-01\""), "the birth date taken from the ID number")
        #expect(patrols.contains("邻里噪音纠纷，楼上深夜装修") && patrols.contains("\"caseID\""))
        #expect(cases.contains("\"agreement\" : \"楼上住户承诺晚十点后停工\\n物业监督执行\""), "the agreement keeps its two lines")
        #expect(cases.contains("\"stage\" : \"closed\"") && cases.contains("\"note\" : \"涉及多户，需社区协调\""))
        #expect(!files.contains { $0.hasPrefix("drafts/") && $0.hasSuffix(".json") }, "no draft is left once everything is saved")
        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(check.status == 0, "every record obeys the rules: \(check.output)")
    }

    @Test func aFormBeingTypedSurvivesTheProgramBeingKilled() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let demo = try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"])
        #expect(demo.status == 0, "\(demo.errors)")
        let tmux = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)'", width: 100, height: 30)
        #expect(try tmux.logIn(), "logged in: \(tmux.screen())")
        #expect(tmux.wait(for: "1 总览") != nil)
        try tmux.press("5", "n")
        #expect(tmux.wait(for: "新建案件") != nil)
        try tmux.type("停电前没保存的案件")
        #expect(tmux.wait(for: "停电前没保存的案件") != nil)
        // Typing stops; the draft is written after a short pause, then the power goes.
        Thread.sleep(forTimeInterval: 1)
        let pid = try #require(tmux.programPID())
        kill(pid, SIGKILL)
        #expect(tmux.waitUntilFinished() != nil)

        let again = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)'", width: 100, height: 30)

        #expect(try again.logIn(), "logged in: \(again.screen())")
        let restored = again.wait(for: "已恢复上次未保存的草稿")
        #expect(restored?.contains("停电前没保存的案件") == true, "the form comes back as it was:\n\(again.screen())")
        try again.press("Escape")
        #expect(again.wait(for: "放弃已填写的内容") != nil)
        try again.press("y")
        #expect(again.wait { !$0.contains("新建案件  第") } != nil)
        try again.press("q")
        #expect(again.waitUntilFinished()?.contains("EXITED 0") == true)
        #expect(!folder.allFiles().contains { $0.hasPrefix("drafts/") && $0.hasSuffix(".json") }, "a dropped draft is gone")
    }
}
