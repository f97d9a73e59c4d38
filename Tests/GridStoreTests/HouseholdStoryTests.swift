import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// `i` on a household: its record's and residents' changes, its visits and its cases, merged
/// newest first (issue 14, point 4).
@Suite struct HouseholdStoryTests {
    static let zone = TimeZone.chinaStandard
    static let household = RecordID("H-1")

    /// 2026-09-dd hh:00 in China Standard Time.
    static func at(_ day: Int, _ hour: Int) -> Date {
        (Day(year: 2026, month: 9, day: day) ?? Day(dayNumber: 0)).start(in: zone).addingTimeInterval(Double(hour * 3600))
    }

    static func entry(_ sequence: Int, _ at: Date, _ record: String, _ action: AuditEntry.Action, fields: [String] = []) -> AuditEntry {
        AuditEntry(sequence: sequence, at: at, actor: "W-admin", action: action, kind: record.hasPrefix("H") ? .household : .resident,
                   record: record, fields: fields, previous: "", hash: "")
    }

    static func newCase(_ id: String, _ number: String, raised: Date, parties: [Party]) -> DisputeCase {
        DisputeCase(meta: RecordMeta(id: RecordID(id), createdBy: SampleCommunity.workerTwo, createdAt: raised), number: number, title: "纠纷\(number.suffix(1))",
                    category: .neighbours, parties: parties, gridCode: SampleCommunity.gridOne, source: .resident, matterClass: .smallMatter,
                    raisedOn: Day(raised, in: zone))
    }

