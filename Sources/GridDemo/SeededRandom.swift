/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so the same
/// seed gives the same demo data on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0..<items.count)]
    }

    /// Leans toward the front of `items` (common surnames come first).
    mutating func pickFrontWeighted<T>(_ items: [T]) -> T {
        let u = Double.random(in: 0..<1, using: &self)
        return items[min(items.count - 1, Int(u * u * Double(items.count)))]
    }

    /// An index chosen with the given weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var roll = int(0..<weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// A record id such as `H-3f9c0a12b4e7`.
    mutating func id(_ prefix: String) -> String {
        let hex = String(next() & 0xFFFF_FFFF_FFFF, radix: 16)
        return prefix + "-" + String(repeating: "0", count: 12 - hex.count) + hex
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(int(0...9))) })
    }
}
