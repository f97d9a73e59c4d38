import Foundation
import Testing
import GridModel
import GridStore
@testable import GridDemo
import TestSupport

@Suite(.serialized) struct DemoGeneratorTests {
    static let today = Day(year: 2026, month: 11, day: 22) ?? Day(dayNumber: 0)

    /// Opens a generated folder as its admin, with the passphrase the README gives.
    static func open(_ folder: String) throws -> Store {
        try Store.open(folder, key: Store.logIn(folder: folder, login: "admin", passphrase: DemoGenerator.Passphrase.admin).key)
    }

    @Test func theDemoHasAccountsAndNoNumberInPlainText() throws {
        let folder = try #require(Self.communityFolder)
        let store = try Self.open(folder.path)
        let accounts = try store.accounts()
        #expect(accounts.count == 1 + 2 + 8, "the admin, two supervisors and eight grid workers")
        #expect(try Store.logIn(folder: folder.path, login: accounts[1].login, passphrase: DemoGenerator.Passphrase.supervisor).login == accounts[1].login)
        #expect(PlainNumberScan.files(under: folder.path) == [])
        #expect(store.allRecords(Resident.self).contains { $0.idNumber?.count == 18 }, "the numbers read back whole with the key")
        let report = store.audit.verify()
        #expect(report.isIntact)
        #expect(report.entries > 0 && report.signed == report.entries, "every entry of the demo is signed, from the first")
    }

    /// One community, generated once; each test opens its own store on it.
    static let communityFolder: TemporaryFolder? = {
        let folder = TemporaryFolder("gridwork-demo-test")
        return (try? DemoGenerator(scale: .community, seed: 7, today: today).generate(into: folder.path)) == nil ? nil : folder
    }()

