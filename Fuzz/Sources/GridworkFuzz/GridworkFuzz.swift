import CFuzzDriver
import Foundation
import GridModel
@testable import GridStore
import LedgerImport
import Spreadsheet
import ZIPFoundation

/// The part of gridwork one run exercises. `GRIDWORK_FUZZ_TARGET` names it (scripts/fuzz.sh runs
/// each on its own, so that libFuzzer's figures are per part); without it the first input byte
/// chooses, so a single run can cover them all.
enum FuzzTarget: String, CaseIterable {
    /// A data file read as the store reads it: strict JSON, schema, kind, unknown fields, rules,
    /// every problem placed at its line and column. The first byte picks the kind of file.
    case shard
    /// One record decoded and checked against the rules (saving and reading), with every
    /// violation's message and position rendered.
    case rules
    /// A ledger as CSV (UTF-8 or GB18030), read and planned against a small data folder.
    case csv
    /// A ledger as XLSX (a zip of XML parts), read and planned against the same folder.
    case xlsx
    /// A workbook's XML parts (`SheetParts`), zipped here: mutating a zip mostly breaks its
    /// checksums, so this is what reaches the XML readers.
    case sheet
}

/// What every run shares, set up once by `LLVMFuzzerInitialize`.
struct FuzzSetup {
    let target: FuzzTarget?
    /// Where the shard target writes its input, to be read back through the store's own reader.
    let scratch: String
    /// The folder a ledger is planned against (`GRIDWORK_FUZZ_FOLDER`), when given.
    let store: Store?
    /// A fixed moment, so that a run repeats exactly.
    let now: Date

    static func make() -> FuzzSetup {
        let environment = ProcessInfo.processInfo.environment
        let target = environment["GRIDWORK_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let scratch = base + "/gridwork-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var store: Store?
        if let folder = environment["GRIDWORK_FUZZ_FOLDER"], let admin = environment["GRIDWORK_FUZZ_ADMIN"] {
            store = try? Store.open(folder, unsecuredActor: RecordID(admin))
            if store == nil { FileHandle.standardError.write(Data("GridworkFuzz: cannot open \(folder) as \(admin)\n".utf8)) }
        }
        return FuzzSetup(target: target, scratch: scratch, store: store, now: Date(timeIntervalSince1970: 1_795_000_000))
    }
}

nonisolated(unsafe) var setup: FuzzSetup?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    setup = FuzzSetup.make()
    // libFuzzer ends a timed run with exit(): the scratch folder goes with it (a crash keeps it).
    atexit {
        if let scratch = setup?.scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }
    return 0
}

/// A debug build's executable is linked with `main` set to `<module>_main` (so that tests can
/// link the module): that is libFuzzer's driver here, as its own `main` would be.
@_cdecl("GridworkFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { start, size in fuzzOne(start, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let setup else { return 0 }
    var data = start.map { Data(bytes: $0, count: count) } ?? Data()
    var target = setup.target
    if target == nil {
        guard let first = data.first else { return 0 }
        target = FuzzTarget.allCases[Int(first) % FuzzTarget.allCases.count]
        data = data.dropFirst()
    }
    switch target {
    case .shard: fuzzShard(data, setup)
    case .rules: fuzzRules(data, setup)
    case .csv: fuzzLedger(data, xlsx: false, setup)
    case .xlsx: fuzzLedger(data, xlsx: true, setup)
    case .sheet: fuzzLedger(SheetParts.workbook(data), xlsx: true, setup)
    case nil: break
    }
    return 0
}

// MARK: Data files

func fuzzShard(_ input: Data, _ setup: FuzzSetup) {
    guard let first = input.first else { return }
    let data = Data(input.dropFirst())
    let reader = ShardReader(folder: setup.scratch, context: .reading, key: nil)
    let grid = "grids/110105001001001"
    switch first % 7 {
    case 0: readShard(Grid.self, grid + "/grid.json", data, reader)
    case 1: readShard(Worker.self, "workers.json", data, reader)
    case 2: readShard(Household.self, grid + "/households.json", data, reader)
    case 3: readShard(Resident.self, grid + "/residents.json", data, reader)
    case 4: readShard(PatrolLog.self, grid + "/patrols/2026-11.json", data, reader)
    case 5: readShard(DisputeCase.self, grid + "/cases/2026.json", data, reader)
    default:
        // The small files read whole: strict JSON first, then decoded.
        let path = setup.scratch + "/gridwork.json"
        _ = try? ShardReader.decodeStrictly(Manifest.self, from: data, path: path)
        _ = JSONLocator(data: data).objectKeys()
    }
}

