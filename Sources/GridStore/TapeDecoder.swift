import Foundation

/// Decodes records from a `JSONTape` through their own `Decodable` conformances, three to four
/// times faster than Foundation's `JSONDecoder` on a grid's files, which is most of opening one.
///
/// It is the fast half of `RecordCoding.decode`: it either gives exactly what Foundation's
/// decoder would, or throws and lets Foundation decode the bytes again, for the value or for an
/// error that says where and why. So it refuses anything it is not sure of (a number with a
/// fraction where an integer is wanted, a lone surrogate) and keeps no coding path.
struct TapeDecoder: Decoder {
    let document: Document
    let index: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes `type` from `data`, or throws when the fast path cannot be sure of the result.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { bytes in
            let document = Document(try JSONTape(parsing: bytes))
            return try document.decode(T.self, at: 0)
        }
    }

    /// Decodes a data file, and says where each element of its `records` array lies in `data`
    /// (from its `{` to its `}`, as `ShardEncoder.recordRanges` finds them), from the same parse:
    /// a save reuses those bytes without scanning the file again. The ranges are nil when the
    /// array is missing or holds anything but objects. Given `known`, the parse's values are
    /// also scanned for keys not in it and for what strict JSON refuses (`JSONTape.unknownKeysAndLaxity`).
    static func decodeFile<T: Decodable>(_ type: T.Type, from data: Data, keysKnown known: KeySet? = nil) throws -> RecordCoding.DecodedFile<T> {
        try data.withUnsafeBytes { bytes in
            let document = Document(try JSONTape(parsing: bytes))
            return RecordCoding.DecodedFile(value: try document.decode(T.self, at: 0),
                                            recordRanges: document.tape.elementRanges(ofMember: "records"),
                                            keyScan: known.map { document.tape.unknownKeysAndLaxity(notIn: $0) })
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard document.tape.entries[index].kind == .object else { throw JSONTape.Refused() }
        return KeyedDecodingContainer(KeyedContainer<Key>(document: document, object: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard document.tape.entries[index].kind == .array else { throw JSONTape.Refused() }
        return UnkeyedContainer(document: document, array: index)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(document: document, index: index)
    }

    /// The tape shared by every container of one decode; a class so a decoder stays two words
    /// and fits in an existential without an allocation.
    final class Document {
        let tape: JSONTape
        /// `[String].self`, looked up once per file. Named where it is compared (or in a constant,
        /// which the optimizer puts there), it was looked up under a lock at every value decoded:
        /// a tenth of a cold open.
        private let stringListType: ObjectIdentifier

        init(_ tape: JSONTape) {
            self.tape = tape
            stringListType = Self.stringListIdentifier()
        }

        @inline(never)
        private static func stringListIdentifier() -> ObjectIdentifier { ObjectIdentifier([String].self) }

        func isNull(_ index: Int) -> Bool { tape.entries[index].kind == .null }

        func decode<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
            // Foundation's decoder reads dates with the strategy `RecordCoding` gives it: the same parse.
            // Its other special cases are left to it.
            if T.self == URL.self || T.self == Data.self || T.self == Decimal.self { throw JSONTape.Refused() }
            // The two special cases hand their value over by a bit cast under an exact type check:
            // an `as? T` would look up `Optional<T>`'s generic type at every value decoded.
            if T.self == Date.self { return unsafeBitCast(try date(at: index), to: T.self) }
            if tape.entries[index].kind == .array {
                // Lists of text (a grid's buildings, a case's parties) would otherwise box every element.
                if ObjectIdentifier(T.self) == stringListType { return unsafeBitCast(try stringList(at: index), to: T.self) }
                // A file's records, when they are many: its own cast is looked up once per file.
                if Int(tape.entries[index].end) >= Self.splitElements, let array = T.self as? any SplittableArray.Type {
                    return try records(array, as: T.self, at: index)
                }
            }
            return try T(from: TapeDecoder(document: self, index: index))
        }

        /// The records of the array at `index`, in parts. Apart from `decode`, whose every call
        /// made the type `T?` (the cast's result) before anything else: a lookup under a lock.
        @inline(never)
        private func records<T>(_ array: any SplittableArray.Type, as type: T.Type, at index: Int) throws -> T {
            guard let records = try array.decodeSplit(from: self, at: index) as? T else { throw JSONTape.Refused() }
            return records
        }

        /// How many elements an array must have to be decoded on every core: a residents file's
        /// thousand records took three times as long as all else a grid shows.
        static let splitElements = 256

        /// The entries of the elements of the array at `array`.
        func elements(of array: Int) -> [Int] {
            var elements: [Int] = []
            elements.reserveCapacity(Int(tape.entries[array].end))
            var element = array + 1
            while element < Int(tape.entries[array].next) {
                elements.append(element)
                element = tape.after(element)
            }
            return elements
        }

        @inline(never)
        private func date(at index: Int) throws -> Date {
            guard tape.entries[index].kind == .string, let date = Timestamp.parse(tape.slice(index)) else { throw JSONTape.Refused() }
            return date
        }

        @inline(never)
        private func stringList(at index: Int) throws -> [String] {
            guard tape.entries[index].kind == .array else { throw JSONTape.Refused() }
            var strings: [String] = []
            strings.reserveCapacity(Int(tape.entries[index].end))
            // Elements of strings are scalars, one entry each.
            for element in index + 1..<tape.after(index) { strings.append(try string(at: element)) }
            return strings
        }

        func string(at index: Int) throws -> String {
            switch tape.entries[index].kind {
            case .string:
                return try Self.validated(tape.slice(index))
            case .escapedString:
                return try unescaped(tape.slice(index))
            default:
                throw JSONTape.Refused()
            }
        }

        func bool(at index: Int) throws -> Bool {
            switch tape.entries[index].kind {
            case .true: return true
            case .false: return false
            default: throw JSONTape.Refused()
            }
        }

        /// Plain integers only; anything else (`1.0`, `1e3`, out of range) is Foundation's to judge.
        func integer<I: FixedWidthInteger>(_ type: I.Type, at index: Int) throws -> I {
            guard tape.entries[index].kind == .integer else { throw JSONTape.Refused() }
            let bytes = tape.slice(index)
            let negative = bytes[0] == UInt8(ascii: "-")
            var value: I = 0
            for byte in bytes.dropFirst(negative ? 1 : 0) {
                let digit = I(byte - UInt8(ascii: "0"))
                let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
                let (next, overflowB) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflowA && !overflowB else { throw JSONTape.Refused() }
                value = next
            }
            return value
        }

        func double(at index: Int) throws -> Double {
            let kind = tape.entries[index].kind
            guard kind == .integer || kind == .number,
                  let value = Double(String(decoding: tape.slice(index), as: UTF8.self)), value.isFinite else {
                throw JSONTape.Refused()
            }
            return value
        }

        /// Whether the key at `index` is `name`, as Foundation's decoder compares keys: as Swift
        /// strings, so canonically equivalent text matches (U+212A KELVIN SIGN is `K`). Plain
        /// ASCII, what every key gridwork writes is, is compared byte for byte.
        func key(at index: Int, is name: String) -> Bool {
            let entry = tape.entries[index]
            let bytes = tape.slice(index)
            if entry.kind == .escapedString || bytes.contains(where: { $0 >= 0x80 }) { return (try? string(at: index)) == name }
            return name.utf8.withContiguousStorageIfAvailable { UnsafeRawBufferPointer($0).elementsEqual(bytes) }
                ?? name.utf8.elementsEqual(bytes)
        }

        /// `key(at:is:)` for a name of ASCII bytes, mostly by length: text canonically equivalent
        /// to ASCII without being ASCII takes more bytes than it (each such character decomposes
        /// to one ASCII character), so a plain key of another length can only match when longer
        /// and not ASCII. Looking keys up was a sixth of decoding a case.
        func key(at index: Int, isASCII name: UnsafeRawBufferPointer) -> Bool {
            let entry = tape.entries[index]
            let bytes = tape.slice(index)
            if entry.kind != .escapedString && bytes.count == name.count {
                guard let left = bytes.baseAddress, let right = name.baseAddress else { return true }
                return memcmp(left, right, name.count) == 0
            }
            if entry.kind != .escapedString && (bytes.count < name.count || !bytes.contains(where: { $0 >= 0x80 })) { return false }
            return (try? string(at: index)) == String(decoding: name, as: UTF8.self)
        }

        private func unescaped(_ bytes: UnsafeRawBufferPointer) throws -> String {
            var utf8: [UInt8] = []
            utf8.reserveCapacity(bytes.count)
            var offset = 0
            func hex(at start: Int) throws -> UInt32 {
                guard start + 4 <= bytes.count else { throw JSONTape.Refused() }
                var value: UInt32 = 0
                for byte in bytes[start..<start + 4] {
                    guard let digit = JSONTape.hexValue(byte) else { throw JSONTape.Refused() }
                    value = value << 4 | UInt32(digit)
                }
                return value
            }
            while offset < bytes.count {
                let byte = bytes[offset]
                guard byte == UInt8(ascii: "\\"), offset + 1 < bytes.count else {
                    utf8.append(byte)
                    offset += 1
                    continue
                }
                let escape = bytes[offset + 1]
                offset += 2
                switch escape {
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex(at: offset)
                    offset += 4
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard offset + 6 <= bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                            throw JSONTape.Refused()
                        }
                        let low = try hex(at: offset + 2)
                        guard (0xDC00..<0xE000).contains(low) else { throw JSONTape.Refused() }
                        scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                        offset += 6
                    }
                    guard let unicode = Unicode.Scalar(scalar), let encoded = UTF8.encode(unicode) else { throw JSONTape.Refused() }
                    utf8.append(contentsOf: encoded)
                default: utf8.append(escape)
                }
            }
            return try utf8.withUnsafeBytes { try Self.validated($0) }
        }

        /// The text of `bytes`, refused unless they are valid UTF-8. `String(decoding:)` is
        /// specialized for a buffer and repairs what is invalid; a repair changes the bytes, so
        /// comparing them finds it. (`String(validating:)` ran unspecialized, looking up its
        /// generic types for every string of a file.)
        static func validated(_ bytes: UnsafeRawBufferPointer) throws -> String {
            var text = String(decoding: bytes, as: UTF8.self)
            let same = text.withUTF8 { decoded in
                guard decoded.count == bytes.count else { return false }
                guard let left = decoded.baseAddress, let right = bytes.baseAddress else { return true }
                return memcmp(left, right, bytes.count) == 0
            }
            guard same else { throw JSONTape.Refused() }
            return text
        }
    }
}

