#if canImport(Glibc)
import Glibc
#endif
import CNcursesw
import TerminalUI

/// The only code that touches curses: it sets the terminal up and restores it, shows a
/// `Buffer`, and turns what `wget_wch` reads into `Key`s.
public final class CursesTerminal {
    public private(set) var hasColors = false
    /// Whether the terminal draws East Asian ambiguous-width characters two columns wide, as it
    /// answered when asked at start; nil when it was not asked or did not answer.
    public private(set) var drawsAmbiguousWide: Bool?
    private var pairs: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
    private var styles: [StyleRole: TextStyle] = [:]
    private var defaultColorsWork = true
    /// Rows where graphemes were written past curses in the last frame (see `draw`).
    private var rowsWrittenDirectly: Set<Int> = []

    /// Takes over the terminal. Call `restore()` before exiting. With `askAmbiguousWidth`, first
    /// finds out how wide the terminal draws ambiguous-width characters (`drawsAmbiguousWide`).
    public init(askAmbiguousWidth: Bool = false) {
        // Wide characters need a UTF-8 locale. When the one asked for is not installed (LANG=zh_CN.UTF-8
        // on a machine with only C.UTF-8), fall back to C.UTF-8 rather than show nothing but ASCII.
        // A GB18030 or GBK locale that exists is kept: its terminal expects that encoding.
        if setlocale(LC_ALL, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) == "ANSI_X3.4-1968" {
            setlocale(LC_ALL, "C.UTF-8")
        }
        if askAmbiguousWidth { drawsAmbiguousWide = Self.askAmbiguousWidth(milliseconds: 200) }
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
            if use_default_colors() != OK {
                assume_default_colors(Int32(COLOR_WHITE), Int32(COLOR_BLACK))
                defaultColorsWork = false
            }
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
        self.styles = styles
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
    /// Graphemes curses would measure differently from the buffer are drawn past it (`RowRun`),
    /// so the next grapheme lands in its column whatever width the terminal gives them.
    public func draw(_ buffer: Buffer) {
        // Curses does not know what was written past it: make it rewrite those rows whole.
        for y in rowsWrittenDirectly where y < Int(gw_lines()) { wredrawln(gw_stdscr(), Int32(y), 1) }
        werase(gw_stdscr())
        var direct: [(x: Int, y: Int, text: String, role: StyleRole)] = []
        for y in 0..<buffer.height {
            for run in RowRun.runs(of: buffer, row: y, backendWidth: Self.cursesWidth) {
                let characters = run.isDirect ? Array(repeating: wchar_t(32), count: run.width)
                    : run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                let style = pairs[run.role] ?? (gw_normal(), 0)
                gw_draw(Int32(y), Int32(run.column), characters, Int32(characters.count), style.attributes, style.pair)
                if run.isDirect { direct.append((run.column, y, run.text, run.role)) }
            }
        }
        wrefresh(gw_stdscr())
        writeDirectly(direct)
        rowsWrittenDirectly = Set(direct.map(\.y))
    }

    /// The columns curses gives `grapheme` drawn as one cell: a spacing character and up to four
    /// that combine with it. nil when curses would split it or cannot show it.
    static func cursesWidth(_ grapheme: String) -> Int? {
        let characters = grapheme.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        guard let first = characters.first, characters.count <= 5 else { return nil }
        let width = gw_wcwidth(first)
        guard width > 0, characters.dropFirst().allSatisfy({ gw_wcwidth($0) == 0 }) else { return nil }
        return Int(width)
    }

    /// Writes each grapheme at its place with its role's attributes, bypassing curses, then puts
    /// the cursor and attributes back where curses believes they are (DECSC/DECRC).
    private func writeDirectly(_ graphemes: [(x: Int, y: Int, text: String, role: StyleRole)]) {
        guard !graphemes.isEmpty else { return }
        var output = Array("\u{1B}7".utf8)
        for grapheme in graphemes {
            guard let encoded = Self.encoded(grapheme.text) else { continue }
            output += Array("\u{1B}[\(grapheme.y + 1);\(grapheme.x + 1)H".utf8)
            output += Array(sgr(styles[grapheme.role] ?? TextStyle()).utf8)
            output += encoded
        }
        output += Array("\u{1B}[0m\u{1B}8".utf8)
        Self.writeAll(output)
    }

    /// The escape sequence that gives text `style`, as curses would show it.
    private func sgr(_ style: TextStyle) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if hasColors {
            let foreground = style.foreground == .default && !defaultColorsWork ? .white : style.foreground
            let background = style.background == .default && !defaultColorsWork ? .black : style.background
            codes.append(foreground == .default ? "39" : String(30 + Int(Self.curses(foreground))))
            codes.append(background == .default ? "49" : String(40 + Int(Self.curses(background))))
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// `text` in the locale's encoding (UTF-8, or GB18030 where that is the locale); nil if it has no form there.
    static func encoded(_ text: String) -> [UInt8]? {
        let characters = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        let length = wcstombs(nil, characters, 0)
        guard length != size_t.max else { return nil }
        var bytes = [CChar](repeating: 0, count: length + 1)
        guard wcstombs(&bytes, characters, length + 1) == length else { return nil }
        return bytes.prefix(length).map { UInt8(bitPattern: $0) }
    }

    private static func writeAll(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Prints an ambiguous-width character at the start of the line, asks where the cursor went
    /// (`ESC [ 6 n`), and rubs the character out again, as Vim does to set 'ambiwidth'. Waits at
    /// most `milliseconds` for the answer, so a terminal that never answers only delays start.
    static func askAmbiguousWidth(milliseconds: Int) -> Bool? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, let probe = encoded("─") else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var quiet = saved
        // The answer must be read as it comes and not be echoed onto the screen.
        quiet.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0 else { return nil }
        defer {
            writeAll(Array("\r\u{1B}[K".utf8))
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
        }
        writeAll(Array("\r".utf8) + probe + Array("\u{1B}[6n".utf8))
        var reply: [UInt8] = []
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        let deadline = Int(clock.tv_sec) * 1000 + Int(clock.tv_nsec) / 1_000_000 + milliseconds
        while true {
            clock_gettime(CLOCK_MONOTONIC, &clock)
            let left = deadline - (Int(clock.tv_sec) * 1000 + Int(clock.tv_nsec) / 1_000_000)
            guard left > 0 else { break }
            var waiting = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&waiting, 1, Int32(left))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            var chunk = [UInt8](repeating: 0, count: 64)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            reply += chunk.prefix(count)
            if let report = CursorPositionReport.parse(reply) { return report.ambiguousIsWide }
        }
        return nil
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
                // A control sequence curses does not know, such as a late answer to the ambiguous-width
                // question (ESC [ 12 ; 3 R): drop all of it rather than type its digits into a field.
                if next == wint_t(UInt8(ascii: "[")) { Self.skipControlSequence() }
                return .ignored
            }
        default: return .key(Self.key(for: scalar))
        }
    }

    /// Reads what is already waiting of a control sequence's parameters, up to its final byte.
    private static func skipControlSequence() {
        wtimeout(gw_stdscr(), 0)
        defer { wtimeout(gw_stdscr(), -1) }
        var next: wint_t = 0
        while gw_get_wch(&next) == OK, (0x20...0x3F).contains(next) {}
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
