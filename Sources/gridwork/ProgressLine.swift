#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridStore

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

/// How far reading the data files has got, while opening without a summary cache or checking:
/// shown on standard error only once the reading has taken a moment, so a small folder or a
/// warm start prints nothing.
final class ReadingProgress {
    private var line = ProgressLine()
    private let text: CommandText
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let delay: Duration
    private var shown = false

    init(_ text: CommandText, after delay: Duration = .milliseconds(300)) {
        self.text = text
        self.delay = delay
        started = clock.now
    }

    func update(_ progress: ReadProgress) {
        guard progress.filesTotal > 0, shown || clock.now - started >= delay else { return }
        shown = true
        let filled = min(20, max(0, Int(progress.fraction * 20)))
        let bar: String = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "] "
        let percent: String = String(Int(progress.fraction * 100)) + "%  "
        let megabytesDone = Int(progress.bytesDone / 1_048_576)
        let megabytesTotal = Int(progress.bytesTotal / 1_048_576)
        let words: String = text.readingFiles(progress.filesDone, progress.filesTotal, megabytesDone, megabytesTotal)
        line.update(bar + percent + words, fraction: progress.fraction)
    }

    func finish() {
        if shown { line.finish() }
        shown = false
    }
}
