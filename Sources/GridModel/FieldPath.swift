/// Where in a record a problem lies: object keys and array indexes, as in the JSON file.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component]) { self.components = components }

    public init(stringLiteral key: String) { components = [.key(key)] }

    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    public func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// The path below `prefix`, e.g. `records[3].idNumber` from `idNumber` and `records[3]`.
    public func prefixed(by prefix: FieldPath) -> FieldPath { FieldPath(prefix.components + components) }

    /// The last named key, which says what the field is (`parties[1].name` → `name`).
    public var lastKey: String? {
        for component in components.reversed() {
            if case .key(let key) = component { return key }
        }
        return nil
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
