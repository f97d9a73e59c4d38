import GridModel
import Spreadsheet

extension ExportSheets {
    static let residentHeader = [
        LocalizedText(zh: "网格编码", en: "Grid code"), LocalizedText(zh: "网格", en: "Grid"),
        LocalizedText(zh: "小区", en: "Compound"), LocalizedText(zh: "楼栋", en: "Building"),
        LocalizedText(zh: "单元", en: "Unit"), LocalizedText(zh: "房号", en: "Room"),
        LocalizedText(zh: "居住类型", en: "Residency"), LocalizedText(zh: "户主姓名", en: "Head of household"),
        LocalizedText(zh: "与户主关系", en: "Relation to head"), LocalizedText(zh: "姓名", en: "Name"),
        LocalizedText(zh: "性别", en: "Gender"), LocalizedText(zh: "出生日期", en: "Birth date"),
        LocalizedText(zh: "身份证号", en: "ID number"), LocalizedText(zh: "联系电话", en: "Phone"),
        LocalizedText(zh: "人员类别", en: "Tags"), LocalizedText(zh: "状态", en: "Status"),
        LocalizedText(zh: "备注", en: "Notes"),
    ]

    static func residentRow(_ resident: Resident, _ lookup: inout Lookup) -> [SheetCell] {
        let language = lookup.language
        let household = lookup.households[resident.householdID]
        let address = household?.address
        return [
            .text(resident.gridCode.rawValue), lookup.gridName(resident.gridCode),
            .text(address?.compound), .text(address?.building), .text(address?.unit), .text(address?.room),
            .text(household?.residency.name(language)), .text(lookup.head(of: resident.householdID)?.name),
            .text(resident.relation.name(language)), .text(resident.name),
            .text(resident.gender.name(language)), .day(resident.birthDate),
            lookup.idNumber(of: resident), .text(lookup.phone(of: resident)),
            .text(resident.tags.map { $0.name(language) }.joined(separator: lookup.listSeparator)),
            .text(resident.status.name(language)), .text(resident.notes),
        ]
    }
}
