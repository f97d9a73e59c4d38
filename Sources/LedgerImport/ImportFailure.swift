import Foundation
import GridModel
import GridStore
import Spreadsheet

/// Why an import could not start or could not be written: the file, the options or the store.
/// Problems in the rows are not failures; they are `ImportProblem`s, all of them reported.
public enum ImportFailure: Error, Sendable {
    case unreadableFile(path: String, code: Int32)
    case unknownFormat(path: String)
    case spreadsheet(path: String, SpreadsheetReadError)
    case badMapping(String)
    case unknownField(String)
    case unknownGrid(String)
    case readOnly
    /// Someone in the ledger was registered (by another copy) after the plan was made: nothing
    /// was written; a new plan shows them as on file.
    case registeredSincePlanned(String, grid: String)
    case store(StoreError)

    public func message(in language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .unreadableFile(let path, let code):
            let reason = String(cString: strerror(code))
            return zh ? "无法读取 \(path)：\(reason)" : "cannot read \(path): \(reason)"
        case .unknownFormat(let path):
            return zh ? "\(path)：只能导入 .csv 或 .xlsx 文件（.xls 请先在 Excel 或 WPS 中另存为 .xlsx）"
                      : "\(path): only .csv and .xlsx files can be imported (save an .xls as .xlsx first in Excel, WPS or LibreOffice)"
        case .spreadsheet(let path, let error):
            return path + (zh ? "：" : ": ") + Self.describe(error, zh: zh)
        case .badMapping(let text):
            return zh ? "--map 应写作“列名=字段”，如 --map '手机=phone'；“\(text)”不是" : "--map takes 'column=field', e.g. --map 'Mobile=phone'; \"\(text)\" is not"
        case .unknownField(let name):
            let fields = LedgerField.allCases.map { "\($0.rawValue)（\($0.header(.zh))）" }.joined(separator: "、")
            let english = LedgerField.allCases.map(\.rawValue).joined(separator: ", ")
            return zh ? "--map：没有字段“\(name)”；可用的字段：\(fields)" : "--map: there is no field \"\(name)\"; the fields are: \(english)"
        case .unknownGrid(let code):
            return zh ? "--grid：本社区没有网格 \(code)" : "--grid: this community has no grid \(code)"
        case .readOnly:
            return zh ? "此数据目录未登录，不能写入；请先设置社区（gridwork init）并登录" : "this data folder is open to read only; set up the community (gridwork init) and log in"
        case .registeredSincePlanned(let name, let grid):
            return zh ? "导入期间，\(name)（网格 \(grid)）已由他人登记；本次未写入任何内容，请重新导入以查看重复项"
                      : "while the import was being prepared, \(name) (grid \(grid)) was registered by someone else; nothing was written: run the import again to see who is on file"
        case .store(let error):
            return error.message(in: language)
        }
    }

    private static func describe(_ error: SpreadsheetReadError, zh: Bool) -> String {
        switch error {
        case .undecodable(let encoding):
            if let encoding {
                return zh ? "不是有效的 \(encoding.rawValue) 文本" : "is not valid \(encoding.rawValue) text"
            }
            return zh ? "既不是 UTF-8 也不是 GB18030（GBK）文本；请用 --encoding 指定编码，或在 Excel 中另存为“CSV UTF-8”"
                      : "is neither UTF-8 nor GB18030 (GBK) text; name the encoding with --encoding, or save it from Excel as \"CSV UTF-8\""
        case .unterminatedQuote(let row):
            return zh ? "第 \(row) 行的引号没有闭合（CSV 格式错误）" : "row \(row): a quoted field is never closed (broken CSV)"
        case .notAWorkbook(let reason):
            return zh ? "不是有效的 .xlsx 工作簿（\(reason)）" : "is not a valid .xlsx workbook (\(reason))"
        case .damagedPart(let path, let reason):
            return zh ? "工作簿已损坏：\(path)，\(reason)" : "the workbook is damaged: \(path), \(reason)"
        case .noSuchSheet(let name, let available):
            return zh ? "没有名为“\(name)”的工作表；有：\(available.joined(separator: "、"))"
                      : "there is no sheet \"\(name)\"; the sheets are: \(available.joined(separator: ", "))"
        case .tooLarge(let path):
            return zh ? "工作簿中的 \(path) 过大，不像是台账" : "\(path) in the workbook is too large to be a ledger"
        }
    }
}