/// A file's records, which may be decoded in parts side by side (`SplitWork`: the tape is only
/// read). What it decodes is what `Array.init(from:)` would, in order.
private protocol SplittableArray {
    static func decodeSplit(from document: TapeDecoder.Document, at array: Int) throws -> Self
}

extension Array: SplittableArray where Element: StoredRecord {
    fileprivate static func decodeSplit(from document: TapeDecoder.Document, at array: Int) throws -> [Element] {
        let elements = document.elements(of: array)
        let parts = SplitWork.map(count: elements.count, parts: SplitWork.parts(for: elements.count)) { range in
            try? range.map { try document.decode(Element.self, at: elements[$0]) }
        }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for part in parts {
            guard let part else { throw JSONTape.Refused() }
            result += part
        }
        return result
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let document: TapeDecoder.Document
    let object: Int

    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        var keys: [Key] = []
        var member = object + 1
        while member < Int(document.tape.entries[object].next) {
            if let name = try? document.string(at: member), let key = Key(stringValue: name) { keys.append(key) }
            member = document.tape.after(member + 1)
        }
        return keys
    }

    /// The entry of the value under `key`; members are few, so a scan is quickest.
    private func value(_ key: Key) -> Int? {
        var name = key.stringValue
        name.makeContiguousUTF8()
        return name.utf8.withContiguousStorageIfAvailable { utf8 -> Int? in
            let ascii = !utf8.contains { $0 >= 0x80 }
            let raw = UnsafeRawBufferPointer(utf8)
            return member { ascii ? document.key(at: $0, isASCII: raw) : document.key(at: $0, is: name) }
        } ?? member { document.key(at: $0, is: name) }
    }

