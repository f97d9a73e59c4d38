import Foundation
import Testing
import GridModel
import GridStore
import TestSupport
@testable import GridApp

/// schemas/draft.schema.json against the drafts the dashboard really keeps (issue 13, part 5):
/// every kind of form passes it, and a draft the dashboard cannot offer back fails it.
@Suite struct DraftSchemaTests {
    static let today = Day(year: 2026, month: 9, day: 21) ?? Day(dayNumber: 0)

    /// One form of each purpose, as the screens make them, each with something typed; between
    /// them they fill every optional part of a draft.
    static func forms(_ store: Store) throws -> [RecordForm] {
        let grid = try #require(store.grids.first)
        let household = try #require(store.records(Household.self, inGrid: grid.code).first)
        let resident = try #require(store.records(Resident.self, inGrid: grid.code).first)
        let disputeCase = SampleCommunity.openCase()
        let patrol = PatrolLog(meta: RecordMeta(id: RecordID("L-1"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                               gridCode: grid.code, workerID: SampleCommunity.workerTwo, kind: .routine,
                               start: SampleCommunity.now, end: SampleCommunity.now, householdIDs: [household.id])
        let households = [(id: household.id, label: household.address.line)]
        let data = DashboardLoader(store: store).load(grid: nil, today: today)
        let origin = CaseEntryForm.Origin(title: "楼道堆物", source: .patrol, parties: [Party(name: resident.name, residentID: resident.id)],
                                          patrolID: patrol.id, finding: 0)
        var forms = [
            HouseholdForm.make(nil, in: grid, language: .zh),
            ResidentForm.make(resident, showingNumbers: false, language: .zh),
            PatrolForm.make(newIn: grid.code, visiting: household, households: households, now: SampleCommunity.now, today: today,
                            timeZone: .chinaStandard, language: .zh),
            FindingForm.make(for: patrol, households: households, language: .en),
            CaseEntryForm.make(newIn: grid.code, from: origin, today: today, language: .zh),
            CaseEntryForm.make(editing: disputeCase, language: .zh),
            CaseStepForm.make(.assign, for: disputeCase, workers: store.workers, gridWorker: SampleCommunity.workerTwo, language: .zh),
            GridForm.make(nil, data: data, language: .zh),
            GridForm.make(grid, data: data, language: .en),
            MicroGridForm.make(MicroGrid(number: 1, headName: "楼栋长", headPhone: "10000000002", buildings: ["1栋", "2栋"]), in: grid, language: .zh),
            MicroGridForm.make(nil, in: grid, language: .zh),
            MoveForm.make(household: household, data: data, language: .zh),
            MoveForm.make(resident: resident, data: data, language: .en),
        ]
        for index in forms.indices {
            forms[index].fields[0].input.insert("改")
            forms[index].isDirty = true
        }
        // Tags ticked, a record error shown, a new id chosen, an overwrite agreed to.
        if let tags = forms[0].fields.firstIndex(where: { $0.key == .tags }) { forms[0].fields[tags].flagged = [0, 2] }
        forms[1].showRecordError(FormError(key: .gender, message: "性别与身份证号不符"))
        forms[4].newRecordID = RecordID("C-new")
        forms[5].overwrites = 3
        return forms
    }

    static func keep(_ forms: [RecordForm], in folder: String, key: PersonalDataKey? = nil) -> [RecordID] {
        let drafts = DraftFolder(dataFolder: folder, key: key)
        return forms.enumerated().map { index, form in
            let worker = RecordID("W-draft-\(index)")
            var keeper = DraftKeeper(folder: drafts, worker: worker)
            keeper.keep(form, now: SampleCommunity.now, force: true)
            return worker
        }
    }

    @Test func everyKindOfDraftMatchesTheSchemaAndComesBack() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let forms = try Self.forms(sample.store)
        let workers = Self.keep(forms, in: folder.path)
        let written = try String(contentsOfFile: folder.path + "/drafts/W-draft-1.json", encoding: .utf8)
        #expect(written.contains("keptValueHint") && written.contains("\"_0\""), "the resident's draft holds what this test is about")

        let validation = try SchemaValidation(folder.path)
        #expect(validation.status == 0, "\(validation.report)")
        #expect(validation.checked("draft.schema.json") == forms.count)
        for (worker, form) in zip(workers, forms) {
            var keeper = DraftKeeper(folder: DraftFolder(dataFolder: folder.path), worker: worker)
            guard case .success(let restored)? = keeper.restore(language: .zh) else {
                Issue.record("the draft of \(worker) does not come back")
                continue
            }
            #expect(restored.purpose == form.purpose && restored.fields.map(\.value) == form.fields.map(\.value))
        }
    }

    /// In a folder that is set up, the draft is sealed whole: not JSON, only its form is checked.
    @Test func aSealedDraftIsCheckedForItsForm() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let admin = try #require(sample.store.workers.first { $0.id == SampleCommunity.admin })
        let session = try sample.store.setUpCommunity(communityPassphrase: "draft-community", admin: admin, login: "admin",
                                                      passphrase: "draft-admin-passphrase", at: SampleCommunity.now)
        let forms = try Self.forms(sample.store)
        _ = Self.keep(Array(forms.prefix(1)), in: folder.path, key: session.key)
        let file = folder.path + "/drafts/W-draft-0.json"
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("enc1:"))
        let validation = try SchemaValidation(folder.path)
        #expect(validation.status == 0, "\(validation.report)")
        #expect(validation.checked("draft.schema.json", sealed: true) == 1 && validation.checked("draft.schema.json") == 0)

