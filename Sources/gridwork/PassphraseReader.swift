#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where a command gets a passphrase: an environment variable (for scripts and tests), typed on
/// the terminal with echo off, or one line of standard input. It is never an argument, which
/// would show in `ps` and the shell's history.
enum PassphraseReader {
    static func read(prompt: String, variable: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let value = environment[variable], !value.isEmpty { return value }
        guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        let hasTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        if hasTerminal {
            var quiet = original
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        let line = readLine(strippingNewline: true)
        if hasTerminal { tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }
        FileHandle.standardError.write(Data("\n".utf8))
        return line
    }

    /// A new passphrase: typed twice on a terminal, and refused if the two differ.
    static func readNew(prompt: String, again: String, variable: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[variable], !value.isEmpty { return value }
        guard let first = read(prompt: prompt, variable: variable, environment: environment) else { return nil }
        guard isatty(STDIN_FILENO) == 1 else { return first }
        return read(prompt: again, variable: variable, environment: environment) == first ? first : nil
    }
}
