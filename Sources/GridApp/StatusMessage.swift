/// A line for the status bar, until the next key.
public struct StatusMessage: Hashable, Sendable {
    public let text: String
    public let isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