    static func community() throws -> Store {
        try Self.open(try #require(communityFolder).path)
    }

    @Test func aCommunityHasTheSizeOfTheSeedCommunities() throws {
        let store = try Self.community()
        let summary = store.summary()
        #expect(summary.count(of: .grid) == 8)
        #expect(summary.count(of: .household) == 3_000)
        #expect((9_500...10_500).contains(summary.count(of: .resident)))
        #expect(summary.count(of: .disputeCase) >= 300)
        let patrols = store.allRecords(PatrolLog.self)
        #expect(patrols.count >= 4_000)
        let days = Set(patrols.map { Day($0.start, in: .chinaStandard) })
        #expect((days.min() ?? Self.today) <= Self.today.adding(days: -350), "a year of patrol logs")
        #expect(days.allSatisfy { $0 < Self.today })
    }

    @Test func everyRecordObeysEveryRule() throws {
        let store = try Self.community()
        let reopened = try Self.open(store.folder)
        #expect(reopened.checkEveryFile().isEmpty)
        #expect(reopened.checkReferences().isEmpty)
    }

    /// Read from the file itself: reading a grid keeps each building once whatever the file says.
    @Test func aMicroGridListsEachOfItsBuildingsOnceOnDisk() throws {
        let store = try Self.community()
        for grid in store.grids {
            let data = try Data(contentsOf: URL(fileURLWithPath: store.folder + "/grids/\(grid.code.rawValue)/grid.json"))
            let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let records = try #require(file["records"] as? [[String: Any]])
            let micros = try #require(records.first?["microGrids"] as? [[String: Any]])
            let households = store.records(Household.self, inGrid: grid.code)
            for micro in micros {
                let buildings = try #require(micro["buildings"] as? [String])
                let number = try #require(micro["number"] as? Int)
                #expect(!buildings.isEmpty && Set(buildings).count == buildings.count, "grid \(grid.code) micro-grid \(number): \(buildings.prefix(5))")
                let own = Set(households.filter { $0.microGrid == number }.map(\.address.building))
                #expect(Set(buildings) == own, "the buildings of its households, no more")
            }
        }
    }

    @Test func casesCoverEveryStageLevelCategoryAndOutcome() throws {
        let cases = try Self.community().allRecords(DisputeCase.self)
        #expect(Set(cases.map(\.stage)) == Set(CaseStage.allCases))
        #expect(Set(cases.map(\.level)) == Set(CaseLevel.allCases))
        #expect(Set(cases.map(\.category)) == Set(CaseCategory.allCases))
        #expect(Set(cases.compactMap(\.outcome)) == Set(Outcome.allCases))
        #expect(Set(cases.map(\.source)) == Set(CaseSource.allCases))
        #expect(cases.contains { $0.timeline.contains { $0.kind == .reopened } })
        #expect(cases.contains { $0.isOverdue(on: Self.today) })
        let fromPatrols = cases.filter { $0.patrolID != nil }
        #expect(!fromPatrols.isEmpty, "some cases were opened from a patrol finding")
        let closed = cases.filter { !$0.isOpen }.count
        #expect(closed * 2 > cases.count, "most cases are closed, as in a real community")
    }

    @Test func idNumbersAreValidUniqueAndBelongToNoCounty() throws {
        let residents = try Self.community().allRecords(Resident.self)
        let numbers = residents.compactMap(\.idNumber)
        #expect(numbers.count > residents.count * 9 / 10)
        #expect(Set(numbers).count == numbers.count)
        #expect(numbers.allSatisfy { $0.hasPrefix(DemoGenerator.idNumberArea) })
        #expect(residents.contains { !$0.tags.isEmpty })
    }

    @Test func theSameSeedGivesTheSameData() throws {
        let again = TemporaryFolder("gridwork-demo-again")
        defer { again.remove() }
        _ = try DemoGenerator(scale: .community, seed: 7, today: Self.today).generate(into: again.path)
        let first = try #require(Self.communityFolder)
        // Salts and nonces are random, so sealed values and accounts differ; everything else is the same.
        let files = first.allFiles().filter { $0.hasSuffix(".json") && !$0.hasPrefix("cache/") && $0 != "accounts.json" && !$0.hasPrefix("audit/") }
        #expect(files == again.allFiles().filter { $0.hasSuffix(".json") && !$0.hasPrefix("cache/") && $0 != "accounts.json" && !$0.hasPrefix("audit/") })
        let sealed = try NSRegularExpression(pattern: "\"enc1:[^\"]*\"")
        func unsealed(_ folder: TemporaryFolder, _ file: String) throws -> String {
            let text = try String(contentsOfFile: folder.path + "/" + file, encoding: .utf8)
            return sealed.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\"enc1:\"")
        }
        for file in files {
            #expect(try unsealed(first, file) == unsealed(again, file), "\(file) differs between two runs with the same seed")
        }
        // And the sealed values open to the same numbers.
        #expect(try Self.open(first.path).allRecords(Resident.self) == Self.open(again.path).allRecords(Resident.self))
    }

    @Test func aDifferentSeedGivesDifferentPeople() throws {
        let other = TemporaryFolder("gridwork-demo-other")
        defer { other.remove() }
        let store = try DemoGenerator(scale: .community, seed: 8, today: Self.today).generate(into: other.path)
        let names = Set(store.allRecords(Resident.self).prefix(50).map(\.name))
        let seven = Set(try Self.community().allRecords(Resident.self).prefix(50).map(\.name))
        #expect(names != seven)
    }

    @Test func generationRefusesAFolderThatHoldsData() throws {
        let store = try Self.community()
        #expect(throws: StoreError.self) {
            _ = try DemoGenerator(scale: .community, seed: 7, today: Self.today).generate(into: store.folder)
        }
    }

    @Test func theDistrictLayoutHas330GridsOfBothKinds() {
        var run = DemoRun(scale: .district, seed: 1, today: Self.today)
        let layout = run.layout()
        #expect(layout.count == 330)
        #expect(Set(layout.map(\.code)).count == 330)
        #expect(layout.allSatisfy { $0.code.isWellFormed && $0.code.kind == $0.kind })
        #expect(Set(layout.map(\.kind)) == [.community, .village])
        #expect((0..<330).map { run.share(of: 150_000, part: $0) }.reduce(0, +) == 150_000)
        #expect((0..<330).map { run.share(of: 20_000, part: $0) }.reduce(0, +) == 20_000)
    }
}
