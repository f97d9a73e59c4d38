import ArgumentParser

/// How `gridwork report` writes: text for a terminal or a file, or an Excel workbook to hand in.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case xlsx

    /// From the output file's name when no --format is given: `.xlsx` is a workbook, anything else text.
    init(output: String?) {
        self = output.map { $0.lowercased().hasSuffix(".xlsx") } == true ? .xlsx : .text
    }
}
