import Foundation

/// Bytes appended by plain copies into one growing block, handed over as `Data` without copying
/// it again. A data file is sixty-odd pieces (each record's element, commas, indentation):
/// `Data.append` paid its own overhead on each, a tenth of a millisecond a save, and building
/// in an array paid a copy of the whole file at the end.
final class ByteBuilder {
    private var block: UnsafeMutableRawBufferPointer
    private(set) var count = 0

    init(capacity: Int) {
        block = .allocate(byteCount: max(capacity, 64), alignment: 1)
    }

    deinit {
        block.deallocate()
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawBufferPointer(rebasing: block[count..<count + bytes.count]).copyMemory(from: bytes)
        count += bytes.count
    }

    /// Reads from `descriptor` straight into the free end of the block (grown when full), with
    /// no zeroed buffer first: what `read(2)` returned.
    func read(from descriptor: Int32) -> Int {
        reserve(1)
        let free = UnsafeMutableRawBufferPointer(rebasing: block[count...])
        let got = Glibc.read(descriptor, free.baseAddress, free.count)
        if got > 0 { count += got }
        return got
    }

    /// Makes room for `more` bytes after the ones held.
    private func reserve(_ more: Int) {
        guard count + more > block.count else { return }
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(block.count * 2, count + more), alignment: 1)
        larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: block[0..<count]))
        block.deallocate()
        block = larger
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    func append(_ data: Data) {
        data.withUnsafeBytes { append($0) }
    }

    /// The bytes, as `Data` that owns the block from now on; the builder is empty after.
    func data() -> Data {
        let handed = block
        let length = count
        block = .allocate(byteCount: 64, alignment: 1)
        count = 0
        guard let base = handed.baseAddress, length > 0 else {
            handed.deallocate()
            return Data()
        }
        return Data(bytesNoCopy: base, count: length, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }
}
