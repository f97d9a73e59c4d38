import Foundation

extension TimeZone {
    /// China Standard Time, UTC+8 all year: the zone a community works in unless its manifest
    /// names another. Fixed, so that no time typed or shown follows the machine's `TZ`.
    public static let chinaStandard = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
}
