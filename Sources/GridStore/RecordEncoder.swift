import Foundation

/// Encodes a value to the bytes `RecordCoding.encoder()` (Foundation's `JSONEncoder`, pretty
/// printed, keys sorted, slashes as they are, dates as `Timestamp`) writes for it, byte for
/// byte, in a fraction of the time: a durable save encodes its record twice (the round trip and
/// the fields it changed), and Foundation's encoder was a third of the save.
///
/// It builds the value as a small tree, then writes it. What it does not handle the way
/// Foundation does (floating point, `URL`, `Data`, `Decimal`, a super encoder, a value that
/// encodes nothing) makes it throw `Unsupported`; `RecordCoding.encode` then asks Foundation,
/// so the bytes are Foundation's either way. A test compares the two over every kind of record.
enum RecordEncoder {
    struct Unsupported: Error {}

    /// `compact` writes what `RecordCoding.compactEncoder()` writes: one line, keys sorted.
    static func encode<T: Encodable>(_ value: T, compact: Bool = false) throws -> Data {
        let encoder = NodeEncoder()
        let root = try encoder.node(for: value)
        if encoder.state.unsupported { throw Unsupported() }
        var writer = Writer(compact: compact)
        writer.write(root, indent: 0)
        return Data(writer.bytes)
    }

    // MARK: The tree

    enum Node {
        case string(String)
        /// A number, `true`, `false` or `null`, as written.
        case literal(String)
        case array(ArrayBox)
        case object(ObjectBox)
    }

    final class ArrayBox {
        var items: [Node] = []
    }

    final class ObjectBox {
        /// In the order encoded, a key encoded again once more (`sorted` keeps one of each).
        /// Looking each key up as it came was a tenth of encoding a case.
        private var members: [(key: String, value: Node)] = []

        var isEmpty: Bool { members.isEmpty }

        func set(_ key: String, _ value: Node) {
            members.append((key, value))
        }

        /// What `key` holds now.
        func value(of key: String) -> Node? {
            members.last { $0.key == key }?.value
        }

        /// The members as Foundation writes them: in the order of their keys' UTF-8 bytes, one
        /// a key as Swift strings compare (canonically equivalent keys are one), spelled as first
        /// encoded and holding the last value encoded, as Foundation's dictionary of members has it.
        func sorted() -> [(key: String, value: Node)] {
            var result: [(key: String, value: Node)] = []
            result.reserveCapacity(members.count)
            guard members.allSatisfy({ $0.key.utf8.allSatisfy { $0 < 0x80 } }) else {
                var place: [String: Int] = [:]
                for member in members {
                    if let index = place[member.key] {
                        result[index].value = member.value
                    } else {
                        place[member.key] = result.count
                        result.append(member)
                    }
                }
                result.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                return result
            }
            // ASCII keys are one exactly when their bytes are: sorted with the later of two after
            // the earlier, only the last of each is written.
            let order = members.indices.sorted { first, second in
                let (one, other) = (members[first].key.utf8, members[second].key.utf8)
                return one.elementsEqual(other) ? first < second : one.lexicographicallyPrecedes(other)
            }
            for (position, index) in order.enumerated() {
                if position + 1 < order.count, members[order[position + 1]].key.utf8.elementsEqual(members[index].key.utf8) { continue }
                result.append(members[index])
            }
            return result
        }
    }

    /// What every encoder of one value shares: whether any part took a path this one does not
    /// follow, and how each type met so far is written.
    final class State {
        var unsupported = false
        private var forms: [ObjectIdentifier: Form] = [:]

        enum Form {
            case integer, unsupported, encodesItself
        }

        /// Told by the type, once per type: six failed casts of every value that encodes itself
        /// (each timeline entry, each enum) were a fifth of encoding a case. By the type alone,
        /// an optional encodes itself (as `null`, or as what it holds).
        func form<T>(of value: T) -> Form {
            if let known = forms[ObjectIdentifier(T.self)] { return known }
            let form: Form = if T.self is any BinaryInteger.Type {
                .integer
            } else if T.self == Double.self || T.self == Float.self || T.self == URL.self || T.self == Data.self || T.self == Decimal.self {
                .unsupported
            } else {
                .encodesItself
            }
            forms[ObjectIdentifier(T.self)] = form
            return form
        }
    }

    // MARK: Encoding

