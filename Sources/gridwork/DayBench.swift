import Foundation
import GridApp
import GridIndex
import GridModel
import GridStore

/// A grid worker's day, for `gridwork bench --only day`: the first screen, 20 grids opened as
/// the dashboard opens them, 50 saves (each with what the dashboard reads again after it, and
/// a search keystroke right after it) and 50 more searches, all through the dashboard's own
/// store client. The peak memory it reports is the process's, so it means most when this part
/// runs alone.
struct DayBench {
    let store: Store

    struct Measures {
        var opens: [Duration] = []
        var saves: [Duration] = []
        /// The first keystroke after each save: the index must have caught up with it.
        var searchesAfterSaves: [Duration] = []
        var searches: [Duration] = []
    }

    func measures() throws -> Measures {
        let client = LiveStoreClient(store: store)
        var measured = Measures()
        let grids = store.grids.map(\.code)
        guard !grids.isEmpty else { return measured }
        // The first screen as the dashboard opens it: a district's first grid, a community whole.
        _ = client.load(grid: grids.count > DashboardData.largeThreshold ? grids.first : nil, now: Date())
        let opened = (0..<20).map { grids[$0 * 17 % grids.count] }
        var shown: [GridCode: DashboardData] = [:]
        for grid in opened {
            measured.opens.append(BenchCommand.time { shown[grid] = client.load(grid: grid, now: Date()) })
        }
        // What to type: a surname alone (thousands match) or the end of a name.
        let names = opened.flatMap { shown[$0]?.residents.values.joined().prefix(5).map(\.name) ?? [] }
        func query(_ round: Int) -> String? {
            guard !names.isEmpty else { return nil }
            let name = Array(names[round % names.count])
            return round % 2 == 0 ? String(name.prefix(1)) : String(name.suffix(2))
        }
        for round in 0..<50 {
            let grid = opened[round % opened.count]
            guard var household = shown[grid]?.households.first else { continue }
            household.notes = "走访 \(round)"
            let edited = household
            try measured.saves.append(BenchCommand.time {
                let outcome = client.save([.household(edited)], overwriting: false, at: Date())
                if let failure = outcome.failure { throw failure }
                // The dashboard shows the grid again from the files after a save.
                shown[grid] = client.load(grid: grid, now: Date())
            })
            if let typed = query(round) {
                try measured.searchesAfterSaves.append(BenchCommand.time { _ = try client.search(typed, kinds: Set(SearchHit.Kind.allCases), limit: 50) })
            }
        }
        for round in 50..<100 {
            guard let typed = query(round) else { break }
            try measured.searches.append(BenchCommand.time { _ = try client.search(typed, kinds: Set(SearchHit.Kind.allCases), limit: 50) })
        }
        return measured
    }
}
