import Foundation
import GridModel

/// Accounts: setting up a community, logging in, and the admin's account changes. Every step
/// that changes `accounts.json` holds the folder's lock and is written to the audit trail.
extension Store {
    /// True when the folder's community is set up: its personal data is sealed and it needs a login.
    public static func isSecured(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: AccountBook.path(folder))
    }

    /// Checks `passphrase` for `login` and returns the session with the community key. A wrong
    /// passphrase is counted on disk; the fifth in a row locks the account for `Account.lockout`.
    ///
    /// A guesser learns nothing beyond "no": a login no account has costs the same scrypt, writes
    /// the same files and gets the same answer as a wrong passphrase (both audited), so does any
    /// try on a locked account, a disabled account says so only to the right passphrase, and a login whose outcome cannot be written
    /// to the audit trail is refused with one message whether the passphrase was right or not.
    public static func logIn(folder: String, login: String, passphrase: String, at instant: Date = Date()) throws(AccountError) -> Session {
        return try underLock(folder) { () throws(AccountError) -> Session in
            var book = try AccountBook.read(folder)
            guard let index = book.accounts.firstIndex(where: { $0.login == login }) else {
                // As long as a wrong passphrase takes, and audited without what was typed (it may
                // be a passphrase typed into the wrong field).
                _ = try? PassphraseHash.decoy(cost: book.accounts.first?.passphrase.cost ?? .standard).check(passphrase)
                try recordLogin(book, [AuditTrail.Event(.loginFailed)], actor: unknownActor, at: instant, in: folder)
                throw .wrongPassphrase(login: login, triesLeft: Account.allowedFailures)
            }
            var account = book.accounts[index]
            if account.isLockedOut(at: instant) {
                // Checked all the same, for the time it takes, but whatever was typed the answer is
                // the one a wrong passphrase gets: a guesser must learn neither that the account
                // exists nor that a guess made during the lockout was right.
                _ = try? account.passphrase.check(passphrase)
                try recordLogin(nil, [AuditTrail.Event(.loginFailed, fields: [login])], actor: account.workerID.rawValue, at: instant, in: folder)
                throw .wrongPassphrase(login: login, triesLeft: 0)
            }
            guard let wrapping = try account.passphrase.check(passphrase) else {
                account.failedTries += 1
                var events = [AuditTrail.Event(.loginFailed, fields: [login])]
                let failure: AccountError
                if account.failedTries >= Account.allowedFailures {
                    let until = Timestamp.wholeSeconds(instant) + Account.lockout
                    account.failedTries = 0
                    account.lockedUntil = until
                    events.append(AuditTrail.Event(.lockedOut, fields: [login]))
                    // Told as any wrong passphrase: only accounts that exist can be locked.
                    failure = .wrongPassphrase(login: login, triesLeft: 0)
                } else {
                    failure = .wrongPassphrase(login: login, triesLeft: Account.allowedFailures - account.failedTries)
                }
                book.accounts[index] = account
                try recordLogin(book, events, actor: account.workerID.rawValue, at: instant, in: folder)
                throw failure
            }
            if account.disabled { throw .disabled(login: login) }
            let key = try AccountBook.unwrap(account.wrappedKey, under: wrapping)
            // Someone who has left (marked inactive, or taken off the list) no longer logs in.
            switch ShardReader(folder: folder, context: .reading, key: key).read(Worker.self, StoreLayout.workers) {
            case .failure(let problems):
                throw .store(.fileHasProblems(problems.all.first ?? ShardReader.ioProblem(folder + "/" + StoreLayout.workers, EIO)))
            case .success(let staff):
                guard staff.records.contains(where: { $0.id == account.workerID && $0.active }) else { throw .disabled(login: login) }
            }
            var changed = account.failedTries != 0 || account.lockedUntil != nil
            account.failedTries = 0
            account.lockedUntil = nil
            var events = [AuditTrail.Event(.login, fields: [login])]
            var keys: AuditKeys?
            let signer: AuditSigner
            if let wrapped = account.signingKey {
                signer = try AuditSigner.unwrap(wrapped, under: wrapping, for: account.workerID)
            } else {
                // An account from before signing began gets its key now, the one time its passphrase is at hand.
                signer = AuditSigner.generate(for: account.workerID)
                account.signingKey = try signer.wrapped(under: wrapping)
                do throws(StoreError) { keys = try AuditKeys.read(folder).adding(signer, login: login, at: instant) } catch { throw .store(error) }
                events.insert(.newKey(signer), at: 0)
                changed = true
            }
            if changed { book.accounts[index] = account }
            try recordLogin(changed ? book : nil, events, actor: account.workerID.rawValue, signer: signer, keys: keys, at: instant, in: folder)
            return Session(login: login, workerID: account.workerID, key: key, signer: signer)
        }
    }

    /// Who a failed login by a name no account has is recorded as.
    static let unknownActor = "-"

    /// `commit` for a login's outcome: one that cannot be written refuses the login, in the same
    /// words whatever the outcome was. Written but not confirmed by the disk, it stands.
    private static func recordLogin(_ book: AccountBook?, _ events: [AuditTrail.Event], actor: String, signer: AuditSigner? = nil,
                                    keys: AuditKeys? = nil, at instant: Date, in folder: String) throws(AccountError) {
        do {
            try commit(book, events, actor: actor, signer: signer, keys: keys, at: instant, in: folder)
        } catch {
            if case .store(.notConfirmed) = error { return }
            throw .loginNotRecorded
        }
    }

    /// Sets up the community: derives the data key from `communityPassphrase`, adds `admin` to the
    /// workers (or makes sure the worker on file is an admin), creates the admin's account, and
    /// seals every ID and phone number already on file.
    public func setUpCommunity(communityPassphrase: String, admin: Worker, login: String, passphrase: String,
                               at instant: Date = Date()) throws(AccountError) -> Session {
        if Self.isSecured(folder) { throw .alreadySetUp(path: folder) }
        guard communityPassphrase.count >= Account.minimumPassphraseLength else { throw .weakPassphrase(minimum: Account.minimumPassphraseLength) }
        if let existing = workers.first(where: { $0.id == admin.id }), existing.role != .admin {
            throw .refused(.adminOnly(worker: existing.name, what: LocalizedText(zh: "账号", en: "accounts")))
        }
        var salt = Data(count: 16)
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255) }
        let cost = PassphraseHash.Cost.standard
        let key = try PersonalDataKey.derive(fromCommunityPassphrase: communityPassphrase, salt: salt, cost: cost)
        let (account, signer) = try AccountBook.account(login: login, worker: admin.id, passphrase: passphrase, key: key, at: instant)
        let check: String
        do { check = try key.seal(AccountBook.checkText) } catch { throw .store(error) }
        let book = AccountBook(community: AccountBook.CommunityKey(salt: salt.base64EncodedString(), cost: cost, check: check), accounts: [account])
        let session = Session(login: login, workerID: admin.id, key: key, signer: signer)
        // The one place a writer is named rather than logged in: the first admin, who writes from here on.
        adopt(key, session: session)
        // One change: the admin's key first, so that every entry of the community is signed.
        var alreadySetUp = false
        do {
            try holdingLock { () throws(StoreError) in
                if Self.isSecured(folder) {
                    alreadySetUp = true
                    return
                }
                var change = PendingChange(actor: admin.id, instant: instant, keep: false)
                change.events = [.newKey(signer)]
                if !workers.contains(where: { $0.id == admin.id }) { try stageNew([admin], checkingAccess: false, into: &change) }
                change.book = book
                change.publicKeys = try AuditKeys.read(folder).adding(signer, login: login, at: instant)
                change.events += [AuditTrail.Event(.setUp), AuditTrail.Event(.accountAdded, kind: .worker, record: admin.id.rawValue, fields: [login])]
                try apply(change)
            }
        } catch {
            throw .store(error)
        }
        if alreadySetUp { throw .alreadySetUp(path: folder) }
        do { try sealPlainPersonalData(everyFile: true, at: instant) } catch { throw .store(error) }
        return session
    }

    /// Every account, in the order they were added.
    public func accounts() throws(AccountError) -> [Account] { try AccountBook.read(folder).accounts }

    /// Adds a login for a worker on file. Admins only.
    public func addAccount(login: String, for worker: RecordID, passphrase: String, at instant: Date = Date()) throws(AccountError) {
        let actor = try plannedWriter()
        try checkAccountAccess(actor)
        guard let key else { throw .notSetUp(path: folder) }
        guard workers.contains(where: { $0.id == worker }) else { throw .unknownWorker(worker) }
        let (account, signer) = try AccountBook.account(login: login, worker: worker, passphrase: passphrase, key: key, at: instant)
        try changeBook(at: instant, events: [AuditTrail.Event(.accountAdded, kind: .worker, record: worker.rawValue, fields: [login]), .newKey(signer)],
                       adding: (signer: signer, login: login)) { book throws(AccountError) in
            if book.accounts.contains(where: { $0.login == login }) { throw .loginTaken(login) }
            book.accounts.append(account)
        }
    }

    /// A new worker and the account they log in with, as one change (see `Journal`): the worker,
    /// the account and both audit entries land together or not at all. Admins only.
    public func addWorker(_ worker: Worker, login: String, passphrase: String, at instant: Date = Date()) throws(AccountError) {
        try checkAccountAccess(try plannedWriter())
        guard let key else { throw .notSetUp(path: folder) }
        // scrypt takes a moment: before the folder is locked.
        let (account, signer) = try AccountBook.account(login: login, worker: worker.id, passphrase: passphrase, key: key, at: instant)
        try Self.underLock(folder) { () throws(AccountError) in
            var change = PendingChange(actor: try checkedWriter(), instant: instant)
            var book = try AccountBook.read(folder)
            if book.accounts.contains(where: { $0.login == login }) { throw .loginTaken(login) }
            book.accounts.append(account)
            do throws(StoreError) {
                _ = try prepareSave(worker, into: &change)
                // The worker must be new: one on file gets an account with `addAccount`.
                guard change.events.count == 1, change.events.first?.action == .create else {
                    throw .invalid(kind: .worker, violations: [RuleViolation(FieldPath([.key("meta"), .key("id")]), .duplicate)])
                }
                change.book = book
                change.publicKeys = try AuditKeys.read(folder).adding(signer, login: login, at: instant)
                change.events += [AuditTrail.Event(.accountAdded, kind: .worker, record: worker.id.rawValue, fields: [login]), .newKey(signer)]
                try apply(change)
            } catch {
                throw .store(error)
            }
        }
    }

    /// Sets a new passphrase: one's own, or anyone's for an admin (who then tells them in person).
    public func changePassphrase(login: String, to passphrase: String, at instant: Date = Date()) throws(AccountError) {
        let actor = try plannedWriter()
        guard let key else { throw .notSetUp(path: folder) }
        let book = try AccountBook.read(folder)
        let target = book.accounts[try book.index(of: login)]
        if target.workerID != actor { try checkAccountAccess(actor) }
        // One's own key is wrapped again under the new passphrase. Anyone else's cannot be (their
        // old passphrase is not known): they get a new key, brought in by the admin's signature,
        // and the old public key stays so that what it signed still verifies.
        let own = target.workerID == actor && signer?.worker == actor && signer?.keyID == target.signingKey?.id
        let (replacement, newSigner) = try AccountBook.account(login: login, worker: target.workerID, passphrase: passphrase, key: key,
                                                               signer: own ? signer : nil, at: target.createdAt)
        let event = AuditTrail.Event(.passphraseChanged, kind: .worker, record: target.workerID.rawValue, fields: [login])
        try changeBook(at: instant, events: own ? [event] : [event, .newKey(newSigner)], adding: own ? nil : (signer: newSigner, login: login)) { book throws(AccountError) in
            let index = try book.index(of: login)
            book.accounts[index].passphrase = replacement.passphrase
            book.accounts[index].wrappedKey = replacement.wrappedKey
            book.accounts[index].signingKey = replacement.signingKey
            book.accounts[index].failedTries = 0
            book.accounts[index].lockedUntil = nil
        }
    }

    /// Disables or enables an account (enabling also lifts a lockout). Admins only; the last
    /// enabled admin stays enabled.
    public func setAccount(_ login: String, disabled: Bool, at instant: Date = Date()) throws(AccountError) {
        try checkAccountAccess(try plannedWriter())
        let admins = Set(workers.filter { $0.role == .admin && $0.active }.map(\.id))
        try changeBook(at: instant, events: [AuditTrail.Event(disabled ? .accountDisabled : .accountEnabled, fields: [login])]) { book throws(AccountError) in
            let index = try book.index(of: login)
            if disabled, admins.contains(book.accounts[index].workerID),
               !book.accounts.contains(where: { $0.login != login && !$0.disabled && admins.contains($0.workerID) }) {
                throw .lastAdmin
            }
            book.accounts[index].disabled = disabled
            if !disabled {
                book.accounts[index].failedTries = 0
                book.accounts[index].lockedUntil = nil
            }
        }
    }

    private func checkAccountAccess(_ actor: RecordID) throws(AccountError) {
        if let refusal = AccessPolicy.refusalToManageAccounts(for: workers.first { $0.id == actor }) { throw .refused(refusal) }
    }

    /// The worker this store writes as, for the checks made before the lock is taken; the
    /// writer is checked again on disk under the lock (`checkedWriter`).
    private func plannedWriter() throws(AccountError) -> RecordID {
        guard let worker = writerID else { throw .store(.readOnly(path: folder)) }
        return worker
    }

    /// `checkWriter` as an account error: a disabled session is refused as such.
    private func checkedWriter() throws(AccountError) -> RecordID {
        do { return try checkWriter() } catch {
            if case .refused(let refusal) = error { throw .refused(refusal) }
            throw .store(error)
        }
    }

    /// Changes the account book under the lock, with `events`; `adding` a signing key puts its
    /// public key in `audit/keys.json` in the same change.
    private func changeBook(at instant: Date, events: [AuditTrail.Event], adding: (signer: AuditSigner, login: String)? = nil,
                            _ change: (inout AccountBook) throws(AccountError) -> Void) throws(AccountError) {
        try Self.underLock(folder) { () throws(AccountError) in
            let actor = try checkedWriter()
            var book = try AccountBook.read(folder)
            try change(&book)
            var pending = PendingChange(actor: actor, instant: instant)
            pending.book = book
            pending.events = events
            if let adding {
                do throws(StoreError) { pending.publicKeys = try AuditKeys.read(folder).adding(adding.signer, login: adding.login, at: instant) } catch { throw .store(error) }
            }
            do throws(StoreError) { try apply(pending) } catch { throw .store(error) }
        }
    }

    /// Writes the account book (when given) and appends `events` to the audit trail as one change
    /// (see `Journal`): a count of wrong passphrases is never kept without its audit entry, nor
    /// the other way round. The caller holds the folder's lock.
    static func commit(_ book: AccountBook?, _ events: [AuditTrail.Event], actor: String, signer: AuditSigner?, keys: AuditKeys?,
                       at instant: Date, in folder: String) throws(AccountError) {
        let trail = AuditTrail(dataFolder: folder)
        do throws(StoreError) {
            let entries = try trail.prepare(events, actor: actor, at: instant, signer: signer)
            var files = FileChange()
            if let book { files.replace(StoreLayout.accounts, with: try book.encoded(for: folder)) }
            if let keys { files.replace(StoreLayout.auditKeys, with: try keys.encoded(for: folder)) }
            try trail.stage(entries, into: &files)
            try Journal.commit(files, in: folder)?.wait()
        } catch {
            throw .store(error)
        }
    }

    /// Runs `body` holding the folder's lock.
    static func underLock<T>(_ folder: String, _ body: () throws(AccountError) -> T) throws(AccountError) -> T {
        var outcome: Result<T, AccountError>?
        do {
            try StoreLock(path: folder + "/" + StoreLayout.lock).withExclusiveLock { () throws(StoreError) in
                outcome = Result { () throws(AccountError) -> T in try body() }
            }
        } catch {
            throw .store(error)
        }
        guard let outcome else { throw .store(.io(.lock, path: folder + "/" + StoreLayout.lock, code: EIO)) }
        return try outcome.get()
    }
}

extension Store {
    /// The community's name from the manifest, for the login screen before the folder is opened.
    public static func manifestName(_ folder: String) throws(StoreError) -> String {
        try readManifest(folder + "/" + StoreLayout.manifest).name
    }
}
