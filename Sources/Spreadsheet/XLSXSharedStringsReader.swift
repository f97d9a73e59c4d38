import Foundation

/// `xl/sharedStrings.xml`: the workbook's strings, which cells of type `s` name by index. A
/// string is the text of all its runs; phonetic guides (`rPh`, ruby for East Asian text) are
/// not part of it.
final class XLSXSharedStringsReader: XLSXXMLHandler {
    private var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    static func parse(_ data: Data) throws(SpreadsheetReadError) -> [String] {
        let handler = XLSXSharedStringsReader()
        try handler.run(data, path: "xl/sharedStrings.xml")
        return handler.strings
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    override func text(_ string: String) {
        if inText { current += string }
    }
}
