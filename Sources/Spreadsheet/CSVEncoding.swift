import Foundation

/// How the bytes of a CSV file are read. Chinese spreadsheets are saved as UTF-8 (often with a
/// byte-order mark, which Excel writes) or in the national encoding GB18030, of which GBK and
/// GB2312 are subsets: a file that is not valid UTF-8 is read as GB18030.
public enum CSVEncoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"

    /// Foundation's name for GB18030 (CoreFoundation's kCFStringEncodingGB_18030_2000, 0x0632,
    /// as an NSStringEncoding). swift-corelibs-foundation decodes it on Linux, four-byte
    /// sequences included, and refuses bytes that are not GB18030 (tested in SpreadsheetTests).
    static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)

    /// `utf-8`, `utf8`, `gb18030`, `gbk`, `gb2312`, `cp936`, any case; nil for anything else.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8", "utf-8-sig": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "gb-18030": self = .gb18030
        default: return nil
        }
    }

    /// The bytes as text in this encoding (a UTF-8 byte-order mark dropped); nil when they are
    /// not valid in it.
    func decode(_ data: Data) -> String? {
        switch self {
        case .utf8:
            var bytes = data[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            return String(data: Data(bytes), encoding: .utf8)
        case .gb18030:
            return String(data: data, encoding: Self.foundationGB18030)
        }
    }
}
