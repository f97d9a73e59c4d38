#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridModel
import GridStore
import Spreadsheet

/// Why an export wrote nothing, said in the user's language with the path and what to do.
public enum ExportError: Error, Sendable {
    /// The worker may not export this (see `AccessPolicy`).
    case refused(AccessRefusal)
    /// `--reveal` in a folder without accounts: there is no admin to allow it nor a login to audit.
    case revealNeedsLogin
    /// Revealing could not be written to the audit trail, so nothing was exported.
    case audit(StoreError)
    /// The file could not be written: nothing is left under its name (or the old file stays).
    case file(SpreadsheetError)

    public func message(in language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .refused(let refusal):
            return (zh ? "未导出：" : "nothing exported: ") + refusal.message(in: language)
        case .revealNeedsLogin:
            return zh ? "未导出：--reveal 需要以社区管理员身份登录，而此目录尚未设置账号（gridwork init）。不加 --reveal 时号码打码导出。"
                      : "nothing exported: --reveal needs a login as the community admin, and this folder has no accounts yet (gridwork init). Without --reveal numbers are exported masked."
        case .audit(let error):
            return (zh ? "未导出（无法记入审计记录）：" : "nothing exported (the reveal could not be written to the audit trail): ")
                + error.message(in: language)
        case .file(let error):
            return Self.fileMessage(error, zh: zh)
        }
    }

    static func fileMessage(_ error: SpreadsheetError, zh: Bool) -> String {
        switch error {
        case .exists(let path):
            return zh ? "\(path)：文件已存在，未覆盖。请换一个文件名，或要求覆盖（--force；仪表盘中用 :export!）。"
                      : "\(path): the file exists and was left as it is. Choose another name, or ask to replace it (--force; :export! in the dashboard)."
        case .isFolder(let path):
            return zh ? "\(path)：这是一个目录，请给出文件名（例如 \(path)/居民.xlsx）。"
                      : "\(path): this is a folder; give a file name (for example \(path)/residents.xlsx)."
        case .io(let operation, let path, let code):
            let what: String
            switch operation {
            case .create: what = zh ? "无法创建" : "could not create it"
            case .write: what = zh ? "写入失败" : "could not write it"
            case .sync: what = zh ? "无法同步到磁盘" : "could not flush it to disk"
            case .rename: what = zh ? "无法放到该文件名下" : "could not put it under that name"
            }
            let folderMissing = code == ENOENT
                ? (zh ? "（目录 \((path as NSString).deletingLastPathComponent) 不存在）" : " (the folder \((path as NSString).deletingLastPathComponent) does not exist)") : ""
            return zh ? "\(path)：\(what)：\(StoreError.reason(code, zh: true))\(folderMissing)。该文件名下没有留下不完整的文件。"
                      : "\(path): \(what): \(StoreError.reason(code, zh: false))\(folderMissing). No partial file was left under that name."
        case .archive(let detail):
            return zh ? "无法生成 xlsx 文件：\(detail)" : "could not make the xlsx file: \(detail)"
        }
    }
}