    @Test func changesVisitsAndCasesAreMergedNewestFirstAndOthersLeftOut() throws {
        let household = Household(meta: RecordMeta(id: Self.household, createdBy: SampleCommunity.admin, createdAt: Self.at(1, 9)),
                                  gridCode: SampleCommunity.gridOne, microGrid: nil,
                                  address: Address(compound: "示例花园", building: "1栋", unit: "1单元", room: "101"), residency: .ownerOccupied)
        var head = SampleCommunity.resident(id: "P-1", household: "H-1", grid: SampleCommunity.gridOne, sequence: 1)
        head.name = "居民甲"
        let patrols = [
            PatrolLog(meta: RecordMeta(id: RecordID("L-1"), createdBy: SampleCommunity.workerTwo, createdAt: Self.at(5, 9)), gridCode: SampleCommunity.gridOne,
                      workerID: SampleCommunity.workerTwo, kind: .homeVisit, start: Self.at(5, 9), end: Self.at(5, 10), householdIDs: [Self.household]),
            // Found at the household's door, and the case it opened.
            PatrolLog(meta: RecordMeta(id: RecordID("L-2"), createdBy: SampleCommunity.workerTwo, createdAt: Self.at(8, 14)), gridCode: SampleCommunity.gridOne,
                      workerID: SampleCommunity.workerTwo, kind: .hazardCheck, start: Self.at(8, 14), end: Self.at(8, 15),
                      findings: [Finding(kind: .dispute, text: "楼道堆物", householdID: Self.household, caseID: RecordID("C-2")),
                                 Finding(kind: .hazard, text: "别家的事", householdID: RecordID("H-9"))]),
            // Another household's visit.
            PatrolLog(meta: RecordMeta(id: RecordID("L-3"), createdBy: SampleCommunity.workerTwo, createdAt: Self.at(9, 9)), gridCode: SampleCommunity.gridOne,
                      workerID: SampleCommunity.workerTwo, kind: .homeVisit, start: Self.at(9, 9), end: Self.at(9, 10), householdIDs: [RecordID("H-9")]),
        ]
        var party = Self.newCase("C-1", "JF2026-00001", raised: Self.at(3, 10), parties: [Party(name: "居民甲", residentID: head.id), Party(name: "外人")])
        try party.advance(to: .heard, note: "上门听取", by: SampleCommunity.workerTwo, at: Self.at(10, 11))
        let found = Self.newCase("C-2", "JF2026-00002", raised: Self.at(8, 15), parties: [Party(name: "外人")])
        let unrelated = Self.newCase("C-3", "JF2026-00003", raised: Self.at(7, 9), parties: [Party(name: "居民甲")])
        let audit = [
            Self.entry(1, Self.at(1, 9), "H-1", .create),
            Self.entry(2, Self.at(1, 9), "P-1", .create),
            Self.entry(3, Self.at(2, 9), "P-9", .update, fields: ["phone"]),
            Self.entry(4, Self.at(5, 10), "H-1", .update, fields: ["lastVisit"]),
            Self.entry(5, Self.at(6, 9), "P-1", .reveal, fields: ["idNumber"]),
        ]
        let story = HouseholdStory(household: household, residents: [head], patrols: patrols, cases: [unrelated, found, party], audit: audit)

        func describe(_ event: HouseholdStory.Event) -> String {
            switch event.what {
            case .change(let entry, let resident): return "\(resident ?? "household") \(entry.action.rawValue)"
            case .visit(let patrol, let findings): return "visit \(patrol.id.rawValue) \(findings.map(\.text).joined())"
            case .caseStep(let number, _, let step): return "\(number) \(step.kind.rawValue)"
            }
        }
        #expect(story.events.map(describe) == [
            "JF2026-00001 advanced",
            "JF2026-00002 raised",
            "visit L-2 楼道堆物",
            "居民甲 reveal",
            "household update",
            "visit L-1 ",
            "JF2026-00001 raised",
            "居民甲 create",
            "household create",
        ], "newest first; at the same moment the later recorded first; another household's finding, visit, resident and case left out")
        #expect(story.events.map(\.at) == story.events.map(\.at).sorted(by: >))
        #expect(story.events.first?.actor == SampleCommunity.workerTwo.rawValue)
    }

    /// From a folder: the household's grid is read, and the cases of the grids asked for (a case
    /// in another grid whose party lives here is found when every grid is read).
    @Test func theStoreTellsTheStoryFromTheGridAndTheTrail() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let store = sample.store
        var head = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridOne).first)
        head.notes = "腿脚不便"
        head = try store.save(head, at: SampleCommunity.now.addingTimeInterval(60))
        let elsewhere = DisputeCase(meta: RecordMeta(id: RecordID("C-9"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now.addingTimeInterval(120)),
                                    number: "JF2026-00009", title: "跨网格纠纷", category: .debt, parties: [Party(name: head.name, residentID: head.id)],
                                    gridCode: SampleCommunity.gridTwo, source: .hotline, matterClass: .smallMatter,
                                    raisedOn: Day(SampleCommunity.now, in: .chinaStandard))
        _ = try store.save(elsewhere, at: SampleCommunity.now.addingTimeInterval(120))

        let whole = try #require(store.householdStory(of: head.householdID, in: SampleCommunity.gridOne, caseGrids: nil))
        let numbers = whole.events.compactMap { event -> String? in
            if case .caseStep(let number, _, _) = event.what { return number }
            return nil
        }
        #expect(numbers == ["JF2026-00009"], "the case in grid two names a resident of this household; grid one's own case names nobody")
        let changes = whole.events.compactMap { event -> String? in
            if case .change(let entry, let resident) = event.what { return (resident ?? "household") + " " + entry.action.rawValue }
            return nil
        }
        #expect(changes == ["\(head.name) update", "\(head.name) create", "household create"])

        let gridOnly = try #require(store.householdStory(of: head.householdID, in: SampleCommunity.gridOne, caseGrids: [SampleCommunity.gridOne]))
        #expect(gridOnly.events.count == whole.events.count - 1, "a district reads the household's own grid's cases only")
        #expect(store.householdStory(of: RecordID("H-gone"), in: SampleCommunity.gridOne, caseGrids: nil) == nil)
    }
}
