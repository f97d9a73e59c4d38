import Foundation

/// Reads one sheet of an `.xlsx` workbook (Office Open XML, a zip archive of XML parts) into
/// rows of text, as a person sees them: shared and inline strings as written, numbers as
/// written (`13800138000`, never `1.3800138E10`), dates (numbers under a date style) as
/// `yyyy-MM-dd`, with the time when there is one, booleans as TRUE or FALSE. Formulas give the
/// value cached in the file. The first sheet, or the one named.
public enum XLSXReader {
    /// The biggest part read: far above any ledger, well below what would exhaust memory.
    static let largestPart = 512 * 1024 * 1024

    public static func read(_ data: Data, sheet name: String? = nil) throws(SpreadsheetReadError) -> ReadTable {
        let archive = try open(data)
        guard let workbookData = try part("xl/workbook.xml", of: archive) else { throw .notAWorkbook(reason: "no xl/workbook.xml") }
        let workbook = try XLSXWorkbookReader.parse(workbookData)
        guard !workbook.sheets.isEmpty else { throw .notAWorkbook(reason: "no sheets") }
        let chosen: XLSXWorkbookReader.Sheet
        if let name {
            guard let found = workbook.sheets.first(where: { $0.name == name })
                ?? workbook.sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == name.trimmingCharacters(in: .whitespaces).lowercased() })
            else { throw .noSuchSheet(name: name, available: workbook.sheets.map(\.name)) }
            chosen = found
        } else {
            chosen = workbook.sheets[0]
        }
        var targets: [String: String] = [:]
        if let rels = try part("xl/_rels/workbook.xml.rels", of: archive) { targets = try XLSXRelationshipsReader.parse(rels) }
        let sheetPath = targets[chosen.relationship].map(resolve) ?? "xl/worksheets/sheet\(workbook.sheets.firstIndex(of: chosen).map { $0 + 1 } ?? 1).xml"
        guard let sheetData = try part(sheetPath, of: archive) else { throw .notAWorkbook(reason: "no \(sheetPath)") }
        var strings: [String] = []
        if let shared = try part("xl/sharedStrings.xml", of: archive) { strings = try XLSXSharedStringsReader.parse(shared) }
        var styles = XLSXStylesReader.Styles()
        if let stylesData = try part("xl/styles.xml", of: archive) { styles = try XLSXStylesReader.parse(stylesData) }
        let rows = try XLSXSheetReader.parse(sheetData, path: sheetPath, strings: strings, styles: styles, uses1904: workbook.uses1904)
        return ReadTable(rows: rows, sheet: chosen.name)
    }

    /// The names of the workbook's sheets, in order.
    public static func sheetNames(_ data: Data) throws(SpreadsheetReadError) -> [String] {
        let archive = try open(data)
        guard let workbookData = try part("xl/workbook.xml", of: archive) else { throw .notAWorkbook(reason: "no xl/workbook.xml") }
        return try XLSXWorkbookReader.parse(workbookData).sheets.map(\.name)
    }

    /// An archive in memory and its directory.
    private struct Archive {
        let data: Data
        let directory: ZIPDirectory
    }

    private static func open(_ data: Data) throws(SpreadsheetReadError) -> Archive {
        Archive(data: data, directory: try ZIPDirectory(data))
    }

    /// A relationship's target as a path in the archive: relative to `xl/`, or absolute.
    static func resolve(_ target: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = ["xl"]
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    /// The bytes of one part, nil when the archive has none by that name.
    private static func part(_ path: String, of archive: Archive) throws(SpreadsheetReadError) -> Data? {
        guard let entry = archive.directory.entry(path) else { return nil }
        return try archive.directory.extract(entry, from: archive.data, largest: largestPart)
    }
}
