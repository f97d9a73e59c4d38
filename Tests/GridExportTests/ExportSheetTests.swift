import Foundation
import Testing
import GridExport
import GridModel
import GridStore
import Spreadsheet

/// The columns of each kind, numbers masked by default and listed for the audit when revealed.
struct ExportSheetTests {
    let source = ExportFixture.source

    func table(_ kind: ExportKind, _ language: Language = .zh, reveal: Bool = false) -> ExportTable {
        ExportSheets.table(kind, from: source, language: language, reveal: reveal)
    }

    @Test func residentsUseTheLedgerHeadersAndMaskNumbersByDefault() throws {
        let residents = table(.residents)
        #expect(residents.sheet.name == "居民")
        #expect(residents.sheet.header == ["网格编码", "网格", "小区", "楼栋", "单元", "房号", "居住类型", "户主姓名", "与户主关系", "姓名",
                                           "性别", "出生日期", "身份证号", "联系电话", "人员类别", "状态", "备注"])
        let head = residents.sheet.rows[0]
        #expect(head == [.text("420303001001001"), .text("第1网格"), .text("示例花园"), .text("3栋"), .text("2单元"), .text("501"),
                         .text("出租"), .text("居民甲"), .text("户主"), .text("居民甲"), .text("男"),
                         .date(SheetDate(year: 1950, month: 3, day: 1)), .text(ResidentIDNumber.masked(ExportFixture.headID)),
                         .text("138****0001"), .text("独居老人、党员"), .text("在住"), .text("第一行\n第二行")])
        #expect(ResidentIDNumber.masked(ExportFixture.headID).hasPrefix("4203**********"))
        // No ID number on file: the cell is empty, not a mask of nothing.
        #expect(residents.sheet.rows[1][12] == .empty && residents.sheet.rows[1][13] == .text("138****0002"))
        #expect(residents.revealed.isEmpty)
        let everything = residents.sheet.rows.flatMap { $0 }.map(\.plainText).joined(separator: " ")
        #expect(!everything.contains("13800000001") && !everything.contains(ExportFixture.headID))
    }

    @Test func revealingWritesTheNumbersAndListsWhoseTheyAreForTheAudit() {
        let residents = table(.residents, reveal: true)
        #expect(residents.sheet.rows[0][12] == .text(ExportFixture.headID))
        #expect(residents.sheet.rows[0][13] == .text("13800000001"))
        #expect(residents.revealed == [
            RevealedNumbers(kind: .resident, record: RecordID("P-1"), fields: ["idNumber", "phone"]),
            RevealedNumbers(kind: .resident, record: RecordID("P-2"), fields: ["phone"]),
            RevealedNumbers(kind: .resident, record: RecordID("P-3"), fields: ["idNumber"]),
        ])
    }

    @Test func headersAndValuesFollowTheInterfaceLanguage() {
        let residents = table(.residents, .en)
        #expect(residents.sheet.name == "Residents")
        #expect(residents.sheet.header.prefix(3) == ["Grid code", "Grid", "Compound"])
        #expect(residents.sheet.rows[0][10] == .text("male") || residents.sheet.rows[0][10] == .text("Male"))
        #expect(residents.sheet.rows[0][14].plainText.contains(", "), "tags are listed with commas in English")
    }

    @Test func householdsCountTheirPeopleNameTheirHeadAndKeepTheirTags() {
        let households = table(.households)
        #expect(households.sheet.header == ["网格编码", "网格", "小区", "楼栋", "单元", "房号", "小网格", "居住类型", "户主姓名", "人数", "标签",
                                            "最近走访", "结对党员", "备注"])
        #expect(households.sheet.rows[0] == [.text("420303001001001"), .text("第1网格"), .text("示例花园"), .text("3栋"), .text("2单元"),
                                             .text("501"), .integer(2), .text("出租"), .text("居民甲"), .integer(2),
                                             .text("出租房屋、自定标签"), .date(SheetDate(year: 2026, month: 9, day: 1)),
                                             .text("志愿者丁"), .text("=cmd|' /C calc'!A0")])
        #expect(households.sheet.rows[1][4] == .text(""), "a village household has no unit")
        #expect(households.sheet.rows[1][6] == .empty && households.sheet.rows[1][11] == .empty)
    }

    @Test func patrolsGiveTheirTimesInTheCommunitysZoneAndTheCasesTheirFindingsOpened() {
        let patrols = table(.patrols)
        let row = patrols.sheet.rows[0]
        let day = SheetDate(year: 2026, month: 9, day: 14)
        #expect(row[0] == .dateTime(day, hour: 9, minute: 30) && row[1] == .dateTime(day, hour: 11, minute: 5))
        #expect(row[4] == .text("网格员乙") && row[5] == .text("入户走访"))
        #expect(row[6] == .text("示例花园 3栋 2单元 501") && row[7] == .integer(1))
        #expect(row[8] == .text("[安全隐患] 电动车楼道充电 → JF2026-00007\n[居民诉求] 希望加装扶手"))
        #expect(row[9] == .integer(2))
    }

    @Test func casesListTheirPartiesWithMaskedPhonesAndTheirWorkflowState() {
        let cases = table(.cases)
        let row = cases.sheet.rows[0]
        #expect(row[0] == .text("JF2026-00007") && row[1] == .text("楼道堆物引发邻里矛盾"))
        #expect(row[9] == .date(SheetDate(year: 2026, month: 9, day: 15)) && row[10] == .date(SheetDate(year: 2026, month: 10, day: 15)))
        #expect(row[11] == .text("网格员乙"))
        #expect(row[12] == .text("居民甲（申请人，138****0001）；某物业公司（被申请人）"))
        #expect(row[13] == .empty && row[15] == .empty, "no outcome or rating yet")
        #expect(cases.revealed.isEmpty)

        let revealed = table(.cases, reveal: true)
        #expect(revealed.sheet.rows[0][12] == .text("居民甲（申请人，13800000001）；某物业公司（被申请人）"))
        #expect(revealed.revealed == [RevealedNumbers(kind: .resident, record: RecordID("P-1"), fields: ["phone"])])
    }

    @Test func aLedgerOrderPutsHeadsFirstAndBuildingNineBeforeEleven() {
        var shuffled = source
        let nine = Household(meta: ExportFixture.meta("H-9"), gridCode: ExportFixture.gridOne, microGrid: nil,
                             address: Address(compound: "示例花园", building: "11栋", unit: "1单元", room: "101"), residency: .vacant)
        let eleven = Household(meta: ExportFixture.meta("H-11"), gridCode: ExportFixture.gridOne, microGrid: nil,
                               address: Address(compound: "示例花园", building: "9栋", unit: "1单元", room: "101"), residency: .vacant)
        shuffled.households = [ExportFixture.households[1], nine, eleven, ExportFixture.households[0]]
        shuffled.residents = ExportFixture.residents.reversed()
        let ordered = shuffled.inLedgerOrder()
        #expect(ordered.households.map(\.id.rawValue) == ["H-1", "H-11", "H-9", "H-2"])
        #expect(ordered.residents.map(\.id.rawValue) == ["P-1", "P-2", "P-3"])
    }
}
