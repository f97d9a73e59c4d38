import Foundation
import GRDB
import Testing
import GridIndex
import GridModel
import GridStore
import TestSupport

/// The search index over a small community: short Chinese names, pinyin, addresses, case
/// numbers, numbers by their blind index only, and a cache that mends itself.
@Suite struct SearchIndexTests {
    static let phone = "13912345678"

    /// The sample community with 王小明 (grid one, with an ID and a phone number), 王明 and 李明 (grid two).
    func community() throws -> (TemporaryFolder, Store) {
        let folder = TemporaryFolder()
        let store = try SampleCommunity(at: folder.path).store
        var wang = SampleCommunity.resident(id: "P-11", household: "H-1", grid: SampleCommunity.gridOne, sequence: 11)
        wang.name = "王小明"
        wang.relation = .spouse
        wang.phone = Self.phone
        var wangMing = SampleCommunity.resident(id: "P-12", household: "H-2", grid: SampleCommunity.gridTwo, sequence: 12)
        wangMing.name = "王明"
        wangMing.relation = .child
        var li = SampleCommunity.resident(id: "P-13", household: "H-2", grid: SampleCommunity.gridTwo, sequence: 13)
        li.name = "李明"
        li.relation = .child
        for resident in [wang, wangMing, li] { _ = try store.save(resident, at: SampleCommunity.now) }
        return (folder, store)
    }

    func names(_ hits: [SearchHit]) -> Set<String> { Set(hits.filter { $0.kind == .resident }.map(\.title)) }

    /// The community with an index that follows each save as it commits, brought up to date.
    func followedCommunity() throws -> (TemporaryFolder, Store, SearchIndex) {
        let (folder, store) = try community()
        let index = try SearchIndex(folder: folder.path)
        store.commitListener = index
        try index.refreshUnlessTrailUnchanged(from: store)
        return (folder, store, index)
    }

