import Foundation
import Testing
import GridModel
import GridStore
import TestSupport
@testable import GridApp

/// Drafts that survive a crash, and the writer that saves forms and takes changes back.
@Suite struct DraftAndWriterTests {
    func form() -> RecordForm {
        var form = CaseEntryForm.make(newIn: SampleCommunity.gridOne, from: CaseEntryForm.Origin(), today: Day(year: 2026, month: 9, day: 21) ?? Day(dayNumber: 0),
                                      language: .zh)
        form[.title]?.input.insert("楼道堆物👨‍👩‍👧")
        form[.notes]?.input.insert("第一行\n第二行")
        form.focus = 6
        form.isDirty = true
        return form
    }

    @Test func aFormKeptAsADraftComesBackExactlyAfterACrash() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let drafts = DraftFolder(dataFolder: folder.path)
        var keeper = DraftKeeper(folder: drafts, worker: SampleCommunity.admin)
        let start = Date()
        keeper.keep(form(), now: start)
        #expect(drafts.read(for: SampleCommunity.admin) != nil && !keeper.isPending)
        var typed = form()
        typed[.title]?.input.insert("X")
        keeper.keep(typed, now: start.addingTimeInterval(0.1))
        #expect(keeper.isPending, "a change right after a write waits for a pause in typing")
        keeper.keep(typed, now: start.addingTimeInterval(0.2), force: true)
        #expect(!keeper.isPending)

        // The program dies here; the next start finds the draft.
        var next = DraftKeeper(folder: drafts, worker: SampleCommunity.admin)
        guard case .success(let restored)? = next.restore(language: .zh) else {
            Issue.record("no draft")
            return
        }
        #expect(restored == typed)
        next.keep(nil, now: Date())
        #expect(drafts.read(for: SampleCommunity.admin) == nil, "saved or dropped, the draft goes")

        // A draft that parses but points past its options comes back with them in range.
        var wild = typed
        wild.focus = 99
        wild[.tags] = FormField(.tags, .flags(values: ["a"], labels: ["甲"]))
        wild.fields[wild.fields.count - 1].flagged = [7]
        wild.fields[1].choice = 42
        try drafts.write(try JSONEncoder().encode(wild), for: SampleCommunity.admin)
        var tamed = DraftKeeper(folder: drafts, worker: SampleCommunity.admin)
        guard case .success(let safe)? = tamed.restore(language: .zh) else {
            Issue.record("a parseable draft was refused")
            return
        }
        #expect(safe.focus == 0 && safe.fields[1].choice == 0 && safe.fields.allSatisfy { $0.flagged.isEmpty })
        #expect(safe.fields.map(\.value).count == safe.fields.count, "reading every value does not crash")

        try drafts.write(Data("{not json".utf8), for: SampleCommunity.admin)
        var broken = DraftKeeper(folder: drafts, worker: SampleCommunity.admin)
        guard case .failure(let error)? = broken.restore(language: .en) else {
            Issue.record("a broken draft was not reported")
            return
        }
        #expect(error.message.contains("unreadable") && folder.allFiles().contains("drafts/W-admin.json.unreadable"))
    }

    @Test func aFormLeftUntouchedLeavesNoDraft() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let drafts = DraftFolder(dataFolder: folder.path)
        var keeper = DraftKeeper(folder: drafts, worker: SampleCommunity.admin)
        var untouched = form()
        untouched.isDirty = false
        keeper.keep(untouched, now: Date())
        #expect(drafts.read(for: SampleCommunity.admin) == nil)
    }

    @Test func theWriterSavesInOrderAndUndoesWhatItMay() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let writer = ChangeWriter(store: sample.store)
        let household = Household(meta: RecordMeta(id: RecordID("H-new"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                                  gridCode: SampleCommunity.gridOne, microGrid: nil,
                                  address: Address(compound: "示例花园", building: "9栋", unit: "", room: "101"), residency: .rented)
        let before = DashboardLoaderForTests.data(sample.store)
        let outcome = writer.save([.household(household)], at: SampleCommunity.now)
        let (stored, failure) = (outcome.stored, outcome.failure)
        #expect(failure == nil && stored.first?.revision == 1)
        #expect(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).contains { $0.id == RecordID("H-new") })
        try writer.undo(UndoStep(saved: stored, before: before), at: SampleCommunity.now)
        #expect(!sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).contains { $0.id == RecordID("H-new") })

        let existing = try #require(sample.store.records(Resident.self, inGrid: SampleCommunity.gridOne).first)
        let number = try #require(existing.idNumber)
        #expect(writer.resident(withIDNumber: number.lowercased(), except: RecordID("P-other"))?.id == existing.id)
        #expect(writer.resident(withIDNumber: number, except: existing.id) == nil, "a resident is not a duplicate of themselves")

        var clash = household
        clash.address.building = ""
        let refused = writer.save([.household(clash)], at: SampleCommunity.now)
        #expect(refused.stored.isEmpty && refused.failure != nil && !refused.isSaved)
    }
}

/// The dashboard's data for a store, as the run loop reads it.
enum DashboardLoaderForTests {
    static func data(_ store: Store) -> DashboardData {
        DashboardLoader(store: store).load(grid: nil, today: Day(year: 2026, month: 9, day: 21) ?? Day(dayNumber: 0))
    }
}