    final class NodeEncoder: Encoder {
        /// Where this value sits: the encoder of the value holding it and its key there (as
        /// Foundation has it, not the keys of containers nested in between). The path is put
        /// together only when asked for (no record's type asks), not once per value.
        private let parent: NodeEncoder?
        private let key: (any CodingKey)?
        private let rootPath: [any CodingKey]
        var codingPath: [any CodingKey] {
            guard let parent else { return rootPath }
            return parent.codingPath + (key.map { [$0] } ?? [])
        }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        let state: State
        /// What the value encoded itself as, once it asked for a container.
        var node: Node?

        init(codingPath: [any CodingKey] = [], state: State = State()) {
            parent = nil
            key = nil
            rootPath = codingPath
            self.state = state
        }

        /// The encoder of a value inside `parent`'s, under `key`.
        private init(in parent: NodeEncoder, key: (any CodingKey)?) {
            self.parent = parent
            self.key = key
            rootPath = []
            state = parent.state
        }

        /// The node of `value`: plain values directly, others through their own `encode(to:)`.
        /// Types are told apart by their metatypes first: a cast per value cost more than the rest.
        func node<T: Encodable>(for value: T, at key: (any CodingKey)? = nil) throws -> Node {
            if T.self == Date.self, let date = value as? Date { return .string(Timestamp.format(date)) }
            if T.self == [String].self, let texts = value as? [String] {
                let box = ArrayBox()
                box.items = texts.map(Node.string)
                return .array(box)
            }
            if T.self == String.self, let text = value as? String { return .string(text) }
            if T.self == Int.self, let number = value as? Int { return .literal(String(number)) }
            if T.self == Bool.self, let flag = value as? Bool { return .literal(flag ? "true" : "false") }
            switch state.form(of: value) {
            case .integer:
                if let number = value as? any BinaryInteger { return .literal(String(describing: number)) }
                state.unsupported = true
                return .literal("null")
            case .unsupported:
                state.unsupported = true
                return .literal("null")
            case .encodesItself:
                let child = NodeEncoder(in: self, key: key)
                try value.encode(to: child)
                guard let node = child.node else {
                    state.unsupported = true
                    return .literal("null")
                }
                return node
            }
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let box: ObjectBox
            if case .object(let existing)? = node {
                box = existing
            } else {
                if node != nil { state.unsupported = true }
                box = ObjectBox()
                node = .object(box)
            }
            return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, box: box, nestedPath: []))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let box: ArrayBox
            if case .array(let existing)? = node {
                box = existing
            } else {
                if node != nil { state.unsupported = true }
                box = ArrayBox()
                node = .array(box)
            }
            return UnkeyedContainer(encoder: self, box: box, nestedPath: [])
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleValueContainer(encoder: self)
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: NodeEncoder
        let box: ObjectBox
        /// The keys of the containers this one is nested in, inside its encoder's value.
        let nestedPath: [any CodingKey]
        var codingPath: [any CodingKey] { encoder.codingPath + nestedPath }

        mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .literal("null")) }
        mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .literal(value ? "true" : "false")) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.set(key.stringValue, try encoder.node(for: value, at: key))
        }

        /// Asked for twice under one key, the same container again, as Foundation gives it.
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested: ObjectBox
            switch box.value(of: key.stringValue) {
            case .object(let existing)?: nested = existing
            case nil:
                nested = ObjectBox()
                box.set(key.stringValue, .object(nested))
            default:
                encoder.state.unsupported = true
                nested = ObjectBox()
            }
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: nested, nestedPath: nestedPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested: ArrayBox
            switch box.value(of: key.stringValue) {
            case .array(let existing)?: nested = existing
            case nil:
                nested = ArrayBox()
                box.set(key.stringValue, .array(nested))
            default:
                encoder.state.unsupported = true
                nested = ArrayBox()
            }
            return UnkeyedContainer(encoder: encoder, box: nested, nestedPath: nestedPath + [key])
        }

        mutating func superEncoder() -> any Encoder { unsupportedEncoder() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { unsupportedEncoder() }

        private func unsupportedEncoder() -> any Encoder {
            encoder.state.unsupported = true
            return NodeEncoder(codingPath: codingPath, state: encoder.state)
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: NodeEncoder
        let box: ArrayBox
        /// The keys of the containers this one is nested in, inside its encoder's value.
        let nestedPath: [any CodingKey]
        var codingPath: [any CodingKey] { encoder.codingPath + nestedPath }
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.literal("null")) }
        mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
        mutating func encode(_ value: Int) throws { box.items.append(.literal(String(value))) }
        mutating func encode(_ value: Bool) throws { box.items.append(.literal(value ? "true" : "false")) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try encoder.node(for: value))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            box.items.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: nested, nestedPath: nestedPath))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            box.items.append(.array(nested))
            return UnkeyedContainer(encoder: encoder, box: nested, nestedPath: nestedPath)
        }

        mutating func superEncoder() -> any Encoder {
            encoder.state.unsupported = true
            return NodeEncoder(codingPath: codingPath, state: encoder.state)
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: NodeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { set(.literal("null")) }
        mutating func encode(_ value: String) throws { set(.string(value)) }
        mutating func encode(_ value: Int) throws { set(.literal(String(value))) }
        mutating func encode(_ value: Bool) throws { set(.literal(value ? "true" : "false")) }

        mutating func encode<T: Encodable>(_ value: T) throws { set(try encoder.node(for: value)) }

        private func set(_ node: Node) {
            if encoder.node != nil { encoder.state.unsupported = true }
            encoder.node = node
        }
    }

    // MARK: Writing

    /// Writes a tree as Foundation's pretty printer does: two spaces a level, `"key" : value`,
    /// keys in the order of their UTF-8 bytes, an empty array or object as an opening, a blank
    /// line and a closing. `compact` writes it as Foundation does without `.prettyPrinted`: no
    /// space or newline, `"key":value`, `[]` and `{}`.
    struct Writer {
        var bytes: [UInt8] = []
        let compact: Bool

        init(compact: Bool = false) {
            self.compact = compact
            bytes.reserveCapacity(compact ? 512 : 4096)
        }

        mutating func write(_ node: Node, indent: Int) {
            if compact { return writeCompact(node) }
            switch node {
            case .string(let text): writeString(text)
            case .literal(let text): bytes.append(contentsOf: text.utf8)
            case .array(let box):
                bytes.append(UInt8(ascii: "["))
                bytes.append(UInt8(ascii: "\n"))
                if box.items.isEmpty { bytes.append(UInt8(ascii: "\n")) }
                for (index, item) in box.items.enumerated() {
                    if index > 0 { bytes.append(contentsOf: ",\n".utf8) }
                    spaces(indent + 2)
                    write(item, indent: indent + 2)
                }
                if !box.items.isEmpty { bytes.append(UInt8(ascii: "\n")) }
                spaces(indent)
                bytes.append(UInt8(ascii: "]"))
            case .object(let box):
                bytes.append(UInt8(ascii: "{"))
                bytes.append(UInt8(ascii: "\n"))
                if box.isEmpty { bytes.append(UInt8(ascii: "\n")) }
                for (index, member) in box.sorted().enumerated() {
                    if index > 0 { bytes.append(contentsOf: ",\n".utf8) }
                    spaces(indent + 2)
                    writeString(member.key)
                    bytes.append(contentsOf: " : ".utf8)
                    write(member.value, indent: indent + 2)
                }
                if !box.isEmpty { bytes.append(UInt8(ascii: "\n")) }
                spaces(indent)
                bytes.append(UInt8(ascii: "}"))
            }
        }

        private mutating func writeCompact(_ node: Node) {
            switch node {
            case .string(let text): writeString(text)
            case .literal(let text): bytes.append(contentsOf: text.utf8)
            case .array(let box):
                bytes.append(UInt8(ascii: "["))
                for (index, item) in box.items.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    writeCompact(item)
                }
                bytes.append(UInt8(ascii: "]"))
            case .object(let box):
                bytes.append(UInt8(ascii: "{"))
                for (index, member) in box.sorted().enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    writeString(member.key)
                    bytes.append(UInt8(ascii: ":"))
                    writeCompact(member.value)
                }
                bytes.append(UInt8(ascii: "}"))
            }
        }

        private mutating func spaces(_ count: Int) {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }

        /// Quotes and backslashes escaped, control characters as `\n`-style or `\u00XX`; all
        /// else (slashes, Chinese, DEL, U+2028) as it is. Most text needs no escape: copied whole.
        private mutating func writeString(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            let plain = text.utf8.withContiguousStorageIfAvailable { utf8 in
                utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
            }
            if plain == true {
                bytes.append(contentsOf: text.utf8)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
                case 0x08: bytes.append(contentsOf: "\\b".utf8)
                case 0x0C: bytes.append(contentsOf: "\\f".utf8)
                case 0x0A: bytes.append(contentsOf: "\\n".utf8)
                case 0x0D: bytes.append(contentsOf: "\\r".utf8)
                case 0x09: bytes.append(contentsOf: "\\t".utf8)
                case 0..<0x20:
                    let digits = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0x0F)])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
