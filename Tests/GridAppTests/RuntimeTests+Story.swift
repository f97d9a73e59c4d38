import Foundation
import Testing
import GridModel
import GridStore
@testable import GridApp

/// The fake folder's answers for issue 14's story and namesake warning: a save allowed past its
/// namesakes stores the changes as given; a story is told from the records in memory.
extension FakeStoreClient {
    func save(_ changes: [RecordChange], overwriting: Bool, allowingNamesakes: Bool, at instant: Date) -> SaveOutcome {
        allowingNamesakes ? SaveOutcome(stored: changes) : save(changes, overwriting: overwriting, at: instant)
    }

    func story(ofHousehold id: RecordID, in grid: GridCode, caseGrids: [GridCode]?) -> HouseholdStory? {
        guard let household = data.households.first(where: { $0.id == id }) else { return nil }
        return HouseholdStory(household: household, residents: data.residents[id] ?? [], patrols: data.patrols, cases: data.cases, audit: [])
    }
}

/// `i` on a household and the namesake warning through the dispatcher (issue 14, points 4 and 5).
extension RuntimeTests {
    @Test func aHouseholdsStoryIsReadOnTheQueueAndShown() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        runtime.press(.down)
        runtime.press(.character("i"))
        #expect(harness.queue.waiting == 1 && runtime.state.presentation == nil, "the story is read on the queue")
        settle(harness)
        let story = try #require(runtime.state.history?.story)
        #expect(story.events.count == 2, "the finding at the door and Li Ming's case: \(story.events)")
    }

    @Test func aNamesakeWarningIsAnsweredWithYAndTheSaveGoesThrough() throws {
        let harness = try harness()
        defer { harness.folder.remove() }
        let runtime = harness.runtime
        let onFile = try #require(harness.store.data.residents[RecordID("H-1")]?.first)
        harness.store.saveAnswer = SaveOutcome(stored: [], namesakes: [Namesake(onFile, gridName: "第一网格", address: "清潭花园 1栋 1单元 101")])
        runtime.press(.down)
        runtime.press(.character("r"))
        type(runtime, "王秀英")
        for _ in 0..<3 { runtime.press(.tab) }
        type(runtime, "1949-12-31")
        runtime.press(.enter)
        settle(harness)
        #expect(runtime.state.form?.namesakes.count == 1 && !runtime.state.isSaving, "warned, nothing saved, the form kept")
        runtime.press(.character("y"))
        settle(harness)
        #expect(runtime.state.form == nil && runtime.state.message?.text == "已保存", "saved past the namesake on y")
    }
}
