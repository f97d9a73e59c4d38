import Foundation
import Testing
import TestSupport

/// Issue 14, points 4 and 5 in the real binary: a second registration of the same person without
/// an ID number (in another household) is warned about and saved on `y`, and `i` on that
/// household tells its story with the new resident in it.
@Suite(.serialized) struct StoryEndToEndTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// Registers 测试甲, born 1980-01-01, without an ID number, in the selected household.
    func register(_ tmux: TmuxSession) throws {
        try tmux.press("r")
        #expect(tmux.wait(for: "─ 登记居民") != nil, "the resident form opens:\n\(tmux.screen())")
        try tmux.type("测试甲")
        try tmux.press("Tab", "Tab", "Tab")
        try tmux.type("1980-01-01")
        try tmux.press("Enter")
    }

    @Test func aNamesakeIsWarnedAboutAndTheHouseholdsStoryShowsTheNewResident() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var problem = ""
        let tmux = try #require(try TmuxSession.demoDashboard(gridwork, in: folder.path, problem: &problem), "\(problem)")
        try tmux.press("3")
        #expect(tmux.wait(for: "户主") != nil)

        try register(tmux)
        #expect(tmux.wait { $0.contains("已保存") && !$0.contains("─ 登记居民") } != nil, "the first 测试甲 is saved:\n\(tmux.screen())")

        // The saved resident is picked in the detail pane: Esc back to the list (a pause, so the
        // next key is not read as Alt+key), then the next household.
        try tmux.press("Escape")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.press("j")
        #expect(tmux.wait(for: "住户 2/") != nil, "the second household is selected:\n\(tmux.screen())")
        try register(tmux)
        let warning = tmux.wait(for: "可能重复登记", timeout: 30)
        #expect(warning?.contains("测试甲  1980-01-01") == true, "the namesake is named with their birth date:\n\(tmux.screen())")
        try tmux.press("y")
        #expect(tmux.wait { $0.contains("已保存") && !$0.contains("可能重复登记") } != nil, "y saves anyway:\n\(tmux.screen())")

        try tmux.press("Escape")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.press("i")
        let story = tmux.wait(for: "─ 住户档案：", timeout: 30)
        #expect(story?.contains("居民 测试甲") == true && story?.contains("新建") == true, "the story holds the new resident:\n\(tmux.screen())")
        try tmux.press("Escape")
        // Esc and the next key sent together would read as Alt+key: wait for the Esc to show first.
        #expect(tmux.wait { !$0.contains("─ 住户档案：") } != nil)
        try tmux.press("q")
        #expect(tmux.waitUntilFinished()?.contains("EXITED 0") == true)
    }
}
