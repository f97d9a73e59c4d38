import ArgumentParser
import Foundation
import GridModel
import GridStore

/// `gridwork audit verify|show`: checks the hash chain and the signatures, and prints entries.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit trail (verify) or print it (show).",
        subcommands: [Verify.self, Show.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every entry of the audit trail, the chain between them and their signatures (no login needed); name each edited, removed, reordered or wrongly signed entry. Exit status 1 if any."
        )
        @OptionGroup var options: CommonOptions
        @Option(help: "A head witnessed outside the folder (an entry's hash, as a monthly report prints it, or its first 16 digits or more): the trail must still hold that entry.")
        var head: String?

        func validate() throws {
            if let head, head.count < 16 || head.count > 64 || !head.allSatisfy(\.isHexDigit) {
                throw ValidationError(LocalizedText(zh: "--head 应是 16 到 64 位十六进制摘要", en: "--head takes a hash of 16 to 64 hexadecimal digits")(options.language))
            }
        }

        func run() throws {
            let language = options.language
            let folder = options.dataFolder
            guard FileManager.default.fileExists(atPath: folder + "/gridwork.json") else { throw failure(options.text.noData(folder)) }
            let report = AuditTrail(dataFolder: folder).verify(witnessedHead: head)
            for finding in report.findings { print("audit/trail.jsonl: " + finding.message(in: language)) }
            if !report.isIntact {
                throw failure(LocalizedText(zh: "审计记录有 \(report.findings.count) 处问题。", en: "the audit trail has \(report.findings.count) problem\(report.findings.count == 1 ? "" : "s").")(language))
            }
            print(LocalizedText(zh: "审计记录完好：\(report.entries) 条，环环相扣。", en: "The audit trail is intact: \(report.entries) entries, each chained to the one before.")(language))
            print(LocalizedText(zh: "其中 \(report.signed) 条有签名且签名相符；\(report.unsignedWithoutPassphrase) 条无口令可签（登录失败、账号锁定）；\(report.unsignedBeforeSigning) 条未签名（签名开始之前）。",
                                en: "\(report.signed) signed, each signature checked; \(report.unsignedWithoutPassphrase) unsigned with no passphrase to sign them (failed logins, lockouts); \(report.unsignedBeforeSigning) unsigned (before signing began).")(language))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the audit trail, or one record's history.")
        @OptionGroup var options: LoginOptions
        @Option(help: "Only the entries about this record id.") var record: String?
        @Option(help: "Only the last N entries.") var last: Int?

        func run() throws {
            let (store, _) = try options.openStoreLoggedIn()
            var entries = record.map { store.audit.history(of: $0) } ?? store.audit.allEntries()
            if let last { entries = Array(entries.suffix(max(0, last))) }
            let names = Dictionary(store.workers.map { ($0.id.rawValue, $0.name) }, uniquingKeysWith: { first, _ in first })
            var table = TextTable()
            for entry in entries {
                table.add(String(entry.sequence), Timestamp.format(entry.at), names[entry.actor].map { "\(entry.actor) \($0)" } ?? entry.actor,
                          entry.action.name(options.language), [entry.kind?.name(options.language), entry.record].compactMap { $0 }.joined(separator: " "),
                          entry.fields.joined(separator: ","))
            }
            print(table.rendered())
        }
    }
}
