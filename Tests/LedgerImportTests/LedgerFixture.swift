import Foundation
import GridModel
@testable import GridStore
@testable import LedgerImport
import Spreadsheet
import TestSupport

/// The sample community (two grids, a household and a resident in each), opened to write as a
/// worker, and ledgers given as CSV text. All names and numbers are synthetic: ID numbers use the
/// area code 420399, which no county has, with valid check characters.
struct LedgerFixture {
    let folder = TemporaryFolder("gridwork-import")
    static let gridOne = SampleCommunity.gridOne
    static let gridTwo = SampleCommunity.gridTwo
    /// A grid worker who looks after grid one only.
    static let workerOfGridOne = RecordID("W-three")

    init() throws {
        _ = try SampleCommunity(at: folder.path)
        let admin = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        _ = try admin.save(Worker(meta: RecordMeta(id: Self.workerOfGridOne, createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                                  name: "网格员丙", role: .gridWorker, gridCodes: [Self.gridOne], phone: nil), at: SampleCommunity.now)
    }

    func store(as actor: RecordID = SampleCommunity.admin) throws -> Store {
        try Store.open(folder.path, unsecuredActor: actor)
    }

    /// A valid synthetic ID number: born on `birth`, sequence `sequence` (odd for men).
    static func id(_ birth: String, _ sequence: Int) -> String {
        SampleCommunity.idNumber(birth: Day(iso: birth) ?? Day(dayNumber: 0), sequence: sequence)
    }

    /// The same number with a wrong check character.
    static func mistyped(_ number: String) -> String {
        String(number.dropLast()) + (number.last == "1" ? "2" : "1")
    }

    /// The ID number of the sample community's resident in grid one (居民1) and in grid two (居民3).
    static let onFileInGridOne = SampleCommunity.idNumber(birth: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), sequence: 1)
    static let onFileInGridTwo = SampleCommunity.idNumber(birth: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), sequence: 3)

    func plan(_ csv: String, as actor: RecordID = SampleCommunity.admin, options: ImportOptions = ImportOptions()) throws -> (ImportPlan, LedgerImporter) {
        let importer = LedgerImporter(store: try store(as: actor), options: options, now: SampleCommunity.now.addingTimeInterval(86_400))
        return (try importer.plan(try CSVReader.read(Data(csv.utf8))), importer)
    }

    /// Every file under the folder but the derived caches, with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for file in folder.allFiles() where !file.hasPrefix("cache/") {
            files[file] = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + file))
        }
        return files
    }

    func remove() { folder.remove() }
}
