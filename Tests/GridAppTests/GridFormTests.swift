import Foundation
import Testing
import GridModel
import TerminalUI
@testable import GridApp

/// Screen 2's forms (issue 13, part 1): `n` a new grid, `e` the selected grid (or, in the detail
/// pane, the micro-grid picked there), `m` a new micro-grid; the community admin's alone.
@Suite struct GridFormTests {
    /// The community admin on screen 2 at 10:00 on the fixture's day.
    func admin() throws -> AppState {
        var state = try DashboardFixture.state()
        state.clock = DashboardFixture.at(11, 22, 10)
        press(&state, .character("2"))
        return state
    }

    /// The grid a form asked to save, or an issue.
    func savedGrid(_ effects: [Effect], sourceLocation: SourceLocation = #_sourceLocation) -> Grid? {
        guard case .grid(let grid)? = saved(effects).first, saved(effects).count == 1 else {
            Issue.record("no grid saved: \(effects)", sourceLocation: sourceLocation)
            return nil
        }
        return grid
    }

    /// Empties the focused text field.
    func clear(_ state: inout AppState) {
        for _ in 0..<(state.form.map { $0.fields[$0.focus].input.text.count } ?? 0) { press(&state, .backspace) }
        press(&state, .end)
        for _ in 0..<(state.form.map { $0.fields[$0.focus].input.text.count } ?? 0) { press(&state, .backspace) }
    }

    @Test func aNewGridIsOfferedTheNextCodeAndItsNeighboursPlaceNames() throws {
        var state = try admin()
        press(&state, .character("n"))
        let form = try #require(state.form)
        #expect(form.purpose == .grid(nil) && form.focus == 0)
        #expect(form[.code]?.value == "420303001005003", "one past the community's highest grid")
        #expect(form[.districtName]?.value == "张湾区" && form[.streetName]?.value == "汉江路街道" && form[.communityName]?.value == "幸福里社区")
        #expect(form[.workerID]?.options.labels == ["（无）", "Zhang Wei", "李春梅"], "active grid workers only")
        press(&state, .tab)
        type(&state, "第三网格")
        press(&state, .tab, .right, .tab)
        type(&state, "某格长")
        let grid = try #require(savedGrid(press(&state, .enter)))
        #expect(grid.code == GridCode("420303001005003") && grid.kind == .community && grid.name == "第三网格")
        #expect(grid.id == RecordID("G-420303001005003") && grid.meta.revision == 0 && grid.meta.createdBy == DashboardFixture.admin)
        #expect(grid.workerID == DashboardFixture.zhang && grid.headName == "某格长" && grid.microGrids.isEmpty)
        #expect(grid.communityName == "幸福里社区")
    }

