import Foundation
import GridModel
import TerminalUI

/// The login screen: at start, after the idle lock, and to switch user. While it shows, nothing
/// of the data behind it is drawn; an open form waits behind it untouched.
public struct LockScreen: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// The program has just started.
        case start
        /// No key for the idle limit: the worker who was in must type their passphrase again.
        case idle
        /// Someone else takes the keyboard (`L`), or the same worker locks it on leaving.
        case switchUser
    }

    public var reason: Reason
    public var login: TextField
    public var passphrase: TextField
    public var isOnPassphrase: Bool
    /// Why the last try failed, or who the lock is waiting for.
    public var message: String?

    public init(reason: Reason, login: String = "") {
        self.reason = reason
        self.login = TextField(login)
        passphrase = TextField()
        isOnPassphrase = !login.isEmpty
    }
}

/// What the login screen asks the program to do.
public enum LockEffect: Hashable, Sendable {
    case attempt(login: String, passphrase: String)
    case quit
}

public enum LockReducer {
    public static func reduce(_ lock: inout LockScreen, _ key: Key) -> LockEffect? {
        switch key {
        case .control("c"):
            return .quit
        case .tab, .backTab, .up, .down:
            lock.isOnPassphrase.toggle()
        case .enter:
            let login = lock.login.text.trimmingCharacters(in: .whitespaces)
            if login.isEmpty {
                lock.isOnPassphrase = false
                return nil
            }
            if !lock.isOnPassphrase || lock.passphrase.isEmpty {
                lock.isOnPassphrase = true
                return nil
            }
            let passphrase = lock.passphrase.text
            // The passphrase leaves the screen's state as soon as it is tried.
            lock.passphrase = TextField()
            return .attempt(login: login, passphrase: passphrase)
        case .escape:
            // Clears what was typed; with nothing typed, someone else logs in. The lock itself stays.
            if lock.isOnPassphrase && !lock.passphrase.isEmpty {
                lock.passphrase = TextField()
            } else {
                lock.login = TextField()
                lock.passphrase = TextField()
                lock.isOnPassphrase = false
            }
        default:
            if lock.isOnPassphrase { edit(&lock.passphrase, key) } else { edit(&lock.login, key) }
        }
        return nil
    }

    private static func edit(_ field: inout TextField, _ key: Key) {
        switch key {
        case .character(let character): field.insert(String(character))
        case .backspace: field.backspace()
        case .delete: field.delete()
        case .left: field.moveLeft()
        case .right: field.moveRight()
        case .home: field.moveToStart()
        case .end: field.moveToEnd()
        default: break
        }
    }
}

/// Draws the login screen on a blank buffer: the area's name, two fields, the reason and any error.
public enum LockView {
    public static func render(_ lock: LockScreen, areaName: String, language: Language, width: Int, height: Int, glyphs: Glyphs) -> Buffer {
        var buffer = Buffer(width: width, height: height, glyphs: glyphs)
        let strings = UIStrings.forLanguage(language)
        let boxWidth = min(width, 56)
        let reason: (String, StyleRole)
        switch lock.reason {
        case .start: reason = (strings.lockStart, .dim)
        case .idle: reason = (strings.lockIdle, .warning)
        case .switchUser: reason = (strings.lockSwitch, .dim)
        }
        let lines = TextWrap.lines(reason.0, width: max(1, boxWidth - 4)).map { ($0, reason.1) }
        let loginLabel = strings.loginLabel + "  "
        let passphraseLabel = strings.passphraseLabel + "  "
        let labelWidth = max(DisplayWidth.of(loginLabel), DisplayWidth.of(passphraseLabel))
        let fieldWidth = max(1, boxWidth - 4 - labelWidth)
        let shownLogin = lock.login.visible(width: fieldWidth)
        // Stars, one per character typed, never the characters.
        let stars = String(repeating: "*", count: min(lock.passphrase.text.count, fieldWidth - 1))
        let messageLines = lock.message.map { TextWrap.lines($0, width: max(1, boxWidth - 4)) } ?? []
        let boxHeight = min(height, 7 + messageLines.count + lines.count)
        let rect = Rect(x: max(0, (width - boxWidth) / 2), y: max(0, (height - boxHeight) / 2), width: boxWidth, height: boxHeight)
        buffer.box(rect, title: "gridwork  " + areaName, glyphs: glyphs, role: .borderFocused)
        var y = rect.y + 1
        for (text, role) in lines {
            buffer.write(text, x: rect.x + 2, y: y, maxWidth: rect.width - 4, role: role, ellipsis: glyphs.ellipsis)
            y += 1
        }
        y += 1
        let fieldX = rect.x + 2 + labelWidth
        buffer.write(loginLabel, x: rect.x + 2, y: y, role: lock.isOnPassphrase ? .normal : .accent)
        buffer.write(shownLogin.text, x: fieldX, y: y, maxWidth: fieldWidth, role: .input)
        if !lock.isOnPassphrase { buffer.write(glyphs.cursor, x: fieldX + shownLogin.cursorColumn, y: y, maxWidth: 1, role: .input) }
        y += 1
        buffer.write(passphraseLabel, x: rect.x + 2, y: y, role: lock.isOnPassphrase ? .accent : .normal)
        buffer.write(stars, x: fieldX, y: y, maxWidth: fieldWidth, role: .input)
        if lock.isOnPassphrase { buffer.write(glyphs.cursor, x: fieldX + DisplayWidth.of(stars), y: y, maxWidth: 1, role: .input) }
        y += 2
        for line in messageLines {
            buffer.write(line, x: rect.x + 2, y: y, maxWidth: rect.width - 4, role: .danger)
            y += 1
        }
        let keys = lock.isOnPassphrase && !lock.login.isEmpty ? strings.lockKeysSwitch : strings.lockKeys
        buffer.write(keys, x: rect.x + 2, y: min(rect.y + rect.height - 2, max(y, rect.y + rect.height - 2)),
                     maxWidth: rect.width - 4, role: .dim, ellipsis: glyphs.ellipsis)
        return buffer
    }
}
