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
        // not would stop the program. So a part read as UTF-8 must be UTF-8 throughout.
        guard Self.declaresAnotherEncoding(data) || String(validating: data, as: UTF8.self) != nil else {
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

    /// True for a part in UTF-16 (a byte order mark) or declaring an encoding other than UTF-8,
    /// which libxml2 converts to UTF-8 before handing names on.
    static func declaresAnotherEncoding(_ data: Data) -> Bool {
        let head = data.prefix(200)
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { return true }
        guard head.starts(with: Array("<?xml".utf8)), let close = head.firstRange(of: Array("?>".utf8)) else { return false }
        let declaration = String(decoding: head[..<close.lowerBound], as: UTF8.self).lowercased()
        guard let key = declaration.range(of: "encoding") else { return false }
        let value = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            .prefix { $0 != "\"" && $0 != "'" && $0 != " " }
        return !value.isEmpty && value != "utf-8" && value != "utf8"
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
