import GridModel
import GridReport

/// The monthly report as terminal text, and what `gridwork report` says besides.
enum ReportText {
    /// Value columns side by side before the labels repeat: all the grids together and four
    /// grids fit in 100 columns with Chinese labels.
    static let columnsPerBlock = 5

    static func rendered(_ report: MonthlyReport, _ language: Language) -> String {
        let lines = report.lines(language)
        let names = report.areaNames(language)
        var blocks: [String] = []
        for start in stride(from: 0, to: names.count, by: columnsPerBlock) {
            let columns = start..<min(names.count, start + columnsPerBlock)
            var table = TextTable()
            table.rows.append([""] + names[columns])
            for line in lines {
                let label = String(repeating: "  ", count: max(0, line.depth - 1)) + line.label
                table.rows.append(line.isHeading ? [label] : [label] + columns.map { line.values[$0].text })
            }
            blocks.append(table.rendered())
        }
        return report.title(language) + "\n\n" + blocks.joined(separator: "\n\n") + "\n\n" + report.auditLine(language)
    }

    static func badMonth(_ text: String, _ language: Language) -> String {
        language == .zh ? "月份“\(text)”无效：请写成 年-月，例如 --month 2026-11。"
                        : "invalid month \"\(text)\": write it as year-month, e.g. --month 2026-11."
    }

    static func xlsxNeedsOutput(_ language: Language) -> String {
        language == .zh ? "--format xlsx 需要 --output 文件名（例如 --output 月报.xlsx）。"
                        : "--format xlsx needs --output FILE (e.g. --output report.xlsx)."
    }

    static func outsideOwnGrids(_ worker: String, _ grid: String, _ own: [GridCode], _ language: Language) -> String {
        let list = own.map(\.rawValue).joined(separator: language == .zh ? "、" : ", ")
        return language == .zh ? "\(worker) 负责的网格是 \(list.isEmpty ? "（无）" : list)，不能出具网格 \(grid) 的月报；网格员只能出具自己负责的网格的月报。"
            : "\(worker) looks after \(list.isEmpty ? "no grid" : list) and cannot report on grid \(grid); a grid worker reports on their own grids only."
    }

    static func ownGridsOnly(_ grids: [GridCode], _ language: Language) -> String {
        let list = grids.map(\.rawValue).joined(separator: language == .zh ? "、" : ", ")
        return language == .zh ? "网格员的月报只含自己负责的网格：\(list.isEmpty ? "（无）" : list)"
                               : "A grid worker's report covers their own grids: \(list.isEmpty ? "(none)" : list)"
    }

    static func written(_ path: String, _ language: Language) -> String {
        language == .zh ? "月报已写入 \(path)" : "Report written to \(path)"
    }
}
