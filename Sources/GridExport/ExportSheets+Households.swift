import GridModel
import Spreadsheet

extension ExportSheets {
    static let householdHeader = [
        LocalizedText(zh: "网格编码", en: "Grid code"), LocalizedText(zh: "网格", en: "Grid"),
        LocalizedText(zh: "小区", en: "Compound"), LocalizedText(zh: "楼栋", en: "Building"),
        LocalizedText(zh: "单元", en: "Unit"), LocalizedText(zh: "房号", en: "Room"),
        LocalizedText(zh: "小网格", en: "Micro-grid"), LocalizedText(zh: "居住类型", en: "Residency"),
        LocalizedText(zh: "户主姓名", en: "Head of household"), LocalizedText(zh: "人数", en: "People"),
        LocalizedText(zh: "标签", en: "Tags"), LocalizedText(zh: "最近走访", en: "Last visit"),
        LocalizedText(zh: "结对党员", en: "Paired volunteer"), LocalizedText(zh: "备注", en: "Notes"),
    ]

    static func householdRow(_ household: Household, _ lookup: inout Lookup) -> [SheetCell] {
        let language = lookup.language
        let address = household.address
        let tags = household.tags.map { HouseholdTag(rawValue: $0)?.name(language) ?? $0 }
        return [
            .text(household.gridCode.rawValue), lookup.gridName(household.gridCode),
            .text(address.compound), .text(address.building), .text(address.unit), .text(address.room),
            household.microGrid.map(SheetCell.integer) ?? .empty, .text(household.residency.name(language)),
            .text(lookup.head(of: household.id)?.name), .integer(Resident.householdSize(lookup.residentsByHousehold[household.id] ?? [])),
            .text(tags.joined(separator: lookup.listSeparator)), .day(household.lastVisit),
            .text(household.pairedVolunteer), .text(household.notes),
        ]
    }
}
