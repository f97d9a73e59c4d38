import Foundation
import GridModel

/// Writes a data file's bytes in the one dialect of `RecordCoding`, reusing the bytes of records
/// that did not change since the file was read.
///
/// A save changes one record of a file that may hold a thousand: encoding them all again (and
/// sealing every ID and phone number again, with new nonces) cost most of a save's time and
/// rewrote every sealed value, so a file differed everywhere after a one-field edit. The records
/// array of a file this code (or `JSONEncoder` with `RecordCoding`'s options) wrote is cut into
/// its elements; an unchanged record keeps its element byte for byte, and only the others are
/// encoded. The result is byte-identical to encoding the whole file (a test holds it to that).
struct ShardEncoder {
    /// The file's bytes, whose elements `kept` points into (not copied: a file can be 200 KB).
    private var file = Data()
    /// The element of the file's records array for each record read from it, by id and revision.
    private var kept: [RecordID: (revision: Int, range: Range<Int>)] = [:]

    /// No bytes to reuse: every record is encoded.
    init() {}

    /// Reuses the elements of `data` (the file's bytes), which decoded to `records` in this order.
    /// `known` are the elements' ranges when the decode of these very bytes (or their writing)
    /// found them; otherwise the bytes are scanned. Bytes that cannot be cut into as many
    /// elements as there are records reuse nothing.
    init<R: StoredRecord>(reusing data: Data, readAs records: [R], ranges known: [Range<Int>]? = nil) {
        // Known ranges are trusted only as far as they still look like the file's elements.
        let fits = known.map { ranges in
            ranges.count == records.count && ranges.allSatisfy { range in
                range.lowerBound >= 0 && range.upperBound <= data.count && range.count >= 2
                    && data[data.startIndex + range.lowerBound] == UInt8(ascii: "{") && data[data.startIndex + range.upperBound - 1] == UInt8(ascii: "}")
            }
        } ?? false
        guard let ranges = fits ? known : Self.recordRanges(in: data), ranges.count == records.count else { return }
        file = data
        kept.reserveCapacity(records.count)
        let offset = data.startIndex
        // By index: zipping copied every record (a case is a large value), a tenth of a millisecond a file.
        for index in records.indices {
            kept[records[index].id] = (records[index].meta.revision, ranges[index].lowerBound + offset..<ranges[index].upperBound + offset)
        }
    }

    /// How a change's freshly encoded records are found: by kind and id (two kinds may share an id).
    static func key(_ kind: RecordKind, _ id: RecordID) -> String { kind.rawValue + "/" + id.rawValue }

    /// True when `record`'s bytes on file are written as they are.
    func reuses<R: StoredRecord>(_ record: R) -> Bool { kept[record.id]?.revision == record.meta.revision }

    /// The whole file: header, each record (kept, or `fresh` when it holds the record encoded
    /// alone at its revision, or encoded now), footer.
    func encode<R: StoredRecord>(_ records: [R], kind: RecordKind, fresh: [String: (revision: Int, bytes: Data)] = [:]) throws -> Data {
        try encodeFile(records, kind: kind, fresh: fresh).data
    }

