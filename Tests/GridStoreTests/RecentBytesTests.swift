import Foundation
import Testing
@testable import GridStore

@Suite struct RecentBytesTests {
    @Test func theOldestGoFirstOnceTheBudgetIsSpent() {
        var recent = RecentBytes(budget: 10)
        recent.keep(Data(count: 4), for: "a")
        recent.keep(Data(count: 4), for: "b")
        // Kept again: now the newest.
        recent.keep(Data(count: 3), for: "a")
        recent.keep(Data(count: 4), for: "c")
        #expect(recent["b"] == nil)
        #expect(recent["a"]?.count == 3 && recent["c"]?.count == 4)
        // More than the whole budget is not kept, and drops what it replaces.
        recent.keep(Data(count: 11), for: "c")
        #expect(recent["c"] == nil && recent["a"] != nil)
        recent.remove("a")
        #expect(recent["a"] == nil)
    }
}
