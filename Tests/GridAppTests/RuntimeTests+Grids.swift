import Foundation
import Testing
import GridModel
@testable import GridApp

/// A grid added from screen 2 through the dispatcher (issue 13, part 1).
extension RuntimeTests {
    @Test func aNewGridIsListedOnceSavedWithoutARestart() throws {
        let harness = try harness(screen: "2") { $0.actor = DashboardFixture.admin }
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.character("n"))
        runtime.press(.tab)
        type(runtime, "第三网格")
        runtime.press(.enter)
        #expect(runtime.state.isSaving && harness.queue.waiting == 1 && harness.store.saves.isEmpty, "nothing is written on the input thread")
        settle(harness)
        guard case .grid(let saved)? = harness.store.saves.first?.first else {
            Issue.record("no grid saved: \(harness.store.saves)")
            return
        }
        #expect(saved.code == GridCode("420303001005003") && saved.name == "第三网格")
        #expect(runtime.state.form == nil && runtime.state.message?.text == "已保存")
        #expect(runtime.state.rows[.grids]?.count == 3 && runtime.state.selectedGrid?.code == saved.code, "listed and selected, read again")
    }
}
