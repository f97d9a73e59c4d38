import Foundation
import GridModel
import GridStore
import Spreadsheet

/// Records as spreadsheet tables: which columns each kind exports, titled in the interface
/// language, with values as the dashboard words them (kinds, stages, tags in that language).
///
/// ID and phone numbers are masked as everywhere on screen (`ResidentIDNumber.masked`,
/// `MobileNumber.masked`) unless `reveal`; then the table lists whose numbers it holds in full,
/// for the audit trail. Residents' columns use the headers of a typical 人口台账 (网格, 小区,
/// 楼栋, 单元, 房号, 居住类型, 户主姓名, 与户主关系, 姓名, 性别, 出生日期, 身份证号, 联系电话, 人员类别,
/// 状态, 备注), the ones `gridwork import` recognises, so a full export can be brought back in.
public enum ExportSheets {
    public static func table(_ kind: ExportKind, from source: ExportSource, language: Language, reveal: Bool) -> ExportTable {
        var lookup = Lookup(source, language: language, reveal: reveal)
        let header: [LocalizedText]
        let rows: [[SheetCell]]
        switch kind {
        case .residents:
            header = residentHeader
            rows = source.residents.map { residentRow($0, &lookup) }
        case .households:
            header = householdHeader
            rows = source.households.map { householdRow($0, &lookup) }
        case .patrols:
            header = patrolHeader
            rows = source.patrols.map { patrolRow($0, &lookup) }
        case .cases:
            header = caseHeader
            rows = source.cases.map { caseRow($0, &lookup) }
        }
        return ExportTable(sheet: Sheet(name: kind.name(language), header: header.map { $0(language) }, rows: rows),
                           revealed: lookup.revealed)
    }

    /// What the rows refer to, indexed once, and the numbers written in full so far.
    struct Lookup {
        let language: Language
        let reveal: Bool
        let timeZone: TimeZone
        let households: [RecordID: Household]
        let residents: [RecordID: Resident]
        let residentsByHousehold: [RecordID: [Resident]]
        let gridNames: [GridCode: String]
        let workerNames: [RecordID: String]
        let caseNumbers: [RecordID: String]
        private(set) var revealed: [RevealedNumbers] = []
        private var revealedIDs: Set<RecordID> = []

        init(_ source: ExportSource, language: Language, reveal: Bool) {
            self.language = language
            self.reveal = reveal
            timeZone = source.timeZone
            households = Dictionary(source.households.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            residents = Dictionary(source.residents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            residentsByHousehold = Dictionary(grouping: source.residents, by: \.householdID)
            gridNames = Dictionary(source.grids.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            workerNames = Dictionary(source.workers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            caseNumbers = Dictionary(source.cases.map { ($0.id, $0.number) }, uniquingKeysWith: { first, _ in first })
        }

        var listSeparator: String { language == .zh ? "、" : ", " }
        var itemSeparator: String { language == .zh ? "；" : "; " }

        func gridName(_ code: GridCode) -> SheetCell { .text(gridNames[code]) }
        func workerName(_ id: RecordID?) -> String { id.map { workerNames[$0] ?? $0.rawValue } ?? "" }

        /// A resident's ID number, masked unless revealing (then noted for the audit trail).
        mutating func idNumber(of resident: Resident) -> SheetCell {
            guard let number = resident.idNumber else { return .empty }
            guard reveal else { return .text(ResidentIDNumber.masked(number)) }
            note(resident, "idNumber")
            return .text(number)
        }

        /// A resident's phone, the same way.
        mutating func phone(of resident: Resident) -> String? {
            guard let number = resident.phone else { return nil }
            guard reveal else { return MobileNumber.masked(number) }
            note(resident, "phone")
            return number
        }

        private mutating func note(_ resident: Resident, _ field: String) {
            if revealedIDs.insert(resident.id).inserted {
                revealed.append(RevealedNumbers(kind: .resident, record: resident.id, fields: [field]))
            } else if let index = revealed.lastIndex(where: { $0.record == resident.id }), !revealed[index].fields.contains(field) {
                revealed[index] = RevealedNumbers(kind: .resident, record: resident.id, fields: revealed[index].fields + [field])
            }
        }

        /// The head of the household (else its first resident on file).
        func head(of household: RecordID) -> Resident? {
            let people = residentsByHousehold[household] ?? []
            return people.first { $0.relation == .head } ?? people.first
        }
    }
}
