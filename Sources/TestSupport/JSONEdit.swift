import Foundation

/// Changes one value in a JSON file (or in the first line of a .jsonl file) and writes it back
/// in gridwork's dialect: pretty-printed with sorted keys, or one compact line per entry.
public enum JSONEdit {
    public enum Step: Sendable { case key(String), index(Int) }

    public enum Value: Sendable {
        case text(String), number(Int), texts([String]), removed, unchanged
        /// Any JSON, written out, e.g. `{"archive":{}}`.
        case raw(String)

        var json: Any? {
            switch self {
            case .text(let text): return text
            case .number(let number): return number
            case .texts(let texts): return texts
            case .raw(let text): return try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            case .removed, .unchanged: return nil
            }
        }
    }

    public struct NotThere: Error, CustomStringConvertible {
        public let description: String
    }

    public static func rewrite(_ path: String, at steps: [Step], to value: Value) throws {
        if case .raw(let text) = value, value.json == nil { throw NotThere(description: "not JSON: \(text)") }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if path.hasSuffix(".jsonl") {
            var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Data($0) }
            for index in lines.indices where !lines[index].isEmpty && (index == 0 || value.isUnchanged) {
                let edited = try changed(try JSONSerialization.jsonObject(with: lines[index]), steps[...], value, in: path)
                lines[index] = try JSONSerialization.data(withJSONObject: edited, options: [.sortedKeys, .withoutEscapingSlashes])
            }
            try Data(lines.joined(separator: Data("\n".utf8))).write(to: URL(fileURLWithPath: path))
        } else {
            let edited = try changed(try JSONSerialization.jsonObject(with: data), steps[...], value, in: path)
            let written = try JSONSerialization.data(withJSONObject: edited, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try (written + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
        }
    }

    private static func changed(_ node: Any, _ steps: ArraySlice<Step>, _ value: Value, in path: String) throws -> Any {
        guard let step = steps.first else { return value.isUnchanged ? node : value.json ?? node }
        switch step {
        case .key(let key):
            guard var object = node as? [String: Any] else { throw NotThere(description: "\(path): no object for \(key)") }
            if steps.count == 1 {
                if !value.isUnchanged { object[key] = value.json }
            } else {
                guard let inner = object[key] else { throw NotThere(description: "\(path): no \(key)") }
                object[key] = try changed(inner, steps.dropFirst(), value, in: path)
            }
            return object
        case .index(let index):
            guard var array = node as? [Any], array.indices.contains(index) else { throw NotThere(description: "\(path): no item \(index)") }
            array[index] = try changed(array[index], steps.dropFirst(), value, in: path)
            return array
        }
    }
}

extension JSONEdit.Value {
    public var isUnchanged: Bool { if case .unchanged = self { return true } else { return false } }
}
