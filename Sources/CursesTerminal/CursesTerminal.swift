#if canImport(Glibc)
import Glibc
#endif
import CNcursesw
import TerminalUI

/// The only code that touches curses: it sets the terminal up and restores it, shows a
/// `Buffer`, and turns what `wget_wch` reads into `Key`s.
public final class CursesTerminal {
    public private(set) var hasColors = false
    private var pairs: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]

    /// Takes over the terminal. Call `restore()` before exiting.
    public init() {
        // Wide characters need a UTF-8 locale. When the one asked for is not installed (LANG=zh_CN.UTF-8
        // on a machine with only C.UTF-8), fall back to C.UTF-8 rather than show nothing but ASCII.
        // A GB18030 or GBK locale that exists is kept: its terminal expects that encoding.
        if setlocale(LC_ALL, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) == "ANSI_X3.4-1968" {
            setlocale(LC_ALL, "C.UTF-8")
        }
        initscr()
        raw()
        noecho()
        nonl()
        keypad(gw_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        hasColors = has_colors()
        if hasColors {
            start_color()
            // Without default-colour support, -1 would mean black on black: say what it means instead.
            if use_default_colors() != OK { assume_default_colors(Int32(COLOR_WHITE), Int32(COLOR_BLACK)) }
            // One pair per role; a terminal with fewer is treated as monochrome.
            if Int(gw_color_pairs()) <= StyleRole.allCases.count { hasColors = false }
        }
        CursesTerminal.installSignalHandlers()
    }

    /// Gives the terminal back: the screen as it was, echo and line buffering on.
    public func restore() {
        curs_set(1)
        endwin()
    }

    public var size: (width: Int, height: Int) { (Int(gw_cols()), Int(gw_lines())) }

    /// Chooses how each role looks. Without colour only bold, underline, reverse and dim apply.
    public func apply(_ styles: [StyleRole: TextStyle]) {
        pairs.removeAll()
        for (index, role) in StyleRole.allCases.enumerated() {
            let style = styles[role] ?? TextStyle()
            var attributes = gw_normal()
            if style.bold { attributes |= gw_bold() }
            if style.underline { attributes |= gw_underline() }
            if style.reverse { attributes |= gw_reverse() }
            if style.dim { attributes |= gw_dim() }
            var pair: Int16 = 0
            if hasColors {
                pair = Int16(index + 1)
                if init_pair(pair, Self.curses(style.foreground), Self.curses(style.background)) != OK { pair = 0 }
            }
            pairs[role] = (attributes, pair)
        }
    }

    /// Shows `buffer`. Curses keeps what the terminal shows and sends only the difference.
    public func draw(_ buffer: Buffer) {
        werase(gw_stdscr())
        for y in 0..<buffer.height {
            var run: [wchar_t] = []
            var runStart = 0
            var runRole: StyleRole?
            var column = 0
            func flush() {
                guard let role = runRole, !run.isEmpty else { return }
                let style = pairs[role] ?? (gw_normal(), 0)
                gw_draw(Int32(y), Int32(runStart), run, Int32(run.count), style.attributes, style.pair)
                run.removeAll(keepingCapacity: true)
            }
            for cell in buffer.row(y) {
                defer { column += 1 }
                if cell.isContinuation { continue }
                if cell.role != runRole {
                    flush()
                    runRole = cell.role
                    runStart = column
                }
                // A grapheme of several scalars (emoji sequences) may measure differently in curses:
                // give it a run of its own, so everything after it starts at its own column.
                let scalars = cell.text.unicodeScalars
                if scalars.count > 1 {
                    flush()
                    runStart = column
                }
                run.append(contentsOf: scalars.map { wchar_t(bitPattern: $0.value) })
                if scalars.count > 1 {
                    flush()
                    runStart = column + 1
                }
            }
            flush()
        }
        wrefresh(gw_stdscr())
    }

    /// What one read from the keyboard gave.
    public enum Input: Equatable {
        case key(Key)
        /// A key the dashboard has no use for (Insert, Ctrl-arrows, Alt combinations).
        case ignored
        /// Input has gone away: the terminal closed.
        case endOfInput
        /// No key came within the time asked for.
        case timedOut
    }

    /// Waits for the next key, blocking without using the processor; with `milliseconds`, waits
    /// no longer than that.
    public func readKey(milliseconds: Int32? = nil) -> Input {
        var code: wint_t = 0
        if let milliseconds { wtimeout(gw_stdscr(), milliseconds) }
        // A timeout leaves errno alone: clear it so an old EINTR is not mistaken for a signal.
        errno = 0
        let result = gw_get_wch(&code)
        if milliseconds != nil {
            wtimeout(gw_stdscr(), -1)
            if result == ERR && errno != EINTR && isatty(STDIN_FILENO) == 1 { return .timedOut }
        }
        if result == KEY_CODE_YES { return Self.functionKey(Int32(code)).map(Input.key) ?? .ignored }
        guard result == OK else { return errno == EINTR ? .ignored : .endOfInput }
        guard let scalar = Unicode.Scalar(UInt32(code)) else { return .ignored }
        switch scalar.value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27:
            // Alt+key arrives as Esc and the key at once; a lone Esc has nothing behind it.
            wtimeout(gw_stdscr(), 0)
            var next: wint_t = 0
            let following = gw_get_wch(&next)
            wtimeout(gw_stdscr(), -1)
            switch following {
            case ERR:
                return .key(.escape)
            case KEY_CODE_YES:
                ungetch(Int32(next))
                return .key(.escape)
            default:
                // Esc twice in a row is two Escs; Esc with a character is Alt and means nothing here.
                if next == 27 {
                    unget_wch(wchar_t(bitPattern: UInt32(next)))
                    return .key(.escape)
                }
                return .ignored
            }
        default: return .key(Self.key(for: scalar))
        }
    }

    static func key(for scalar: Unicode.Scalar) -> Key {
        switch scalar.value {
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(scalar.value + 96) ?? "?"))
        default: return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func curses(_ color: TerminalColor) -> Int16 {
        switch color {
        case .default: return -1
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }

    /// A fatal signal must not leave the terminal in raw mode: restore it, then die as the signal asks.
    static func installSignalHandlers() {
        for signal in [SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGINT, SIGTRAP] {
            Glibc.signal(signal) { received in
                endwin()
                Glibc.signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
