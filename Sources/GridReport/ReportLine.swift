/// One line of a monthly report as printed and as handed in: a label, and a value per area
/// (the whole first, then each grid); a heading has no values.
public struct ReportLine: Hashable, Sendable {
    public let label: String
    /// 0 for a heading, 1 for a figure, 2 for a figure broken down (by tag, kind, category, level).
    public let depth: Int
    public let values: [ReportValue]

    public init(label: String, depth: Int, values: [ReportValue]) {
        self.label = label
        self.depth = depth
        self.values = values
    }

    public var isHeading: Bool { depth == 0 }
}
