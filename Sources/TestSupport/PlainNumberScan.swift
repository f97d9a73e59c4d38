import Foundation

/// Finds ID and mobile numbers written in plain text under a folder: an 18-character ID number
/// (17 digits and a digit or X) or an 11-digit mobile number starting with 1, standing as a token
/// of its own (hex hashes, whose digit runs sit between letters, do not count).
public enum PlainNumberScan {
    /// `path: kind` for each file holding such a number; the numbers themselves are not returned.
    public static func files(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let name = enumerator.nextObject() as? String {
            // The search index is SQLite: its page and FTS5 bytes run digits together by chance
            // (a term, then varints), which reads as a number where none was stored. What it
            // holds is checked by SearchIndexTests (numbers only as blind-index hashes).
            if name.hasPrefix("cache/index.sqlite") { continue }
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            if let kind = firstNumber(in: [UInt8](data)) { found.append(name + ": " + kind) }
        }
        return found.sorted()
    }

    static func firstNumber(in bytes: [UInt8]) -> String? {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func isWordByte(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 97 && byte | 0x20 <= 122) }
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            var length = end - index
            if length == 17, end < bytes.count, bytes[end] == UInt8(ascii: "X") || bytes[end] == UInt8(ascii: "x") {
                end += 1
                length += 1
            }
            let bounded = end == bytes.count || !isWordByte(bytes[end])
            if bounded && length == 18 { return "ID number" }
            if bounded && length == 11 && bytes[index] == UInt8(ascii: "1") { return "mobile number" }
            index = end
        }
        return nil
    }
}
