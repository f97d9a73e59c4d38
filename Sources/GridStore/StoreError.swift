#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridModel

/// Why the store refused or failed. Every message says what happened, where, and that nothing
/// was changed on disk; none repeats an ID or phone number.
public enum StoreError: Error, Sendable {
    public enum Operation: String, Sendable {
        case create, read, write, sync, rename, lock, remove
    }

    case io(Operation, path: String, code: Int32)
    /// The folder holds no `gridwork.json`.
    case notADataFolder(path: String)
    /// `create` was pointed at a folder that already holds data.
    case alreadyHoldsData(path: String)
    /// The file cannot be read or breaks the rules; it is left untouched until fixed by hand.
    case fileHasProblems(StoreProblem)
    case invalid(kind: RecordKind, violations: [RuleViolation])
    /// Someone saved a newer revision since this copy was read.
    case staleRecord(kind: RecordKind, changedBy: String, changedAt: Date, timeZone: TimeZone)
    /// The record was saved before but is no longer where it was.
    case recordMissing(kind: RecordKind, path: String)
    /// The file was replaced, but the disk did not confirm that the change will survive a power cut.
    case notConfirmed(path: String)
    /// Fields that decide which file holds a record (grid, month, year) cannot change.
    case cannotMove(kind: RecordKind, from: String, to: String)
    /// The worker may not make this change (see `AccessPolicy`).
    case refused(AccessRefusal)
    /// The folder's personal data is encrypted and no key was given: log in first.
    case needsLogin(path: String)
    /// The store was opened only to read: no login, and no actor named for a folder without accounts.
    case readOnly(path: String)
    /// A folder with accounts was opened for a named actor: there only a login writes.
    case secured(path: String)
    /// A new record carries the id of one that was removed (see `Tombstone`): ids are never reused.
    case removedBefore(kind: RecordKind)
    /// A sealed value could not be sealed or opened.
    case personalData(LocalizedText)

