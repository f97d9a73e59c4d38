import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// `gridwork audit verify` on a signed trail: no login, the signatures checked, a signature moved
/// to another entry and a cut end named (issue 15, point 1).
@Suite(.serialized) struct AuditCommandTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// The sample community set up, with `admin`, and a household changed by the admin.
    func securedSample(_ folder: TemporaryFolder) throws {
        let sample = try SampleCommunity(at: folder.path)
        try sample.setUp()
        for note in ["一", "二"] {
            var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
            household.notes = note
            _ = try sample.store.save(household)
        }
    }

    func verify(_ folder: TemporaryFolder, _ extra: [String] = []) throws -> CommandRun {
        try CommandRun(gridwork, ["audit", "verify", "--data", folder.path, "--lang", "en"] + extra, environment: [:])
    }

    @Test func verifyNeedsNoLoginAndCountsTheSignatures() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let run = try verify(folder)
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        let signed = AuditTrail(dataFolder: folder.path).verify().signed
        #expect(signed > 0 && run.output.contains("\(signed) signed, each signature checked"), "\(run.output)")
        #expect(run.output.contains("unsigned (before signing began)"))
    }

    @Test func userAddMakesAKeyThatVerifies() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let add = try CommandRun(gridwork, ["user", "add", "zhao", "--name", "赵网格", "--role", "gridWorker", "--grids", SampleCommunity.gridTwo.rawValue,
                                            "--data", folder.path, "--lang", "en"],
                                 environment: ["GRIDWORK_PASSPHRASE": SampleCommunity.adminPassphrase, "GRIDWORK_NEW_PASSPHRASE": "zhao-passphrase"])
        #expect(add.status == 0, "\(add.output)\(add.errors)")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/audit/keys.json"))) as? [String: Any]
        let logins = (file?["keys"] as? [[String: Any]])?.compactMap { $0["login"] as? String }
        #expect(logins == ["admin", "zhao"])
        #expect(try verify(folder).status == 0)
    }

    @Test func anEntryHashedAgainAndACutEndAreNamed() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try securedSample(folder)
        let path = folder.path + "/audit/trail.jsonl"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let witnessed = try #require(AuditTrail(dataFolder: folder.path).recordedHead()?.hash)
        var lines = original.split(separator: "\n").map(String.init)
        // The last entry given the signature of the one before it: the hash still fits its bytes.
        func signature(_ line: String) throws -> Substring {
            let start = try #require(line.range(of: ",\"signature\":\""))
            return line[start.lowerBound...]
        }
        let last = lines.count - 1
        lines[last] = String(lines[last][..<(try signature(lines[last])).startIndex]) + (try signature(lines[last - 1]))
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let forged = try verify(folder)
        #expect(forged.status == 1 && forged.output.contains("line \(lines.count) (entry \(lines.count)) does not match its signature"), "\(forged.output)")

        // Cut back by two entries, the head rewritten: only the witnessed head shows it.
        let kept = original.split(separator: "\n").dropLast(2)
        try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let newLast = try #require(AuditTrail(dataFolder: folder.path).allEntries().last)
        try Data("{\"count\":\(newLast.sequence),\"hash\":\"\(newLast.hash)\"}".utf8).write(to: URL(fileURLWithPath: folder.path + "/audit/head.json"))
        #expect(try verify(folder).status == 0)
        let cut = try verify(folder, ["--head", String(witnessed.prefix(16))])
        #expect(cut.status == 1 && cut.output.contains("the witnessed head \(witnessed.prefix(16))… is not in the trail"), "\(cut.output)")
    }
}
