#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridModel

/// `audit/keys.json`: every worker's public signing key, old ones kept after a passphrase reset
/// so that the entries they signed still verify. Readable without a login, so that
/// `gridwork audit verify` needs none; each key is also named by a signed entry of the trail
/// (`AuditEntry.Action.signingKey`), so a key put into this file alone verifies nothing.
///
///     {"keys":[{"created":"…","id":"3f2a…","key":"<base64>","login":"admin","worker":"W-1"}],"schema":1}
public struct AuditKeys: Codable, Hashable, Sendable {
    public struct PublicKey: Codable, Hashable, Sendable {
        /// `AuditSigner.keyID(of:)` of `key`.
        public let id: String
        /// The worker whose entries it signs.
        public let worker: String
        /// The login it was made for.
        public let login: String
        public let created: Date
        /// The raw 32-byte Ed25519 public key, base64.
        public let key: String
    }

    var schema = 1
    public private(set) var keys: [PublicKey] = []

    static func path(_ folder: String) -> String { folder + "/" + StoreLayout.auditKeys }

    /// The keys on file; none when there is no file yet.
    static func read(_ folder: String) throws(StoreError) -> AuditKeys {
        let path = path(folder)
        // Missing means no key yet; a disk that fails is said as the disk said it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return AuditKeys() }
            throw .io(.read, path: path, code: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        let data = try DurableFile.readAll(descriptor, path: path, sizeHint: fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0)
        return try ShardReader.decodeStrictly(AuditKeys.self, from: data, path: path)
    }

    /// These keys with `signer`'s public key added, made for `login` at `instant`.
    func adding(_ signer: AuditSigner, login: String, at instant: Date) -> AuditKeys {
        var added = self
        added.keys.append(PublicKey(id: signer.keyID, worker: signer.worker.rawValue, login: login,
                                    created: Timestamp.wholeSeconds(instant), key: signer.publicKey.base64EncodedString()))
        return added
    }

    /// The keys' bytes as they go to `audit/keys.json`.
    func encoded(for folder: String) throws(StoreError) -> Data {
        guard var data = try? RecordCoding.encoder().encode(self) else { throw .io(.write, path: Self.path(folder), code: EINVAL) }
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
