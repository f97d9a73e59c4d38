/// The eight colours every colour terminal has, and the terminal's own default.
public enum TerminalColor: String, CaseIterable, Codable, Hashable, Sendable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How one role looks.
public struct TextStyle: Codable, Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, bold: Bool = false,
                underline: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }
}