func readShard<R: StoredRecord & Equatable>(_ type: R.Type, _ relativePath: String, _ data: Data, _ reader: ShardReader) {
    let path = reader.folder + "/" + relativePath
    try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: path, contents: data) else { return }
    switch reader.read(type, relativePath) {
    case .success(let loaded):
        // The reader decodes through `TapeDecoder`; Foundation's decoder must read the same records
        // from any file that passed (no key here, so sealed values stay as they are on file).
        let slow = try? RecordCoding.decoder().decode(ShardFile<R>.self, from: data)
        if slow?.records != loaded.records { preconditionFailure("TapeDecoder and JSONDecoder disagree on a \(R.kind.rawValue) file") }
        // What was read is written back as the store would: `RecordEncoder` must write Foundation's
        // bytes, or refuse.
        let file = ShardFile(schema: StoreLayout.schemaVersion, kind: R.kind, records: loaded.records)
        let written = try? RecordCoding.encoder().encode(file)
        if let fast = try? RecordEncoder.encode(file), fast != written {
            preconditionFailure("RecordEncoder and JSONEncoder disagree on a \(R.kind.rawValue) file")
        }
    case .failure(let problems):
        for problem in problems.all { _ = problem.formatted(in: .zh) }
    }
}

// MARK: Rules

func fuzzRules(_ input: Data, _ setup: FuzzSetup) {
    guard let first = input.first else { return }
    let data = Data(input.dropFirst())
    switch first % 6 {
    case 0: checkRules(Grid.self, data, setup)
    case 1: checkRules(Worker.self, data, setup)
    case 2: checkRules(Household.self, data, setup)
    case 3: checkRules(Resident.self, data, setup)
    case 4: checkRules(PatrolLog.self, data, setup)
    default: checkRules(DisputeCase.self, data, setup)
    }
}

func checkRules<R: Record>(_ type: R.Type, _ data: Data, _ setup: FuzzSetup) {
    guard let record = try? RecordCoding.decoder().decode(R.self, from: data) else { return }
    let locator = JSONLocator(data: data)
    let saving = ValidationContext(now: setup.now, timeZone: .chinaStandard)
    for context in [saving, .reading] {
        for violation in record.violations(in: context) {
            _ = violation.message(in: .zh)
            _ = violation.message(in: .en)
            _ = FieldNames.name(of: violation.field, in: .zh)
            _ = locator.position(of: PathKey.path(violation.field))
        }
    }
    _ = record.violations(replacing: record)
}

// MARK: Ledgers

func fuzzLedger(_ data: Data, xlsx: Bool, _ setup: FuzzSetup) {
    let table: ReadTable
    do throws(SpreadsheetReadError) {
        if xlsx {
            _ = try? XLSXReader.sheetNames(data)
            table = try XLSXReader.read(data)
        } else {
            table = try CSVReader.read(data)
        }
    } catch {
        _ = error.localizedDescription
        return
    }
    guard let store = setup.store else { return }
    let importer = LedgerImporter(store: store, options: ImportOptions(), now: setup.now)
    guard let plan = try? importer.plan(table) else { return }
    for problem in plan.problems { _ = problem.message.zh }
}

/// A workbook given as its parts, one after another, each ended by `separator`, in the order of
/// `paths` (fewer parts leave the rest out).
enum SheetParts {
    static let separator = Data("\n<!--part-->\n".utf8)
    static let paths = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"]

    static func workbook(_ input: Data) -> Data {
        var parts: [Data] = []
        var rest = input[...]
        while parts.count < paths.count, let found = rest.range(of: separator) {
            parts.append(Data(rest[..<found.lowerBound]))
            rest = rest[found.upperBound...]
        }
        if parts.count < paths.count { parts.append(Data(rest)) }
        guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return Data() }
        for (path, part) in zip(paths, parts) {
            try? archive.addEntry(with: path, type: .file, uncompressedSize: Int64(part.count),
                                   modificationDate: Date(timeIntervalSince1970: 1_700_000_000), compressionMethod: .none) { position, size in
                part.subdata(in: Int(position)..<min(part.count, Int(position) + size))
            }
        }
        return archive.data ?? Data()
    }
}
