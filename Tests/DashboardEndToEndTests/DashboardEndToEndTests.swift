import Foundation
import Testing
import TestSupport

/// The real `gridwork` binary in a real terminal (tmux): every screen, the filter, resizes,
/// help, quitting, and the terminal given back in a usable state.
@Suite(.serialized) struct DashboardEndToEndTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// A demo community in a fresh folder.
    func demoFolder() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let run = try CommandRun(gridwork, ["demo", "--data", folder.path, "--today", "2026-11-22"])
        #expect(run.status == 0, "\(run.errors)")
        return folder
    }

    func lines(_ screen: String) -> [String] { screen.components(separatedBy: "\n") }

    @Test func aTourOfEveryScreenInChinese() throws {
        let folder = try demoFolder()
        defer { folder.remove() }
        let tmux = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder.path)'", width: 100, height: 30)
        #expect(try tmux.logIn(), "logged in: \(tmux.screen())")

        #expect(tmux.wait(for: "1 总览") != nil, "the dashboard starts")
        #expect(tmux.wait(for: "未结案件（按阶段）") != nil)
        for (key, expected) in [("2", "网格编码"), ("3", "户主"), ("4", "巡查"), ("5", "事由"), ("1", "案件在哪一级化解")] {
            try tmux.press(key)
            #expect(tmux.wait(for: expected) != nil, "screen \(key) shows \(expected)")
        }

        try tmux.press("3", "/")
        try tmux.type("栋")
        let filtered = tmux.wait(for: "/栋")
        #expect(filtered != nil && filtered?.contains("/栋▏") == true, "the filter line shows what is typed")
        try tmux.press("Enter", "Tab", "j")
        #expect(tmux.wait(for: "居民（") != nil, "the detail shows the household's residents")
        try tmux.press("Escape", "Escape")
        #expect(tmux.wait { !$0.contains("/栋") } != nil, "Esc clears the filter")

        try tmux.resize(width: 60, height: 20)
        let narrow = tmux.wait { screen in self.lines(screen).count >= 20 && screen.contains("住户") && self.lines(screen)[1].hasPrefix("┌") && !screen.contains("5 案件") }
        #expect(narrow != nil, "re-laid out at 60x20:\n\(tmux.screen())")
        try tmux.resize(width: 200, height: 60)
        #expect(tmux.wait { $0.contains("5 案件") && self.lines($0).contains { $0.count > 150 } } != nil, "re-laid out at 200x60")
        try tmux.resize(width: 20, height: 6)
        #expect(tmux.wait(for: "终端太小") != nil, "a single notice when too small")
        try tmux.resize(width: 100, height: 30)
        #expect(tmux.wait(for: "5 案件") != nil)

        try tmux.press("-N", "120", "IC")
        try tmux.press("M-q")
        try tmux.press("2")
        #expect(tmux.wait(for: "网格编码") != nil, "keys it has no use for (Insert, Alt-q) change nothing and never quit")
        #expect(!tmux.screen().contains("EXITED"))

        try tmux.press("?")
        #expect(tmux.wait(for: "帮助  (Esc)") != nil)
        try tmux.press("Escape")
        #expect(tmux.wait { !$0.contains("帮助  (Esc)") } != nil)
        try tmux.press(":")
        try tmux.type("lang en")
        try tmux.press("Enter")
        #expect(tmux.wait(for: "Households") != nil, ":lang en switches the language")

        try tmux.press("q")
        let after = tmux.waitUntilFinished()
        #expect(after?.contains("EXITED 0") == true, "q quits with status 0")
        #expect(after?.contains("icanon") == true && after?.contains("-icanon") == false, "the terminal is back in line mode")
        #expect(after?.contains(" echo") == true && after?.contains("-echo") == false, "echo is back on")
    }

    @Test func vt100WithoutColourAndTheLinuxConsoleWork() throws {
        let folder = try demoFolder()
        defer { folder.remove() }
        for term in ["vt100", "linux"] {
            let tmux = try TmuxSession("TERM=\(term) NO_COLOR=1 LANG=C.UTF-8 '\(gridwork)' --data '\(folder.path)' --theme ascii", width: 90, height: 26)
            #expect(try tmux.logIn(), "logged in: \(tmux.screen())")
            let shown = tmux.wait(for: "1 Overview")
            #expect(shown != nil, "TERM=\(term) starts")
            #expect(shown?.contains("+- Overview") == true, "the ASCII theme draws + and - borders")
            try tmux.press("5")
            #expect(tmux.wait(for: "Number") != nil)
            try tmux.press("C-c")
            #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true, "Ctrl-C quits cleanly under TERM=\(term)")
        }
    }

    @Test func aFatalSignalStillRestoresTheTerminalAndWaitingUsesNoProcessor() throws {
        let folder = try demoFolder()
        defer { folder.remove() }
        let tmux = try TmuxSession("'\(gridwork)' --data '\(folder.path)' --lang en", width: 100, height: 30)
        #expect(try tmux.logIn(), "logged in: \(tmux.screen())")
        #expect(tmux.wait(for: "1 Overview") != nil)
        let pid = try #require(tmux.programPID())
        // Work started at login (bringing the search index up to date) runs in the background
        // first; once it is done, two seconds of waiting for a key must cost nothing.
        var used: [Int] = []
        for _ in 0..<15 {
            let before = Self.cpuTicks(pid)
            sleep(2)
            let after = Self.cpuTicks(pid)
            #expect(before != nil && after != nil)
            used.append((after ?? 0) - (before ?? 0))
            if used.last ?? 0 <= 2 { break }
        }
        #expect((used.last ?? 99) <= 2, "waiting for a key uses no processor time once the start-up work is done: \(used)")
        kill(pid, SIGTERM)
        let shown = tmux.waitUntilFinished()
        #expect(shown?.contains("EXITED 143") == true, "killed by SIGTERM")
        #expect(shown?.contains("icanon") == true)
        #expect(shown?.contains("-icanon") == false && shown?.contains("-echo") == false, "the terminal was restored before dying")
    }

    @Test func anEmptyFolderOffersTheDemoOrANewCommunity() throws {
        let folder = TemporaryFolder()
        let home = TemporaryFolder()
        defer { folder.remove(); home.remove() }
        let tmux = try TmuxSession("XDG_DATA_HOME='\(home.path)' '\(gridwork)' --data '\(folder.path)' --lang zh", width: 100, height: 30)
        #expect(tmux.wait(for: "还没有数据") != nil)
        try tmux.press("n")
        #expect(tmux.wait(for: "社区代码") != nil)
        try tmux.type("4203030010")
        try tmux.press("Enter")
        #expect(tmux.wait(for: "社区代码应为 12 位数字") != nil, "a short code is refused with a reason")
        try tmux.type("09")
        try tmux.press("Tab")
        try tmux.type("新建测试社区")
        // The admin login is offered as "admin"; then the two passphrases, shown as stars.
        try tmux.press("Tab", "Tab")
        try tmux.type("short")
        try tmux.press("Enter")
        #expect(tmux.wait(for: "口令至少 8 个字符") != nil, "a short passphrase is refused")
        try tmux.type("-admin-words")
        try tmux.press("Tab")
        try tmux.type("community-words")
        #expect(tmux.wait(for: "***************") != nil && !tmux.screen().contains("community-words"), "passphrases show as stars")
        try tmux.press("Enter")
        #expect(try tmux.logIn("admin", passphrase: "short-admin-words"), "the new admin logs in: \(tmux.screen())")
        #expect(tmux.wait(for: "新建测试社区  0 待办  1 总览") != nil, "the new community opens")
        let manifest = try String(contentsOfFile: folder.path + "/gridwork.json", encoding: .utf8)
        #expect(manifest.contains("\"areaCode\" : \"420303001009\"") && manifest.contains("新建测试社区"))
        let accounts = try String(contentsOfFile: folder.path + "/accounts.json", encoding: .utf8)
        #expect(accounts.contains("\"login\" : \"admin\"") && !accounts.contains("short-admin-words") && !accounts.contains("community-words"))
        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)
    }

    @Test func aBrokenThemeIsNamedAndTheDefaultUsed() throws {
        let folder = try demoFolder()
        let config = TemporaryFolder()
        defer { folder.remove(); config.remove() }
        try FileManager.default.createDirectory(atPath: config.path + "/gridwork/themes", withIntermediateDirectories: true)
        try #"{"name": "broken", "styles": {"selected": {"fg": "purple"}}}"#
            .write(toFile: config.path + "/gridwork/themes/broken.json", atomically: true, encoding: .utf8)
        let tmux = try TmuxSession("XDG_CONFIG_HOME='\(config.path)' '\(gridwork)' --data '\(folder.path)' --lang en --theme broken",
                                   width: 160, height: 30)
        #expect(try tmux.logIn(), "logged in: \(tmux.screen())")
        let shown = tmux.wait(for: "styles.selected.fg")
        #expect(shown?.contains("broken.json: styles.selected.fg: unknown colour") == true, "\(tmux.screen())")
        try tmux.press(":")
        try tmux.type("theme high-contrast")
        try tmux.press("Enter")
        #expect(tmux.wait(for: "Theme high-contrast in use") != nil)
        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)
    }

    @Test func theTerminalIsAskedHowWideAmbiguousCharactersAreOrTold() throws {
        let folder = try demoFolder()
        defer { folder.remove() }
        // tmux answers the cursor-position question: it draws ambiguous characters narrow.
        let asked = try TmuxSession("'\(gridwork)' --data '\(folder.path)' --lang en", width: 100, height: 30)
        #expect(try asked.logIn(), "logged in: \(asked.screen())")
        #expect(asked.wait(for: "1 Overview")?.contains("┌─") == true, "\(asked.screen())")
        try asked.press("q")
        #expect(asked.waitUntilFinished()?.contains("EXITED 0") == true)

        let told = try TmuxSession("GRIDWORK_AMBIGUOUS_WIDTH=wide '\(gridwork)' --data '\(folder.path)' --lang en", width: 100, height: 30)
        #expect(try told.logIn(), "logged in: \(told.screen())")
        try told.press("5", "Enter")
        let shown = told.wait(for: "Timeline") ?? told.screen()
        #expect(shown.contains("+-") && !shown.contains("─"), "\(shown)")
        #expect(shown.allSatisfy { $0.isASCII || !$0.unicodeScalars.contains { $0.value >= 0x2010 && $0.value <= 0x25FF } },
                "no arrows, quotes, dashes, dots or box lines: \(shown)")
        // Esc and ":" sent together read as Alt-: (nothing); a pause keeps them two keys.
        try told.press("Escape")
        Thread.sleep(forTimeInterval: 0.3)
        try told.press(":")
        try told.type("theme high-contrast")
        try told.press("Enter")
        let later = told.wait(for: "high-contrast") ?? told.screen()
        #expect(later.contains("high-contrast") && !later.contains("─"), "a theme chosen later is ASCII too: \(later)")
        try told.press("q")
        #expect(told.waitUntilFinished()?.contains("EXITED 0") == true, "\(told.screen())")

        let flag = try TmuxSession("GRIDWORK_AMBIGUOUS_WIDTH=wide '\(gridwork)' --data '\(folder.path)' --lang en --ambiguous-width narrow",
                                   width: 100, height: 30)
        #expect(try flag.logIn(), "logged in: \(flag.screen())")
        #expect(flag.wait(for: "1 Overview")?.contains("┌─") == true, "the flag wins over the variable")
        try flag.press("q")
        #expect(flag.waitUntilFinished()?.contains("EXITED 0") == true, "\(flag.screen())")
    }

    @Test func aNoteTypedInChineseLandsOnTheCaseOnDisk() throws {
        let folder = try demoFolder()
        defer { folder.remove() }
        let tmux = try TmuxSession("'\(gridwork)' --data '\(folder.path)' --lang zh", width: 110, height: 32)
        #expect(try tmux.logIn(), "logged in: \(tmux.screen())")
        #expect(tmux.wait(for: "1 总览") != nil)
        try tmux.press("5")
        #expect(tmux.wait(for: "推进到下一阶段") != nil, "the action pane offers the case's steps")
        try tmux.press("m")
        #expect(tmux.wait(for: "添加备注  JF") != nil)
        try tmux.type("电话回访当事人，双方已和解")
        try tmux.press("Enter")
        #expect(tmux.wait(for: "已保存 JF") != nil, "\(tmux.screen())")
        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)
        let cases = folder.allFiles().filter { $0.contains("/cases/") }
        let onDisk = try cases.map { try String(contentsOfFile: folder.path + "/" + $0, encoding: .utf8) }.joined()
        #expect(onDisk.contains("\"note\" : \"电话回访当事人，双方已和解\""))
        let check = try CommandRun(gridwork, ["check", "--data", folder.path], environment: ["GRIDWORK_PASSPHRASE": "demo-admin"])
        #expect(check.status == 0, "the saved case obeys every rule: \(check.output)")
    }

    /// User plus system time of a process, in clock ticks.
    static func cpuTicks(_ pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }
}
