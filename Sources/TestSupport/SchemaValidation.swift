import Foundation

/// Runs `scripts/validate-schemas.py` over a data folder: the schemas in `schemas/` checked by an
/// independent validator (Debian's python3-jsonschema), not by gridwork's own reading.
public struct SchemaValidation: Sendable {
    /// 0: every file passed; 1: some file failed (each failure is a line of `output`); 2: the
    /// validator or the schemas could not be loaded (python3-jsonschema missing, a broken schema).
    public let status: Int32
    public let output: String
    public let errors: String

    /// The repository, found from this file's place in it (Sources/TestSupport/).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    public static let schemas = repository + "/schemas"
    public static let script = repository + "/scripts/validate-schemas.py"
    /// Debian's python3-* packages are installed for the system interpreter; a pyenv or virtualenv
    /// `python3` earlier on PATH would not see python3-jsonschema.
    public static let python = "/usr/bin/python3"

    public init(_ dataFolder: String) throws {
        let run = try CommandRun(Self.python, [Self.script, Self.schemas, dataFolder])
        status = run.status
        output = run.output
        errors = run.errors
    }

    /// Every failure reported, one a line (the script prints nothing else on standard output).
    public var failures: [String] { output.split(separator: "\n").map(String.init) }

    /// The failures reported for `relativePath` (a file of the data folder).
    public func failures(in relativePath: String) -> [String] {
        failures.filter { $0.hasPrefix(relativePath + ":") }
    }

    /// How many documents (files, or lines of the audit trail) each schema checked, by file name,
    /// from the summary; `sealed` counts the sealed drafts, whose contents only a login opens.
    public func checked(_ schema: String, sealed: Bool = false) -> Int {
        let prefix = (sealed ? "sealed " : "checked ") + schema + " "
        return errors.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
    }

    /// What to show when an expectation about the run fails.
    public var report: String { "status \(status)\n" + output + errors }
}
