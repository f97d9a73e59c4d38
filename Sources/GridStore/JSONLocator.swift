import Foundation

/// A 1-based line and column in a UTF-8 text file.
///
/// Lines are split on `\n` only (a `\r` before it is just an ordinary character).
/// The column counts Unicode scalars from the start of the line: every UTF-8 byte that is
/// not a continuation byte (`10xxxxxx`) starts a new column, so `名字` is two columns
/// wide, as most editors show it. A leading UTF-8 byte order mark is not counted.
public struct TextPosition: Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `"line:column"`, ready for a `path:line:column: message` report.
    public var description: String { "\(line):\(column)" }
}

/// Finds positions in raw JSON bytes, for error reports that point into the file.
///
/// Everything works on the bytes directly and without recursion, so a 1 MB file or a
/// maliciously deep one costs one linear scan and no stack growth.
public struct JSONLocator: Sendable {
    private let data: Data

    public init(data: Data) {
        self.data = data
    }

    /// `nil` when the bytes are one valid JSON value (RFC 8259) surrounded by optional
    /// whitespace; otherwise the position of the first offending byte and a short message.
    ///
    /// Beyond the RFC grammar this also rejects what Foundation's decoder rejects, so a
    /// failed decode always gets a position: invalid UTF-8, unpaired `\u` surrogates and
    /// nesting deeper than 512 containers. A leading byte order mark is allowed.
    public func firstSyntaxError() -> (position: TextPosition, message: String)? {
        let failure = data.withUnsafeBytes { raw in
            var cursor = Cursor(bytes: raw)
            return cursor.firstError()
        }
        guard let failure else { return nil }
        return (position(ofByteOffset: failure.offset), failure.message)
    }

    /// The position of the first character of the value reached by following `path` from
    /// the root, e.g. a `DecodingError.Context.codingPath`.
    ///
    /// Each key is applied to whatever container is found: in an array its `intValue` is the
    /// index, in an object its `stringValue` is the member name (so `Int`-keyed dictionaries,
    /// which JSON stores as objects, work too). If a key cannot be followed, the position of
    /// the deepest value reached is returned, so "key not found" points at the object lacking
    /// it. As with `JSONDecoder`, the first of duplicate keys wins.
    public func position(of path: [any CodingKey]) -> TextPosition {
        let offset = data.withUnsafeBytes { raw in
            var cursor = Cursor(bytes: raw)
            cursor.skipByteOrderMark()
            cursor.skipWhitespace()
            for key in path {
                let reached = cursor.index
                guard cursor.enterChild(key) else { return reached }
            }
            return cursor.index
        }
        return position(ofByteOffset: offset)
    }

    /// Every object key in the document with the byte offset of its opening quote, in order.
    /// One linear scan; meant for documents that already parsed.
    public func objectKeys() -> [(key: String, offset: Int)] { unknownKeysAndLaxity(notIn: KeySet([])).keys }

