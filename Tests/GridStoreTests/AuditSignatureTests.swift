import Crypto
import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Signed audit trails (issue 15, point 1): each entry signed by its worker's key, the hash and
/// signature over the line's bytes as written. Every forgery below passes `verify` on a trail
/// that is only hash-chained (as before signing): the chain is recomputed consistently each time.
@Suite struct AuditSignatureTests {
    /// The sample community set up, `yi` (grid two's worker) and the admin each changing a
    /// household, and one failed login by a name no account has.
    private static func signedSample(_ folder: TemporaryFolder) throws -> Store {
        let sample = try SampleCommunity(at: folder.path)
        let store = sample.store
        try sample.setUp()
        try store.addAccount(login: "yi", for: SampleCommunity.workerTwo, passphrase: "yi-passphrase")
        let yi = try Store.open(folder.path, session: try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase"))
        for (writer, note) in [(yi, "一"), (store, "二"), (yi, "三"), (store, "四")] {
            var household = try #require(writer.records(Household.self, inGrid: SampleCommunity.gridTwo).first)
            household.notes = note
            _ = try writer.save(household)
        }
        #expect(throws: AccountError.self) { try Store.logIn(folder: folder.path, login: "nobody", passphrase: "whatever-typed") }
        return store
    }

    private static func trailLines(_ folder: TemporaryFolder) throws -> [String] {
        try String(contentsOfFile: folder.path + "/" + StoreLayout.auditTrail, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// What someone with the folder and no passphrase can do: take each line's fields, change
    /// them, number and chain them again, hash each body afresh and keep the signatures (which
    /// they cannot make), then write a head to match.
    private static func forge(_ folder: TemporaryFolder, _ change: ([[String: Any]]) -> [[String: Any]]) throws {
        var entries: [[String: Any]] = []
        for line in try trailLines(folder) {
            entries.append(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }
        var previous = ""
        var lines = Data()
        for (index, original) in change(entries).enumerated() {
            var body = original
            let signature = body.removeValue(forKey: "signature") as? String
            body.removeValue(forKey: "hash")
            body["sequence"] = index + 1
            body["previous"] = previous
            let bytes = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
            let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            var line = String(decoding: bytes.dropLast(), as: UTF8.self) + ",\"hash\":\"\(hash)\""
            if let signature { line += ",\"signature\":\"\(signature)\"" }
            lines.append(Data((line + "}\n").utf8))
            previous = hash
        }
        try lines.write(to: URL(fileURLWithPath: folder.path + "/" + StoreLayout.auditTrail))
        try writeHead(folder, count: change(entries).count, hash: previous)
    }

    private static func writeHead(_ folder: TemporaryFolder, count: Int, hash: String) throws {
        try RecordCoding.encoder().encode(AuditTrail.Head(count: count, hash: hash)).write(to: URL(fileURLWithPath: folder.path + "/" + StoreLayout.auditHead))
    }

    private static func has(_ findings: [AuditFinding], _ matches: (AuditFinding) -> Bool) -> Bool { findings.contains(where: matches) }

    @Test func aSignedTrailVerifiesWithNoLoginAndSaysWhatIsUnsigned() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        let report = AuditTrail(dataFolder: folder.path).verify()
        #expect(report.isIntact, "\(report.findings.map { $0.message(in: .en) })")
        let entries = AuditTrail(dataFolder: folder.path).allEntries()
        let firstSigned = try #require(entries.firstIndex { $0.signature != nil })
        // The sample's records were written before the community was set up: before signing began.
        #expect(report.unsignedBeforeSigning == firstSigned && firstSigned > 0)
        #expect(report.unsignedWithoutPassphrase == 1, "the failed login by a name no account has")
        #expect(report.signed == entries.count - firstSigned - 1 && report.signed == entries.filter { $0.signature != nil }.count)
        #expect(entries[firstSigned].action == .signingKey && entries[firstSigned].record == SampleCommunity.admin.rawValue)
        let failed = try #require(entries.last { $0.action == .loginFailed })
        #expect(failed.actor == "-" && failed.signature == nil && failed.key == nil)
        // Each worker's entries carry their own key.
        let keys = try AuditKeys.read(folder.path).keys
        for entry in entries where entry.signature != nil {
            #expect(keys.first { $0.id == entry.key }?.worker == entry.actor)
        }
    }

    @Test func anEditedEntryWithTheChainHashedAgainFailsItsSignature() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        let lines = try Self.trailLines(folder)
        let target = try #require(lines.lastIndex { $0.contains("\"actor\":\"W-two\"") && $0.contains("\"update\"") })
        try Self.forge(folder) { entries in
            var changed = entries
            changed[target]["fields"] = ["residency"]
            return changed
        }
        let findings = AuditTrail(dataFolder: folder.path).verify().findings
        #expect(findings.first == .badSignature(line: target + 1, sequence: target + 1), "\(findings)")
        #expect(findings.allSatisfy { if case .badSignature = $0 { return true } else { return false } }, "no hash or link complains: \(findings)")
    }

    @Test func aKeyAddedToALineShows() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        let path = folder.path + "/" + StoreLayout.auditTrail
        let lines = try Self.trailLines(folder)
        let signed = try #require(lines.lastIndex { $0.contains("\"signature\"") })
        let unsigned = try #require(lines.firstIndex { !$0.contains("\"signature\"") })
        for (index, place) in [(signed, "{"), (unsigned, "{"), (signed, "\"}")] {
            var changed = lines
            changed[index] = place == "{" ? "{\"note\":\"x\"," + changed[index].dropFirst() : String(changed[index].dropLast()) + ",\"note\":\"x\"}"
            try (changed.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
            let findings = AuditTrail(dataFolder: folder.path).verify().findings
            #expect(findings == [.edited(line: index + 1, sequence: index + 1)], "\(place) in line \(index + 1): \(findings)")
        }
    }

    @Test func aLineFromBeforeSigningWithAKeyAddedShows() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        try Self.rewriteAsLegacy(folder)
        let trail = AuditTrail(dataFolder: folder.path)
        #expect(trail.verify().isIntact)
        let path = folder.path + "/" + StoreLayout.auditTrail
        var lines = try Self.trailLines(folder)
        lines[0] = "{\"note\":\"x\"," + lines[0].dropFirst()
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        #expect(trail.verify().findings == [.edited(line: 1, sequence: 1)])
    }

    /// The trail as gridwork wrote it before signing: the hash among the sorted keys, over a
    /// re-encoding; no public keys, and accounts without signing keys.
    private static func rewriteAsLegacy(_ folder: TemporaryFolder) throws {
        try AuditWitnessTests.rewrite(AuditTrail(dataFolder: folder.path).allEntries(), in: folder.path)
    }

    @Test func theWholeChainHashedAgainWithItsHeadFails() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        let trail = AuditTrail(dataFolder: folder.path)
        let signed = trail.verify().signed
        // Every entry a second later, the chain and the head recomputed, the signatures kept.
        try Self.forge(folder) { entries in
            entries.map { entry in
                var moved = entry
                if let at = entry["at"] as? String, let date = Timestamp.parse(at) { moved["at"] = Timestamp.format(date + 1) }
                return moved
            }
        }
        let report = trail.verify()
        #expect(report.signed == 0 && report.findings.count == signed, "every signed entry fails: \(report.findings)")
        #expect(report.findings.allSatisfy { if case .badSignature = $0 { return true } else { return false } }, "and nothing else")
        // Hashed again as the trail was before signing (no signature at all): caught too.
        try Self.rewriteAsLegacy(folder)
        #expect(trail.verify().findings.contains(.noSignedEntries))
    }

