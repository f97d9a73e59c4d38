import TerminalUI

/// Where the panes go at a given terminal size. Below `minimum` only a notice is shown.
public struct Layout: Hashable, Sendable {
    public static let minimumWidth = 56
    public static let minimumHeight = 14

    public let width: Int
    public let height: Int
    public let actionCount: Int

    public init(width: Int, height: Int, actionCount: Int) {
        self.width = width
        self.height = height
        self.actionCount = actionCount
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    var header: Rect { Rect(x: 0, y: 0, width: width, height: 1) }
    var status: Rect { Rect(x: 0, y: height - 1, width: width, height: 1) }
    var body: Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }

    /// The list takes about 45% of the width, the detail and action panes the rest.
    var list: Rect { body.splitLeft(min(max(26, width * 45 / 100), width - 28)).left }
    private var right: Rect { body.splitLeft(list.width).right }
    var detail: Rect { right.splitTop(right.height - actions.height).top }
    var actions: Rect { Rect(x: right.x, y: right.maxY - actionsHeight, width: right.width, height: actionsHeight) }
    private var actionsHeight: Int { min(actionCount + 2, max(3, right.height / 3)) }

    /// Rows of list entries below the list's header line.
    public var listRows: Int { max(1, list.height - 3) }
    /// Lines of text the detail pane shows.
    public var detailRows: Int { max(1, detail.height - 2) }
}
