import Foundation

/// `xl/_rels/workbook.xml.rels`: each relationship's id and the part it points to.
final class XLSXRelationshipsReader: XLSXXMLHandler {
    private var targets: [String: String] = [:]

    static func parse(_ data: Data) throws(SpreadsheetReadError) -> [String: String] {
        let handler = XLSXRelationshipsReader()
        try handler.run(data, path: "xl/_rels/workbook.xml.rels")
        return handler.targets
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
    }
}
