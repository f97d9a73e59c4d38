import Foundation
import Testing
import GridExport
import GridModel
@testable import GridStore
import TerminalUI
import TestSupport
@testable import GridApp

/// `:export FILE`: the list on screen as filtered, through the runtime's dispatcher and the
/// store client, written as `gridwork export` writes it.
@Suite struct ListExportTests {
    /// Types `:` and `line`, then Enter; the effects asked for.
    func command(_ state: inout AppState, _ line: String) -> [Effect] {
        press(&state, .character(":"))
        type(&state, line)
        return press(&state, .enter)
    }

    func job(_ effects: [Effect]) -> ExportJob? {
        guard case .export(let job)? = effects.first, effects.count == 1 else { return nil }
        return job
    }

    @Test func exportsTheHouseholdsShownAsFilteredAndTheirPeopleWithResidents() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("3"), .character("/"))
        type(&state, "清潭")
        press(&state, .enter)
        #expect(state.list.visible.count == 2)

        let households = try #require(job(command(&state, "export /tmp/清潭.xlsx")))
        #expect(households.kind == .households && households.format == .xlsx && !households.reveal && !households.replacing)
        #expect(households.path == "/tmp/清潭.xlsx" && households.language == .zh)
        #expect(households.source.households.map(\.id.rawValue) == ["H-1", "H-2"], "the rows shown, in their order")
        #expect(Set(households.source.residents.map(\.id.rawValue)) == ["P-1", "P-2", "P-3"], "looked up for heads and counts")
        #expect(state.message?.text == "正在导出到 /tmp/清潭.xlsx…")

        let residents = try #require(job(command(&state, "export! residents 我的 台账.csv")))
        #expect(residents.kind == .residents && residents.format == .csv && residents.replacing)
        #expect(residents.path == "我的 台账.csv", "the rest of the line is the file, spaces and all")
        #expect(residents.source.residents.count == 3)
    }

    @Test func patrolsAndCasesExportTheirListsWithWhatTheyLookUp() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("4"))
        let patrols = try #require(job(command(&state, "export p.csv")))
        #expect(patrols.kind == .patrols && patrols.source.patrols.count == 3 && patrols.source.cases.count == 4)
        press(&state, .character("5"), .character("/"))
        type(&state, "噪音")
        press(&state, .enter)
        let cases = try #require(job(command(&state, "export c.xlsx")))
        #expect(cases.kind == .cases && cases.source.cases.map(\.number) == ["JF2026-00002"])
        #expect(cases.source.residents.contains { $0.id == RecordID("P-2") }, "a party's phone is looked up")
    }

    @Test func revealIsAnAdminsAndTheOtherScreensHaveNothingToExport() throws {
        var worker = try DashboardFixture.working(on: "3")
        #expect(command(&worker, "export --reveal full.xlsx").isEmpty)
        #expect(worker.message?.isError == true && worker.message?.text.contains("只有社区管理员可以导出完整的身份证号和手机号") == true)

        var admin = try DashboardFixture.state()
        press(&admin, .character("3"))
        #expect(try #require(job(command(&admin, "export --reveal full.xlsx"))).reveal)

        press(&admin, .character("1"))
        #expect(command(&admin, "export x.csv").isEmpty)
        #expect(admin.message == StatusMessage(admin.strings.exportNothingHere, isError: true))
        press(&admin, .character("3"))
        #expect(command(&admin, "export").isEmpty && admin.message == StatusMessage(admin.strings.exportUsage, isError: true))
    }

    @Test func theStatusLineSaysHowManyRowsWentWhereInEitherLanguage() throws {
        var state = try DashboardFixture.state()
        _ = AppReducer.reduce(&state, .exported(ExportJob.Outcome(rows: 2, leftOut: 0, path: "/tmp/x.xlsx", format: .xlsx)))
        #expect(state.message == StatusMessage("已导出 2 行到 /tmp/x.xlsx"))
        state.language = .en
        _ = AppReducer.reduce(&state, .exported(ExportJob.Outcome(rows: 1, leftOut: 3, path: "/tmp/x.csv", format: .csv)))
        #expect(state.message?.text == "Exported 1 row to /tmp/x.csv (3 of other grids left out: a grid worker exports their own grids)")
    }

    /// A runtime over a real folder: the export goes to the queue, and the file it writes is
    /// read back by openpyxl.
    @Test func theDispatcherRunsTheExportOffTheInputThreadAndTheFileReadsBack() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let admin = try #require(sample.store.workers.first { $0.id == SampleCommunity.admin })
        let session = try sample.store.setUpCommunity(communityPassphrase: "community-passphrase", admin: admin, login: "admin",
                                                      passphrase: "admin-passphrase", at: SampleCommunity.now)
        let client = LiveStoreClient(store: sample.store)
        var state = AppState(data: client.load(grid: nil, now: SampleCommunity.now), language: .zh, themeName: "default",
                             width: 100, height: 30, actor: SampleCommunity.admin, clock: SampleCommunity.now)
        _ = AppReducer.reduce(&state, .key(.character("3")))
        let queue = ManualEffectQueue()
        let runtime = Runtime(state: state, session: session, environment: RuntimeEnvironment(
            store: client, queue: queue, now: { SampleCommunity.now },
            draftFolder: { DraftFolder(dataFolder: folder.path, key: $0.key) }, applyTheme: { .success($0) }))

        let path = folder.path + "/住户.xlsx"
        for key in ":export residents \(path)" { runtime.press(.character(key)) }
        runtime.press(.enter)
        #expect(queue.waiting == 1 && !FileManager.default.fileExists(atPath: path), "nothing is written on the input thread")
        queue.runAll()
        runtime.takeFinished()
        #expect(runtime.state.message == StatusMessage("已导出 2 行到 \(path)"))

        let sheet = try #require(try SpreadsheetReadBack(path).sheets.first)
        #expect(sheet.title == "居民" && sheet.texts[0][9] == "姓名")
        #expect(sheet.texts.dropFirst().map { $0[9] } == ["居民1", "居民3"])
        #expect(sheet.rows[1][11].type == "date")
        #expect(sheet.texts.dropFirst().allSatisfy { $0[12].hasPrefix("4203**********") }, "masked by default")
        #expect(sample.store.audit.allEntries().filter { $0.action == .reveal }.isEmpty)

        // The same again fails: the file exists. `:export!` replaces it; --reveal is audited.
        for key in ":export --reveal residents \(path)" { runtime.press(.character(key)) }
        runtime.press(.enter)
        queue.runAll()
        runtime.takeFinished()
        #expect(runtime.state.message?.isError == true && runtime.state.message?.text.contains("文件已存在") == true)
        for key in ":export! --reveal residents \(path)" { runtime.press(.character(key)) }
        runtime.press(.enter)
        queue.runAll()
        runtime.takeFinished()
        #expect(runtime.state.message?.isError == false)
        let full = try #require(try SpreadsheetReadBack(path).sheets.first)
        #expect(full.texts.dropFirst().allSatisfy { $0[12].count == 18 && !$0[12].contains("*") })
        let reveals = sample.store.audit.allEntries().filter { $0.action == .reveal }
        #expect(reveals.compactMap(\.record) == ["P-1", "P-2"] && reveals.allSatisfy { $0.actor == "W-admin" })
    }

    /// A fake store: a failed export is an error on the status line; an account disabled since
    /// login, found when the reveal is audited, locks the screen as a refused save does.
    @Test func aFailedExportSaysWhyAndADisabledAccountLocksTheScreen() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var state = try DashboardFixture.state()
        _ = AppReducer.reduce(&state, .key(.character("5")))
        let store = FakeStoreClient(data: try DashboardFixture.data())
        let queue = ManualEffectQueue(runsAtOnce: true)
        let session = Session(login: "admin", workerID: DashboardFixture.admin, key: try RuntimeTests.key)
        let runtime = Runtime(state: state, session: session, environment: RuntimeEnvironment(
            store: store, queue: queue, now: { DashboardFixture.at(11, 22, 10) },
            draftFolder: { DraftFolder(dataFolder: folder.path, key: $0.key) }, applyTheme: { .success($0) }))
        func export(_ line: String) {
            for key in ":" + line { runtime.press(.character(key)) }
            runtime.press(.enter)
            runtime.takeFinished()
        }

        store.exportAnswer = .failure(.file(.io(.write, path: "/media/usb/cases.xlsx", code: ENOSPC)))
        export("export /media/usb/cases.xlsx")
        #expect(store.exports.map(\.kind) == [.cases] && store.exports.first?.source.cases.count == 4)
        #expect(runtime.state.message == StatusMessage("/media/usb/cases.xlsx：写入失败：磁盘已满。该文件名下没有留下不完整的文件。", isError: true))

        store.exportAnswer = .failure(.audit(.refused(.accountDisabled(login: "admin"))))
        export("export --reveal /tmp/cases.xlsx")
        #expect(store.exports.last?.reveal == true)
        #expect(runtime.state.lock != nil, "the account was disabled: the screen locks")
    }
}
