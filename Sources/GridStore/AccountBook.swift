#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation
import Synchronization
import GridModel

/// `accounts.json`: the community key's salt and check, and every account. Read and written
/// whole, under the folder's lock, so that failed tries counted by two copies of the program add up.
struct AccountBook: Codable, Sendable {
    struct CommunityKey: Codable, Hashable, Sendable {
        let salt: String
        let cost: PassphraseHash.Cost
        /// A known text sealed under the data key: tells the right community passphrase or key.
        let check: String
    }

    var schema = 1
    var community: CommunityKey
    var accounts: [Account]

    static let checkText = "gridwork community key"

    static func path(_ folder: String) -> String { folder + "/" + StoreLayout.accounts }

    /// The bytes last decoded and what they held, for any folder: equal bytes are an equal book.
    private static let lastRead = Mutex<(data: Data, book: AccountBook)?>(nil)

    static func read(_ folder: String) throws(AccountError) -> AccountBook {
        let path = path(folder)
        // Missing means not set up; anything else is said as the disk said it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { throw .notSetUp(path: folder) }
            throw .store(.io(.read, path: path, code: errno))
        }
        defer { close(descriptor) }
        var info = stat()
        let known = fstat(descriptor, &info) == 0
        if known, info.st_mode & S_IFMT == S_IFDIR { throw .store(.io(.read, path: path, code: EISDIR)) }
        let data: Data
        do { data = try DurableFile.readAll(descriptor, path: path, sizeHint: known ? Int(info.st_size) : 0) } catch { throw .store(error) }
        // The book is read before every write (a disabled account stops at once): the same bytes
        // as last time are not decoded again.
        if let known = lastRead.withLock({ $0 }), known.data == data { return known.book }
        do throws(StoreError) {
            let book = try ShardReader.decodeStrictly(AccountBook.self, from: data, path: path)
            // A book of another version is not guessed at: its logins would be read wrong.
            if book.schema < 1 || book.schema > StoreLayout.schemaVersion {
                throw .fileHasProblems(StoreProblem(path: path, position: JSONLocator(data: data).position(of: [PathKey("schema")]), message: LocalizedText(
                    zh: "格式版本 \(book.schema) 无法读取", en: "schema \(book.schema) cannot be read")))
            }
            lastRead.withLock { $0 = (data, book) }
            return book
        } catch {
            throw .store(error)
        }
    }

    /// The book's bytes as they go to `accounts.json`.
    func encoded(for folder: String) throws(StoreError) -> Data {
        guard var data = try? RecordCoding.encoder().encode(self) else { throw .io(.write, path: Self.path(folder), code: EINVAL) }
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Refuses a key that does not open this folder's check value.
    static func checkKey(_ key: PersonalDataKey, folder: String) throws(StoreError) {
        let book: AccountBook
        do { book = try read(folder) } catch {
            if case .store(let inner) = error { throw inner }
            throw .needsLogin(path: folder)
        }
        guard key.open(book.community.check) == checkText else {
            throw .personalData(LocalizedText(zh: "\(folder)：密钥与此社区不符", en: "\(folder): the key does not belong to this community"))
        }
    }

    func index(of login: String) throws(AccountError) -> Int {
        guard let index = accounts.firstIndex(where: { $0.login == login }) else { throw .unknownLogin(login) }
        return index
    }

    /// A new account for `worker`, holding the data key and `signer` (a new one when nil) wrapped
    /// under `passphrase`, and the signer.
    static func account(login: String, worker: RecordID, passphrase: String, key: PersonalDataKey, signer: AuditSigner? = nil,
                        at instant: Date) throws(AccountError) -> (account: Account, signer: AuditSigner) {
        guard Account.isValidLogin(login) else { throw .badLogin(login) }
        guard passphrase.count >= Account.minimumPassphraseLength else { throw .weakPassphrase(minimum: Account.minimumPassphraseLength) }
        let (hash, wrapping) = try PassphraseHash.make(passphrase)
        let signer = signer ?? AuditSigner.generate(for: worker)
        let account = Account(login: login, workerID: worker, passphrase: hash, wrappedKey: try wrap(key, under: wrapping),
                              signingKey: try signer.wrapped(under: wrapping),
                              disabled: false, failedTries: 0, lockedUntil: nil, createdAt: Timestamp.wholeSeconds(instant))
        return (account, signer)
    }

    static func wrap(_ key: PersonalDataKey, under wrapping: SymmetricKey) throws(AccountError) -> String {
        do { return try PersonalDataKey(wrapping).seal(key.rawBytes).base64EncodedString() } catch { throw .store(error) }
    }

    static func unwrap(_ wrapped: String, under wrapping: SymmetricKey) throws(AccountError) -> PersonalDataKey {
        guard let data = Data(base64Encoded: wrapped), let raw = PersonalDataKey(wrapping).open(data), raw.count == 32 else {
            throw .damaged(LocalizedText(zh: "账号的密钥无法解开", en: "an account's key cannot be unwrapped"))
        }
        return PersonalDataKey(SymmetricKey(data: raw))
    }
}
