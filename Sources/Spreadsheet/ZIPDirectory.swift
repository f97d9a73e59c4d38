import Foundation
import ZIPFoundation

/// The entries of a zip archive held in memory, as its central directory lists them, each
/// checked to lie inside the bytes; and the extraction of one entry with its work bounded.
///
/// The workbook reader does not go through ZIPFoundation's `Archive` for reading. Two defects
/// there, both found by fuzzing, let a damaged workbook stop or hang the program: an archive in
/// memory is read through a file whose read past the end traps, and a deflated entry whose stream
/// does not end within its compressed size is asked for more input forever (the source hands back
/// empty chunks and the loop waits for a stream end that never comes). Here the directory is read
/// and bounds-checked first, and inflating is fed by a source that fails when the entry's bytes
/// run out. ZIPFoundation still does the inflating (zlib) and the CRC-32.
struct ZIPDirectory {
    struct Entry: Equatable {
        let path: String
        /// 0 stored, 8 deflated; other methods are refused when extracted.
        let method: Int
        /// Where the entry's (compressed) bytes are, as offsets from the archive's first byte.
        let bytes: Range<Int>
        let uncompressedSize: Int
        let crc32: UInt32
    }

    let entries: [Entry]

    /// Reads the directory: the end-of-directory record found searching back from the end, each
    /// directory entry, its local header and data. ZIP64 archives, which no ledger needs, are
    /// refused, like anything that points past the end.
    init(_ data: Data) throws(SpreadsheetReadError) {
        let parsed = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<[Entry], SpreadsheetReadError> in
            let count = bytes.count
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            let damaged = Result<[Entry], SpreadsheetReadError>.failure(.notAWorkbook(reason: "a damaged zip archive"))
            guard count >= 22, let end = stride(from: count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 }) else {
                return .failure(.notAWorkbook(reason: "not a zip archive"))
            }
            if end >= 20 && u32(end - 20) == 0x0706_4B50 { return damaged }
            let total = u16(end + 10)
            var directory = u32(end + 16)
            if total == 0xFFFF || directory == 0xFFFF_FFFF { return damaged }
            var entries: [Entry] = []
            entries.reserveCapacity(total)
            for _ in 0..<total {
                guard directory + 46 <= count, u32(directory) == 0x0201_4B50 else { return damaged }
                let method = u16(directory + 10)
                let crc32 = UInt32(u32(directory + 16))
                let compressed = u32(directory + 20), uncompressed = u32(directory + 24), local = u32(directory + 42)
                if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { return damaged }
                let nameLength = u16(directory + 28)
                guard directory + 46 + nameLength <= count else { return damaged }
                guard local + 30 <= count, u32(local) == 0x0403_4B50 else { return damaged }
                let start = local + 30 + u16(local + 26) + u16(local + 28)
                guard start + compressed <= count else { return damaged }
                if method == 0 && compressed != uncompressed { return damaged }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(directory + 46)..<(directory + 46 + nameLength)]), as: UTF8.self)
                entries.append(Entry(path: name, method: method, bytes: start..<(start + compressed), uncompressedSize: uncompressed, crc32: crc32))
                directory += 46 + nameLength + u16(directory + 30) + u16(directory + 32)
            }
            return .success(entries)
        }
        entries = try parsed.get()
    }

    /// The entry of that path; failing that, the first whose path matches ignoring case.
    func entry(_ path: String) -> Entry? {
        entries.first { $0.path == path } ?? entries.first { $0.path.lowercased() == path.lowercased() }
    }

    /// The entry's bytes, uncompressed and checked against its length and CRC-32. The work is
    /// bounded by the entry's own sizes: inflating stops with an error when the compressed bytes
    /// run out before the stream ends, or when it gives more than the directory says.
    func extract(_ entry: Entry, from archive: Data, largest: Int) throws(SpreadsheetReadError) -> Data {
        guard entry.uncompressedSize <= largest else { throw .tooLarge(path: entry.path) }
        let compressed = archive[(archive.startIndex + entry.bytes.lowerBound)..<(archive.startIndex + entry.bytes.upperBound)]
        let output: Data
        switch entry.method {
        case 0:
            output = Data(compressed)
        case 8:
            output = try Self.inflate(compressed, expecting: entry.uncompressedSize, path: entry.path)
        default:
            throw .damagedPart(path: entry.path, reason: "compressed by method \(entry.method), which is not read")
        }
        guard output.count == entry.uncompressedSize else {
            throw .damagedPart(path: entry.path, reason: "\(output.count) bytes where the directory says \(entry.uncompressedSize)")
        }
        guard output.crc32(checksum: 0) == entry.crc32 else { throw .damagedPart(path: entry.path, reason: "its CRC-32 does not match") }
        return output
    }

    private enum InflateStop: Error {
        case inputRanOut
        case longerThanDeclared
    }

    private static func inflate(_ compressed: Data, expecting size: Int, path: String) throws(SpreadsheetReadError) -> Data {
        // ZIPFoundation tells zlib that every chunk is `bufferSize` long, whatever the source gave,
        // so the one chunk is the whole compressed stream: zlib never reads past it. A stream that
        // has not ended by then asks for a second chunk, and gets an error.
        guard !compressed.isEmpty else { throw .damagedPart(path: path, reason: "its compressed bytes end before its data does") }
        var output = Data()
        output.reserveCapacity(size)
        do {
            _ = try Data.decompress(size: Int64(compressed.count), bufferSize: compressed.count, skipCRC32: true, provider: { position, _ in
                guard position == 0 else { throw InflateStop.inputRanOut }
                return Data(compressed)
            }, consumer: { piece in
                guard output.count + piece.count <= size else { throw InflateStop.longerThanDeclared }
                output.append(piece)
            })
        } catch InflateStop.inputRanOut {
            throw .damagedPart(path: path, reason: "its compressed bytes end before its data does")
        } catch InflateStop.longerThanDeclared {
            throw .damagedPart(path: path, reason: "longer than the directory says (\(size) bytes)")
        } catch {
            throw .damagedPart(path: path, reason: "its compressed bytes are damaged")
        }
        return output
    }
}
