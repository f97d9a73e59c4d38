/// A JSON text parsed once into a flat list of its values in document order, each pointing at its
/// bytes: what `TapeDecoder` decodes from without building a tree or copying a string it is not
/// asked for.
///
/// It accepts strict JSON only (RFC 8259). Whatever it refuses goes to Foundation's decoder, which
/// has the last word and the error message, so this need not say why it stopped.
struct JSONTape {
    enum Kind: UInt8 {
        case object, array, string, escapedString, integer, number, `true`, `false`, null
    }

    /// One value. A scalar's bytes are `start..<end` (a string's without its quotes); a
    /// container's `end` is how many members or elements it has, and its values follow it, up to
    /// `next`. An object's members are its key (a string) followed by its value.
    struct Entry {
        var kind: Kind
        var start: UInt32
        var end: UInt32
        var next: UInt32
    }

    /// Said when the text is not strict JSON or goes deeper than `maximumDepth`.
    struct Refused: Error {}

    /// Deeper nesting than any data file has; keeps a hostile file from exhausting the stack.
    static let maximumDepth = 256

    let bytes: UnsafeRawBufferPointer
    private(set) var entries: [Entry] = []

    /// `bytes` must outlive the tape: it keeps the pointer, not a copy.
    init(parsing bytes: UnsafeRawBufferPointer) throws(Refused) {
        guard bytes.count < Int(UInt32.max) else { throw Refused() }
        self.bytes = bytes
        let parser = Parser(bytes)
        let end = try parser.parseValue(at: parser.skipWhitespace(from: 0), depth: 0)
        guard parser.skipWhitespace(from: end) == bytes.count else { throw Refused() }
        entries = parser.entries
    }

    /// The index of the first entry after the value at `index` and everything inside it.
    func after(_ index: Int) -> Int {
        let entry = entries[index]
        switch entry.kind {
        case .object, .array: return Int(entry.next)
        default: return index + 1
        }
    }

    /// The bytes of the scalar at `index`.
    func slice(_ index: Int) -> UnsafeRawBufferPointer {
        let entry = entries[index]
        return UnsafeRawBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
    }

    /// The byte range of each element of the array that is member `name` of the top-level
    /// object, from its `{` to its `}`; nil when there is no such array or an element is no
    /// object. A container's entry holds where it starts, not where it ends, so each end is found
    /// walking back from what follows it, over what strict JSON allows there (the tape was parsed
    /// as strict JSON): white space, one comma or closing bracket, then the element's `}`.
    func elementRanges(ofMember name: String) -> [Range<Int>]? {
        guard let root = entries.first, root.kind == .object else { return nil }
        let key = Array(name.utf8)
        var member = 1
        var array: Int?
        while member < Int(root.next) {
            let slice = self.slice(member)
            if entries[member].kind == .string && slice.elementsEqual(key) {
                if array != nil { return nil }
                array = member + 1
            }
            member = after(member + 1)
        }
        guard let array, entries[array].kind == .array else { return nil }
        // Where the array's last element is followed: the next key's opening quote, or the root's end.
        let arrayEnd = Int(entries[array].next)
        let followed: (offset: Int, closers: [UInt8])
        if arrayEnd < entries.count {
            followed = (Int(entries[arrayEnd].start) - 1, [UInt8(ascii: ","), UInt8(ascii: "]")])
        } else {
            followed = (bytes.count, [UInt8(ascii: "}"), UInt8(ascii: "]")])
        }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(Int(entries[array].end))
        var element = array + 1
        while element < arrayEnd {
            guard entries[element].kind == .object else { return nil }
            let next = after(element)
            let end = next < arrayEnd ? closingBrace(before: Int(entries[next].start), over: [UInt8(ascii: ",")])
                                      : closingBrace(before: followed.offset, over: followed.closers)
            guard let end else { return nil }
            ranges.append(Int(entries[element].start)..<end + 1)
            element = next
        }
        return ranges
    }

