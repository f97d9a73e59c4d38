import GridModel
import Spreadsheet

extension MonthlyReport {
    /// The report as a workbook to hand in: one sheet, a figure a row, a column for all the grids
    /// together and one per grid, then the audit trail's head; headings and labels in `language`.
    public func workbook(_ language: Language) -> Workbook {
        let zh = language == .zh
        var rows: [[SheetCell]] = [[.text(title(language))]]
        for line in lines(language) {
            let label = String(repeating: "  ", count: max(0, line.depth - 1)) + line.label
            rows.append([.text(label)] + line.values.map(\.cell))
        }
        rows.append([])
        rows.append([.text(auditLine(language))])
        let header = [zh ? "指标" : "Figure"] + areaNames(language)
        return Workbook(Sheet(name: zh ? "\(month.text) 月报" : "\(month.text) report", header: header, rows: rows))
    }
}
