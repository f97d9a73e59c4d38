import GridModel

/// One grid's figures in a monthly report.
public struct GridFigures: Hashable, Sendable {
    public let grid: Grid
    public let figures: MonthlyFigures

    public init(grid: Grid, figures: MonthlyFigures) {
        self.grid = grid
        self.figures = figures
    }
}
