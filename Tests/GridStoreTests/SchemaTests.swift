import Foundation
import Testing
import GridDemo
import GridModel
@testable import GridStore
import TestSupport

/// The JSON Schemas in schemas/ (issue 13, part 5): every file gridwork writes passes them under
/// an independent validator (Debian's python3-jsonschema, run by scripts/validate-schemas.py),
/// and each schema rejects a file that gridwork itself refuses.
@Suite struct SchemaTests {
    /// The schema files, by name, parsed.
    static func schemaFiles() throws -> [String: [String: Any]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: SchemaValidation.schemas).filter { $0.hasSuffix(".schema.json") }
        var schemas: [String: [String: Any]] = [:]
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: SchemaValidation.schemas + "/" + name))
            schemas[name] = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name) is not a JSON object")
        }
        return schemas
    }

    /// The schemas a data folder's files are checked against (common.schema.json only holds shared definitions).
    static let fileSchemas = ["manifest", "workers", "grid", "households", "residents", "patrols", "cases", "tombstones", "accounts",
                              "audit-entry", "audit-head", "audit-keys", "draft", "visit-schedule"].map { $0 + ".schema.json" }

    static func hasChinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test func everySchemaIsDraft2020WithAnIDAChineseTitleAndAnEnglishDescription() throws {
        let schemas = try Self.schemaFiles()
        #expect(Set(schemas.keys) == Set(Self.fileSchemas + ["common.schema.json"]))
        for (name, schema) in schemas {
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema", "\(name)")
            #expect(schema["$id"] as? String == "https://gridwork.invalid/schemas/1/" + name, "\(name)")
            #expect(Self.hasChinese(schema["title"] as? String ?? ""), "\(name): the title is in Chinese")
            let description = schema["description"] as? String ?? ""
            #expect(description.count > 40 && description.contains(" the "), "\(name): the description is in English")
        }
    }

    /// Every property of every schema is named in Chinese and described in English, itself or
    /// through the definition it refers to.
    @Test func everyPropertyHasAChineseTitleAndAnEnglishDescription() throws {
        let schemas = try Self.schemaFiles()
        /// The definition a `$ref` names, in the same file or in another.
        func target(of reference: String, in file: String) -> [String: Any]? {
            let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let document = parts[0].isEmpty ? schemas[file] : schemas[parts[0]]
            var node: Any? = document
            for key in (parts.count > 1 ? parts[1] : "").split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
            return node as? [String: Any]
        }
        func documentation(_ node: [String: Any], in file: String) -> (title: String?, description: String?) {
            var title = node["title"] as? String, description = node["description"] as? String
            var current = node
            var hops = 0
            while (title == nil || description == nil), let reference = current["$ref"] as? String, hops < 5,
                  let next = target(of: reference, in: reference.hasPrefix("#") ? file : String(reference.prefix { $0 != "#" })) {
                title = title ?? next["title"] as? String
                description = description ?? next["description"] as? String
                current = next
                hops += 1
            }
            return (title, description)
        }
        var missing: [String] = []
        var properties = 0
        func visit(_ node: Any, path: String, file: String) {
            if let object = node as? [String: Any] {
                if let named = object["properties"] as? [String: Any] {
                    for (key, value) in named {
                        guard let property = value as? [String: Any] else { continue }
                        // Within an `if` only the value looked at is restated; the property is documented where it is defined.
                        if path.hasSuffix("/if") || path.contains("/then") || path.contains("/else") || path.contains("/prefixItems")
                            || path.contains("/items/allOf") { continue }
                        properties += 1
                        let (title, description) = documentation(property, in: file)
                        if !Self.hasChinese(title ?? "") { missing.append("\(file)\(path)/properties/\(key): no Chinese title") }
                        if (description ?? "").count < 8 { missing.append("\(file)\(path)/properties/\(key): no English description") }
                    }
                }
                for (key, value) in object { visit(value, path: path + "/" + key, file: file) }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { visit(value, path: path + "/\(index)", file: file) }
            }
        }
        for (name, schema) in schemas { visit(schema, path: "", file: name) }
        #expect(properties > 150, "the walk found the properties")
        #expect(missing.isEmpty, "\(missing.sorted().joined(separator: "\n"))")
    }

    /// The demo community as `gridwork demo` writes it, plus what the demo alone does not make: a
    /// tombstone, a draft (sealed, as in every set-up folder), and an account locked out.
    @Test func everyFileOfTheDemoCommunityMatchesItsSchema() throws {
        let folder = TemporaryFolder("gridwork-schema-demo")
        defer { folder.remove() }
        let today = try #require(Day(year: 2026, month: 11, day: 22))
        let generated = try DemoGenerator(scale: .community, seed: 1, today: today).generate(into: folder.path)
        let instant = today.start(in: .chinaStandard).addingTimeInterval(12 * 3600)
        let session = try Store.logIn(folder: folder.path, login: "admin", passphrase: DemoGenerator.Passphrase.admin, at: instant)
        let store = try Store.open(folder.path, session: session)
        let grid = try #require(store.grids.first?.code)
        let added = try store.save(Household(meta: RecordMeta(id: RecordID("H-schema-undone"), createdBy: session.workerID, createdAt: instant),
                                             gridCode: grid, microGrid: nil,
                                             address: Address(compound: "示例花园", building: "99栋", unit: "", room: "101"),
                                             residency: .vacant), at: instant)
        try store.remove(added, at: instant)
        try DraftFolder(dataFolder: folder.path, key: session.key).write(Data(#"{"fields":[]}"#.utf8), for: session.workerID)
        let worker = try #require(try generated.accounts().first { $0.login != "admin" }?.login)
        for _ in 0..<Account.allowedFailures {
            _ = try? Store.logIn(folder: folder.path, login: worker, passphrase: "not-the-passphrase", at: instant)
        }
        #expect(try generated.accounts().contains { $0.login == worker && $0.lockedUntil != nil })

        let validation = try SchemaValidation(folder.path)
        #expect(validation.status == 0, "\(validation.report)")
        #expect(validation.failures.isEmpty)
        // The demo keeps the standard visit schedule: it has no schedule file.
        for schema in Self.fileSchemas where schema != "draft.schema.json" && schema != "visit-schedule.schema.json" {
            #expect(validation.checked(schema) > 0, "the demo has a file for \(schema)")
        }
        #expect(validation.checked("draft.schema.json", sealed: true) == 1)
        #expect(validation.checked("residents.schema.json") == 8 && validation.checked("cases.schema.json") >= 8)
        // Its ID and phone numbers are sealed, so the sealed form is what passed.
        let residents = try String(contentsOfFile: folder.path + "/" + StoreLayout.residents(grid), encoding: .utf8)
        #expect(residents.contains("\"idNumber\" : \"enc1:") && residents.contains("\"phone\" : \"enc1:"))
    }

    /// A folder without accounts (plain ID and phone numbers) and the same set up, each with every
    /// optional field filled somewhere: gridwork finds nothing wrong, and neither do the schemas.
    @Test(arguments: [false, true]) func theFixturesPassBothTheStoreAndTheSchemas(secured: Bool) throws {
        let folder = TemporaryFolder("gridwork-schema-fixture")
        defer { folder.remove() }
        if secured { try SchemaFixture.makeSecured(at: folder.path) } else { try SchemaFixture.makePlain(at: folder.path) }
        #expect(SchemaFixture.storeComplaints(folder.path).isEmpty, "\(SchemaFixture.storeComplaints(folder.path))")
        let validation = try SchemaValidation(folder.path)
        #expect(validation.status == 0, "\(validation.report)")
        // Accounts and public signing keys exist once the community is set up.
        for schema in Self.fileSchemas where schema != "draft.schema.json" && (secured || !["accounts.schema.json", "audit-keys.schema.json"].contains(schema)) {
            #expect(validation.checked(schema) > 0, "the fixture has a file for \(schema)")
        }
        let residents = try String(contentsOfFile: folder.path + "/" + StoreLayout.residents(SchemaFixture.grid), encoding: .utf8)
        #expect(residents.contains("\"phone\" : \"enc1:") == secured && residents.contains("\"phone\" : \"10000000003\"") == !secured)
        if secured {
            let accounts = try String(contentsOfFile: folder.path + "/accounts.json", encoding: .utf8)
            #expect(accounts.contains("\"lockedUntil\""), "a locked-out account is among those checked")
        }
    }

    /// The mutation tests rewrite files through JSONSerialization: doing so without a change must
    /// leave every file valid, so that what they find is the mutation and nothing else. Not the
    /// audit trail, whose hashes and signatures cover each line's bytes as written: there
    /// another encoder's bytes are an edit, which the schemas still accept.
    @Test func rewritingEveryFileUnchangedKeepsTheFolderValid() throws {
        let folder = TemporaryFolder("gridwork-schema-rewrite")
        defer { folder.remove() }
        try SchemaFixture.makeSecured(at: folder.path)
        let files = folder.allFiles().filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }
        #expect(files.count >= 10)
        for file in files where file != StoreLayout.auditTrail { try JSONEdit.rewrite(folder.path + "/" + file, at: [], to: .unchanged) }
        #expect(SchemaFixture.storeComplaints(folder.path).isEmpty, "\(SchemaFixture.storeComplaints(folder.path))")
        try JSONEdit.rewrite(folder.path + "/" + StoreLayout.auditTrail, at: [], to: .unchanged)
        #expect(SchemaFixture.storeComplaints(folder.path).first == "audit: line 1 (entry 1) was edited")
        let validation = try SchemaValidation(folder.path)
        #expect(validation.status == 0, "\(validation.report)")
    }

    /// One or more files gridwork refuses for each schema: gridwork says so, and the schema rejects
    /// that file and no other.
    @Test(arguments: Mutation.allCases) func eachSchemaRejectsAFileTheStoreRefuses(_ mutation: Mutation) throws {
        let folder = TemporaryFolder("gridwork-schema-mutation")
        defer { folder.remove() }
        if mutation.needsAccounts { try SchemaFixture.makeSecured(at: folder.path) } else { try SchemaFixture.makePlain(at: folder.path) }
        let (path, value) = mutation.change
        try JSONEdit.rewrite(folder.path + "/" + mutation.file, at: path, to: value)

        let complaints = SchemaFixture.storeComplaints(folder.path)
        // `gridwork audit verify` speaks of lines; everything else names the file.
        let named = mutation == .auditEntryUnknownAction ? "line 1 cannot be read" : mutation.file
        #expect(complaints.contains { $0.contains(named) }, "gridwork refuses \(mutation.file) after \(mutation): \(complaints)")
        let validation = try SchemaValidation(folder.path)
        #expect(validation.status == 1, "\(validation.report)")
        #expect(!validation.failures(in: mutation.file).isEmpty, "\(validation.report)")
        #expect(validation.failures.allSatisfy { $0.hasPrefix(mutation.file + ":") }, "only the changed file fails: \(validation.report)")
        #expect(!validation.output.contains("10000000003") && !validation.output.contains("420399"), "no number is quoted")
    }

    /// A file where the layout has none is refused by both: gridwork names it, and the validator
    /// says no schema describes it (so a new kind of file cannot go unchecked).
    @Test func aFileOutsideTheLayoutHasNoSchema() throws {
        let folder = TemporaryFolder("gridwork-schema-stray")
        defer { folder.remove() }
        try SchemaFixture.makePlain(at: folder.path)
        let stray = StoreLayout.gridFolder(SchemaFixture.grid) + "/notes.json"
        try Data(#"{"schema":1}"#.utf8).write(to: URL(fileURLWithPath: folder.path + "/" + stray))
        #expect(SchemaFixture.storeComplaints(folder.path).contains { $0.contains(stray) && $0.contains("not a file gridwork knows") })
        let validation = try SchemaValidation(folder.path)
        #expect(validation.status == 1)
        #expect(validation.failures == [stray + ": no schema describes this file (not a file of the data folder's layout)"], "\(validation.report)")
    }

    /// A validator that cannot run fails the tests instead of passing them: a folder of schemas
    /// that lacks one is status 2, not 0.
    @Test func aMissingSchemaIsAnErrorNotAPass() throws {
        let folder = TemporaryFolder("gridwork-schema-missing")
        defer { folder.remove() }
        try SchemaFixture.makePlain(at: folder.path)
        let schemas = TemporaryFolder("gridwork-schemas-partial")
        defer { schemas.remove() }
        try FileManager.default.createDirectory(atPath: schemas.path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SchemaValidation.schemas + "/common.schema.json", toPath: schemas.path + "/common.schema.json")
        let run = try CommandRun(SchemaValidation.python, [SchemaValidation.script, schemas.path, folder.path])
        #expect(run.status == 2 && run.errors.contains("lacks"), "\(run.output)\(run.errors)")
    }
}

/// A file gridwork refuses, made from a valid one by one change.
enum Mutation: String, CaseIterable, Sendable {
    case manifestSchemaAsText, manifestNewerSchema
    case workerUnknownRole, workerPhoneNotMobile
    case gridMalformedCode, gridKindDisagreesWithCode, gridMicroGridWithoutHead
    case householdWithoutResidency, householdUnknownField, householdBlankCompound
    case residentUnknownGender, residentMalformedIDNumber, residentRepeatedTag, residentSealedNumberNotBase64, residentLeftOnWhileLivingHere
    case patrolTimestampWithoutSeconds, patrolBlankFinding, patrolUnknownKind
    case caseUnknownStage, caseClosedWithoutOutcome, caseTimelineNotStartingRaised, caseEscalationWithoutLevel
    case tombstoneUnknownKind
    case accountsFailedTriesAsText, accountsOtherAlgorithm
    case auditEntryUnknownAction
    case auditHeadCountAsText
    case scheduleUnknownTag, scheduleDaysOutOfRange

    /// Accounts and sealed numbers need a folder that is set up.
    var needsAccounts: Bool { [.accountsFailedTriesAsText, .accountsOtherAlgorithm, .residentSealedNumberNotBase64].contains(self) }

    var file: String {
        let grid = SchemaFixture.grid
        switch self {
        case .manifestSchemaAsText, .manifestNewerSchema: return "gridwork.json"
        case .workerUnknownRole, .workerPhoneNotMobile: return "workers.json"
        case .gridMalformedCode, .gridKindDisagreesWithCode, .gridMicroGridWithoutHead: return StoreLayout.grid(grid)
        case .householdWithoutResidency, .householdUnknownField, .householdBlankCompound: return StoreLayout.households(grid)
        case .residentUnknownGender, .residentMalformedIDNumber, .residentRepeatedTag, .residentSealedNumberNotBase64, .residentLeftOnWhileLivingHere:
            return StoreLayout.residents(grid)
        case .patrolTimestampWithoutSeconds, .patrolBlankFinding, .patrolUnknownKind:
            return StoreLayout.patrols(grid, start: SchemaFixture.hoursAgo(73))
        case .caseUnknownStage, .caseClosedWithoutOutcome, .caseTimelineNotStartingRaised, .caseEscalationWithoutLevel:
            return StoreLayout.cases(grid, year: 2026)
        case .tombstoneUnknownKind: return StoreLayout.tombstones(grid)
        case .accountsFailedTriesAsText, .accountsOtherAlgorithm: return "accounts.json"
        case .auditEntryUnknownAction: return StoreLayout.auditTrail
        case .auditHeadCountAsText: return StoreLayout.auditHead
        case .scheduleUnknownTag, .scheduleDaysOutOfRange: return VisitScheduleFile.path
        }
    }

    /// Where in the file, and the value put there (`.removed` takes the key away). For the audit
    /// trail, the path is within its first line.
    var change: ([JSONEdit.Step], JSONEdit.Value) {
        let first: [JSONEdit.Step] = [.key("records"), .index(0)]
        switch self {
        case .manifestSchemaAsText: return ([.key("schema")], .text("1"))
        case .manifestNewerSchema: return ([.key("schema")], .number(2))
        case .workerUnknownRole: return (first + [.key("role")], .text("boss"))
        case .workerPhoneNotMobile: return (first + [.key("phone")], .text("12345"))
        case .gridMalformedCode: return (first + [.key("code")], .text("42030300100100X"))
        case .gridKindDisagreesWithCode: return (first + [.key("kind")], .text("village"))
        case .gridMicroGridWithoutHead: return (first + [.key("microGrids"), .index(0), .key("headName")], .text(" "))
        case .householdWithoutResidency: return (first + [.key("residency")], .removed)
        case .householdUnknownField: return (first + [.key("floor")], .number(3))
        case .householdBlankCompound: return (first + [.key("address"), .key("compound")], .text(""))
        case .residentUnknownGender: return (first + [.key("gender")], .text("unknown"))
        // 17 digits, one short.
        case .residentMalformedIDNumber: return (first + [.key("idNumber")], .text("42039919500301001"))
        case .residentRepeatedTag: return (first + [.key("tags")], .texts(["elderlyAlone", "elderlyAlone"]))
        // A day of leaving goes with a left status only.
        case .residentLeftOnWhileLivingHere: return (first + [.key("leftOn")], .text("2026-01-01"))
        case .residentSealedNumberNotBase64: return (first + [.key("phone")], .text("enc1:not base64!"))
        case .patrolTimestampWithoutSeconds: return (first + [.key("start")], .text("2026-09-18T10:00+08:00"))
        case .patrolBlankFinding: return (first + [.key("findings"), .index(0), .key("text")], .text("  "))
        case .patrolUnknownKind: return (first + [.key("kind")], .text("stroll"))
        case .caseUnknownStage: return (first + [.key("stage")], .text("done"))
        case .caseClosedWithoutOutcome: return (first + [.key("outcome")], .removed)
        case .caseTimelineNotStartingRaised: return (first + [.key("timeline"), .index(0), .key("kind")], .text("note"))
        // Entry 4 is the escalation to the community.
        case .caseEscalationWithoutLevel: return (first + [.key("timeline"), .index(4), .key("level")], .removed)
        case .tombstoneUnknownKind: return ([.key("tombstones"), .index(0), .key("kind")], .text("ghost"))
        case .accountsFailedTriesAsText: return ([.key("accounts"), .index(0), .key("failedTries")], .text("none"))
        case .accountsOtherAlgorithm: return ([.key("accounts"), .index(0), .key("passphrase"), .key("algorithm")], .text("md5"))
        case .auditEntryUnknownAction: return ([.key("action")], .text("delete"))
        case .auditHeadCountAsText: return ([.key("count")], .text("many"))
        case .scheduleUnknownTag: return ([.key("intervals"), .key("elderly")], .number(7))
        case .scheduleDaysOutOfRange: return ([.key("intervals"), .key("migrant")], .number(0))
        }
    }
}
