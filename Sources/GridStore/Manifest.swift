import Foundation

/// `gridwork.json`: marks a folder as gridwork data and says what area it covers.
public struct Manifest: Codable, Hashable, Sendable {
    public var schema: Int
    /// The community, village or district the data covers, e.g. 幸福里社区.
    public var name: String
    /// Its division code: 12 digits for a community or village, 6 for a district.
    public var areaCode: String
    public var createdAt: Date
    /// Set when the data is synthetic (`gridwork demo`); only such folders may be benchmarked,
    /// since the benchmark writes to them.
    public var generator: String?

    public init(name: String, areaCode: String, createdAt: Date = Date()) {
        schema = StoreLayout.schemaVersion
        self.name = name
        self.areaCode = areaCode
        self.createdAt = createdAt
    }
}
