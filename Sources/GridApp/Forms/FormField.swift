import Foundation
import GridModel
import TerminalUI

/// One field of a form: text typed (one line or several), or a pick among options.
public struct FormField: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        case text
        /// Several lines; Enter starts a new one.
        case notes
        /// A day typed as `2026-11-22`, `11-22`, `today` or `-3d`.
        case date
        /// A time of day typed as `9:30` or `0930`.
        case time
        /// One of the options (ids, raw values) with what the form shows for each. Typing narrows
        /// the options to those whose label or its pinyin matches.
        case choice(values: [String], labels: [String])
        /// Any number of the options, toggled with Space.
        case flags(values: [String], labels: [String])
    }

    /// What is checked as soon as the worker leaves the field, before the whole record is.
    public enum Check: String, Hashable, Sendable, Codable {
        case idNumber, mobile
        /// A grid's code: a new grid's must be free and in the area; a grid on file keeps its own.
        case gridCode
    }

    /// The field's name in `FieldNames` and in rule messages, e.g. `note`, `deadline`.
    public let key: FieldKey
    public let kind: Kind
    public let isRequired: Bool
    public let check: Check?
    /// The text typed; for a choice, the words narrowing it.
    public var input: TextField
    /// The option chosen (choice), or the option the cursor stands on (flags).
    public var choice = 0
    public var flagged: Set<Int> = []
    public var error: String?
    /// Set when the field stands for a value on file that is not shown (a masked number): empty
    /// keeps that value, and this says so.
    public var keptValueHint: String?

    public init(_ key: FieldKey, _ kind: Kind, required: Bool = false, check: Check? = nil, text: String = "") {
        self.key = key
        self.kind = kind
        self.isRequired = required
        self.check = check
        input = TextField(text, allowsLineBreaks: kind == .notes)
    }

    /// A choice or flags field with `selected` already chosen (ignored when not among the options).
    public init(_ key: FieldKey, _ kind: Kind, selecting selected: [String]) {
        self.init(key, kind)
        let values = options.values
        if case .choice = kind { choice = selected.first.flatMap { values.firstIndex(of: $0) } ?? 0 }
        if case .flags = kind { flagged = Set(selected.compactMap { values.firstIndex(of: $0) }) }
    }

    var options: (values: [String], labels: [String]) {
        switch kind {
        case .choice(let values, let labels), .flags(let values, let labels): return (values, labels)
        case .text, .notes, .date, .time: return ([], [])
        }
    }

    public var isChoice: Bool { if case .choice = kind { return true } else { return false } }

    /// The text, or the chosen option's value; trimmed.
    public var value: String {
        switch kind {
        case .choice(let values, _): return values.indices.contains(choice) ? values[choice] : ""
        case .flags(let values, _): return flagged.sorted().map { values[$0] }.joined(separator: ",")
        case .notes: return input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .text, .date, .time: return input.text.trimmingCharacters(in: .whitespaces)
        }
    }

    /// The options a choice offers now: those matching the words typed into it.
    func matchingChoices() -> [Int] {
        let (values, labels) = options
        let needle = input.text.lowercased()
        guard !needle.isEmpty else { return Array(labels.indices) }
        return labels.indices.filter { index in
            // "Not set" is never a match; a name after two spaces is read as a name (单 shan).
            guard !values[index].isEmpty else { return false }
            let name = labels[index].components(separatedBy: "  ").dropFirst().last.map { Pinyin.searchText($0, isName: true) } ?? ""
            return Pinyin.searchText(labels[index]).contains(needle) || name.contains(needle)
        }
    }

}

extension FormField {
    /// A choice among `T`'s values named in `language`; with `none`, a first option meaning "not set".
    static func pick<T: NamedChoice>(_ key: FieldKey, _ type: T.Type, selected: T?, language: Language, none: String? = nil) -> FormField {
        var values = T.allCases.map(\.rawValue), labels = T.allCases.map { $0.name(language) }
        if let none {
            values.insert("", at: 0)
            labels.insert(none, at: 0)
        }
        return FormField(key, .choice(values: values, labels: labels), selecting: [selected?.rawValue ?? ""])
    }

    /// Any number of `T`'s values, toggled with Space.
    static func flags<T: NamedChoice>(_ key: FieldKey, _ type: T.Type, selected: [T], language: Language) -> FormField {
        FormField(key, .flags(values: T.allCases.map(\.rawValue), labels: T.allCases.map { $0.name(language) }),
                  selecting: selected.map(\.rawValue))
    }
}
