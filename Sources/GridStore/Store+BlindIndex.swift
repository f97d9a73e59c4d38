import Crypto
import Foundation

/// What an index may keep in place of an ID or phone number (or its last digits), so that an
/// exact lookup works without the number itself: HMAC-SHA256 under a key derived from the
/// community key (a "blind index"), cut to 16 hex digits, as `purpose:hash`. Without the
/// community key nobody can tell which number a hash stands for, even for 4 digits. A folder
/// with no accounts has no key; its numbers are in plain text on disk, and a fixed key is used.
public struct BlindIndexer: Sendable {
    /// HMAC-SHA256 under the derived key, its key already absorbed: each hash copies it, so
    /// indexing a grid's numbers does not set the key up again for each one.
    private let keyed: HMAC<SHA256>

    init(communityKey: PersonalDataKey?) {
        let secret = communityKey.map { SymmetricKey(data: $0.rawBytes) } ?? SymmetricKey(data: Data("gridwork without accounts".utf8))
        keyed = HMAC(key: HKDF<SHA256>.deriveKey(inputKeyMaterial: secret, info: Data("gridwork blind index v1".utf8), outputByteCount: 32))
    }

    /// The keyed hash of `value` for `purpose`, letters compared without case (`x` is `X` in an ID number).
    public func hash(_ value: String, purpose: String) -> String {
        hash(exactly: value.uppercased(), purpose: purpose)
    }

    /// The keyed hash of `value` as it is, for `purpose`.
    public func hash(exactly value: String, purpose: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(16)
        for byte in code(of: value, purpose: purpose).prefix(8) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return purpose + ":" + String(decoding: hex, as: UTF8.self)
    }

    /// `hash(_:purpose:)` as a 64-bit number (the same first 8 bytes of the code): what an index
    /// of millions of numbers keeps, 8 bytes instead of some 20 of text, compared as one integer.
    /// The purpose is in what is hashed, so hashes of different purposes still differ.
    public func number(_ value: String, purpose: String) -> Int64 {
        code(of: value.uppercased(), purpose: purpose).prefix(8).reduce(0) { $0 << 8 | Int64($1) }
    }

    private func code(of value: String, purpose: String) -> HashedAuthenticationCode<SHA256> {
        var mac = keyed
        mac.update(data: Data((purpose + ":" + value).utf8))
        return mac.finalize()
    }
}

extension Store {
    /// The blind indexer of this folder's community key (derive it once for many numbers).
    public var blindIndexer: BlindIndexer { BlindIndexer(communityKey: key) }
}
