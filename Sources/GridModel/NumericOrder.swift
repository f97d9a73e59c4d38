import Foundation

/// A text's place in numeric order, as Foundation's `compare(_:options: .numeric)` places it:
/// runs of digits by their value (building 9 before building 11), everything else by the
/// Unicode scalars of its canonical decomposition (`é` is `e` and an accent, so it comes before `f`). Made once per text, so sorting a district grid's households compares keys
/// rather than going through Foundation's string comparison for each pair.
public struct NumericOrder: Comparable, Sendable {
    private enum Piece: Comparable {
        /// A character other than an ASCII digit, by its Unicode scalar value.
        case character(UInt32)
        /// A run of ASCII digits: the first digit (how it sorts beside a character) and the
        /// digits without leading zeros (how it sorts beside another number).
        case number(first: UInt32, digits: [UInt8])

        static func < (left: Piece, right: Piece) -> Bool {
            switch (left, right) {
            case (.character(let first), .character(let second)): return first < second
            case (.number(_, let first), .number(_, let second)):
                return first.count != second.count ? first.count < second.count : first.lexicographicallyPrecedes(second)
            case (.number(let digit, _), .character(let character)): return digit < character
            case (.character(let character), .number(let digit, _)): return character < digit
            }
        }
    }

    private let pieces: [Piece]

    public init(_ text: String) {
        var pieces: [Piece] = []
        var digits: [UInt8] = []
        var first: UInt32 = 0
        func endNumber() {
            guard first != 0 else { return }
            pieces.append(.number(first: first, digits: Array(digits.drop { $0 == 0 })))
            digits.removeAll(keepingCapacity: true)
            first = 0
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                if first == 0 { first = scalar.value }
                digits.append(UInt8(scalar.value - 0x30))
            } else {
                endNumber()
                pieces.append(.character(scalar.value))
            }
        }
        endNumber()
        self.pieces = pieces
    }

    public static func < (left: NumericOrder, right: NumericOrder) -> Bool {
        left.pieces.lexicographicallyPrecedes(right.pieces)
    }
}