    /// For a document Foundation's decoder already parsed, in one linear scan: the object keys
    /// not in `known` (in order, with the offset of their opening quote), and the first thing that
    /// decoder let through which strict JSON refuses (`firstSyntaxError` finds the same, slower):
    /// a member name repeated in its object, a comma before a closing bracket, a number out of a
    /// double's range. A known key spelled in plain ASCII is matched on its bytes, without making
    /// a string of it (a district's files hold tens of millions of keys).
    func unknownKeysAndLaxity(notIn known: KeySet) -> (keys: [(key: String, offset: Int)], laxity: (offset: Int, message: String)?) {
        data.withUnsafeBytes { raw in
            var cursor = Cursor(bytes: raw)
            var keys: [(key: String, offset: Int)] = []
            // Per open container: nil for an array, the names so far for an object.
            var names: [MemberNames?] = []
            var lastComma: Int?
            func laxity(_ offset: Int, _ message: String) -> (keys: [(key: String, offset: Int)], laxity: (offset: Int, message: String)?) {
                (keys, (offset, message))
            }
            while let byte = cursor.current {
                switch byte {
                case .quote:
                    lastComma = nil
                    let start = cursor.index
                    let string = cursor.scanString()
                    cursor.skipWhitespace()
                    guard cursor.current == .colon, let last = names.indices.last, names[last] != nil else { continue }
                    let content = UnsafeRawBufferPointer(rebasing: raw[string.content])
                    // In place: a copy of the names to add to was a copy of them all, for every name.
                    if names[last]?.insert(string.content, cursor) == false {
                        return laxity(start, "duplicate key \"\(Cursor.unescape(content))\"")
                    }
                    if !string.hasEscape && string.isASCII && known.contains(asciiBytes: content) { continue }
                    let key = string.hasEscape ? Cursor.unescape(content) : String(decoding: content, as: UTF8.self)
                    if !known.strings.contains(key) { keys.append((key, start)) }
                    continue
                case .openBrace:
                    // A container opened after a comma is a value: `[1, {}]` has no trailing comma.
                    lastComma = nil
                    names.append(MemberNames())
                case .openBracket:
                    lastComma = nil
                    names.append(nil)
                case .closeBrace, .closeBracket:
                    if let comma = lastComma { return laxity(comma, "trailing comma") }
                    if !names.isEmpty { names.removeLast() }
                case .comma:
                    lastComma = cursor.index
                    cursor.index += 1
                    continue
                case .minus, .zero ... .nine:
                    let start = cursor.index
                    var exponent = false
                    while let digit = cursor.current, !digit.isDelimiter {
                        if digit == UInt8(ascii: "e") || digit == UInt8(ascii: "E") { exponent = true }
                        cursor.index += 1
                    }
                    lastComma = nil
                    let literal = UnsafeRawBufferPointer(rebasing: raw[start..<cursor.index])
                    if exponent || literal.count > 300, let value = Double(String(decoding: literal, as: UTF8.self)), !value.isFinite {
                        return laxity(start, "number out of range")
                    }
                    continue
                case .space, .newline, .tab, .carriageReturn:
                    break
                default:
                    lastComma = nil
                }
                cursor.index += 1
            }
            return (keys, nil)
        }
    }

    /// The text of a JSON string's content (between its quotes) with its escapes decoded.
    static func unescape(_ content: UnsafeRawBufferPointer) -> String { Cursor.unescape(content) }

    /// The members of the top-level object: each key with the byte range of its value, or nil
    /// when the document is not one object. Lenient: meant for bytes an encoder just wrote.
    func topLevelMembers() -> [String: Range<Int>]? {
        data.withUnsafeBytes { raw -> [String: Range<Int>]? in
            var cursor = Cursor(bytes: raw)
            cursor.skipWhitespace()
            guard cursor.current == .openBrace else { return nil }
            cursor.index += 1
            var members: [String: Range<Int>] = [:]
            while true {
                cursor.skipWhitespace()
                guard let byte = cursor.current else { return nil }
                if byte == .closeBrace { return members }
                if byte == .comma {
                    cursor.index += 1
                    continue
                }
                guard byte == .quote else { return nil }
                let name = cursor.scanString()
                let content = UnsafeRawBufferPointer(rebasing: raw[name.content])
                let key = name.hasEscape ? Cursor.unescape(content) : String(decoding: content, as: UTF8.self)
                cursor.skipWhitespace()
                guard cursor.current == .colon else { return nil }
                cursor.index += 1
                cursor.skipWhitespace()
                let start = cursor.index
                cursor.skipValue()
                members[key] = start..<cursor.index
            }
        }
    }

    /// `position(ofByteOffset:)` of each offset, in one scan of the data however many there are
    /// (a file with a stray field in each of its records has thousands).
    public func positions(ofByteOffsets offsets: [Int]) -> [TextPosition] {
        data.withUnsafeBytes { raw in
            var found = Array(repeating: TextPosition(line: 1, column: 1), count: offsets.count)
            var index = Cursor.hasByteOrderMark(raw) ? min(3, raw.count) : 0
            var line = 1
            var column = 1
            for slot in offsets.indices.sorted(by: { offsets[$0] < offsets[$1] }) {
                let end = max(0, min(offsets[slot], raw.count))
                while index < end {
                    let byte = raw[index]
                    if byte == .newline {
                        line += 1
                        column = 1
                    } else if byte & 0xC0 != 0x80 {
                        column += 1
                    }
                    index += 1
                }
                found[slot] = TextPosition(line: line, column: column)
            }
            return found
        }
    }

