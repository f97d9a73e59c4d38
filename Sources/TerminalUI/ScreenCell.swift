/// One column of one terminal row: a grapheme (or a space), and its role. The right half of a
/// wide character is a continuation cell that holds nothing of its own.
public struct ScreenCell: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    public var isContinuation: Bool

    public init(text: String = " ", role: StyleRole = .normal, isContinuation: Bool = false) {
        self.text = text
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = ScreenCell()
}
