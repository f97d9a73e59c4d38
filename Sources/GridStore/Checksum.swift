/// FNV-1a, 64 bits: a checksum that is the same in every process (Swift's `Hasher` is seeded
/// per process), for files this program writes and must know whole when it reads them back:
/// the journal and the binary summary cache.
enum Checksum {
    static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
