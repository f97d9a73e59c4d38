import ArgumentParser
import Foundation
import GridModel
import GridStore

/// `gridwork init`: sets up a community's accounts, in a new folder or one that has data but no
/// accounts yet (whose ID and phone numbers are then encrypted).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up a community: its admin account and the community passphrase that encrypts ID and phone numbers.",
        discussion: """
        The community passphrase comes from $GRIDWORK_COMMUNITY_PASSPHRASE or is typed twice; the \
        admin's passphrase from $GRIDWORK_PASSPHRASE or is typed twice. Keep the community passphrase \
        somewhere safe: it is the key to every ID and phone number on file.
        """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "The community's name, for a new folder.")
    var name: String?

    @Option(name: .customLong("area-code"), help: "The community's 12-digit area code, for a new folder.")
    var areaCode: String?

    @Option(name: .customLong("admin-login"), help: "The admin's login: the account to create, or, in a folder already set up, the admin who logs in.")
    var adminLogin = "admin"

    @Option(name: .customLong("admin-name"), help: "The admin's name, when no admin is on the list of workers yet.")
    var adminName = "管理员"

    func run() throws {
        let language = options.language
        let folder = options.dataFolder
        if Store.isSecured(folder) {
            // Set up already: the admin finishes what an interrupted setup or a hand edit left in plain text.
            let (store, _) = try options.openStoreLoggedIn(as: adminLogin)
            _ = store.checkEveryFile()
            let plain = store.filesWithPlainPersonalData.count
            do { try store.sealPlainPersonalData() } catch { throw failure(error.message(in: language)) }
            print(LocalizedText(zh: "账号已设置过；已加密 \(plain) 个含明文号码的文件。", en: "Accounts were set up already; encrypted \(plain) file\(plain == 1 ? "" : "s") that held numbers in plain text.")(language))
            return
        }
        let store: Store
        do {
            if FileManager.default.fileExists(atPath: folder + "/gridwork.json") {
                store = try Store.open(folder)
            } else {
                guard let name, let areaCode else {
                    throw failure(LocalizedText(zh: "新建社区需要 --name 和 --area-code。", en: "a new community needs --name and --area-code.")(language))
                }
                guard Manifest.isCommunityCode(areaCode) else {
                    throw failure(LocalizedText(zh: "--area-code 应为 12 位数字（区 6 位 + 街道 3 位 + 社区 3 位），且最后 3 位不能是 000。",
                                                en: "--area-code takes 12 digits (district 6, street 3, community 3), the last three not 000.")(language))
                }
                store = try Store.create(folder, manifest: Manifest(name: name, areaCode: areaCode))
            }
        } catch let error as StoreError {
            throw failure(error.message(in: language))
        }
        let admin = store.workers.first { $0.role == .admin && $0.active }
            ?? Worker.firstAdmin(named: adminName, at: Date())
        guard let community = PassphraseReader.readNew(
            prompt: LocalizedText(zh: "社区口令（用于加密个人信息）：", en: "Community passphrase (encrypts personal data): ")(language),
            again: LocalizedText(zh: "再输入一次：", en: "Again: ")(language), variable: "GRIDWORK_COMMUNITY_PASSPHRASE"),
              let passphrase = PassphraseReader.readNew(
                prompt: LocalizedText(zh: "管理员 \(adminLogin) 的口令：", en: "Passphrase for the admin, \(adminLogin): ")(language),
                again: LocalizedText(zh: "再输入一次：", en: "Again: ")(language), variable: "GRIDWORK_PASSPHRASE") else {
            throw failure(LocalizedText(zh: "没有读到口令，或两次输入不一致。", en: "no passphrase was given, or the two did not match.")(language))
        }
        do {
            _ = try store.setUpCommunity(communityPassphrase: community, admin: admin, login: adminLogin, passphrase: passphrase)
        } catch {
            throw failure(error.message(in: language))
        }
        print(LocalizedText(zh: "已设置：管理员账号 \(adminLogin)（\(admin.name)）；身份证号和手机号已加密。",
                            en: "Set up: admin account \(adminLogin) (\(admin.name)); ID and phone numbers are encrypted.")(language))
    }
}
