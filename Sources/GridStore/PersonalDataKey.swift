import Crypto
import CryptoExtras
import Foundation
import GridModel

/// The community's key for personal data (ID and phone numbers), AES-256-GCM.
///
/// It is derived from the community passphrase with scrypt when the community is set up, and a
/// copy of it, wrapped under each account's passphrase, is kept in `accounts.json`; logging in
/// unwraps it. A sealed value is `enc1:` followed by base64 of nonce, ciphertext and tag, so the
/// JSON around it stays readable and a copied folder shows no number.
public struct PersonalDataKey: Equatable, Sendable {
    let key: SymmetricKey

    static let prefix = "enc1:"

    init(_ key: SymmetricKey) { self.key = key }

    /// The key for `passphrase` and the community's salt.
    static func derive(fromCommunityPassphrase passphrase: String, salt: Data, cost: PassphraseHash.Cost) throws(AccountError) -> PersonalDataKey {
        do {
            return PersonalDataKey(try KDF.Scrypt.deriveKey(from: Data(passphrase.utf8), salt: salt, outputByteCount: 32,
                                                            rounds: cost.n, blockSize: cost.r, parallelism: cost.p))
        } catch {
            throw .damaged(LocalizedText(zh: "无法由社区口令计算密钥", en: "the key could not be derived from the community passphrase"))
        }
    }

    public static func isSealed(_ text: String) -> Bool { text.hasPrefix(prefix) }

    func seal(_ text: String) throws(StoreError) -> String {
        Self.prefix + (try seal(Data(text.utf8))).base64EncodedString()
    }

    /// The text inside `sealed`; nil when it was sealed under another key or has been altered.
    func open(_ sealed: String) -> String? {
        guard Self.isSealed(sealed), let data = Data(base64Encoded: String(sealed.dropFirst(Self.prefix.count))),
              let plain = open(data) else { return nil }
        return String(data: plain, encoding: .utf8)
    }

    func seal(_ data: Data) throws(StoreError) -> Data {
        // With a 256-bit key and the default 96-bit random nonce this fails only if the system has no randomness.
        guard let sealed = try? AES.GCM.seal(data, using: key).combined else {
            throw .personalData(LocalizedText(zh: "无法加密个人信息", en: "personal data could not be encrypted"))
        }
        return sealed
    }

    func open(_ data: Data) -> Data? {
        guard let box = try? AES.GCM.SealedBox(combined: data) else { return nil }
        return try? AES.GCM.open(box, using: key)
    }

    /// The raw key, to be wrapped for an account.
    var rawBytes: Data { key.withUnsafeBytes { Data($0) } }
}