    @Test func oneTwoAndThreeCharacterNamesAndTheirPinyinAreFound() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        #expect(try index.refresh(from: store) == 4, "two grids, people and cases each")
        #expect(names(try index.search("王")) == ["王小明", "王明"])
        #expect(names(try index.search("王明")) == ["王明"], "a two-character name finds itself, not 王小明")
        #expect(names(try index.search("小明")) == ["王小明"])
        #expect(names(try index.search("王小明")) == ["王小明"])
        #expect(names(try index.search("明")) == ["王小明", "王明", "李明"])
        #expect(names(try index.search("wangxiaoming")) == ["王小明"])
        #expect(names(try index.search("wxm")) == ["王小明"])
        #expect(names(try index.search("wangx")) == ["王小明"], "pinyin by prefix, as it is typed")
        #expect(try index.search("赵").isEmpty)
        let found = try #require(try index.search("李明").first)
        #expect(found.grid == SampleCommunity.gridTwo && found.detail.contains("2栋"), "a resident is shown with their grid and address")
    }

    @Test func addressesCaseNumbersAndAGridLimit() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        try index.refresh(from: store)
        let households = try index.search("示例 101").filter { $0.kind == .household }
        #expect(households.count == 2)
        #expect(try index.search("2-1-101").filter { $0.kind == .household }.map(\.recordID) == [RecordID("H-2")])
        #expect(try index.search("JF2026-00001").map(\.recordID) == [RecordID("C-1")])
        #expect(try index.search("漏水").first?.title == "JF2026-00001", "a case by a word of its title")
        #expect(try index.search("示例", grid: SampleCommunity.gridOne).allSatisfy { $0.grid == SampleCommunity.gridOne })
        #expect(try index.search("示例", limit: 1).count == 1)
        #expect(try index.search("漏水", kinds: [.resident, .household]).isEmpty)
        #expect(try index.search("示例", kinds: [.household]).allSatisfy { $0.kind == .household }, "only the kinds asked for")
    }

    @Test func aQueryMatchingManySortsOnlyTheFirstMatchesOfEachPart() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        try index.refresh(from: store)
        let all = try index.search("明", kinds: [.resident])
        #expect(all.map(\.title) == ["王小明", "李明", "王明"], "sorted by grid, then name")
        index.sortedAtMost = 2
        let capped = try index.search("明", kinds: [.resident])
        #expect(capped.count == 2 && Set(capped.map(\.title)).isSubset(of: Set(all.map(\.title))))
        #expect(capped == capped.sorted { ($0.grid.rawValue, $0.title) < ($1.grid.rawValue, $1.title) }, "what is kept is still sorted")
        // A resident named as the case's first party: both parts match `甲方`.
        var party = SampleCommunity.resident(id: "P-14", household: "H-1", grid: SampleCommunity.gridOne, sequence: 14)
        party.name = "甲方"
        party.relation = .child
        _ = try store.save(party, at: SampleCommunity.now)
        try index.refresh(from: store)
        index.sortedAtMost = 1
        #expect(try index.search("甲方").map(\.recordID) == [RecordID("P-14"), RecordID("C-1")],
                "each part keeps its own matches: the case is not crowded out by people")
    }

    @Test func numbersAreFoundByTheirBlindIndexAndNeverStored() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        try index.refresh(from: store)
        let number = SampleCommunity.idNumber(birth: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), sequence: 11)
        #expect(try index.residents(withIDNumber: number, store: store).map(\.id) == [RecordID("P-11")])
        #expect(try index.search(number, store: store).map(\.title) == ["王小明"])
        #expect(try index.search(String(number.suffix(6)), store: store).map(\.title) == ["王小明"])
        #expect(try index.search(String(Self.phone.suffix(4)), store: store).map(\.title) == ["王小明"])
        #expect(try index.search(Self.phone, store: store).map(\.title) == ["王小明"])
        let bytes = try String(decoding: Data(contentsOf: URL(fileURLWithPath: index.path)), as: UTF8.self)
        #expect(!bytes.contains(number) && !bytes.contains(Self.phone) && !bytes.contains(String(number.suffix(6))),
                "no number, whole or in part, is kept in the index")
    }

    /// The namesake warning's lookup: a name with a birth date, by their keyed hash only.
    @Test func aNameWithABirthDateIsFoundByItsBlindIndexAndNeverStored() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        try index.refresh(from: store)
        let born = Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0)
        #expect(try index.residents(named: "王明", born: born, store: store).map(\.id) == [RecordID("P-12")])
        #expect(try index.residents(named: " 王 明", born: born, store: store).map(\.grid) == [SampleCommunity.gridTwo], "blanks do not count")
        #expect(try index.residents(named: "王明", born: born.adding(days: 1), store: store).isEmpty)
        #expect(try index.residents(named: "王小", born: born, store: store).isEmpty)
        let bytes = try String(decoding: Data(contentsOf: URL(fileURLWithPath: index.path)), as: UTF8.self)
        #expect(!bytes.contains("1950-03-01") && !bytes.contains("19500301"), "no birth date is kept in the index")
    }

    /// Parts written a few a transaction: across a transaction's end nothing is lost or counted
    /// twice, and the progress goes up one part at a time.
    @Test func partsWrittenAFewATransactionAreAllIndexed() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        index.partsPerTransaction = 2
        var heard: [Int] = []
        let indexed = try index.refresh(from: store) { done, total in
            #expect(total == 4)
            heard.append(done)
        }
        #expect(indexed == 4)
        #expect(heard == [0, 1, 2, 3, 4])
        #expect(names(try index.search("明")) == ["王小明", "王明", "李明"], "residents of grid one (first transaction) and grid two (second)")
        #expect(try index.search(String(Self.phone.suffix(4)), store: store).map(\.title) == ["王小明"], "a number of the first transaction")
        let born = Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0)
        #expect(try index.residents(named: "李明", born: born, store: store).map(\.id) == [RecordID("P-13")], "a number of the second")
        #expect(try index.refresh(from: store) == 0, "every part was marked done")
    }

    /// An index made before names and birth dates were in it (version 2) is built again, so the
    /// namesake check does not miss everyone already on file.
    @Test func anIndexOfAnOlderVersionIsBuiltAgain() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        try index.refresh(from: store)
        let old = try DatabaseQueue(path: index.path)
        try old.write { db in
            try db.execute(sql: "DELETE FROM numbers")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        try old.close()
        let reopened = try SearchIndex(folder: folder.path)
        #expect(try reopened.refresh(from: store) == 4, "every grid is indexed again")
        #expect(try reopened.residents(named: "李明", born: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), store: store).map(\.id) == [RecordID("P-13")])
    }

    @Test func onlyTheGridWhoseFilesChangedIsReadAgain() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        try index.refresh(from: store)
        #expect(try index.refresh(from: store) == 0, "nothing changed, nothing is read")
        var renamed = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridTwo).first { $0.name == "李明" })
        renamed.name = "李晓明"
        _ = try store.save(renamed, at: SampleCommunity.now)
        #expect(try index.refresh(from: store) == 1, "only grid two's people are indexed again")
        #expect(names(try index.search("晓明")) == ["李晓明"])
        #expect(try index.search("李明").isEmpty)
        // A new number, and a resident taken away: only their rows change, and both show.
        var wang = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridOne).first { $0.name == "王小明" })
        let oldNumber = try #require(wang.idNumber)
        let newNumber = SampleCommunity.idNumber(birth: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), sequence: 99)
        wang.idNumber = newNumber
        _ = try store.save(wang, at: SampleCommunity.now)
        let removed = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridTwo).first { $0.name == "王明" })
        try store.remove(removed, at: SampleCommunity.now)
        #expect(try index.refresh(from: store) == 2)
        #expect(try index.residents(withIDNumber: oldNumber, store: store).isEmpty)
        #expect(try index.residents(withIDNumber: newNumber, store: store).map(\.id) == [wang.id])
        #expect(names(try index.search("王")) == ["王小明"], "the resident taken away is no longer found")
    }

    /// Between keystrokes only the audit trail is looked at: a save (which appends to it) is
    /// indexed, a hand edit made while the program runs waits for the next whole check.
    @Test func aSearchLooksAtTheFilesAgainOnlyWhenTheAuditTrailMoved() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let index = try SearchIndex(folder: folder.path)
        try index.refreshUnlessTrailUnchanged(from: store)
        #expect(names(try index.search("李明")) == ["李明"])
        // A hand edit: the trail did not move, so the files are not looked at.
        let path = folder.path + "/grids/" + SampleCommunity.gridTwo.rawValue + "/residents.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"李明\"", with: "\"李手改\"").write(toFile: path, atomically: true, encoding: .utf8)
        try index.refreshUnlessTrailUnchanged(from: store)
        #expect(names(try index.search("李明")) == ["李明"], "not looked at yet")
        // A save through the store moves the trail: every stamp is compared, the edit found too.
        var wang = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridOne).first { $0.name == "王小明" })
        wang.name = "王晓明"
        _ = try store.save(wang, at: SampleCommunity.now)
        try index.refreshUnlessTrailUnchanged(from: store)
        #expect(names(try index.search("晓明")) == ["王晓明"])
        #expect(names(try index.search("手改")) == ["李手改"])
        #expect(try index.search("李明").isEmpty)

        // Another copy writing the index (its refreshes append nothing to the trail) makes this
        // one compare the stamps again rather than trust rows it did not write.
        #expect(try index.refreshUnlessTrailUnchanged(from: store) == false)
        let other = try SearchIndex(folder: folder.path)
        _ = try other.refresh(from: Store.open(folder.path, unsecuredActor: SampleCommunity.admin))
        let path2 = folder.path + "/grids/" + SampleCommunity.gridOne.rawValue + "/residents.json"
        let text2 = try String(contentsOfFile: path2, encoding: .utf8)
        try text2.replacingOccurrences(of: "\"王晓明\"", with: "\"王又改\"").write(toFile: path2, atomically: true, encoding: .utf8)
        _ = try other.refresh(from: Store.open(folder.path, unsecuredActor: SampleCommunity.admin))
        #expect(try index.refreshUnlessTrailUnchanged(from: store) == true)
        #expect(try index.refreshUnlessTrailUnchanged(from: store) == false)
    }

    @Test func aSaveBringsTheIndexAlongAsItCommits() throws {
        let (folder, store, index) = try followedCommunity()
        defer { folder.remove() }
        var wang = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridOne).first { $0.name == "王小明" })
        wang.name = "王晓明"
        _ = try store.save(wang, at: SampleCommunity.now)
        #expect(names(try index.search("晓明")) == ["王晓明"], "found with no refresh at all")
        #expect(try index.search("王小明").isEmpty)
        #expect(try index.refreshUnlessTrailUnchanged(from: store) == false, "the save said the index follows it: no stamp compared")

        // Another copy's save moves the trail before this one's: the index no longer follows
        // every change, so after this copy's own save the next search compares every stamp.
        let other = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        var li = try #require(other.records(Resident.self, inGrid: SampleCommunity.gridTwo).first { $0.name == "李明" })
        li.name = "李别改"
        _ = try other.save(li, at: SampleCommunity.now)
        wang.name = "王又明"
        wang.meta.revision += 1
        _ = try store.save(wang, at: SampleCommunity.now)
        #expect(names(try index.search("又明")) == ["王又明"])
        #expect(try index.search("别改").isEmpty, "not seen before the stamps are compared")
        #expect(try index.refreshUnlessTrailUnchanged(from: store) == true)
        #expect(names(try index.search("别改")) == ["李别改"])
    }

    @Test func aSaveRemakesTheRowsOfWhatItChangedAndOfWhatShowsIt() throws {
        let (folder, store, index) = try followedCommunity()
        defer { folder.remove() }
        // A number no row shows: the row's stamp still changes, so its blind index follows.
        var wang = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridOne).first { $0.name == "王小明" })
        wang.phone = "13800001111"
        _ = try store.save(wang, at: SampleCommunity.now)
        #expect(try index.search("13800001111", store: store).map(\.title) == ["王小明"])
        #expect(try index.search(Self.phone, store: store).isEmpty, "the old number is gone")
        // A household's new address shows on each of its residents.
        var home = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first { $0.id == wang.householdID })
        home.address.compound = "翠竹园"
        _ = try store.save(home, at: SampleCommunity.now)
        let shown = try index.search("王小明", kinds: [.resident])
        #expect(shown.count == 1 && shown.allSatisfy { $0.detail.hasPrefix("翠竹园") })
        #expect(try index.search("翠竹园", kinds: [.household]).map(\.recordID) == [home.id])
        // What a fresh build makes is what the saves left.
        try FileManager.default.createDirectory(atPath: folder.path + "/rebuilt", withIntermediateDirectories: true)
        let rebuilt = try SearchIndex(folder: folder.path + "/rebuilt")
        try rebuilt.refresh(from: store)
        for query in ["王", "明", "翠竹园", "示例", "漏水", "13800001111", String(Self.phone.suffix(4))] {
            #expect(try index.search(query, store: store) == rebuilt.search(query, store: store), "\(query)")
        }
    }

    @Test func anIndexFoundDamagedUnderASaveIsTrustedOnlyWhenBuiltWholeAgain() throws {
        let (folder, store, index) = try followedCommunity()
        defer { folder.remove() }
        // Bytes over the database's header, in place, while it is open.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: index.path))
        try handle.write(contentsOf: Data(repeating: 0x41, count: 100))
        try handle.close()
        var wang = try #require(store.records(Resident.self, inGrid: SampleCommunity.gridOne).first { $0.name == "王小明" })
        wang.name = "王晓明"
        _ = try store.save(wang, at: SampleCommunity.now)
        #expect(try index.refreshUnlessTrailUnchanged(from: store) == true, "made again empty under the save: every stamp is compared")
        #expect(names(try index.search("李明")) == ["李明"], "the grid the save did not touch is indexed again")
        #expect(names(try index.search("晓明")) == ["王晓明"])
    }

    @Test func aMissingOrDamagedIndexIsBuiltAgain() throws {
        let (folder, store) = try community()
        defer { folder.remove() }
        let path = try SearchIndex(folder: folder.path).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("not a database, just bytes".utf8)))
        let index = try SearchIndex(folder: folder.path)
        #expect(try index.refresh(from: store) == 4)
        #expect(names(try index.search("王明")) == ["王明"])
        try FileManager.default.removeItem(atPath: path)
        let again = try SearchIndex(folder: folder.path)
        #expect(try again.refresh(from: store) == 4)
    }
}
