import TerminalUI

/// How the dashboard looks: border characters and a style for each role.
public struct Theme: Hashable, Sendable {
    public let name: String
    public let glyphs: Glyphs
    public let styles: [StyleRole: TextStyle]

    public init(name: String, glyphs: Glyphs, styles: [StyleRole: TextStyle]) {
        self.name = name
        self.glyphs = glyphs
        self.styles = styles
    }

    /// The same borders with the monochrome theme's styles, for `NO_COLOR` and colourless terminals.
    public func withoutColor(_ mono: Theme) -> Theme {
        Theme(name: name, glyphs: glyphs, styles: mono.styles)
    }

    /// The same styles with ASCII glyphs when the terminal draws ambiguous-width characters double.
    public func forAmbiguousWidth(wide: Bool) -> Theme {
        Theme(name: name, glyphs: glyphs.forAmbiguousWidth(wide: wide), styles: styles)
    }
}