    /// `encode`, with where each record's element lies in the bytes, so the next save of the
    /// file need not scan them for it.
    func encodeFile<R: StoredRecord>(_ records: [R], kind: RecordKind, fresh: [String: (revision: Int, bytes: Data)] = [:])
        throws -> (data: Data, recordRanges: [Range<Int>]) {
        // An empty array is printed differently by JSONEncoder; nothing to reuse in it anyway.
        guard !records.isEmpty else {
            var data = try RecordCoding.encode(ShardFile(schema: StoreLayout.schemaVersion, kind: kind, records: records))
            data.append(UInt8(ascii: "\n"))
            return (data, [])
        }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(records.count)
        // Room for the reused elements plus the few encoded again: nothing moves as it grows.
        let bytes = ByteBuilder(capacity: file.count + 4096)
        bytes.append("{\n  \"kind\" : ")
        bytes.append(try RecordCoding.encode(kind))
        bytes.append(",\n  \"records\" : [\n")
        // By index: `enumerated()` copied every record.
        for index in records.indices {
            let record = records[index]
            bytes.append(index > 0 ? ",\n    " : "    ")
            let start = bytes.count
            if reuses(record), let known = kept[record.id] {
                file.withUnsafeBytes { raw in
                    bytes.append(UnsafeRawBufferPointer(rebasing: raw[(known.range.lowerBound - file.startIndex)..<(known.range.upperBound - file.startIndex)]))
                }
            } else {
                let alone = fresh[Self.key(kind, record.id)].flatMap { $0.revision == record.meta.revision ? $0.bytes : nil }
                Self.appendIndented(try alone ?? RecordCoding.encode(record), to: bytes)
            }
            ranges.append(start..<bytes.count)
        }
        bytes.append("\n  ],\n  \"schema\" : \(StoreLayout.schemaVersion)\n}\n")
        return (bytes.data(), ranges)
    }

    /// Appends a record encoded alone, each line after the first indented four spaces (it sits
    /// two levels into the file's array), a line at a time: not through `Data`'s subscript, whose
    /// every byte cost an exclusivity check.
    private static func appendIndented(_ encoded: Data, to bytes: ByteBuilder) {
        encoded.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var lineStart = 0
            while let newline = raw[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                bytes.append(UnsafeRawBufferPointer(rebasing: raw[lineStart..<newline + 1]))
                lineStart = newline + 1
                // JSONEncoder leaves the blank line inside an empty array unindented.
                if lineStart < raw.count && raw[lineStart] == UInt8(ascii: "\n") { continue }
                bytes.append("    ")
            }
            bytes.append(UnsafeRawBufferPointer(rebasing: raw[lineStart...]))
        }
    }

    /// The byte range of each element of the top-level `records` array, from its `{` to its `}`,
    /// or nil when the bytes hold no such array, more than one, or an element that is no object.
    /// A string is crossed in one tight loop: most of a file is text and indentation, and a byte
    /// at a time through every case cost a save half a millisecond on a 172 KB file.
    static func recordRanges(in data: Data) -> [Range<Int>]? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Range<Int>]? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            let count = raw.count
            let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), space = UInt8(ascii: " ")
            let recordsKey = Array("records".utf8)
            var ranges: [Range<Int>] = []
            var depth = 0
            var lastKeyIsRecords = false
            var inRecords = false, foundRecords = false
            var elementStart = -1
            var index = 0
            while index < count {
                let byte = base[index]
                switch byte {
                case space:
                    break
                case quote:
                    let start = index + 1
                    var cursor = start
                    while cursor < count {
                        let inside = base[cursor]
                        if inside == quote { break }
                        cursor += inside == backslash ? 2 : 1
                    }
                    // A string that never ends: no array of records to cut.
                    guard cursor < count else { return nil }
                    if depth == 1 {
                        lastKeyIsRecords = cursor - start == recordsKey.count
                            && UnsafeBufferPointer(start: base + start, count: recordsKey.count).elementsEqual(recordsKey)
                    }
                    index = cursor
                case UInt8(ascii: ","):
                    if depth == 1 { lastKeyIsRecords = false }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth == 2 && byte == UInt8(ascii: "[") && lastKeyIsRecords {
                        if foundRecords { return nil }
                        inRecords = true
                    } else if inRecords && depth == 3 {
                        guard byte == UInt8(ascii: "{") else { return nil }
                        elementStart = index
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if inRecords && depth == 3 {
                        guard elementStart >= 0 else { return nil }
                        ranges.append(elementStart..<index + 1)
                        elementStart = -1
                    } else if inRecords && depth == 2 {
                        inRecords = false
                        foundRecords = true
                    }
                    depth -= 1
                default:
                    // Anything else between elements (a number, true, null) is no record.
                    if inRecords && depth == 2 && !Self.isWhitespace(byte) { return nil }
                }
                index += 1
            }
            return foundRecords && depth == 0 ? ranges : nil
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }
}
