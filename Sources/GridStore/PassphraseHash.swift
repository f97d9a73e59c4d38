import Crypto
import CryptoExtras
import Foundation
import GridModel

/// A passphrase as kept on disk: a random salt, the scrypt cost, and a verifier.
///
/// scrypt gives 64 bytes. The first 32 are kept to check a passphrase; the last 32 are never
/// stored: they are the key that unwraps the account's copy of the community data key, so
/// reading `accounts.json` gives away neither the passphrase nor the key.
public struct PassphraseHash: Codable, Hashable, Sendable {
    /// scrypt's cost: N (a power of two), r and p. N = 2^15 takes 32 MiB and a tenth of a second.
    public struct Cost: Codable, Hashable, Sendable {
        public let n: Int
        public let r: Int
        public let p: Int

        public static let standard = Cost(n: 1 << 15, r: 8, p: 1)
        /// Below this, a stored hash is refused as too cheap to guess against.
        static let minimumN = 1 << 15
    }

    public let algorithm: String
    public let cost: Cost
    let salt: String
    let verifier: String

    static let scrypt = "scrypt"

    /// A new hash of `passphrase` with a fresh salt, and the wrapping key that goes with it.
    static func make(_ passphrase: String, cost: Cost = .standard) throws(AccountError) -> (PassphraseHash, SymmetricKey) {
        let salt = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        let (verifier, wrapping) = try derive(passphrase, salt: salt, cost: cost)
        return (PassphraseHash(algorithm: scrypt, cost: cost, salt: salt.base64EncodedString(), verifier: verifier.base64EncodedString()), wrapping)
    }

    /// A hash no passphrase matches, at `cost`: checked against for a login no account has, so
    /// that it takes as long as a wrong passphrase for one that exists.
    static func decoy(cost: Cost) -> PassphraseHash {
        let salt = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        return PassphraseHash(algorithm: scrypt, cost: Cost(n: max(cost.n, Cost.minimumN), r: cost.r, p: cost.p),
                              salt: salt.base64EncodedString(), verifier: Data(count: 32).base64EncodedString())
    }

    /// The wrapping key when `passphrase` is the right one, else nil. Compared in constant time.
    func check(_ passphrase: String) throws(AccountError) -> SymmetricKey? {
        guard algorithm == Self.scrypt, cost.n >= Cost.minimumN, let salt = Data(base64Encoded: salt),
              let expected = Data(base64Encoded: verifier) else { throw .damaged(LocalizedText(zh: "口令记录无效", en: "a passphrase record is not valid")) }
        let (found, wrapping) = try Self.derive(passphrase, salt: salt, cost: cost)
        guard found.count == expected.count else { return nil }
        var difference: UInt8 = 0
        for (a, b) in zip(found, expected) { difference |= a ^ b }
        return difference == 0 ? wrapping : nil
    }

    /// How many times scrypt ran on the calling thread (tests: an unknown login costs one, as a
    /// wrong passphrase does). Per thread, so tests running side by side do not count each other's.
    static var derivationsOnThisThread: Int { (Thread.current.threadDictionary[derivationsKey] as? Int) ?? 0 }
    private static let derivationsKey = "gridwork.scryptDerivations"

    private static func derive(_ passphrase: String, salt: Data, cost: Cost) throws(AccountError) -> (Data, SymmetricKey) {
        Thread.current.threadDictionary[derivationsKey] = derivationsOnThisThread + 1
        do {
            let key = try KDF.Scrypt.deriveKey(from: Data(passphrase.utf8), salt: salt, outputByteCount: 64,
                                               rounds: cost.n, blockSize: cost.r, parallelism: cost.p)
            let bytes = key.withUnsafeBytes { Data($0) }
            return (bytes.prefix(32), SymmetricKey(data: bytes.suffix(32)))
        } catch {
            throw .damaged(LocalizedText(zh: "无法计算口令（scrypt 失败）", en: "the passphrase could not be hashed (scrypt failed)"))
        }
    }
}
