import GridModel

/// A file that cannot be read or that breaks the rules, with the place to look.
public struct StoreProblem: Error, Hashable, Sendable {
    public let path: String
    public let position: TextPosition?
    public let message: LocalizedText

    public init(path: String, position: TextPosition?, message: LocalizedText) {
        self.path = path
        self.position = position
        self.message = message
    }

    /// `path:line:column: message`, the form editors and terminals link to.
    public func formatted(in language: Language) -> String {
        let place = position.map { "\(path):\($0.line):\($0.column)" } ?? path
        return place + ": " + message(language)
    }
}