    /// The first-run set-up makes a community with no grids: screen 2 adds the first one.
    @Test func aNewCommunitysFirstGridIsAddedOnScreenTwo() throws {
        let empty = DashboardData(areaName: "新社区", today: DashboardFixture.today, overview: Overview(DataSummary(), today: DashboardFixture.today),
                                  grids: [], workers: [Worker.firstAdmin(named: "管理员", at: DashboardFixture.at(11, 1, 9))], households: [],
                                  residents: [], patrols: [], cases: [], loadedGrid: nil, unreadableFiles: 0, timeZone: DashboardFixture.china,
                                  areaCode: "420303001009")
        var state = AppState(data: empty, language: .zh, themeName: "default", width: 80, height: 24)
        press(&state, .character("2"), .character("e"), .character("m"))
        #expect(state.form == nil, "no grid to edit or to add a micro-grid to")
        press(&state, .character("n"))
        #expect(state.form?[.code]?.value == "420303001009001" && state.form?[.communityName]?.value == "新社区")
        #expect(state.form?[.workerID]?.options.labels == ["（无）"], "no grid worker on file yet")
        press(&state, .tab)
        type(&state, "第一网格")
        #expect(saved(press(&state, .enter)).isEmpty && state.form?[.districtName]?.error == "区名（districtName）：必须填写")
        type(&state, "张湾区")
        press(&state, .tab)
        type(&state, "汉江路街道")
        let grid = try #require(savedGrid(press(&state, .enter)))
        #expect(grid.code == GridCode("420303001009001") && grid.districtName == "张湾区" && grid.streetName == "汉江路街道"
                && grid.communityName == "新社区" && grid.workerID == nil)
    }

    @Test func aNewGridsCodeIsCheckedAsTheCursorLeavesIt() throws {
        var state = try admin()
        press(&state, .character("n"))
        clear(&state)
        type(&state, DashboardFixture.gridOne.rawValue)
        press(&state, .tab)
        #expect(state.form?[.code]?.error == "网格编码（code）：已有网格使用此编码")
        press(&state, .backTab)
        clear(&state)
        type(&state, "420303001006001")
        press(&state, .tab)
        #expect(state.form?[.code]?.error == "网格编码（code）：不在本数据所属的地区内：编码应以 420303001005 开头")
        type(&state, "第九网格")
        #expect(saved(press(&state, .enter)).isEmpty && state.form?.focus == 0, "nothing is saved while the code is wrong")
        #expect(state.form?[.name]?.value == "第九网格", "nothing typed is lost")
    }

    @Test func aVillagesFirstGridTakesTheNamesOnceItsCodeIsTyped() throws {
        var data = try DashboardFixture.data()
        data.areaCode = "420303"
        var state = AppState(data: data, language: .en, themeName: "default", width: 80, height: 24)
        press(&state, .character("2"), .character("n"))
        #expect(state.form?[.code]?.value == "", "in a district the community is for the admin to say")
        #expect(state.form?[.districtName]?.value == "", "nothing tells yet")
        type(&state, "420303001201001")
        press(&state, .tab)
        #expect(state.form?[.code]?.error == nil)
        #expect(state.form?[.districtName]?.value == "张湾区" && state.form?[.streetName]?.value == "汉江路街道")
        #expect(state.form?[.communityName]?.value == "", "a village of its own: its name is typed")
        type(&state, "第一网格")
        let missing = saved(press(&state, .enter))
        #expect(missing.isEmpty && state.form?[.communityName]?.error == "community or village name (communityName): is required")
        type(&state, "某村")
        let grid = try #require(savedGrid(press(&state, .enter)))
        #expect(grid.kind == .village && grid.communityName == "某村", "a village's kind follows from its code")
    }

    @Test func editingAGridKeepsItsCodeAndChangesItsWorker() throws {
        var state = try admin()
        press(&state, .character("e"))
        let form = try #require(state.form)
        #expect(form.purpose == .grid(RecordID("G-1")) && form[.name]?.value == "第一网格" && form[.workerID]?.value == "W-1")
        press(&state, .end, .backspace)
        type(&state, "9")
        press(&state, .tab)
        #expect(state.form?[.code]?.error?.contains("保存后不能更改：编码决定网格的文件夹") == true)
        #expect(saved(press(&state, .enter)).isEmpty)
        press(&state, .end, .backspace)
        type(&state, "1")
        press(&state, .tab, .end)
        type(&state, "（东）")
        press(&state, .tab, .left)
        #expect(state.form?[.workerID]?.value == "W-2")
        let grid = try #require(savedGrid(press(&state, .enter)))
        #expect(grid.id == RecordID("G-1") && grid.code == DashboardFixture.gridOne && grid.meta.revision == 0, "the revision on file; the store raises it")
        #expect(grid.name == "第一网格（东）" && grid.workerID == DashboardFixture.zhang && grid.microGrids.count == 1)
    }

    @Test func editingAGridWithNothingChangedSavesNothing() throws {
        var state = try admin()
        press(&state, .character("e"))
        #expect(saved(press(&state, .enter)).isEmpty && state.form == nil && state.message?.text == "没有改动，未保存")
    }

    @Test func aNewMicroGridIsNumberedNextAndItsBuildingsAreDistinct() throws {
        var state = try admin()
        press(&state, .character("m"))
        #expect(state.form?.purpose == .microGrid(number: nil, grid: DashboardFixture.gridOne))
        #expect(state.form?[.number]?.value == "2")
        press(&state, .tab)
        type(&state, "某楼长")
        press(&state, .tab)
        type(&state, "1380000")
        press(&state, .tab)
        #expect(state.form?[.headPhone]?.error == "格长电话（headPhone）：手机号应为以 1 开头的 11 位数字")
        press(&state, .backTab)
        type(&state, "0000")
        press(&state, .tab)
        type(&state, "3栋、4栋、3栋")
        #expect(saved(press(&state, .enter)).isEmpty)
        #expect(state.form?[.buildings]?.error == "楼栋（buildings[2]）：“3栋”重复列出，每个名称只写一次")
        for _ in 0..<3 { press(&state, .backspace) }
        let grid = try #require(savedGrid(press(&state, .enter)))
        #expect(grid.id == RecordID("G-1") && grid.microGrids.map(\.number) == [1, 2])
        #expect(grid.microGrids[1] == MicroGrid(number: 2, headName: "某楼长", headPhone: "13800000000", buildings: ["3栋", "4栋"]))
    }

    @Test func aMicroGridNumberTakenIsSaidBesideIt() throws {
        var state = try admin()
        press(&state, .character("m"), .backspace)
        type(&state, "1")
        press(&state, .tab)
        type(&state, "某楼长")
        #expect(saved(press(&state, .enter)).isEmpty && state.form?[.number]?.error == "编号（number）：重复")
    }

    @Test func theMicroGridPickedInTheDetailPaneIsEditedWithItsPhoneMasked() throws {
        var state = try admin()
        state.data.grids[0].microGrids[0].headPhone = "13900001111"
        press(&state, .tab)
        #expect(state.focus == .detail && state.selectedMicroGrid?.number == 1)
        press(&state, .character("e"))
        let form = try #require(state.form)
        #expect(form.purpose == .microGrid(number: 1, grid: DashboardFixture.gridOne) && form[.headName]?.value == "陈大伯")
        #expect(form[.buildings]?.value == "1栋、2栋")
        #expect(form[.headPhone]?.value == "" && form[.headPhone]?.keptValueHint == "留空不改（现为 139****1111）", "the number is not shown")
        press(&state, .end, .backspace)
        type(&state, "7")
        #expect(saved(press(&state, .enter)).isEmpty, "households name it by its number")
        #expect(state.form?[.number]?.error == "编号（number）：保存后不能更改：住户按编号归属小网格；要换编号，请新建小网格")
        press(&state, .backspace)
        type(&state, "1")
        press(&state, .tab, .tab, .tab, .end)
        type(&state, "，3栋")
        let grid = try #require(savedGrid(press(&state, .enter)))
        #expect(grid.microGrids == [MicroGrid(number: 1, headName: "陈大伯", headPhone: "13900001111", buildings: ["1栋", "2栋", "3栋"])],
                "the phone left empty is kept")
        _ = AppReducer.reduce(&state, .saved([.grid(grid)], state.data))
        #expect(state.screen == .grids && state.focus == .detail && state.detailItem == 0, "the micro-grid stays picked")
    }

    @Test func onlyTheAdminOpensAGridForm() throws {
        var state = try DashboardFixture.working(on: "2")
        for key in ["n", "e", "m"] {
            press(&state, .character(Character(key)))
            #expect(state.form == nil, "\(key)")
            #expect(state.message?.text == "只有社区管理员可以修改网格；李春梅 不是管理员。" && state.message?.isError == true)
        }
    }

    @Test func aSavedGridIsSelectedAndANewOneIsNotUndone() throws {
        var state = try admin()
        press(&state, .character("n"), .tab)
        type(&state, "第三网格")
        let grid = try #require(savedGrid(press(&state, .enter)))
        var after = state.data
        var stored = grid
        stored.meta.revision = 1
        after.grids.append(stored)
        _ = AppReducer.reduce(&state, .saved([.grid(stored)], after))
        #expect(state.form == nil && state.message?.text == "已保存")
        #expect(state.rows[.grids]?.count == 3 && state.list.selectedRow == 2, "the new grid is listed and selected")
        #expect(state.detailLines.first?.text == "第三网格  420303001005003")
        press(&state, .character("u"))
        #expect(state.message?.text == "上一次修改是新建网格，网格建立后不能撤销；如有误请在网格页按 e 修改" && state.message?.isError == true)
    }

    @Test func anEditedGridIsUndoneByPuttingItBack() throws {
        var state = try admin()
        let before = state.data.grids[0]
        press(&state, .character("e"), .tab, .end)
        type(&state, "甲")
        let grid = try #require(savedGrid(press(&state, .enter)))
        var after = state.data
        var stored = grid
        stored.meta.revision = 2
        after.grids[0] = stored
        _ = AppReducer.reduce(&state, .saved([.grid(stored)], after))
        let effects = press(&state, .character("u"))
        guard case .undo(let step)? = effects.first, case .restore(.grid(let restored))? = step.items.first else {
            Issue.record("no undo: \(effects)")
            return
        }
        #expect(restored.name == before.name && restored.meta.revision == 2)
    }
}
