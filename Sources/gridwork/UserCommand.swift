import ArgumentParser
import Foundation
import GridModel
import GridStore

/// `gridwork user add|list|passwd|disable|enable`: accounts, for the community admin.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts (admins; anyone may change their own passphrase).",
        subcommands: [List.self, Add.self, Passwd.self, Disable.self, Enable.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts with their worker, role, grids and state.")
        @OptionGroup var options: LoginOptions

        func run() throws {
            let (store, _) = try options.openStoreLoggedIn()
            let language = options.language
            let accounts: [Account]
            do { accounts = try store.accounts() } catch { throw failure(error.message(in: language)) }
            var table = TextTable()
            table.add(LocalizedText(zh: "账号", en: "login")(language), LocalizedText(zh: "工作人员", en: "worker")(language),
                      LocalizedText(zh: "角色", en: "role")(language), LocalizedText(zh: "网格", en: "grids")(language),
                      LocalizedText(zh: "状态", en: "state")(language))
            let now = Date()
            for account in accounts {
                let worker = store.workers.first { $0.id == account.workerID }
                let state = account.disabled ? LocalizedText(zh: "已停用", en: "disabled")
                    : account.isLockedOut(at: now) ? LocalizedText(zh: "已锁定", en: "locked out") : LocalizedText(zh: "可用", en: "active")
                table.add(account.login, account.workerID.rawValue + " " + (worker?.name ?? "?"), worker?.role.name(language) ?? "?",
                          worker?.gridCodes.map(\.rawValue).joined(separator: ",") ?? "", state(language))
            }
            print(table.rendered())
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account for a worker on file (--worker), or for a new worker (--name, --role, --grids).",
            discussion: "The new passphrase comes from $GRIDWORK_NEW_PASSPHRASE or is typed twice."
        )
        @OptionGroup var options: LoginOptions
        @Argument(help: "The new login: 2 to 32 of a-z, 0-9, '.', '-', '_'.") var login: String
        @Option(help: "The worker on file this account is for, by id.") var worker: String?
        @Option(help: "A new worker's name.") var name: String?
        @Option(help: "A new worker's role: gridWorker, admin or supervisor.") var role: WorkerRole = .gridWorker
        @Option(help: "A new worker's grids, by code, separated by commas.") var grids: String = ""

        func run() throws {
            let (store, session) = try options.openStoreLoggedIn()
            let language = options.language
            guard let session else { throw failure(AccountError.notSetUp(path: store.folder).message(in: language)) }
            if worker == nil && (name ?? "").isEmpty {
                throw failure(LocalizedText(zh: "请给出 --worker（名单上的工作人员）或 --name（新工作人员）。",
                                            en: "give --worker (a worker on file) or --name (a new worker).")(language))
            }
            let codes = grids.split(separator: ",").map { GridCode(String($0).trimmingCharacters(in: .whitespaces)) }
            if worker != nil && !codes.isEmpty {
                throw failure(LocalizedText(zh: "--grids 只用于新工作人员（与 --name 一起）；要让名单上的工作人员负责某网格，请用 gridwork grid edit 编码 --worker 编号。",
                                            en: "--grids is for a new worker (with --name); to give a worker on file a grid, use gridwork grid edit CODE --worker ID.")(language))
            }
            // Grids that do not exist are refused before the passphrase is asked for (the store refuses them too).
            let missing = codes.enumerated().compactMap { index, code in
                code.isWellFormed ? nil : RuleViolation(FieldPath("gridCodes").appending(index: index), .gridCodeFormat)
            } + GridPlacement.violations(ofGridCodes: codes, added: Set(codes), onFile: Set(store.grids.map(\.code)).contains)
            if !missing.isEmpty { throw failure(StoreError.invalid(kind: .worker, violations: missing).message(in: language)) }
            guard let passphrase = PassphraseReader.readNew(
                prompt: LocalizedText(zh: "\(login) 的新口令：", en: "New passphrase for \(login): ")(language),
                again: LocalizedText(zh: "再输入一次：", en: "Again: ")(language), variable: "GRIDWORK_NEW_PASSPHRASE") else {
                throw failure(LocalizedText(zh: "没有读到新口令，或两次输入不一致。", en: "no new passphrase was given, or the two did not match.")(language))
            }
            do {
                if let worker {
                    try store.addAccount(login: login, for: RecordID(worker), passphrase: passphrase)
                } else {
                    // A new worker and their account are one change: never a worker left without one.
                    let added = Worker(meta: RecordMeta(id: RecordID("W-" + login), createdBy: session.workerID, createdAt: Date()),
                                       name: name ?? "", role: role, gridCodes: codes, phone: nil)
                    try store.addWorker(added, login: login, passphrase: passphrase)
                }
            } catch {
                throw failure(error.message(in: language))
            }
            print(LocalizedText(zh: "已新增账号 \(login)。", en: "Added account \(login).")(language))
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new passphrase: your own, or (for an admin) anyone's.",
            discussion: "The new passphrase comes from $GRIDWORK_NEW_PASSPHRASE or is typed twice."
        )
        @OptionGroup var options: LoginOptions
        @Argument(help: "The account (default: the one logged in).") var login: String?

        func run() throws {
            let (store, session) = try options.openStoreLoggedIn()
            let language = options.language
            guard let session else { throw failure(AccountError.notSetUp(path: store.folder).message(in: language)) }
            let target = login ?? session.login
            guard let passphrase = PassphraseReader.readNew(
                prompt: LocalizedText(zh: "\(target) 的新口令：", en: "New passphrase for \(target): ")(language),
                again: LocalizedText(zh: "再输入一次：", en: "Again: ")(language), variable: "GRIDWORK_NEW_PASSPHRASE") else {
                throw failure(LocalizedText(zh: "没有读到新口令，或两次输入不一致。", en: "no new passphrase was given, or the two did not match.")(language))
            }
            do { try store.changePassphrase(login: target, to: passphrase) } catch {
                throw failure(error.message(in: language))
            }
            print(LocalizedText(zh: "\(target) 的口令已更改。", en: "Changed the passphrase of \(target).")(language))
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer log in.")
        @OptionGroup var options: LoginOptions
        @Argument(help: "The account.") var login: String

        func run() throws { try UserCommand.setDisabled(true, login: login, options: options) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable an account again, also lifting a lockout after wrong passphrases.")
        @OptionGroup var options: LoginOptions
        @Argument(help: "The account.") var login: String

        func run() throws { try UserCommand.setDisabled(false, login: login, options: options) }
    }

    static func setDisabled(_ disabled: Bool, login: String, options: LoginOptions) throws {
        let (store, session) = try options.openStoreLoggedIn()
        let language = options.language
        guard session != nil else { throw failure(AccountError.notSetUp(path: store.folder).message(in: language)) }
        do { try store.setAccount(login, disabled: disabled) } catch { throw failure(error.message(in: language)) }
        print(disabled ? LocalizedText(zh: "账号 \(login) 已停用。", en: "Disabled account \(login).")(language)
                       : LocalizedText(zh: "账号 \(login) 已启用。", en: "Enabled account \(login).")(language))
    }
}

extension WorkerRole: ExpressibleByArgument {}
