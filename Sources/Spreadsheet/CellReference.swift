/// A1-style references: column letters and cell names.
enum CellReference {
    /// `A` for column 0, `Z` for 25, `AA` for 26 (bijective base 26).
    static func column(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `B3` for column 1, row 2 (both from zero).
    static func cell(column: Int, row: Int) -> String { self.column(column) + String(row + 1) }
}
