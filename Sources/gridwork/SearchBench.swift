import Foundation
import GridApp
import GridIndex
import GridModel
import GridStore

/// The index's part of `gridwork bench`: building it from nothing, bringing it up to date when
/// nothing changed, a search keystroke over the whole folder, and a resident form's save with
/// its duplicate-ID check (index lookup, then only the grid it names).
struct SearchBench {
    let store: Store

    /// With `building`, the index is removed and built again first (about a minute for a
    /// district); otherwise the one on disk is brought up to date.
    func measures(building: Bool, searching: Bool, saving: Bool) throws -> [(String, [Duration], String)] {
        guard building || searching || saving else { return [] }
        if building { unlink(store.folder + "/" + SearchIndex.fileName) }
        var index: SearchIndex?
        let build = try BenchCommand.time {
            let opened = try SearchIndex(folder: store.folder)
            try opened.refresh(from: store)
            index = opened
        }
        guard let index else { return [] }
        var refreshes: [Duration] = []
        for _ in 0..<5 { refreshes.append(try BenchCommand.time { try index.refresh(from: store) }) }

        // What workers type: surnames, given names, pinyin, initials, building numbers, last digits.
        let people = store.records(Resident.self, inGrid: store.grids[store.grids.count / 2].code)
        var queries: [String] = []
        for (number, person) in people.prefix(40).enumerated() {
            let name = Array(person.name)
            let spelled = Pinyin.spellings(of: person.name, isName: true).split(separator: " ").map(String.init)
            switch number % 5 {
            case 0: queries.append(String(name.prefix(1)))
            case 1: queries.append(String(name.suffix(2)))
            case 2: queries.append(spelled.first.map { String($0.prefix(4)) } ?? person.name)
            case 3: queries.append(spelled.last ?? person.name)
            default: queries.append(person.name)
            }
        }
        // As the dashboard searches: through its client, which checks the index is up to date first.
        let client = LiveStoreClient(store: store)
        var searches: [Duration] = []
        for query in queries where searching {
            searches.append(try BenchCommand.time { _ = try client.search(query, kinds: Set(SearchHit.Kind.allCases), limit: 50) })
        }

        var saves: [Duration] = []
        guard let household = store.records(Household.self, inGrid: store.grids[0].code).first else { return [] }
        for _ in 0..<(saving ? 20 : 0) {
            // A new number each run, so a second bench on the same folder saves rather than finds a duplicate.
            let born = Day(year: Int.random(in: 1950...2000), month: Int.random(in: 1...12), day: Int.random(in: 1...28)) ?? Day(dayNumber: 0)
            let resident = Resident(meta: .new(by: store.writerID ?? RecordID("W-admin"), at: Date(), prefix: "R"), householdID: household.id,
                                    gridCode: household.gridCode, name: "基准测试", gender: .female, birthDate: born,
                                    idNumber: Self.idNumber(born: born, sequence: Int.random(in: 0..<500) * 2 + 2), phone: nil,
                                    relation: .other)
            saves.append(try BenchCommand.time {
                let outcome = client.save([.resident(resident)], overwriting: false, at: Date())
                if let failure = outcome.failure { throw failure }
            })
        }
        return [("search index: " + (building ? "build from nothing" : "open + bring up to date"), [build], ""),
                ("search index: up to date check, nothing changed", refreshes, ""),
                ("search keystroke over every grid", searches, "p95 <= 30 ms"),
                ("resident saved, duplicate-ID check included", saves, "p95 <= 100 ms")]
    }

    /// A synthetic ID number (area 420399, which no county has); an even sequence is a woman's.
    static func idNumber(born: Day, sequence: Int) -> String {
        let body = "420399" + born.iso.replacingOccurrences(of: "-", with: "") + String(format: "%03d", sequence % 1000)
        return body + String(ResidentIDNumber.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
    }
}
