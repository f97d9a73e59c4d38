#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Shows how long work is getting on: one line redrawn in place on a terminal, an occasional
/// plain line when standard error is a file or pipe.
struct ProgressLine {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastReported = -1

    mutating func update(_ text: String, fraction: Double) {
        let percent = Int(fraction * 100)
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        } else if percent / 10 != lastReported / 10 {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
        lastReported = percent
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
