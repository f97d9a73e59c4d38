import Foundation
import GridModel

/// Where the ids of new records come from. In use they are random (two copies of the program,
/// or two laptops, never pick the same); tests count, so what a reducer does is repeatable.
public struct RecordIDSource: Hashable, Sendable {
    /// The next number when counting; nil for random ids.
    private var counter: Int?

    public static let random = RecordIDSource(counter: nil)

    /// `H-1`, `R-2`, …: one counter for every prefix.
    public static func counting(from first: Int = 1) -> RecordIDSource { RecordIDSource(counter: first) }

    mutating func next(_ prefix: String) -> RecordID {
        guard let number = counter else { return RecordID(prefix + "-" + UUID().uuidString.lowercased()) }
        counter = number + 1
        return RecordID(prefix + "-" + String(number))
    }
}
