import GridModel

/// What `AuditTrail.verify` found wrong with the trail, line by line.
public enum AuditFinding: Hashable, Sendable {
    case unreadable(line: Int)
    /// A crash cut the last append short; no change is lost but that entry.
    case incompleteLastLine(line: Int)
    /// The entry's contents no longer match its hash.
    case edited(line: Int, sequence: Int)
    /// The entry does not follow the one before it: that one was changed and its hash made to fit.
    case brokenLink(line: Int, sequence: Int)
    case removed(first: Int, last: Int)
    case outOfOrder(line: Int, sequence: Int, expected: Int)
    case duplicated(line: Int, sequence: Int)
    case headMissing
    /// An entry that must be signed is not, after the first signed entry.
    case unsigned(line: Int, sequence: Int)
    /// The signature is not the named key's over the line's bytes.
    case badSignature(line: Int, sequence: Int)
    /// The entry names a key `audit/keys.json` does not hold (or holds wrong).
    case unknownKey(line: Int, sequence: Int)
    /// Signed with another worker's key than the worker the entry names.
    case wrongSigner(line: Int, sequence: Int)
    /// Signed with a key no earlier entry brought in, or bringing in a second key of a worker with
    /// nothing known to vouch for it.
    case keyNotVouchedFor(line: Int, sequence: Int)
    case publicKeysUnreadable
    /// `audit/keys.json` holds keys but no entry is signed: the trail was rewritten whole.
    case noSignedEntries
    /// A head kept outside the folder names an entry the trail no longer holds: it was cut back
    /// (and its head rewritten) or rewritten from before that entry on.
    case witnessedHeadMissing(hash: String)

    public func message(in language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .unreadable(let line):
            return zh ? "第 \(line) 行无法读取（不是有效的审计记录）" : "line \(line) cannot be read (not a valid audit entry)"
        case .incompleteLastLine(let line):
            return zh ? "第 \(line) 行（最后一行）不完整，可能是写入时断电" : "line \(line), the last, is incomplete (cut short by a crash or power cut)"
        case .edited(let line, let sequence):
            return zh ? "第 \(line) 行（第 \(sequence) 条）的内容被改动过" : "line \(line) (entry \(sequence)) was edited"
        case .brokenLink(let line, let sequence):
            return zh ? "第 \(line) 行（第 \(sequence) 条）与前一条接不上：前一条被改动或替换过"
                      : "line \(line) (entry \(sequence)) does not follow the entry before it: that one was edited or replaced"
        case .removed(let first, let last):
            return first == last ? (zh ? "第 \(first) 条被删除了" : "entry \(first) was removed")
                : (zh ? "第 \(first)–\(last) 条被删除了" : "entries \(first)–\(last) were removed")
        case .outOfOrder(let line, let sequence, let expected):
            return zh ? "第 \(line) 行是第 \(sequence) 条，这里应是第 \(expected) 条：顺序被调换过"
                      : "line \(line) holds entry \(sequence) where entry \(expected) belongs: entries were reordered"
        case .duplicated(let line, let sequence):
            return zh ? "第 \(line) 行重复了第 \(sequence) 条" : "line \(line) repeats entry \(sequence)"
        case .witnessedHeadMissing(let hash):
            return zh ? "见证过的记录头 \(hash.prefix(16))… 不在审计记录中：记录在那之后被截断或被改写过"
                      : "the witnessed head \(hash.prefix(16))… is not in the trail: the trail was cut or rewritten since it was witnessed"
        case .unsigned(let line, let sequence):
            return zh ? "第 \(line) 行（第 \(sequence) 条）没有签名，而签名开始后此类记录必须签名"
                      : "line \(line) (entry \(sequence)) is not signed, though entries of its kind are signed since signing began"
        case .badSignature(let line, let sequence):
            return zh ? "第 \(line) 行（第 \(sequence) 条）的签名不符：内容被改动或重新计算过"
                      : "line \(line) (entry \(sequence)) does not match its signature: it was edited or hashed again"
        case .unknownKey(let line, let sequence):
            return zh ? "第 \(line) 行（第 \(sequence) 条）的签名密钥不在 audit/keys.json 中"
                      : "line \(line) (entry \(sequence)) is signed with a key audit/keys.json does not hold"
        case .wrongSigner(let line, let sequence):
            return zh ? "第 \(line) 行（第 \(sequence) 条）由另一名工作人员的密钥签名"
                      : "line \(line) (entry \(sequence)) is signed with another worker's key"
        case .keyNotVouchedFor(let line, let sequence):
            return zh ? "第 \(line) 行（第 \(sequence) 条）的签名密钥没有由此前的签名记录引入"
                      : "line \(line) (entry \(sequence)) is signed with a key no earlier signed entry brought in"
        case .publicKeysUnreadable:
            return zh ? "audit/keys.json 无法读取：无法核对签名" : "audit/keys.json cannot be read: no signature can be checked"
        case .noSignedEntries:
            return zh ? "audit/keys.json 中有签名密钥，但没有一条记录有签名：审计记录被整体改写过"
                      : "audit/keys.json holds signing keys but no entry is signed: the trail was rewritten whole"
        case .headMissing:
            return zh ? "audit/head.json 缺失或无法读取：审计记录可能被整体删除，或末尾被删" : "audit/head.json is missing or unreadable: the trail may have been removed, or cut at its end"
        }
    }
}

/// The result of checking the audit trail.
public struct AuditReport: Hashable, Sendable {
    public let entries: Int
    public let findings: [AuditFinding]
    /// Entries whose signature verifies.
    public let signed: Int
    /// Unsigned entries before the first signed one: written before this folder's workers had keys.
    public let unsignedBeforeSigning: Int
    /// Unsigned entries of a kind no passphrase stands behind (failed logins, lockouts).
    public let unsignedWithoutPassphrase: Int

    public var isIntact: Bool { findings.isEmpty }
}
