import Foundation

/// `xl/workbook.xml`: the sheets in order, each with its name and the relationship that finds
/// its part, and whether dates count from 1904.
final class XLSXWorkbookReader: XLSXXMLHandler {
    struct Sheet: Equatable {
        let name: String
        let relationship: String
    }

    struct Workbook {
        var sheets: [Sheet] = []
        var uses1904 = false
    }

    private var workbook = Workbook()

    static func parse(_ data: Data) throws(SpreadsheetReadError) -> Workbook {
        let handler = XLSXWorkbookReader()
        try handler.run(data, path: "xl/workbook.xml")
        return handler.workbook
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "sheet":
            workbook.sheets.append(Sheet(name: Self.attribute("name", in: attributes) ?? "",
                                         relationship: Self.attribute("id", in: attributes) ?? ""))
        case "workbookPr":
            let value = Self.attribute("date1904", in: attributes)?.lowercased()
            workbook.uses1904 = value == "1" || value == "true"
        default:
            break
        }
    }
}
