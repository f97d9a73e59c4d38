import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// A head kept outside the folder catches what the chain alone cannot: a trail cut back, or
/// rewritten and hashed again consistently, with `audit/head.json` made to match (issue 15).
@Suite struct AuditWitnessTests {
    /// Writes `entries` as the whole trail, chained and hashed afresh, and a head to match: what
    /// someone with the folder but no key can do (in the form lines had before signing began).
    static func rewrite(_ entries: [AuditEntry], in folder: String) throws {
        var previous = ""
        var lines = Data()
        for (index, entry) in entries.enumerated() {
            let chained = AuditTrail.sealed(AuditEntry(sequence: index + 1, at: entry.at, actor: entry.actor, action: entry.action, kind: entry.kind,
                                                       record: entry.record, fields: entry.fields, previous: previous, hash: ""))
            lines.append(try RecordCoding.compactEncoder().encode(chained))
            lines.append(UInt8(ascii: "\n"))
            previous = chained.hash
        }
        try lines.write(to: URL(fileURLWithPath: folder + "/" + StoreLayout.auditTrail))
        let head = try RecordCoding.encoder().encode(AuditTrail.Head(count: entries.count, hash: previous))
        try head.write(to: URL(fileURLWithPath: folder + "/" + StoreLayout.auditHead))
    }

    private static func sampleWithEntries(_ folder: TemporaryFolder) throws -> (trail: AuditTrail, witnessed: String) {
        let sample = try SampleCommunity(at: folder.path)
        for note in ["一", "二", "三"] {
            var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
            household.notes = note
            _ = try sample.store.save(household)
        }
        let trail = AuditTrail(dataFolder: folder.path)
        #expect(trail.verify().isIntact)
        return (trail, try #require(trail.allEntries().last?.hash))
    }

    @Test func aTrailCutBackWithItsHeadRewrittenFailsAgainstAWitnessedHead() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (trail, witnessed) = try Self.sampleWithEntries(folder)
        #expect(trail.verify(witnessedHead: witnessed).isIntact)
        #expect(trail.verify(witnessedHead: String(witnessed.prefix(16))).isIntact, "the first 16 digits are enough")
        try Self.rewrite(Array(trail.allEntries().dropLast(2)), in: folder.path)
        #expect(trail.verify().isIntact, "the chain alone cannot tell")
        #expect(trail.verify(witnessedHead: witnessed).findings == [.witnessedHeadMissing(hash: witnessed)])
    }

    @Test func aConsistentlyRehashedTrailFailsAgainstAWitnessedHead() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (trail, witnessed) = try Self.sampleWithEntries(folder)
        // One entry dropped from the middle, every later one renumbered and hashed again.
        var entries = trail.allEntries()
        entries.remove(at: entries.count - 2)
        try Self.rewrite(entries, in: folder.path)
        #expect(trail.verify().isIntact, "the chain alone cannot tell")
        let findings = trail.verify(witnessedHead: witnessed).findings
        #expect(findings == [.witnessedHeadMissing(hash: witnessed)])
        #expect(findings.first?.message(in: .en).contains("cut or rewritten") == true)
    }
}
