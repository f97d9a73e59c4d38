import GridExport
import GridModel

/// What `gridwork export` says when it is done.
enum ExportText {
    static func exported(_ rows: Int, _ kind: ExportKind, _ path: String, _ language: Language) -> String {
        language == .zh ? "已导出\(kind.name(.zh)) \(rows) 条到 \(path)" : "Exported \(rows) \(kind.name(.en).lowercased()) to \(path)"
    }

    static func ownGridsOnly(_ grids: [GridCode], _ language: Language) -> String {
        let list = grids.map(\.rawValue).joined(separator: language == .zh ? "、" : ", ")
        return language == .zh ? "网格员只导出自己负责的网格：\(list.isEmpty ? "（无）" : list)"
                               : "A grid worker exports their own grids: \(list.isEmpty ? "(none)" : list)"
    }

    static func leftOut(_ count: Int, _ language: Language) -> String {
        language == .zh ? "另有 \(count) 条记录属于其他网格，未导出（网格员只能导出自己负责的网格）。"
                        : "\(count) records of other grids were left out (a grid worker exports their own grids)."
    }

    /// Excel reads a long run of digits in a CSV as a number and keeps 15 of them, so an 18-digit
    /// ID number opens rounded; in a workbook it is text and stays whole.
    static func longNumbersInCSV(_ language: Language) -> String {
        language == .zh ? "注意：Excel 打开 CSV 时会把 18 位身份证号当作数字，只保留 15 位。要在 Excel 中查看完整号码，请导出为 .xlsx。"
                        : "Note: Excel reads an 18-digit ID number in a CSV as a number and keeps only 15 digits. To open full numbers in Excel, export to .xlsx."
    }
}
