/// The terminal's answer to `ESC [ 6 n` (where is the cursor?): `ESC [ row ; column R`, both from 1.
public struct CursorPositionReport: Hashable, Sendable {
    public let row: Int
    public let column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// The last complete report in `bytes`; keys typed meanwhile may come before or after it.
    public static func parse(_ bytes: [UInt8]) -> CursorPositionReport? {
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "R"), let report = report(endingAt: index, in: bytes) { return report }
            index -= 1
        }
        return nil
    }

    /// Whether a terminal draws ambiguous-width characters double, from where the cursor stood
    /// after one was printed at the start of a line: column 2 for narrow, 3 for wide, else unknown.
    public var ambiguousIsWide: Bool? {
        switch column {
        case 2: return false
        case 3: return true
        default: return nil
        }
    }

    private static func report(endingAt end: Int, in bytes: [UInt8]) -> CursorPositionReport? {
        // Walk back over "column", ";", "row" to "ESC [".
        var index = end - 1
        func number() -> Int? {
            var value = 0, digits = 0
            while index >= 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), digits < 6 {
                value += Int(bytes[index] - UInt8(ascii: "0")) * power(digits)
                digits += 1
                index -= 1
            }
            return digits > 0 ? value : nil
        }
        guard let column = number(), index >= 0, bytes[index] == UInt8(ascii: ";") else { return nil }
        index -= 1
        guard let row = number(), index >= 1, bytes[index] == UInt8(ascii: "["), bytes[index - 1] == 0x1B,
              row >= 1, column >= 1 else { return nil }
        return CursorPositionReport(row: row, column: column)
    }

    private static func power(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }
}
