import Foundation
import GridModel
import GridStore
import TerminalUI

/// `:users`: the community's accounts, for the admin, over the screen.
public struct AccountsPanel: Hashable, Sendable {
    public let lines: [String]
    public var offset = 0

    public init(accounts: [Account], workers: [RecordID: Worker], language: Language, now: Date) {
        let strings = UIStrings.forLanguage(language)
        lines = accounts.map { account in
            let worker = workers[account.workerID]
            let state = account.disabled ? strings.accountDisabled : account.isLockedOut(at: now) ? strings.accountLockedOut : strings.accountActive
            return [account.login, worker?.name ?? account.workerID.rawValue, worker?.role.name(language) ?? "",
                    worker?.gridCodes.map(\.rawValue).joined(separator: ",") ?? "", state].joined(separator: "  ")
        }
    }

    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        guard let panel = state.accounts else { return }
        let lines = panel.lines.map { DetailLine($0) } + [DetailLine(""), DetailLine(state.strings.accountCommands, role: .dim)]
        Overlay.draw(into: &buffer, title: state.strings.accountsTitle, lines: lines, offset: panel.offset, maxWidth: 96, glyphs: glyphs)
    }
}

/// A change to an account asked for from the command line (`:user …`).
public enum AccountChange: Hashable, Sendable {
    case add(login: String, worker: RecordID, passphrase: String)
    case passphrase(login: String, passphrase: String)
    case disable(login: String)
    case enable(login: String)
}

/// A new passphrase typed twice, shown as stars, for `:user add` and `:user passwd`.
public struct PassphrasePrompt: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case add(login: String, worker: RecordID)
        case change(login: String)
    }

    public let purpose: Purpose
    public var first = TextField()
    public var second = TextField()
    public var isOnSecond = false
    public var error: String?

    var login: String {
        switch purpose {
        case .add(let login, _), .change(let login): return login
        }
    }

    /// The change to make once both entries agree; nil while typing.
    mutating func reduce(_ key: Key, strings: UIStrings) -> AccountChange? {
        error = nil
        switch key {
        case .tab, .backTab, .up, .down:
            isOnSecond.toggle()
        case .enter:
            guard isOnSecond else {
                isOnSecond = true
                return nil
            }
            guard first.text == second.text else {
                error = strings.passphrasesDiffer
                second = TextField()
                return nil
            }
            guard first.text.count >= Account.minimumPassphraseLength else {
                error = strings.passphraseTooShort
                return nil
            }
            switch purpose {
            case .add(let login, let worker): return .add(login: login, worker: worker, passphrase: first.text)
            case .change(let login): return .passphrase(login: login, passphrase: first.text)
            }
        case .character(let character):
            if isOnSecond { second.insert(String(character)) } else { first.insert(String(character)) }
        case .backspace:
            if isOnSecond { second.backspace() } else { first.backspace() }
        default:
            break
        }
        return nil
    }

    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        guard let prompt = state.passphrasePrompt else { return }
        let strings = state.strings
        let width = min(buffer.width - 4, 60)
        let lines = [(strings.newPassphrase + "  " + String(repeating: "*", count: prompt.first.text.count), !prompt.isOnSecond),
                     (strings.passphraseAgain + "  " + String(repeating: "*", count: prompt.second.text.count), prompt.isOnSecond)]
        let errorLines = prompt.error.map { TextWrap.lines($0, width: max(1, width - 4)) } ?? []
        let rect = Rect(x: (buffer.width - width) / 2, y: max(0, (buffer.height - 6 - errorLines.count) / 2), width: width,
                        height: min(buffer.height, 6 + errorLines.count))
        buffer.fill(rect)
        buffer.box(rect, title: strings.passphraseFor(prompt.login) + "  (Esc)", glyphs: glyphs, role: .borderFocused)
        for (index, line) in lines.enumerated() {
            let x = buffer.write(line.0, x: rect.x + 2, y: rect.y + 1 + index, maxWidth: rect.width - 4, role: line.1 ? .input : .normal)
            if line.1 { buffer.write(glyphs.cursor, x: rect.x + 2 + x, y: rect.y + 1 + index, maxWidth: 1, role: .input) }
        }
        for (index, line) in errorLines.enumerated() {
            buffer.write(line, x: rect.x + 2, y: rect.y + 4 + index, maxWidth: rect.width - 4, role: .danger)
        }
    }
}
