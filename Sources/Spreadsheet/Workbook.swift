/// Several sheets written as one `.xlsx` file (the monthly report has one per part).
public struct Workbook: Hashable, Sendable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    public init(_ sheet: Sheet) {
        sheets = [sheet]
    }
}
