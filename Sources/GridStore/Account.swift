import Foundation
import GridModel

/// A login to gridwork, tied to one worker on the list of workers (who holds the role and grids).
public struct Account: Codable, Hashable, Sendable {
    public let login: String
    public let workerID: RecordID
    public internal(set) var passphrase: PassphraseHash
    /// The community's data key, sealed under the key this account's passphrase gives (base64).
    var wrappedKey: String
    /// The private key that signs this account's audit entries, sealed under the same passphrase;
    /// nil for an account from before signing began, until its next login makes one.
    var signingKey: AuditSigner.Wrapped?
    public internal(set) var disabled: Bool
    /// Wrong passphrases since the last good one.
    public internal(set) var failedTries: Int
    /// Set after too many wrong passphrases; no login until then.
    public internal(set) var lockedUntil: Date?
    public let createdAt: Date

    /// Five wrong passphrases in a row lock the account for five minutes.
    public static let allowedFailures = 5
    public static let lockout: TimeInterval = 5 * 60
    public static let minimumPassphraseLength = 8

    public func isLockedOut(at instant: Date) -> Bool { lockedUntil.map { $0 > instant } ?? false }

    /// 2 to 32 of a-z, 0-9, `.`, `-`, `_`: typed quickly on any keyboard, safe in file names.
    public static func isValidLogin(_ login: String) -> Bool {
        (2...32).contains(login.count) && login.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) }
    }
}

/// A login that succeeded: who, the key that opens the community's personal data, and the key
/// that signs their audit entries (both in memory only).
public struct Session: Hashable, Sendable {
    public let login: String
    public let workerID: RecordID
    public let key: PersonalDataKey
    /// Nil only for sessions made without a login (tests): their entries go unsigned.
    public let signer: AuditSigner?

    public init(login: String, workerID: RecordID, key: PersonalDataKey, signer: AuditSigner? = nil) {
        self.login = login
        self.workerID = workerID
        self.key = key
        self.signer = signer
    }

    /// Hashed by who it is; equal only with the same key too.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(login)
        hasher.combine(workerID)
    }
}
