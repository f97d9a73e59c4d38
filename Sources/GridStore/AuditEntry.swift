import Foundation
import GridModel

/// One line of the audit trail: who did what to which record, and when, signed by the key of the
/// worker who did it (see `AuditLine`). It names fields, never their values, so the trail holds
/// no ID or phone number.
public struct AuditEntry: Codable, Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable, CaseIterable {
        case create, update, remove, importRecords
        /// A change saved on purpose over someone else's newer version of the record.
        case overwrite
        /// A masked ID or phone number was shown in full.
        case reveal
        case login, loginFailed, lockedOut
        case setUp, accountAdded, passphraseChanged, accountDisabled, accountEnabled
        /// Personal data already on file was encrypted (setting up an existing folder).
        case sealed
        /// A worker's new signing key (`fields`: its id), signed by an earlier key (an admin's,
        /// at `user add` or a reset) or by itself, the worker's first (set-up, first login since
        /// signing began).
        case signingKey

        /// A record changed its place (another grid, micro-grid, household or month), keeping its
        /// id and history: `fields` names the fields changed, then `from=PLACE` and `to=PLACE`.
        case move

        /// False for what happens with no passphrase known, which no worker can sign: a failed
        /// login and the lockout it may bring. Every other entry after the first signed one must be signed.
        public var needsSignature: Bool { self != .loginFailed && self != .lockedOut }

        public func name(_ language: Language) -> String {
            let zh = language == .zh
            switch self {
            case .create: return zh ? "新建" : "created"
            case .update: return zh ? "修改" : "changed"
            case .overwrite: return zh ? "修改（覆盖他人的新版本）" : "changed over someone else's newer version"
            case .remove: return zh ? "撤销新建" : "removed"
            case .importRecords: return zh ? "批量导入" : "imported"
            case .reveal: return zh ? "查看完整号码" : "revealed"
            case .login: return zh ? "登录" : "logged in"
            case .loginFailed: return zh ? "登录失败" : "failed login"
            case .lockedOut: return zh ? "账号锁定" : "account locked"
            case .setUp: return zh ? "设置社区" : "set up the community"
            case .accountAdded: return zh ? "新增账号" : "added an account"
            case .passphraseChanged: return zh ? "更改口令" : "changed a passphrase"
            case .accountDisabled: return zh ? "停用账号" : "disabled an account"
            case .accountEnabled: return zh ? "启用账号" : "enabled an account"
            case .sealed: return zh ? "加密个人信息" : "encrypted personal data"
            case .signingKey: return zh ? "新签名密钥" : "new signing key"
            case .move: return zh ? "迁移" : "moved"
            }
        }
    }

    /// 1 for the first entry, then one more for each.
    public let sequence: Int
    public let at: Date
    /// The worker id, or for a login the login name typed.
    public let actor: String
    public let action: Action
    public let kind: RecordKind?
    public let record: String?
    /// The fields changed or revealed (names only), or the account concerned.
    public let fields: [String]
    /// The hash of the entry before (empty for the first).
    public let previous: String
    /// SHA-256 of the line's bytes up to it (see `AuditLine`), which include `previous`.
    public let hash: String
    /// The id of the key that signed the entry (`AuditKeys`); nil for an unsigned one.
    public let key: String?
    /// The Ed25519 signature of the same bytes, base64; nil for an unsigned entry.
    public let signature: String?

    public init(sequence: Int, at: Date, actor: String, action: Action, kind: RecordKind?, record: String?, fields: [String],
                previous: String, hash: String, key: String? = nil, signature: String? = nil) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.kind = kind
        self.record = record
        self.fields = fields
        self.previous = previous
        self.hash = hash
        self.key = key
        self.signature = signature
    }
}
