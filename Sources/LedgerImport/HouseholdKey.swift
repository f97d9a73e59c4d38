import GridModel

/// A household as a ledger's rows name it: its grid and address, compared loosely, so that
/// `3栋`, `3号楼` and `3` are one building, `２单元` and `2` one unit, `501室` and `501` one room,
/// whichever way the file or the households on file write them.
struct HouseholdKey: Hashable {
    let grid: GridCode
    let parts: [String]

    init(grid: GridCode, address: Address) {
        self.grid = grid
        parts = [Self.loose(address.compound, suffixes: []),
                 Self.loose(address.building, suffixes: ["号楼", "栋", "幢", "楼", "座", "号"]),
                 Self.loose(address.unit, suffixes: ["单元", "门", "号"]),
                 Self.loose(address.room, suffixes: ["室", "号", "户"])]
    }

    /// Without blanks, brackets and case, full-width digits and letters made ASCII, the part's usual suffix dropped.
    static func loose(_ text: String, suffixes: [String]) -> String {
        var result = String(LedgerField.normalized(text).unicodeScalars.map { scalar -> Character in
            // Full-width ASCII (０–９, Ａ–Ｚ, ａ–ｚ, －) sits 0xFEE0 above the ASCII it stands for.
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) { return Character(ascii) }
            return Character(scalar)
        }).lowercased()
        for suffix in suffixes where result.hasSuffix(suffix) && result.count > suffix.count {
            result.removeLast(suffix.count)
            break
        }
        return result
    }
}
