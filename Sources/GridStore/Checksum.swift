import Foundation

/// Checksums that are the same in every process (Swift's `Hasher` is seeded per process), for
/// files this program writes and must know whole when it reads them back, and for telling
/// whether a file still holds the bytes memory was read from.
enum Checksum {
    /// FNV-1a, 64 bits: one byte at a time, so slow on big inputs. The binary summary cache
    /// uses it, and journals written before `xxh64` carry it.
    static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `xxh64` of `data`'s bytes.
    static func xxh64(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { xxh64($0) }
    }

    /// XXH64 with seed 0 (as `xxhsum -H1` prints it): eight bytes at a time in four lanes, some
    /// twenty times faster than `fnv1a` and than SHA-256 here. Not for anything an adversary
    /// chooses: it only catches torn writes and files changed under a reader.
    static func xxh64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return XXH64.avalanche(XXH64.prime5) }
        var offset = 0
        var hash: UInt64
        if count >= 32 {
            var lanes = (XXH64.prime1 &+ XXH64.prime2, XXH64.prime2, UInt64(0), 0 &- XXH64.prime1)
            while offset + 32 <= count {
                lanes.0 = XXH64.round(lanes.0, XXH64.word(base, offset))
                lanes.1 = XXH64.round(lanes.1, XXH64.word(base, offset + 8))
                lanes.2 = XXH64.round(lanes.2, XXH64.word(base, offset + 16))
                lanes.3 = XXH64.round(lanes.3, XXH64.word(base, offset + 24))
                offset += 32
            }
            hash = XXH64.rotate(lanes.0, 1) &+ XXH64.rotate(lanes.1, 7) &+ XXH64.rotate(lanes.2, 12) &+ XXH64.rotate(lanes.3, 18)
            hash = XXH64.merge(hash, lanes.0)
            hash = XXH64.merge(hash, lanes.1)
            hash = XXH64.merge(hash, lanes.2)
            hash = XXH64.merge(hash, lanes.3)
        } else {
            hash = XXH64.prime5
        }
        hash &+= UInt64(count)
        while offset + 8 <= count {
            hash ^= XXH64.round(0, XXH64.word(base, offset))
            hash = XXH64.rotate(hash, 27) &* XXH64.prime1 &+ XXH64.prime4
            offset += 8
        }
        if offset + 4 <= count {
            let half = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            hash ^= half &* XXH64.prime1
            hash = XXH64.rotate(hash, 23) &* XXH64.prime2 &+ XXH64.prime3
            offset += 4
        }
        while offset < count {
            hash ^= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &* XXH64.prime5
            hash = XXH64.rotate(hash, 11) &* XXH64.prime1
            offset += 1
        }
        return XXH64.avalanche(hash)
    }
}

/// The constants and steps of XXH64 (Yann Collet's xxHash, 64-bit variant).
private enum XXH64 {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }

    @inline(__always) static func word(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always) static func merge(_ hash: UInt64, _ lane: UInt64) -> UInt64 {
        (hash ^ round(0, lane)) &* prime1 &+ prime4
    }

    @inline(__always) static func avalanche(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }
}
