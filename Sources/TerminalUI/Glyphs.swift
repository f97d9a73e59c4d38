/// The characters borders and marks are drawn with. Box-drawing characters are "ambiguous
/// width": some CJK terminals draw them double, so an ASCII set is offered too.
public struct Glyphs: Hashable, Sendable {
    public let horizontal: String
    public let vertical: String
    public let topLeft: String
    public let topRight: String
    public let bottomLeft: String
    public let bottomRight: String
    public let ellipsis: String
    public let selection: String
    /// Either side of a choice in a form: ◀ 租住 ▶.
    public let arrowLeft: String
    public let arrowRight: String
    /// The text cursor at the end of a field.
    public let cursor: String

    public static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
                                       bottomRight: "┘", ellipsis: "…", selection: "▶", arrowLeft: "◀", arrowRight: "▶", cursor: "▏")
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
                                     bottomRight: "+", ellipsis: "~", selection: ">", arrowLeft: "<", arrowRight: ">", cursor: "_")
}
