/// A 15-digit grid code: district (6) + street (3) + community or village (3) + grid (3),
/// following the national division codes, e.g. `420303001002004`.
public struct GridCode: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Fifteen digits, with a community and a grid number that are not zero. Read byte by byte:
    /// every data file's path is checked with it at every start.
    public var isWellFormed: Bool {
        guard rawValue.utf8.count == 15 else { return false }
        var community = 0, grid = 0
        for (position, byte) in rawValue.utf8.enumerated() {
            guard (48...57).contains(byte) else { return false }
            if (9..<12).contains(position) { community = community * 10 + Int(byte - 48) }
            if position >= 12 { grid = grid * 10 + Int(byte - 48) }
        }
        return community != 0 && grid != 0
    }

    public var districtCode: String { String(rawValue.prefix(6)) }
    public var streetCode: String { String(rawValue.prefix(9)) }
    public var communityCode: String { String(rawValue.prefix(12)) }
    var communityNumber: Int { Int(rawValue.dropFirst(9).prefix(3)) ?? 0 }
    var gridNumber: Int { Int(rawValue.dropFirst(12).prefix(3)) ?? 0 }

    /// Communities are numbered from 001, villages from 200.
    public var kind: GridKind { communityNumber >= 200 ? .village : .community }

    public var description: String { rawValue }

    public static func < (lhs: GridCode, rhs: GridCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