        // Damaged, it opens with no key and does not read: the dashboard sets it aside, and the form check fails.
        try Data("enc1:this is not base64".utf8).write(to: URL(fileURLWithPath: file))
        let damaged = try SchemaValidation(folder.path)
        #expect(damaged.status == 1 && damaged.failures == ["drafts/W-draft-0.json: a sealed draft must be enc1: followed by base64"],
                "\(damaged.report)")
        var keeper = DraftKeeper(folder: DraftFolder(dataFolder: folder.path, key: session.key), worker: RecordID("W-draft-0"))
        guard case .failure? = keeper.restore(language: .en) else {
            Issue.record("a damaged sealed draft was offered back")
            return
        }
    }

    /// A draft the dashboard cannot offer back.
    enum Damage: String, CaseIterable, Sendable {
        case unknownPurpose, twoPurposes, unknownFieldKind, unknownFieldKey, inputWithoutText, withoutFocus, fieldsAsText

        var change: ([JSONEdit.Step], JSONEdit.Value) {
            let field: [JSONEdit.Step] = [.key("fields"), .index(0)]
            switch self {
            case .unknownPurpose: return ([.key("purpose")], .raw(#"{"archive":{"_0":"H-1"}}"#))
            case .twoPurposes: return ([.key("purpose")], .raw(#"{"finding":{"patrolID":"L-1"},"caseDetails":{"_0":"C-1"}}"#))
            case .unknownFieldKind: return (field + [.key("kind")], .raw(#"{"slider":{}}"#))
            case .unknownFieldKey: return (field + [.key("key")], .text("floor"))
            case .inputWithoutText: return (field + [.key("input"), .key("text")], .removed)
            case .withoutFocus: return ([.key("focus")], .removed)
            case .fieldsAsText: return ([.key("fields")], .text("compound"))
            }
        }
    }

    @Test(arguments: Damage.allCases) func theSchemaRejectsADraftTheDashboardSetsAside(_ damage: Damage) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let worker = try #require(Self.keep(Array(try Self.forms(sample.store).prefix(1)), in: folder.path).first)
        let (path, value) = damage.change
        try JSONEdit.rewrite(folder.path + "/drafts/W-draft-0.json", at: path, to: value)

        // The validator first: offering the draft back sets it aside under another name.
        let validation = try SchemaValidation(folder.path)
        #expect(validation.status == 1, "\(validation.report)")
        #expect(!validation.failures.isEmpty && validation.failures.allSatisfy { $0.hasPrefix("drafts/W-draft-0.json:") }, "\(validation.report)")
        var keeper = DraftKeeper(folder: DraftFolder(dataFolder: folder.path), worker: worker)
        guard case .failure? = keeper.restore(language: .en) else {
            Issue.record("the dashboard offered back a draft the schema rejects (\(damage))")
            return
        }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/drafts/W-draft-0.json.unreadable"))
        #expect(try SchemaValidation(folder.path).status == 0, "a draft set aside is not data")
    }
}