    /// The line and column of the byte at `offset` (clamped to the data; `data.count`
    /// gives the position just past the last byte).
    public func position(ofByteOffset offset: Int) -> TextPosition {
        positions(ofByteOffsets: [offset]).first ?? TextPosition(line: 1, column: 1)
    }
}

// MARK: - Byte scanning

/// A forward-only reader over the JSON bytes. Only used inside `withUnsafeBytes`.
private struct Cursor {
    /// Foundation's JSON parser refuses deeper documents; so do we.
    static let maximumDepth = 512

    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The byte at `index`, or `nil` at the end of the data.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    static func hasByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    mutating func skipByteOrderMark() {
        if index == 0, Self.hasByteOrderMark(bytes) { index = 3 }
    }

    mutating func skipWhitespace() {
        while let byte = current,
              byte == .space || byte == .newline || byte == .tab || byte == .carriageReturn {
            index += 1
        }
    }

    // MARK: Skipping (lenient: the document is only trusted as far as needed)

    /// Moves past the string whose opening quote is at `index`, reporting its raw content
    /// and whether a slow comparison could be needed.
    mutating func scanString() -> (content: Range<Int>, hasEscape: Bool, isASCII: Bool) {
        index += 1
        let start = index
        var hasEscape = false
        var allBits: UInt8 = 0
        while let byte = current, byte != .quote {
            if byte == .backslash {
                hasEscape = true
                index += 2  // the escaped byte can never end the string
            } else {
                allBits |= byte
                index += 1
            }
        }
        index = min(index, bytes.count)
        let end = index
        if current == .quote { index += 1 }
        return (start..<end, hasEscape, allBits < 0x80)
    }

    /// Moves past one value without validating or allocating: containers are skipped by
    /// counting brackets (outside strings), scalars run to the next delimiter.
    mutating func skipValue() {
        guard let first = current else { return }
        switch first {
        case .quote:
            _ = scanString()
        case .openBrace, .openBracket:
            var depth = 0
            while let byte = current {
                switch byte {
                case .quote:
                    _ = scanString()
                    continue
                case .openBrace, .openBracket:
                    depth += 1
                case .closeBrace, .closeBracket:
                    depth -= 1
                default:
                    break
                }
                index += 1
                if depth == 0 { return }
            }
        default:
            while let byte = current, !byte.isDelimiter { index += 1 }
        }
    }

    /// With `index` at a value, moves to the start of its child named by `key`.
    /// Returns `false` (leaving `index` anywhere) when there is no such child.
    mutating func enterChild(_ key: any CodingKey) -> Bool {
        switch current {
        case .openBracket?:
            guard let position = key.intValue, position >= 0 else { return false }
            index += 1
            skipWhitespace()
            for _ in 0..<position {
                guard let byte = current, byte != .closeBracket else { return false }
                skipValue()
                skipWhitespace()
                guard current == .comma else { return false }
                index += 1
                skipWhitespace()
            }
            return current != nil && current != .closeBracket
        case .openBrace?:
            let name = key.stringValue
            let nameIsASCII = name.utf8.allSatisfy { $0 < 0x80 }
            index += 1
            skipWhitespace()
            while current == .quote {
                let matches = keyMatches(name, nameIsASCII: nameIsASCII)
                skipWhitespace()
                guard current == .colon else { return false }
                index += 1
                skipWhitespace()
                if matches { return current != nil }
                skipValue()
                skipWhitespace()
                guard current == .comma else { return false }
                index += 1
                skipWhitespace()
            }
            return false
        default:
            return false
        }
    }

    /// Moves past the key string at `index` and tells whether it equals `name`.
    mutating func keyMatches(_ name: String, nameIsASCII: Bool) -> Bool {
        let key = scanString()
        let raw = UnsafeRawBufferPointer(rebasing: bytes[key.content])
        if !key.hasEscape {
            // Fast path: identical bytes, or two ASCII strings, decide without allocating.
            if raw.elementsEqual(name.utf8) { return true }
            if key.isASCII && nameIsASCII { return false }
            // Otherwise compare as Strings: like JSONDecoder's dictionary lookup this uses
            // canonical equivalence (precomposed "é" equals "e" + U+0301).
            return String(decoding: raw, as: UTF8.self) == name
        }
        return Self.unescape(raw) == name
    }

