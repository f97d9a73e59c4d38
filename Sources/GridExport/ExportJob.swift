import Foundation
import GridModel
import GridStore
import Spreadsheet

/// One export, from the records to the file: the same for `gridwork export` and the
/// dashboard's `:export`, so both mask, limit and audit alike.
public struct ExportJob: Hashable, Sendable {
    public var kind: ExportKind
    /// The records, in the order to write them; those the worker may not export are left out.
    public var source: ExportSource
    public var language: Language
    /// Write ID and phone numbers in full (an admin's alone, audited).
    public var reveal: Bool
    public var path: String
    public var format: ExportFormat
    /// Replace a file already under `path` (else the export is refused and the file stays).
    public var replacing: Bool

    public init(kind: ExportKind, source: ExportSource, language: Language, reveal: Bool = false, path: String,
                format: ExportFormat? = nil, replacing: Bool = false) {
        self.kind = kind
        self.source = source
        self.language = language
        self.reveal = reveal
        self.path = path
        self.format = format ?? ExportFormat(path: path)
        self.replacing = replacing
    }

    /// What an export wrote.
    public struct Outcome: Hashable, Sendable {
        public let rows: Int
        /// Rows of grids the worker may not export, left out (a grid worker's export of a list
        /// that shows other grids too).
        public let leftOut: Int
        public let path: String
        public let format: ExportFormat

        public init(rows: Int, leftOut: Int, path: String, format: ExportFormat) {
            self.rows = rows
            self.leftOut = leftOut
            self.path = path
            self.format = format
        }
    }

    /// Checks who may export what, makes the file's bytes and checks its target (a file there
    /// already, a missing folder), writes a reveal to the audit trail (through `recordReveal`,
    /// before the file: an unaudited copy of the numbers must never exist, and a write that then
    /// fails leaves an entry that says more than happened, never less), then writes the file
    /// whole or not at all.
    ///
    /// `worker` is the worker logged in; `folderHasAccounts` false means a folder not yet set up,
    /// where there are no roles (anyone at the machine reads its plain files) and so no admin to
    /// reveal: everything exports, masked.
    public func run(as worker: Worker?, folderHasAccounts: Bool,
                    recordReveal: ([RevealedNumbers]) throws(StoreError) -> Void) throws(ExportError) -> Outcome {
        var allowed: Set<GridCode>?
        if folderHasAccounts {
            switch AccessPolicy.exportableGrids(for: worker) {
            case .failure(let refusal): throw .refused(refusal)
            case .success(let grids): allowed = grids
            }
            if reveal, let refusal = AccessPolicy.refusalToRevealInExport(for: worker) { throw .refused(refusal) }
        } else if reveal {
            throw .revealNeedsLogin
        }
        let kept = source.keeping(kind, inGrids: allowed)
        let table = ExportSheets.table(kind, from: kept, language: language, reveal: reveal)
        let data: Data
        do throws(SpreadsheetError) {
            data = format == .xlsx ? try XLSXWriter.data(Workbook(table.sheet)) : CSVWriter.data(table.sheet)
            try SpreadsheetFileWriter.checkTarget(path, replacing: replacing)
        } catch {
            throw .file(error)
        }
        if !table.revealed.isEmpty {
            do throws(StoreError) { try recordReveal(table.revealed) } catch { throw .audit(error) }
        }
        do throws(SpreadsheetError) {
            try SpreadsheetFileWriter.write(data, to: path, replacing: replacing)
        } catch {
            throw .file(error)
        }
        return Outcome(rows: table.rowCount, leftOut: source.count(of: kind) - kept.count(of: kind), path: path, format: format)
    }

    /// A path as typed in the dashboard made absolute, so the message says where the file went:
    /// `~/` is the home folder, a relative path is taken from the folder gridwork was started in.
    public static func resolvedPath(_ typed: String, home: String?, workingDirectory: String) -> String {
        var path = typed
        if let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") { path = home + path.dropFirst() }
        if !path.hasPrefix("/") { path = (workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/") + path }
        return (path as NSString).standardizingPath
    }
}
