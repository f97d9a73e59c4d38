import Foundation

/// The one JSON dialect of the data folder: pretty-printed with sorted keys (so diffs and
/// hand edits stay readable and error positions mean something), Chinese left unescaped.
enum RecordCoding {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    /// `encoder()`'s bytes for `value`: through `RecordEncoder` when it can, otherwise through
    /// Foundation's encoder.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        if let data = try? RecordEncoder.encode(value) { return data }
        return try encoder().encode(value)
    }

    /// One line, keys sorted: the audit trail's form, and what its hashes cover.
    static func compactEncoder() -> JSONEncoder {
        let encoder = encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `compactEncoder()`'s bytes for `value`: through `RecordEncoder` when it can.
    static func encodeCompact<T: Encodable>(_ value: T) throws -> Data {
        if let data = try? RecordEncoder.encode(value, compact: true) { return data }
        return try compactEncoder().encode(value)
    }

    /// Decodes the data folder's files: through `TapeDecoder` when it can, otherwise through
    /// Foundation's decoder, which also gives any error its place and reason. A repeated key is
    /// not looked for: data files are checked for strict JSON before their records are trusted.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let value = try? TapeDecoder.decode(T.self, from: data) { return value }
        return try decoder().decode(T.self, from: data)
    }

    /// A data file decoded, with what the same parse found out about its bytes.
    struct DecodedFile<T> {
        let value: T
        /// Where each element of the `records` array lies (see `TapeDecoder.decodeFile`).
        let recordRanges: [Range<Int>]?
        /// The file's unknown keys and laxity, when asked for.
        let keyScan: KeyScan?
    }

    /// `decode`, with what `TapeDecoder.decodeFile` finds beside the value when it read the file:
    /// where each record lies, and (given `known`) the keys not in it and what strict JSON refuses.
    /// Both are nil when Foundation read it; the ranges also when there is no array of records.
    static func decodeFile<T: Decodable>(_ type: T.Type, from data: Data, keysKnown known: KeySet? = nil) throws -> DecodedFile<T> {
        if let decoded = try? TapeDecoder.decodeFile(T.self, from: data, keysKnown: known) { return decoded }
        return DecodedFile(value: try decoder().decode(T.self, from: data), recordRanges: nil, keyScan: nil)
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not a timestamp of the form 2026-11-22T08:30:00+08:00")
            }
            return date
        }
        return decoder
    }
}
