import Crypto
import Foundation
import GridModel

/// A worker's Ed25519 key for signing their audit entries, held in memory for a session only.
///
/// On disk the private key exists only sealed (AES-256-GCM) under a key derived with HKDF from the
/// account's passphrase key (the scrypt output that also unwraps the community key), so logging
/// in unwraps it with no second scrypt; the public key is in `audit/keys.json` (`AuditKeys`).
public struct AuditSigner: Sendable {
    /// The private key as `accounts.json` keeps it: its id and its sealed bytes.
    public struct Wrapped: Codable, Hashable, Sendable {
        /// `AuditSigner.keyID(of:)` of the public key.
        public let id: String
        /// The 32-byte private key sealed under the account's passphrase, base64.
        let sealed: String
    }

    public let worker: RecordID
    /// The first 16 hex digits of the public key's SHA-256: short, and what entries name.
    public let keyID: String
    private let privateKey: Curve25519.Signing.PrivateKey

    private init(worker: RecordID, privateKey: Curve25519.Signing.PrivateKey) {
        self.worker = worker
        self.privateKey = privateKey
        keyID = Self.keyID(of: privateKey.publicKey.rawRepresentation)
    }

    /// A fresh key for `worker`.
    static func generate(for worker: RecordID) -> AuditSigner {
        AuditSigner(worker: worker, privateKey: Curve25519.Signing.PrivateKey())
    }

    /// The raw 32-byte public key.
    var publicKey: Data { privateKey.publicKey.rawRepresentation }

    /// The signature of `message`, base64 (88 characters).
    func sign(_ message: Data) throws(StoreError) -> String {
        do { return try privateKey.signature(for: message).base64EncodedString() } catch {
            throw .io(.write, path: StoreLayout.auditTrail, code: EINVAL)
        }
    }

    static func keyID(of publicKey: Data) -> String { String(AuditTrail.hex(SHA256.hash(data: publicKey)).prefix(16)) }

    /// True when `signature` (base64) is `publicKey`'s (raw, base64) over `message`.
    static func isValid(signature: String, publicKey: String, message: Data) -> Bool {
        guard let signatureBytes = Data(base64Encoded: signature), let raw = Data(base64Encoded: publicKey),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signatureBytes, for: message)
    }

    // MARK: Wrapping under a passphrase

    /// The key sealed under `wrapping` (what `PassphraseHash` gives for the right passphrase).
    func wrapped(under wrapping: SymmetricKey) throws(AccountError) -> Wrapped {
        do {
            let sealed = try PersonalDataKey(Self.sealingKey(wrapping)).seal(privateKey.rawRepresentation)
            return Wrapped(id: keyID, sealed: sealed.base64EncodedString())
        } catch {
            throw .store(error)
        }
    }

    /// The key `wrapped` holds, for `worker`; damaged when `wrapping` does not open it or it is
    /// not the key its id names.
    static func unwrap(_ wrapped: Wrapped, under wrapping: SymmetricKey, for worker: RecordID) throws(AccountError) -> AuditSigner {
        guard let data = Data(base64Encoded: wrapped.sealed), let raw = PersonalDataKey(sealingKey(wrapping)).open(data),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw .damaged(LocalizedText(zh: "账号的签名密钥无法解开", en: "an account's signing key cannot be unwrapped"))
        }
        let signer = AuditSigner(worker: worker, privateKey: key)
        guard signer.keyID == wrapped.id else {
            throw .damaged(LocalizedText(zh: "账号的签名密钥与其编号不符", en: "an account's signing key does not match its id"))
        }
        return signer
    }

    /// A key of its own for the signing key, so that the passphrase's key seals nothing else
    /// with the same AES-GCM key as the community key it also wraps.
    private static func sealingKey(_ wrapping: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: wrapping, info: Data("gridwork audit signing key".utf8), outputByteCount: 32)
    }
}

extension AuditSigner: Equatable {
    /// Equal when they are the same key of the same worker.
    public static func == (left: AuditSigner, right: AuditSigner) -> Bool {
        left.worker == right.worker && left.keyID == right.keyID
    }
}
