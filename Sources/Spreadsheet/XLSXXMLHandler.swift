import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What the workbook parts' readers share: an `XMLParser` delegate that sees element names
/// without their namespace prefix (`x:row` from some generators is `row`), and a run that turns
/// a parse error into a `SpreadsheetReadError` naming the part.
class XLSXXMLHandler: NSObject, XMLParserDelegate {
    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// An attribute by its local name (`r:id` is `id`).
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { localName($0.key) == name }?.value
    }

    func run(_ data: Data, path: String) throws(SpreadsheetReadError) {
        // FoundationXML force-unwraps every element and attribute name as UTF-8: a name that is
        // not would stop the program, and libxml2 hands on the bytes of a part read as UTF-8 (or
        // in an encoding it does not know) unchecked. Office parts are UTF-8 or UTF-16 (which
        // libxml2 converts): anything else must be UTF-8 throughout.
        guard Self.isUTF16(data) || String(validating: data, as: UTF8.self) != nil else {
            throw .damagedPart(path: path, reason: "not UTF-8")
        }
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else {
            let reason = parser.parserError.map { String(describing: $0) } ?? "not XML"
            throw .damagedPart(path: path, reason: "line \(parser.lineNumber): \(reason)")
        }
    }

    /// True for a part in UTF-16, as libxml2 detects it: a byte order mark, or `<` as 16 bits.
    static func isUTF16(_ data: Data) -> Bool {
        let head = Array(data.prefix(2))
        return head == [0xFE, 0xFF] || head == [0xFF, 0xFE] || head == [0x3C, 0x00] || head == [0x00, 0x3C]
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        start(Self.localName(elementName), attributeDict)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        end(Self.localName(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text(string)
    }

    func start(_ name: String, _ attributes: [String: String]) {}
    func end(_ name: String) {}
    func text(_ string: String) {}
}
