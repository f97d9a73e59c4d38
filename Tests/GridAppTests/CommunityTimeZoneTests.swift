import Foundation
import Testing
import GridModel
import GridStore
import TerminalUI
import TestSupport
@testable import GridApp

/// Times are typed and shown in the community's zone, from its manifest, never in the machine's
/// (this machine may well be a server in UTC).
@Suite struct CommunityTimeZoneTests {
    /// The sample community's dashboard data, read from disk as the dashboard reads it; the
    /// manifest names `zone` when one is given.
    func data(_ folder: TemporaryFolder, zone: String?) throws -> (Store, DashboardData) {
        _ = try SampleCommunity(at: folder.path)
        if let zone {
            let path = folder.path + "/gridwork.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\"name\" :", with: "\"timeZone\" : \"\(zone)\",\n  \"name\" :")
                .write(toFile: path, atomically: false, encoding: .utf8)
        }
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        return (store, DashboardLoader(store: store).initial(today: store.manifest.today()))
    }

    /// A new patrol log typed on screen 4: its day, start and end, as the form would save it.
    func typedPatrol(_ data: DashboardData, day: String, start: String, end: String) -> PatrolLog? {
        var state = AppState(data: data, language: .en, themeName: "default", width: 120, height: 40, actor: SampleCommunity.admin)
        for key: Key in [.character("4"), .character("n"), .tab] { _ = AppReducer.reduce(&state, .key(key)) }
        for (text, next) in [(day, Key.tab), (start, .tab), (end, .enter)] {
            for _ in 0..<12 { _ = AppReducer.reduce(&state, .key(.backspace)) }
            for character in text { _ = AppReducer.reduce(&state, .key(.character(character))) }
            let effects = AppReducer.reduce(&state, .key(next))
            if case .save(let changes)? = effects.first, case .patrol(let patrol)? = changes.first { return patrol }
        }
        return nil
    }

    /// 2026-09-21 at `hour`:`minute` UTC.
    func utc(_ hour: Int, _ minute: Int) -> Date {
        let day = Day(year: 2026, month: 9, day: 21) ?? Day(dayNumber: 0)
        return Date(timeIntervalSince1970: Double(day.dayNumber * 86_400 + hour * 3600 + minute * 60))
    }

    /// The patrols screen after `patrol` is saved and read back.
    func patrolsScreen(_ store: Store, _ patrol: PatrolLog) throws -> String {
        _ = try store.save(patrol)
        var state = AppState(data: DashboardLoader(store: store).initial(today: store.manifest.today()), language: .en, themeName: "default",
                             width: 120, height: 40, actor: SampleCommunity.admin)
        _ = AppReducer.reduce(&state, .key(.character("4")))
        return DashboardView.render(state, glyphs: .unicode).text
    }

    @Test func aManifestWithoutAZoneMeansChinaStandardTimeWhateverTheMachinesZone() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, data) = try data(folder, zone: nil)
        #expect(data.timeZone.secondsFromGMT(for: Date()) == 8 * 3600, "not the machine's \(TimeZone.current.identifier)")
        #expect(data.today == Day(Date(), in: .chinaStandard))

        let patrol = try #require(typedPatrol(data, day: "2026-09-21", start: "09:30", end: "10:15"))
        #expect(patrol.start == utc(1, 30) && patrol.end == utc(2, 15), "09:30 China Standard Time is 01:30Z")
        let screen = try patrolsScreen(store, patrol)
        #expect(screen.contains("09-21 09:30"), "the list shows the time typed:\n\(screen)")
        #expect(screen.contains("2026-09-21 09:30–10:15"), "so do the details:\n\(screen)")
    }

    @Test func aCommunityInAnotherZoneTypesAndReadsItsOwnTimes() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, data) = try data(folder, zone: "America/New_York")
        #expect(data.timeZone.identifier == "America/New_York")

        let patrol = try #require(typedPatrol(data, day: "2026-09-21", start: "09:30", end: "10:15"))
        #expect(patrol.start == utc(13, 30), "09:30 in New York in September (EDT, UTC-4) is 13:30Z")
        let screen = try patrolsScreen(store, patrol)
        #expect(screen.contains("09-21 09:30") && screen.contains("2026-09-21 09:30–10:15"), "\(screen)")
    }
}
