import Testing
@testable import TerminalUI

@Suite struct RowRunTests {
    /// libc's `wcwidth` as curses uses it, scalar by scalar: an emoji 2, `❤` and each half of a flag 1, joiners and marks 0.
    static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        if DisplayWidth.isZeroWidth(scalar) { return 0 }
        if scalar.value == 0x2764 || (0x1F1E6...0x1F1FF).contains(scalar.value) { return 1 }
        return DisplayWidth.of(Character(scalar))
    }

    /// A grapheme is one curses cell only as a spacing character followed by ones that combine with it.
    static func cursesWidth(_ grapheme: String) -> Int? {
        let widths = grapheme.unicodeScalars.map(scalarWidth)
        guard let first = widths.first, first > 0, widths.dropFirst().allSatisfy({ $0 == 0 }) else { return nil }
        return first
    }

    @Test func everyGraphemeStartsInItsOwnColumnAndTheHighlightReachesTheEdge() {
        var buffer = Buffer(width: 34, height: 1, glyphs: .unicode)
        buffer.fill(buffer.area, role: .selected)
        buffer.write("家👨‍👩‍👧园❤️区|Cafe\u{301}小区|王\u{308}村🇨🇳组|", x: 0, y: 0, role: .selected)
        let runs = RowRun.runs(of: buffer, row: 0, backendWidth: Self.cursesWidth)
        #expect(runs.map(\.text) == ["家", "👨‍👩‍👧", "园", "❤️", "区|Cafe\u{301}小区|王\u{308}村", "🇨🇳", "组|     "])
        #expect(runs.map(\.column) == [0, 2, 4, 6, 8, 24, 26])
        #expect(runs.map(\.isDirect) == [false, true, false, true, false, true, false])
        for (run, next) in zip(runs, runs.dropFirst()) {
            #expect(run.column + run.width == next.column, "no run overlaps or leaves a gap")
        }
        for run in runs where !run.isDirect {
            #expect(run.text.map { Self.cursesWidth(String($0)) ?? -1 }.reduce(0, +) == run.width,
                    "curses draws each ordinary run in exactly its columns")
        }
        #expect(runs.last.map { $0.column + $0.width } == 34)
        #expect(runs.allSatisfy { $0.role == .selected })
    }

    @Test func runsBreakWhereTheRoleChanges() {
        var buffer = Buffer(width: 6, height: 1, glyphs: .unicode)
        buffer.write("ab", x: 0, y: 0, role: .key)
        buffer.write("王", x: 2, y: 0)
        let runs = RowRun.runs(of: buffer, row: 0, backendWidth: Self.cursesWidth)
        #expect(runs == [RowRun(column: 0, text: "ab", width: 2, role: .key, isDirect: false),
                         RowRun(column: 2, text: "王  ", width: 4, role: .normal, isDirect: false)])
    }
}
