import Foundation
import GridModel

/// Why logging in or changing an account did not happen. No message repeats a passphrase.
public enum AccountError: Error, Sendable {
    /// The folder has no `accounts.json`: its community has not been set up.
    case notSetUp(path: String)
    case alreadySetUp(path: String)
    case unknownLogin(String)
    /// A wrong passphrase, a login no account has, or any try on a locked account (told apart
    /// only in the audit trail: a lockout would otherwise tell a guesser the account exists).
    case wrongPassphrase(login: String, triesLeft: Int)
    /// The login (right or wrong) could not be written to the audit trail: refused all the same,
    /// with one message for both, so a full disk neither hides guesses nor tells which was right.
    case loginNotRecorded
    case disabled(login: String)
    case loginTaken(String)
    case badLogin(String)
    case weakPassphrase(minimum: Int)
    case refused(AccessRefusal)
    /// The last admin cannot be disabled: no one could manage accounts any more.
    case lastAdmin
    case unknownWorker(RecordID)
    /// `accounts.json` or a key in it cannot be used.
    case damaged(LocalizedText)
    case store(StoreError)

    public func message(in language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .notSetUp(let path):
            return zh ? "\(path)：尚未设置账号（缺少 accounts.json）。请先运行 gridwork init 设置管理员和社区口令。"
                      : "\(path): no accounts are set up (no accounts.json). Run `gridwork init` first to set up the admin and the community passphrase."
        case .alreadySetUp(let path):
            return zh ? "\(path)：账号已经设置过，不会覆盖。" : "\(path): accounts are already set up and will not be replaced."
        case .unknownLogin:
            // What was typed is not repeated: it may be a passphrase typed into the wrong field.
            return zh ? "没有这个账号，请检查账号名。" : "there is no such account; check the login."
        case .wrongPassphrase:
            // The same words for an unknown login: which logins exist is not told to a guesser.
            return zh ? "账号或口令不对，或账号因连续输错 \(Account.allowedFailures) 次口令而锁定（几分钟后再试，或请管理员解锁）。"
                      : "the login or the passphrase is wrong, or the account is locked after \(Account.allowedFailures) wrong passphrases in a row (try again in a few minutes, or ask the admin to unlock it)."
        case .loginNotRecorded:
            return zh ? "无法记录这次登录（磁盘已满或无法写入），因此不能登录。请先腾出磁盘空间。"
                      : "this login cannot be recorded (the disk is full or cannot be written), so it is refused. Free some disk space first."
        case .disabled(let login):
            return zh ? "账号“\(login)”已停用，请联系社区管理员。" : "account \"\(login)\" is disabled; ask the community admin."
        case .loginTaken(let login):
            return zh ? "账号名“\(login)”已被使用。" : "the login \"\(login)\" is already taken."
        case .badLogin(let login):
            return zh ? "账号名“\(login)”无效：请用 2 到 32 个小写字母、数字、点、横线或下划线。"
                      : "the login \"\(login)\" is not valid: use 2 to 32 lower-case letters, digits, dots, dashes or underscores."
        case .weakPassphrase(let minimum):
            return zh ? "口令太短：至少 \(minimum) 个字符。" : "the passphrase is too short: at least \(minimum) characters."
        case .refused(let refusal):
            return refusal.message(in: language)
        case .lastAdmin:
            return zh ? "这是最后一个可用的管理员账号，不能停用。" : "this is the last enabled admin account and cannot be disabled."
        case .unknownWorker(let id):
            return zh ? "工作人员名单中没有 \(id.rawValue)。" : "there is no worker \(id.rawValue) on the list of workers."
        case .damaged(let text):
            return zh ? "accounts.json：\(text.zh)。" : "accounts.json: \(text.en)."
        case .store(let error):
            return error.message(in: language)
        }
    }
}

extension AccountError: CustomStringConvertible {
    public var description: String { message(in: .en) }
}
