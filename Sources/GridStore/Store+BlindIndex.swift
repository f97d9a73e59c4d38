import Crypto
import Foundation

extension Store {
    /// What an index may keep in place of an ID or phone number (or its last digits), so that
    /// an exact lookup works without the number itself: HMAC-SHA256 under a key derived from the
    /// community key (a "blind index"), cut to 16 hex digits, as `purpose:hash`. Without the
    /// community key nobody can tell which number a hash stands for, even for 4 digits. A folder
    /// with no accounts has no key; its numbers are in plain text on disk, and a fixed key is used.
    public func blindIndex(_ value: String, purpose: String) -> String {
        let secret = key.map { SymmetricKey(data: $0.rawBytes) } ?? SymmetricKey(data: Data("gridwork without accounts".utf8))
        let derived = HKDF<SHA256>.deriveKey(inputKeyMaterial: secret, info: Data("gridwork blind index v1".utf8), outputByteCount: 32)
        let code = HMAC<SHA256>.authenticationCode(for: Data((purpose + ":" + value.uppercased()).utf8), using: derived)
        return purpose + ":" + code.prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