    /// The offset of the `}` found walking back from `offset` over white space and `closers` (in
    /// the order met, each once), or nil when something else is met.
    private func closingBrace(before offset: Int, over closers: [UInt8]) -> Int? {
        var position = offset - 1
        func skipWhitespace() {
            while position >= 0 {
                switch bytes[position] {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position -= 1
                default: return
                }
            }
        }
        for closer in closers {
            skipWhitespace()
            guard position >= 0, bytes[position] == closer else { return nil }
            position -= 1
        }
        skipWhitespace()
        guard position >= 0, bytes[position] == UInt8(ascii: "}") else { return nil }
        return position
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A class, so appending to `entries` never copies them: a mutating struct's nested calls did.
private final class Parser {
    typealias Entry = JSONTape.Entry
    typealias Kind = JSONTape.Kind
    typealias Refused = JSONTape.Refused

    let bytes: UnsafeRawBufferPointer
    /// Unchecked: only this parser touches it, one call at a time, and the dynamic check on each
    /// append was a tenth of parsing a file.
    @exclusivity(unchecked) var entries: [Entry] = []

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        // About one value per 24 bytes of pretty-printed records; growing past it is fine.
        entries.reserveCapacity(bytes.count / 24 + 16)
    }

    func skipWhitespace(from start: Int) -> Int {
        var offset = start
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return offset
            }
        }
        return offset
    }

    private func byte(at offset: Int) throws(Refused) -> UInt8 {
        guard offset < bytes.count else { throw Refused() }
        return bytes[offset]
    }

    func parseValue(at offset: Int, depth: Int) throws(Refused) -> Int {
        switch try byte(at: offset) {
        case UInt8(ascii: "{"): return try parseContainer(at: offset, kind: .object, depth: depth)
        case UInt8(ascii: "["): return try parseContainer(at: offset, kind: .array, depth: depth)
        case UInt8(ascii: "\""): return try parseString(at: offset)
        case UInt8(ascii: "t"): return try parseLiteral("true", .true, at: offset)
        case UInt8(ascii: "f"): return try parseLiteral("false", .false, at: offset)
        case UInt8(ascii: "n"): return try parseLiteral("null", .null, at: offset)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber(at: offset)
        default: throw Refused()
        }
    }

    private func parseContainer(at start: Int, kind: Kind, depth: Int) throws(Refused) -> Int {
        guard depth < JSONTape.maximumDepth else { throw Refused() }
        let index = entries.count
        entries.append(Entry(kind: kind, start: UInt32(start), end: 0, next: 0))
        let closing = kind == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        var offset = skipWhitespace(from: start + 1)
        var count: UInt32 = 0
        if try byte(at: offset) == closing {
            offset += 1
        } else {
            while true {
                if kind == .object {
                    guard try byte(at: offset) == UInt8(ascii: "\"") else { throw Refused() }
                    offset = skipWhitespace(from: try parseString(at: offset))
                    guard try byte(at: offset) == UInt8(ascii: ":") else { throw Refused() }
                    offset = skipWhitespace(from: offset + 1)
                }
                offset = skipWhitespace(from: try parseValue(at: offset, depth: depth + 1))
                count += 1
                let separator = try byte(at: offset)
                offset += 1
                if separator == closing { break }
                guard separator == UInt8(ascii: ",") else { throw Refused() }
                offset = skipWhitespace(from: offset)
            }
        }
        entries[index].end = count
        entries[index].next = UInt32(entries.count)
        return offset
    }

    private func parseString(at start: Int) throws(Refused) -> Int {
        var offset = start + 1
        var escaped = false
        while true {
            let byte = try byte(at: offset)
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw Refused() }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                switch try self.byte(at: offset + 1) {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    offset += 2
                case UInt8(ascii: "u"):
                    for digit in offset + 2..<offset + 6 where JSONTape.hexValue(try self.byte(at: digit)) == nil { throw Refused() }
                    offset += 6
                default: throw Refused()
                }
                continue
            }
            offset += 1
        }
        entries.append(Entry(kind: escaped ? .escapedString : .string, start: UInt32(start + 1), end: UInt32(offset), next: 0))
        return offset + 1
    }

    private func parseLiteral(_ literal: StaticString, _ kind: Kind, at start: Int) throws(Refused) -> Int {
        let length = literal.utf8CodeUnitCount
        guard start + length <= bytes.count else { throw Refused() }
        for index in 0..<length where bytes[start + index] != literal.utf8Start[index] { throw Refused() }
        entries.append(Entry(kind: kind, start: UInt32(start), end: UInt32(start + length), next: 0))
        return start + length
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, marked as an integer when it has
    /// neither fraction nor exponent.
    private func parseNumber(at start: Int) throws(Refused) -> Int {
        var offset = start
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            offset = try digits(from: offset)
        }
        var kind = Kind.integer
        if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
            kind = .number
            offset = try digits(from: offset + 1)
        }
        if offset < bytes.count && (bytes[offset] | 0x20) == UInt8(ascii: "e") {
            kind = .number
            offset += 1
            if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) { offset += 1 }
            offset = try digits(from: offset)
        }
        entries.append(Entry(kind: kind, start: UInt32(start), end: UInt32(offset), next: 0))
        return offset
    }

    /// The end of the run of at least one digit starting at `start`.
    private func digits(from start: Int) throws(Refused) -> Int {
        var offset = start
        while offset < bytes.count && bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9") { offset += 1 }
        guard offset > start else { throw Refused() }
        return offset
    }
}
