import Foundation

/// A text's place in numeric order, as Foundation's `compare(_:options: .numeric)` places it:
/// runs of digits by their value (building 9 before building 11), everything else by the
/// Unicode scalars of its canonical decomposition (`é` is `e` and an accent, so it comes before `f`). Made once per text, so sorting a district grid's households compares keys
/// rather than going through Foundation's string comparison for each pair.
public struct NumericOrder: Comparable, Sendable {
    /// The text as numbers that compare as the text does, element by element: a character is its
    /// scalar value; a run of digits is `numberMark`, how many digits it has without leading zeros,
    /// then those digits. A character is never a digit, so it sorts beside a number as it would
    /// beside its first digit (below `0` or above `9`), and two numbers by length, then by digits.
    /// Flat, so a comparison follows no list inside a list.
    private let key: [UInt32]

    private static let numberMark = UInt32(UInt8(ascii: "0"))

    public init(_ text: String) {
        var key: [UInt32] = []
        key.reserveCapacity(text.utf8.count)
        var digits: [UInt32] = []
        var inNumber = false
        func endNumber() {
            guard inNumber else { return }
            let significant = digits.drop { $0 == 0 }
            key.append(Self.numberMark)
            key.append(UInt32(significant.count))
            key.append(contentsOf: significant)
            digits.removeAll(keepingCapacity: true)
            inNumber = false
        }
        // Most addresses hold only characters that have no canonical decomposition: skipping
        // Foundation's decomposition for them was most of making a key.
        let scalars = text.unicodeScalars.allSatisfy(Self.hasNoDecomposition)
            ? text.unicodeScalars : text.decomposedStringWithCanonicalMapping.unicodeScalars
        for scalar in scalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                inNumber = true
                digits.append(scalar.value - 0x30)
            } else {
                endNumber()
                key.append(scalar.value)
            }
        }
        endNumber()
        self.key = key
    }

    /// Scalars that neither decompose canonically nor combine (so decomposition neither changes
    /// nor reorders them): ASCII and Latin-1 punctuation, CJK punctuation but its tone marks
    /// (U+302A–U+302F), the unified ideographs (not the compatibility ones), full-width forms.
    private static func hasNoDecomposition(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0xC0, 0x3000...0x3029, 0x3030...0x303F, 0x4E00...0x9FFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }

    public static func < (left: NumericOrder, right: NumericOrder) -> Bool {
        left.key.lexicographicallyPrecedes(right.key)
    }
}