    /// Decodes the content of a string containing backslash escapes.
    static func unescape(_ raw: UnsafeRawBufferPointer) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            index += 1
            guard byte == .backslash, index < raw.count else {
                utf8.append(byte)
                continue
            }
            let escape = raw[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(.newline)
            case UInt8(ascii: "r"): utf8.append(.carriageReturn)
            case UInt8(ascii: "t"): utf8.append(.tab)
            case UInt8(ascii: "u"):
                guard var value = hex4(raw, at: index) else { continue }
                index += 4
                // A high surrogate followed by an escaped low surrogate forms one scalar.
                if (0xD800..<0xDC00).contains(value),
                   index + 1 < raw.count, raw[index] == .backslash, raw[index + 1] == UInt8(ascii: "u"),
                   let low = hex4(raw, at: index + 2), (0xDC00..<0xE000).contains(low) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}") { utf8.append($0) }
            default:
                utf8.append(escape)  // \" \\ \/
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The value of four hex digits at `offset`, or `nil` if they are not all there.
    static func hex4(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for byte in raw[offset..<offset + 4] {
            guard let digit = byte.hexDigitValue else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    // MARK: Validation (strict)

    typealias Failure = (offset: Int, message: String)

    /// Validates the whole document with an explicit container stack instead of recursion.
    mutating func firstError() -> Failure? {
        var stack: [UInt8] = []  // the open bracket of each enclosing container
        // The member names of each enclosing object so far (as raw bytes), for duplicates, which
        // readers settle differently (Foundation keeps one, Python the other): refused outright.
        var names: [MemberNames] = []
        skipByteOrderMark()
        skipWhitespace()
        while true {
            // A value is expected at `index`.
            guard let first = current else { return endOfFile }
            switch first {
            case .openBrace, .openBracket:
                if stack.count == Self.maximumDepth { return (index, "nesting too deep") }
                stack.append(first)
                names.append(MemberNames())
                index += 1
                skipWhitespace()
                if current == first.closingBracket {
                    stack.removeLast()
                    names.removeLast()
                    index += 1
                } else if first == .openBrace {
                    if let failure = memberName(seen: &names[names.count - 1]) { return failure }
                    continue
                } else {
                    continue
                }
            case .quote:
                if let failure = validateString() { return failure }
            case .minus, .zero ... .nine:
                if let failure = validateNumber() { return failure }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                if let failure = validateLiteral() { return failure }
            default:
                return unexpectedCharacter()
            }
            // A value just ended: close finished containers until a ',' asks for another.
            while true {
                skipWhitespace()
                guard let open = stack.last else {
                    return current == nil ? nil : (index, "trailing characters after the JSON value")
                }
                guard let byte = current else { return endOfFile }
                if byte == open.closingBracket {
                    stack.removeLast()
                    names.removeLast()
                    index += 1
                } else if byte == .comma {
                    index += 1
                    skipWhitespace()
                    if open == .openBrace, let failure = memberName(seen: &names[names.count - 1]) { return failure }
                    break
                } else {
                    return (index, open == .openBrace ? "expected ',' or '}'" : "expected ',' or ']'")
                }
            }
        }
    }

    var endOfFile: Failure { (index, "unexpected end of file") }

    /// Describes the byte at `index`, decoding it when it starts a multi-byte character
    /// (a full-width '，' is a common typo in hand-written Chinese files).
    func unexpectedCharacter(_ note: String = "") -> Failure {
        guard let scalar = scalar(at: index) else { return (index, "invalid UTF-8") }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let shown = scalar.value < 0x20 || scalar.value == 0x7F  // invisible: show the code point
            ? "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            : "'\(scalar)'"
        return (index, "unexpected character \(shown)\(note)")
    }

    /// The well-formed UTF-8 scalar starting at `offset`, or `nil`.
    func scalar(at offset: Int) -> Unicode.Scalar? {
        var iterator = bytes[offset..<min(offset + 4, bytes.count)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// Validates `"name"` and the following `:` of an object member; a name the object has
    /// already (`seen`) is refused.
    mutating func memberName(seen: inout MemberNames) -> Failure? {
        guard let byte = current else { return endOfFile }
        guard byte == .quote else { return unexpectedCharacter(", expected a string key") }
        let opening = index
        if let failure = validateString() { return failure }
        let name = (opening + 1)..<(index - 1)
        if !seen.insert(name, self) {
            return (opening, "duplicate key \"\(Self.unescape(UnsafeRawBufferPointer(rebasing: bytes[name])))\"")
        }
        skipWhitespace()
        guard let colon = current else { return endOfFile }
        guard colon == .colon else { return (index, "expected ':'") }
        index += 1
        skipWhitespace()
        return nil
    }

    mutating func validateString() -> Failure? {
        let opening = index
        index += 1
        while true {
            guard let byte = current else { return (opening, "unterminated string") }
            switch byte {
            case .quote:
                index += 1
                return nil
            case .backslash:
                if let failure = validateEscape(opening: opening) { return failure }
            case ..<0x20:
                return (index, "unescaped control character in string")
            case 0x80...:
                guard let scalar = scalar(at: index) else { return (index, "invalid UTF-8") }
                index += UTF8.width(scalar)
            default:
                index += 1
            }
        }
    }

    /// Validates the escape at `index`; surrogates must pair up, as Foundation requires.
    mutating func validateEscape(opening: Int) -> Failure? {
        let escape = index
        index += 1
        guard let kind = current else { return (opening, "unterminated string") }
        index += 1
        switch kind {
        case .quote, .backslash, .slash, UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return nil
        case UInt8(ascii: "u"):
            guard let value = Self.hex4(bytes, at: index) else { return (escape, "invalid escape") }
            index += 4
            if (0xDC00..<0xE000).contains(value) { return (escape, "invalid escape (unpaired surrogate)") }
            guard (0xD800..<0xDC00).contains(value) else { return nil }
            guard index + 1 < bytes.count, bytes[index] == .backslash, bytes[index + 1] == UInt8(ascii: "u"),
                  let low = Self.hex4(bytes, at: index + 2), (0xDC00..<0xE000).contains(low)
            else { return (escape, "invalid escape (unpaired surrogate)") }
            index += 6
            return nil
        default:
            return (escape, "invalid escape")
        }
    }

    /// True when two member names are the same text as a decoder's keys compare: unescaped, as
    /// Swift strings (`"a"` and `"\u0061"` are one name, and so are U+212A KELVIN SIGN and `K`).
    /// Plain ASCII names, all a data file holds, are compared by their bytes.
    func sameName(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
        let left = UnsafeRawBufferPointer(rebasing: bytes[first]), right = UnsafeRawBufferPointer(rebasing: bytes[second])
        let plain = { (name: UnsafeRawBufferPointer) in !name.contains { $0 == .backslash || $0 >= 0x80 } }
        if plain(left) && plain(right) { return left.elementsEqual(right) }
        return Self.unescape(left) == Self.unescape(right)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, and within a double's range:
    /// `1e999` is refused where it stands, not later by the decoder with no position.
    mutating func validateNumber() -> Failure? {
        let start = index
        if let failure = validateNumberSyntax() { return failure }
        let literal = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        if literal.contains(UInt8(ascii: "e")) || literal.contains(UInt8(ascii: "E")) || literal.count > 300,
           let value = Double(String(decoding: literal, as: UTF8.self)), !value.isFinite {
            return (start, "number out of range")
        }
        return nil
    }

    mutating func validateNumberSyntax() -> Failure? {
        if current == .minus { index += 1 }
        if current == .zero {
            index += 1
            if let byte = current, byte.isDigit { return (index, "invalid number") }  // leading zero
        } else if let failure = digits() {
            return failure
        }
        if current == .dot {
            index += 1
            if let failure = digits() { return failure }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == .plus || current == .minus { index += 1 }
            if let failure = digits() { return failure }
        }
        return nil
    }

    /// Skips one or more digits.
    mutating func digits() -> Failure? {
        guard let byte = current else { return endOfFile }
        guard byte.isDigit else { return (index, "invalid number") }
        while let byte = current, byte.isDigit { index += 1 }
        return nil
    }

    mutating func validateLiteral() -> Failure? {
        let word = current == UInt8(ascii: "t") ? "true" : current == UInt8(ascii: "f") ? "false" : "null"
        for expected in word.utf8 {
            guard let byte = current else { return endOfFile }
            guard byte == expected else { return (index, "invalid literal, expected '\(word)'") }
            index += 1
        }
        return nil
    }
}

private extension UInt8 {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let colon = UInt8(ascii: ":")
    static let openBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")

    var isDigit: Bool { (.zero ... .nine).contains(self) }

    /// Where an unquoted scalar (number or literal) must end.
    var isDelimiter: Bool {
        switch self {
        case .comma, .closeBracket, .closeBrace, .colon, .space, .newline, .tab, .carriageReturn: true
        default: false
        }
    }

    var closingBracket: UInt8 { self == .openBrace ? .closeBrace : .closeBracket }

    var hexDigitValue: UInt32? {
        switch self {
        case .zero ... .nine: UInt32(self - .zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(self - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(self - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// The member names of one object so far, as ranges of the document, to refuse a repeated one.
/// A record has a dozen: they are compared one by one. Past `bucketedFrom` they are also kept
/// by the hash of their text, so that an object of many thousands of names (a hand-edited or
/// hostile file) is not compared name against name, which took minutes.
private struct MemberNames {
    static let bucketedFrom = 32
    private var names: [Range<Int>] = []
    private var buckets: [Int: [Range<Int>]] = [:]

    /// Adds `name`; false, adding nothing, when the object has it already (`Cursor.sameName`).
    mutating func insert(_ name: Range<Int>, _ cursor: Cursor) -> Bool {
        if names.count < Self.bucketedFrom {
            if names.contains(where: { cursor.sameName($0, name) }) { return false }
            names.append(name)
            if names.count == Self.bucketedFrom { for each in names { buckets[Self.hash(each, cursor), default: []].append(each) } }
            return true
        }
        // Names that are the same text (`sameName`) are equal strings, so they hash alike.
        let key = Self.hash(name, cursor)
        if let bucket = buckets[key], bucket.contains(where: { cursor.sameName($0, name) }) { return false }
        buckets[key, default: []].append(name)
        return true
    }

    private static func hash(_ name: Range<Int>, _ cursor: Cursor) -> Int {
        Cursor.unescape(UnsafeRawBufferPointer(rebasing: cursor.bytes[name])).hashValue
    }
}

/// A set of object keys that can be looked up by their UTF-8 bytes as well as by string.
struct KeySet: Sendable {
    let strings: Set<String>
    /// The keys' bytes with their number, at the index of their length (no hashing on the way).
    private let byLength: [[(bytes: [UInt8], number: Int)]]
    /// Each key's number, found by string (canonical equivalence, as a decoder compares keys).
    private let numbers: [String: Int]

    init(_ strings: Set<String>) {
        self.strings = strings
        let keys = strings.sorted()
        var byLength = Array(repeating: [(bytes: [UInt8], number: Int)](), count: (keys.map(\.utf8.count).max() ?? 0) + 1)
        for (number, key) in keys.enumerated() { byLength[key.utf8.count].append((Array(key.utf8), number)) }
        self.byLength = byLength
        numbers = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// How many keys the set holds: each has a number below it (`number(ofBytes:)`, `number(of:)`).
    var count: Int { strings.count }

    /// The number of the key that equals `name` as a Swift string, or nil.
    func number(of name: String) -> Int? { numbers[name] }

    /// Whether these bytes, known to be ASCII (where equal strings have equal bytes), spell a key of the set.
    func contains(asciiBytes raw: UnsafeRawBufferPointer) -> Bool {
        number(ofBytes: raw) != nil
    }

    /// The number of the key spelled by exactly these UTF-8 bytes, or nil. A key that only equals
    /// one of the set as a Swift string (another normalization) is not found here.
    func number(ofBytes raw: UnsafeRawBufferPointer) -> Int? {
        guard raw.count < byLength.count else { return nil }
        for key in byLength[raw.count] where key.bytes.withUnsafeBytes({ raw.elementsEqual($0) }) { return key.number }
        return nil
    }
}
