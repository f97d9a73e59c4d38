import Foundation
import GridModel

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
    /// The community's time zone, an IANA identifier such as "Asia/Shanghai"; absent means China
    /// Standard Time. Times are typed and shown, and "today" is reckoned, in it, whatever the
    /// machine's own zone. An identifier this machine does not know is refused on reading.
    public var timeZone: String?

    /// The zone of `timeZone`, China Standard Time when the manifest names none.
    public var communityTimeZone: TimeZone { timeZone.flatMap(TimeZone.init(identifier:)) ?? .chinaStandard }

    /// The community's date at `now`: on a server in UTC, China is already in tomorrow from 16:00.
    public func today(at now: Date = Date()) -> Day { Day(now, in: communityTimeZone) }

    /// True for a community's or village's division code: 12 digits (district 6, street 3,
    /// community 3), the last three not 000. A folder set up by hand or by `init` takes only these.
    public static func isCommunityCode(_ code: String) -> Bool {
        code.utf8.count == 12 && code.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } && !code.hasSuffix("000")
    }

    public init(name: String, areaCode: String, createdAt: Date = Date()) {
        schema = StoreLayout.schemaVersion
        self.name = name
        self.areaCode = areaCode
        self.createdAt = createdAt
    }
}