    public func message(in language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .io(let operation, let path, let code):
            return zh ? "\(path)：\(Self.operationName(operation, zh: true))失败：\(Self.reason(code, zh: true))。磁盘上的数据未被改动。"
                      : "\(path): could not \(Self.operationName(operation, zh: false)): \(Self.reason(code, zh: false)). Nothing on disk was changed."
        case .notADataFolder(let path):
            return zh ? "\(path)：不是 gridwork 数据目录（缺少 gridwork.json）。可用 gridwork demo 生成演示数据。"
                      : "\(path): not a gridwork data folder (no gridwork.json). `gridwork demo` can create a demo community."
        case .alreadyHoldsData(let path):
            return zh ? "\(path)：目录中已有数据，不会覆盖。请换一个空目录。"
                      : "\(path): the folder already holds data and will not be overwritten. Choose an empty folder."
        case .fileHasProblems(let problem):
            return zh ? problem.formatted(in: .zh) + "（修正该文件之前，其中的记录不能修改）"
                      : problem.formatted(in: .en) + " (records in this file cannot be changed until it is fixed)"
        case .invalid(let kind, let violations):
            let list = violations.map { $0.message(in: language) }.joined(separator: zh ? "；" : "; ")
            return zh ? "\(kind.name(.zh))未保存：\(list)" : "\(kind.name(.en)) not saved: \(list)"
        case .staleRecord(let kind, let changedBy, let changedAt, let timeZone):
            let when = Self.localTime(changedAt, in: timeZone)
            return zh ? "\(kind.name(.zh))未保存：\(changedBy) 已于 \(when) 修改了这条记录。请重新载入后再改。"
                      : "\(kind.name(.en)) not saved: \(changedBy) changed this record at \(when). Reload it and make the change again."
        case .recordMissing(let kind, let path):
            return zh ? "\(kind.name(.zh))未保存：在 \(path) 中找不到这条记录，可能已被移动。请重新载入。"
                      : "\(kind.name(.en)) not saved: the record is no longer in \(path). Reload it."
        case .notConfirmed(let path):
            return zh ? "\(path)：已保存，但磁盘未确认写入完成；断电可能丢失这次修改。请检查磁盘。"
                      : "\(path): saved, but the disk did not confirm the write; a power cut could lose this change. Check the disk."
        case .refused(let refusal):
            return (zh ? "未保存：" : "not saved: ") + refusal.message(in: language)
        case .needsLogin(let path):
            return zh ? "\(path)：个人信息已加密，请先登录（--user，口令从终端或 GRIDWORK_PASSPHRASE 读入）。"
                      : "\(path): personal data is encrypted; log in first (--user, with the passphrase typed or in GRIDWORK_PASSPHRASE)."
        case .readOnly(let path):
            return zh ? "\(path)：以只读方式打开，未保存任何修改。请登录后再修改。"
                      : "\(path): opened to read only; nothing was saved. Log in to make changes."
        case .secured(let path):
            return zh ? "\(path)：此社区已设置账号，只有登录的账号可以修改数据。未保存任何修改。"
                      : "\(path): this community has accounts; only a login may change its data. Nothing was saved."
        case .removedBefore(let kind):
            return zh ? "\(kind.name(.zh))未保存：这个编号的记录已被撤销，编号不能再用。请重新新建。"
                      : "\(kind.name(.en)) not saved: a record with this id was removed, and ids are never reused. Create it anew."
        case .personalData(let text):
            return text(language)
        case .cannotMove(let kind, let from, let to):
            return zh ? "\(kind.name(.zh))未保存：这次修改会把记录从 \(from) 移到 \(to)（网格、月份或年份改变），目前不支持。"
                      : "\(kind.name(.en)) not saved: the change would move the record from \(from) to \(to) (its grid, month or year changed), which is not supported."
        }
    }

    static func operationName(_ operation: Operation, zh: Bool) -> String {
        switch operation {
        case .create: return zh ? "创建" : "create it"
        case .read: return zh ? "读取" : "read it"
        case .write: return zh ? "写入" : "write it"
        case .sync: return zh ? "同步到磁盘" : "flush it to disk"
        case .rename: return zh ? "替换" : "replace it"
        case .lock: return zh ? "加锁" : "lock it"
        case .remove: return zh ? "删除" : "remove it"
        }
    }

    /// A system error in a few plain words (a full disk, no permission), for messages about files.
    public static func reason(_ code: Int32, zh: Bool) -> String {
        switch code {
        case ENOSPC, EDQUOT: return zh ? "磁盘已满" : "the disk is full"
        case EACCES, EPERM: return zh ? "没有权限" : "permission denied"
        case EROFS: return zh ? "磁盘为只读" : "the disk is read-only"
        case ENOENT: return zh ? "文件或目录不存在" : "no such file or folder"
        case EIO: return zh ? "磁盘读写错误" : "an input/output error on the disk"
        case EISDIR: return zh ? "这是一个文件夹，此处应是文件" : "it is a folder where a file should be"
        default: return String(cString: strerror(code))
        }
    }

    /// `2026-11-22 09:30` in the community's zone.
    static func localTime(_ date: Date, in timeZone: TimeZone) -> String {
        let day = Day(date, in: timeZone)
        let seconds = Int(date.timeIntervalSince(day.start(in: timeZone)))
        return day.iso + " " + (seconds / 3600 < 10 ? "0" : "") + String(seconds / 3600) + ":"
            + (seconds / 60 % 60 < 10 ? "0" : "") + String(seconds / 60 % 60)
    }
}

extension StoreError {
    /// True for a write that is in place but that the disk did not confirm.
    public var isNotConfirmed: Bool {
        if case .notConfirmed = self { return true }
        return false
    }
}

extension StoreError: CustomStringConvertible {
    public var description: String { message(in: .en) }
}
