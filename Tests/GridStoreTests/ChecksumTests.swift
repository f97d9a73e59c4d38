import Foundation
import Testing
@testable import GridStore

/// `Checksum.xxh64` agrees with the reference implementation (`xxhsum -H1` of xxHash 0.8.1).
@Suite struct ChecksumTests {
    /// Bytes `(7i + 3) mod 251`, so every length crosses a different mix of the 32-, 8-, 4- and
    /// 1-byte steps; the digests were printed by `xxhsum -H1`.
    static let reference: [(Int, UInt64)] = [
        (0, 0xef46db3751d8e999), (1, 0x1f25c8d0bc1f4bb6), (3, 0x31d2363f52e564c9), (4, 0x9bb64b7d66ee9fda),
        (5, 0xc7608efddb7051fe), (7, 0x9a7b149959ce60d8), (8, 0xdab99d95c6f90092), (9, 0x170bb6bf975b4c02),
        (15, 0x1b47cb8243cc8e32), (31, 0xa2aa5f33cc4a6119), (32, 0x23c3c17ef790fd97), (33, 0x50a7cfc7ba588784),
        (40, 0x36375e5dfea92adc), (63, 0xf1438f15b9ed16e9), (64, 0x2cd990a1beed6894), (65, 0xc763da59981e980e),
        (100, 0x778e26df8290f456), (1000, 0x021f7a7424085ea4), (4099, 0x8b336f03257d7589),
    ]

    @Test func xxh64MatchesTheReferenceAtEveryLength() {
        for (length, expected) in Self.reference {
            let bytes = (0..<length).map { UInt8(($0 * 7 + 3) % 251) }
            let digest = bytes.withUnsafeBytes { Checksum.xxh64($0) }
            #expect(digest == expected, "length \(length)")
        }
        #expect(Data("abc".utf8).withUnsafeBytes { Checksum.xxh64($0) } == 0x44bc2cf5ad770999)
    }

    @Test func xxh64ReadsUnalignedBytes() {
        let bytes = [UInt8(0)] + (0..<100).map { UInt8(($0 * 7 + 3) % 251) }
        let digest = bytes.withUnsafeBytes { Checksum.xxh64(UnsafeRawBufferPointer(rebasing: $0[1...])) }
        #expect(digest == 0x778e26df8290f456)
    }
}