    @Test func aWorkersEntriesDroppedAndTheChainRecomputedFail() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        let trail = AuditTrail(dataFolder: folder.path)
        let before = trail.allEntries()
        let dropped = before.filter { $0.actor == SampleCommunity.workerTwo.rawValue }.count
        #expect(dropped >= 3, "yi's key, login and two changes")
        try Self.forge(folder) { entries in entries.filter { $0["actor"] as? String != SampleCommunity.workerTwo.rawValue } }
        #expect(trail.allEntries().count == before.count - dropped)
        let findings = trail.verify().findings
        #expect(!findings.isEmpty && findings.allSatisfy { if case .badSignature = $0 { return true } else { return false } }, "\(findings)")
    }

    @Test func reorderedEntriesRenumberedAndChainedAgainFail() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        let lines = try Self.trailLines(folder)
        let updates = lines.indices.filter { lines[$0].contains("\"update\"") && lines[$0].contains("\"signature\"") }
        let (first, second) = (try #require(updates.first), try #require(updates.last))
        try Self.forge(folder) { entries in
            var swapped = entries
            swapped.swapAt(first, second)
            return swapped
        }
        let findings = AuditTrail(dataFolder: folder.path).verify().findings
        #expect(findings.contains(.badSignature(line: first + 1, sequence: first + 1)), "\(findings)")
        #expect(findings.contains(.badSignature(line: second + 1, sequence: second + 1)), "\(findings)")
        #expect(!findings.contains { if case .outOfOrder = $0 { return true } else { return false } }, "renumbered: only the signatures tell")
    }

    @Test func aCutEndFailsOnlyAgainstAWitnessedHead() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        let trail = AuditTrail(dataFolder: folder.path)
        let witnessed = try #require(trail.recordedHead()?.hash)
        let kept = Array(try Self.trailLines(folder).dropLast(3))
        try (kept.joined(separator: "\n") + "\n").write(toFile: folder.path + "/" + StoreLayout.auditTrail, atomically: false, encoding: .utf8)
        let last = try #require(trail.allEntries().last)
        try Self.writeHead(folder, count: last.sequence, hash: last.hash)
        #expect(trail.verify().isIntact, "every remaining signature still holds: inside the folder nothing shows")
        #expect(trail.verify(witnessedHead: String(witnessed.prefix(16))).findings == [.witnessedHeadMissing(hash: String(witnessed.prefix(16)))])
    }

    @Test func anUnsignedEntryAfterSigningBeganFails() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        let lines = try Self.trailLines(folder)
        let last = try #require(lines.lastIndex { $0.contains("\"update\"") })
        // The last change, its key and signature taken off, hashed again, the chain and head after it recomputed.
        try Self.forge(folder) { entries in
            var changed = entries
            changed[last].removeValue(forKey: "key")
            changed[last].removeValue(forKey: "signature")
            return changed
        }
        let findings = AuditTrail(dataFolder: folder.path).verify().findings
        #expect(findings.contains(.unsigned(line: last + 1, sequence: last + 1)), "\(findings)")
        #expect(AuditFinding.unsigned(line: 3, sequence: 3).message(in: .en).contains("not signed"))
    }

    @Test func aKeyFoundOnlyInThePublicKeyFileVerifiesNothing() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        // Someone with the folder makes a key for yi, puts it in keys.json and signs an entry with it.
        let fake = AuditSigner.generate(for: SampleCommunity.workerTwo)
        var keys = FileChange()
        keys.replace(StoreLayout.auditKeys, with: try AuditKeys.read(folder.path).adding(fake, login: "yi", at: SampleCommunity.now).encoded(for: folder.path))
        try Journal.commit(keys, in: folder.path)?.wait()
        let trail = AuditTrail(dataFolder: folder.path)
        try trail.write(try trail.prepare([AuditTrail.Event(.update, kind: .household, record: "H-x", fields: ["notes"])],
                                          actor: SampleCommunity.workerTwo.rawValue, at: SampleCommunity.now, signer: fake))
        let count = trail.allEntries().count
        #expect(trail.verify().findings == [.keyNotVouchedFor(line: count, sequence: count)])
        // Nor does a second key a worker brings in alone.
        try trail.write(try trail.prepare([.newKey(fake)], actor: SampleCommunity.workerTwo.rawValue, at: SampleCommunity.now, signer: fake))
        #expect(trail.verify().findings.contains(.keyNotVouchedFor(line: count + 1, sequence: count + 1)))
    }

    @Test func keysComeWithAccountsAndSurviveAPassphraseChangeAndAReset() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.signedSample(folder)
        let yiKey = try #require(try store.accounts().first { $0.login == "yi" }?.signingKey)
        #expect(try AuditKeys.read(folder.path).keys.map(\.worker) == [SampleCommunity.admin.rawValue, SampleCommunity.workerTwo.rawValue])
        // Never in the clear: the public key file holds public keys, the book only sealed ones.
        let book = try String(contentsOfFile: folder.path + "/accounts.json", encoding: .utf8)
        #expect(!book.contains(try #require(try AuditKeys.read(folder.path).keys.last?.key)))
        #expect((Data(base64Encoded: yiKey.sealed)?.count ?? 0) > 32, "sealed: nonce and tag besides the key")

        // yi changes their own passphrase: the same key, wrapped again.
        let yi = try Store.open(folder.path, session: try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase"))
        try yi.changePassphrase(login: "yi", to: "yi-new-passphrase")
        let rewrapped = try #require(try store.accounts().first { $0.login == "yi" }?.signingKey)
        #expect(rewrapped.id == yiKey.id && rewrapped.sealed != yiKey.sealed)
        #expect(try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-new-passphrase").signer?.keyID == yiKey.id)

        // The admin resets it: a new key, brought in by the admin; the old one stays to verify yi's old entries.
        try store.changePassphrase(login: "yi", to: "yi-reset-passphrase")
        let reset = try #require(try store.accounts().first { $0.login == "yi" }?.signingKey)
        #expect(reset.id != yiKey.id)
        #expect(try AuditKeys.read(folder.path).keys.map(\.id).contains(yiKey.id))
        let introduced = try #require(store.audit.allEntries().last)
        #expect(introduced.action == .signingKey && introduced.actor == SampleCommunity.admin.rawValue && introduced.fields == [reset.id])
        let session = try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-reset-passphrase")
        #expect(session.signer?.keyID == reset.id)
        var household = try #require(try Store.open(folder.path, session: session).records(Household.self, inGrid: SampleCommunity.gridTwo).first)
        household.notes = "重设之后"
        _ = try Store.open(folder.path, session: session).save(household)
        let report = store.audit.verify()
        #expect(report.isIntact, "\(report.findings.map { $0.message(in: .en) })")
        #expect(store.audit.allEntries().last?.key == reset.id)
    }

    @Test func anAccountFromBeforeSigningGetsItsKeyAtItsNextLogin() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.signedSample(folder)
        // The folder as gridwork left it before signing: no public keys, no signing keys in the book.
        try Self.rewriteAsLegacy(folder)
        try FileManager.default.removeItem(atPath: folder.path + "/" + StoreLayout.auditKeys)
        let bookPath = folder.path + "/accounts.json"
        var book = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bookPath))) as? [String: Any])
        book["accounts"] = (book["accounts"] as? [[String: Any]])?.map { account in account.filter { $0.key != "signingKey" } }
        try JSONSerialization.data(withJSONObject: book, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: bookPath))
        let trail = AuditTrail(dataFolder: folder.path)
        let legacy = trail.verify()
        let count = trail.allEntries().count
        #expect(legacy.isIntact && legacy.signed == 0, "\(legacy.findings)")
        #expect(legacy.unsignedBeforeSigning + legacy.unsignedWithoutPassphrase == count)

        let session = try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase")
        let signer = try #require(session.signer)
        #expect(try Store.open(folder.path, key: session.key).accounts().first { $0.login == "yi" }?.signingKey?.id == signer.keyID)
        #expect(try AuditKeys.read(folder.path).keys.map(\.id) == [signer.keyID])
        let report = trail.verify()
        #expect(report.isIntact, "\(report.findings.map { $0.message(in: .en) })")
        #expect(report.signed == 2, "the key brought in by itself, and the login")
        #expect(report.unsignedBeforeSigning == legacy.unsignedBeforeSigning, "the old entries are before signing, not failures")
        // From now on the admin, with no key yet, still writes; its first login signs too.
        let admin = try Store.logIn(folder: folder.path, login: "admin", passphrase: SampleCommunity.adminPassphrase)
        #expect(admin.signer != nil && trail.verify().isIntact)
    }
}