    /// The entry of the value of the first member whose key `matches`.
    private func member(where matches: (Int) -> Bool) -> Int? {
        let end = Int(document.tape.entries[object].next)
        var member = object + 1
        while member < end {
            if matches(member) { return member + 1 }
            member = document.tape.after(member + 1)
        }
        return nil
    }

    private func required(_ key: Key) throws -> Int {
        guard let index = value(key) else { throw JSONTape.Refused() }
        return index
    }

    func contains(_ key: Key) -> Bool { value(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { document.isNull(try required(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try document.bool(at: try required(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try document.string(at: try required(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try document.double(at: try required(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw JSONTape.Refused() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try document.integer(Int.self, at: try required(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try document.integer(Int8.self, at: try required(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try document.integer(Int16.self, at: try required(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try document.integer(Int32.self, at: try required(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try document.integer(Int64.self, at: try required(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try document.integer(UInt.self, at: try required(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try document.integer(UInt8.self, at: try required(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try document.integer(UInt16.self, at: try required(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try document.integer(UInt32.self, at: try required(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try document.integer(UInt64.self, at: try required(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try document.decode(T.self, at: try required(key)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TapeDecoder(document: document, index: try required(key)).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TapeDecoder(document: document, index: try required(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw JSONTape.Refused() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw JSONTape.Refused() }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let document: TapeDecoder.Document
    /// The entry of the next element.
    private var element: Int
    let count: Int?
    private(set) var currentIndex = 0

    init(document: TapeDecoder.Document, array: Int) {
        self.document = document
        element = array + 1
        count = Int(document.tape.entries[array].end)
    }

    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    /// The next element's entry, moving past it.
    private mutating func next() throws -> Int {
        guard !isAtEnd else { throw JSONTape.Refused() }
        let current = element
        element = document.tape.after(current)
        currentIndex += 1
        return current
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw JSONTape.Refused() }
        guard document.isNull(element) else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try document.bool(at: try next()) }
    mutating func decode(_ type: String.Type) throws -> String { try document.string(at: try next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try document.double(at: try next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { throw JSONTape.Refused() }
    mutating func decode(_ type: Int.Type) throws -> Int { try document.integer(Int.self, at: try next()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try document.integer(Int8.self, at: try next()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try document.integer(Int16.self, at: try next()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try document.integer(Int32.self, at: try next()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try document.integer(Int64.self, at: try next()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try document.integer(UInt.self, at: try next()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try document.integer(UInt8.self, at: try next()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try document.integer(UInt16.self, at: try next()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try document.integer(UInt32.self, at: try next()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try document.integer(UInt64.self, at: try next()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try document.decode(T.self, at: try next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try TapeDecoder(document: document, index: try next()).container(keyedBy: NestedKey.self)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try TapeDecoder(document: document, index: try next()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { throw JSONTape.Refused() }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let document: TapeDecoder.Document
    let index: Int

    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { document.isNull(index) }
    func decode(_ type: Bool.Type) throws -> Bool { try document.bool(at: index) }
    func decode(_ type: String.Type) throws -> String { try document.string(at: index) }
    func decode(_ type: Double.Type) throws -> Double { try document.double(at: index) }
    func decode(_ type: Float.Type) throws -> Float { throw JSONTape.Refused() }
    func decode(_ type: Int.Type) throws -> Int { try document.integer(Int.self, at: index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try document.integer(Int8.self, at: index) }
    func decode(_ type: Int16.Type) throws -> Int16 { try document.integer(Int16.self, at: index) }
    func decode(_ type: Int32.Type) throws -> Int32 { try document.integer(Int32.self, at: index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try document.integer(Int64.self, at: index) }
    func decode(_ type: UInt.Type) throws -> UInt { try document.integer(UInt.self, at: index) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try document.integer(UInt8.self, at: index) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try document.integer(UInt16.self, at: index) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try document.integer(UInt32.self, at: index) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try document.integer(UInt64.self, at: index) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try document.decode(T.self, at: index) }
}
