import Foundation
import TerminalUI

/// One field of a form: free text, a date typed as text, or a choice among options.
public struct FormField: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case text
        case date
        /// Option values (ids, raw values) and what the form shows for each.
        case choice(values: [String], labels: [String])
    }

    /// The field's name in `FieldNames` and in rule messages, e.g. `note`, `deadline`.
    public let key: String
    public let kind: Kind
    public let isRequired: Bool
    public var input = TextField()
    public var choice = 0
    public var error: String?

    public init(_ key: String, _ kind: Kind, required: Bool = false) {
        self.key = key
        self.kind = kind
        self.isRequired = required
    }

    public var value: String {
        if case .choice(let values, _) = kind { return values.indices.contains(choice) ? values[choice] : "" }
        return input.text.trimmingCharacters(in: .whitespaces)
    }

    /// Something typed that Esc would lose.
    public var hasInput: Bool { !input.isEmpty }
}
