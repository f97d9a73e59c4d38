import Crypto
import Foundation
import GridModel

/// The bytes of one line of `audit/trail.jsonl`, and what is hashed and signed in them.
///
/// A line is its body (every field but the hash and the signature, as compact JSON with sorted
/// keys) with a fixed tail in place of the body's closing brace:
///
///     {"action":"update",…,"sequence":12},"hash":"<64 hex>"}                            unsigned
///     {"action":"update",…,"key":"<16 hex>",…,"sequence":12},"hash":"<64 hex>","signature":"<88 base64>"}
///
/// The hash is SHA-256 of the body's bytes as written (the line up to the tail, closed with `}`),
/// and the signature is over the same bytes, so a key added anywhere in a line, or a byte changed,
/// shows; nothing is decoded and encoded again to be checked. Lines written before signing
/// began (the legacy form, keys sorted with the hash among them) are checked by being their own
/// canonical encoding, byte for byte, and by the hash of that encoding.
struct AuditLine {
    enum Form: Hashable {
        /// Written before signing began: hash among the sorted keys, no signature.
        case legacy
        /// Body and tail; `body` holds the bytes hashed and signed.
        case current(body: Data)
    }

    let entry: AuditEntry
    let form: Form

    /// The fields hashed and signed.
    private struct Body: Codable {
        let sequence: Int
        let at: Date
        let actor: String
        let action: AuditEntry.Action
        let kind: RecordKind?
        let record: String?
        let fields: [String]
        let previous: String
        let key: String?
    }

    private static let hashTag = Array(#","hash":""#.utf8)
    private static let signatureTag = Array(#"","signature":""#.utf8)
    private static let close = Array(#""}"#.utf8)
    private static let hashLength = 64
    /// An Ed25519 signature (64 bytes) in base64.
    private static let signatureLength = 88

    /// The line for `entry` (its hash and signature ignored), signed by `signer` when there is one,
    /// with the entry as it now stands (hash, key and signature filled in).
    static func make(_ entry: AuditEntry, signer: AuditSigner?) throws(StoreError) -> (line: Data, entry: AuditEntry) {
        let body = Body(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, kind: entry.kind,
                        record: entry.record, fields: entry.fields, previous: entry.previous, key: signer?.keyID)
        guard let bodyBytes = try? RecordCoding.encodeCompact(body), bodyBytes.last == UInt8(ascii: "}") else {
            throw .io(.write, path: StoreLayout.auditTrail, code: EINVAL)
        }
        let hash = AuditTrail.hex(SHA256.hash(data: bodyBytes))
        var signature: String?
        if let signer { signature = try signer.sign(bodyBytes) }
        var line = Data(bodyBytes.dropLast())
        line.append(contentsOf: hashTag)
        line.append(contentsOf: Array(hash.utf8))
        if let signature {
            line.append(contentsOf: signatureTag)
            line.append(contentsOf: Array(signature.utf8))
        }
        line.append(contentsOf: close)
        line.append(UInt8(ascii: "\n"))
        let sealed = AuditEntry(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, kind: entry.kind,
                                record: entry.record, fields: entry.fields, previous: entry.previous, hash: hash,
                                key: signer?.keyID, signature: signature)
        return (line, sealed)
    }

    /// The entry a line (without its newline) holds, and its form; nil when it is neither form.
    static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes, decoder: JSONDecoder) -> AuditLine? {
        let line = Array(bytes)
        if let (body, hash, signature) = split(line), let fields = try? decoder.decode(Body.self, from: body) {
            let entry = AuditEntry(sequence: fields.sequence, at: fields.at, actor: fields.actor, action: fields.action, kind: fields.kind,
                                   record: fields.record, fields: fields.fields, previous: fields.previous, hash: hash,
                                   key: fields.key, signature: signature)
            return AuditLine(entry: entry, form: .current(body: body))
        }
        guard let entry = try? decoder.decode(AuditEntry.self, from: Data(line)) else { return nil }
        return AuditLine(entry: entry, form: .legacy)
    }

    /// The body, hash and signature of a line of the current form; nil for any other.
    private static func split(_ line: [UInt8]) -> (body: Data, hash: String, signature: String?)? {
        func matches(_ tag: [UInt8], at offset: Int) -> Bool {
            offset >= 0 && offset + tag.count <= line.count && line[offset..<offset + tag.count].elementsEqual(tag)
        }
        func text(_ range: Range<Int>, allowed: (UInt8) -> Bool) -> String? {
            line[range].allSatisfy(allowed) ? String(decoding: line[range], as: UTF8.self) : nil
        }
        let isHex = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) }
        let isBase64 = { (byte: UInt8) in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
        }
        guard matches(close, at: line.count - close.count) else { return nil }
        let signedStart = line.count - close.count - signatureLength - signatureTag.count - hashLength - hashTag.count
        let unsignedStart = line.count - close.count - hashLength - hashTag.count
        let start: Int
        var signature: String?
        if matches(hashTag, at: signedStart), matches(signatureTag, at: signedStart + hashTag.count + hashLength) {
            let from = signedStart + hashTag.count + hashLength + signatureTag.count
            guard let found = text(from..<from + signatureLength, allowed: isBase64) else { return nil }
            signature = found
            start = signedStart
        } else if matches(hashTag, at: unsignedStart) {
            start = unsignedStart
        } else {
            return nil
        }
        guard start > 1, line[0] == UInt8(ascii: "{"),
              let hash = text(start + hashTag.count..<start + hashTag.count + hashLength, allowed: isHex) else { return nil }
        var body = Data(line[..<start])
        body.append(UInt8(ascii: "}"))
        return (body, hash, signature)
    }

    /// True when the bytes hashed are what the hash says: the body's for the current form, the
    /// canonical encoding's for the legacy form, which must also be the line itself, byte for byte.
    func hashMatches(line: some Collection<UInt8>) -> Bool {
        switch form {
        case .current(let body):
            return AuditTrail.hex(SHA256.hash(data: body)) == entry.hash
        case .legacy:
            guard let canonical = try? RecordCoding.compactEncoder().encode(entry) else { return false }
            return canonical.elementsEqual(line) && AuditTrail.hash(of: entry) == entry.hash
        }
    }
}
