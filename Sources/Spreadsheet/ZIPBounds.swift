import Foundation

/// Whether everything an archive's directory points at lies inside it. ZIPFoundation reads an
/// archive held in memory through a file whose read past the end traps instead of coming back
/// short, so a workbook whose directory, headers or data point past its end would stop the
/// program: such an archive is refused before ZIPFoundation reads it. Checked the way
/// ZIPFoundation reads (the last end-of-directory record, each directory entry, its local
/// header and data); ZIP64 archives, which no ledger needs, are refused too.
enum ZIPBounds {
    static func fitInside(_ data: Data) -> Bool {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            let count = bytes.count
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            // Without an end-of-directory record ZIPFoundation refuses the bytes itself, reading
            // nothing past the end; with several it takes the first found searching back from the end.
            guard count >= 22, let end = stride(from: count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 }) else { return true }
            if end >= 20 && u32(end - 20) == 0x0706_4B50 { return false }
            let entries = u16(end + 10)
            var directory = u32(end + 16)
            if entries == 0xFFFF || directory == 0xFFFF_FFFF { return false }
            for _ in 0..<entries {
                guard directory + 46 <= count, u32(directory) == 0x0201_4B50 else { return false }
                let method = u16(directory + 10)
                let compressed = u32(directory + 20), uncompressed = u32(directory + 24), local = u32(directory + 42)
                if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { return false }
                guard local + 30 <= count, u32(local) == 0x0403_4B50 else { return false }
                let start = local + 30 + u16(local + 26) + u16(local + 28)
                guard start + (method == 0 ? uncompressed : compressed) <= count else { return false }
                directory += 46 + u16(directory + 28) + u16(directory + 30) + u16(directory + 32)
            }
            return true
        }
    }
}
