#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation
import GridModel

/// Reads one data file: decodes it, checks its schema and every record against the rules, and
/// turns each failure into a problem that points at its line and column.
struct ShardReader {
    let folder: String
    let context: ValidationContext
    /// Opens sealed ID and phone numbers; nil for a folder whose community is not set up.
    var key: PersonalDataKey?
    /// How long before it is read a file must have last changed to count as settled
    /// (`Loaded.settled`); nil: none does.
    var settledAfter: Int64?

    struct Loaded<R: Sendable>: Sendable {
        let records: [R]
        let stamp: FileStamp
        /// The file's change time, when it lay well before the read (see `FileTime.settled`).
        var settled: FileTime?
        /// A hash of the exact bytes read, to tell a changed file from one whose stamp repeats.
        let contentHash: Int
        /// `quickDigest` of the same bytes: compared under the lock, at every save.
        let quickDigest: UInt64
        /// The bytes themselves (see `RecentBytes`).
        let bytes: Data
        /// Where each record's element lies in the bytes, when the decode found them (see
        /// `TapeDecoder.decodeFile`): a save reuses them without scanning the file again.
        var recordRanges: [Range<Int>]?
        /// Personal data found unsealed in a folder that has a key: sealed on the next write.
        var hasPlainPersonalData = false
    }

    /// `rulesCheckedFor` is the content hash of bytes whose rules were already checked and passed:
    /// if the file still holds them, it is only decoded (and its personal data opened).
    func read<R: StoredRecord>(_ type: R.Type, _ relativePath: String, rulesCheckedFor checked: Int? = nil) -> Result<Loaded<R>, ShardProblems> {
        let path = folder + "/" + relativePath
        let data: Data
        let stamp: FileStamp
        let changed: FileTime
        let readAt = FileTime.now()
        switch Self.readFile(path) {
        case .failure(let problem): return .failure(ShardProblems([problem]))
        case .success(let contents): (data, stamp, changed) = contents
        }
        let locator = JSONLocator(data: data)
        let contentHash = Self.contentHash(data)
        let alreadyChecked = checked == contentHash
        let allowed = KnownFields.keySets[R.kind] ?? KeySet(KnownFields.allowed(in: R.kind))
        let decoded: RecordCoding.DecodedFile<ShardFile<R>>
        do {
            decoded = try RecordCoding.decodeFile(ShardFile<R>.self, from: data, keysKnown: alreadyChecked ? nil : allowed)
        } catch {
            if let header = try? RecordCoding.decoder().decode(ShardHeader.self, from: data), header.schema > StoreLayout.schemaVersion {
                return .failure(ShardProblems([newerSchema(path, header.schema, locator)]))
            }
            return .failure(ShardProblems([Self.decodingProblem(error, path: path, locator: locator)]))
        }
        let file = decoded.value
        var problems: [StoreProblem] = []
        if file.schema > StoreLayout.schemaVersion {
            problems.append(newerSchema(path, file.schema, locator))
        } else if file.schema < 1 {
            problems.append(StoreProblem(path: path, position: locator.position(of: [PathKey("schema")]),
                                         message: LocalizedText(zh: "格式版本 \(file.schema) 无效", en: "schema \(file.schema) is not a valid version")))
        }
        if file.kind != R.kind {
            problems.append(StoreProblem(path: path, position: locator.position(of: [PathKey("kind")]),
                                         message: LocalizedText(zh: "此文件应保存\(R.kind.name(.zh))，而不是\(file.kind.name(.zh))",
                                                                en: "this file holds \(R.kind.name(.en)), not \(file.kind.name(.en))")))
        }
        // Checked once per content, with the rules: what Foundation decodes is not always strict
        // JSON (a repeated key, a trailing comma), and other readers would read it differently.
        // The fast decode's parse found it already; after Foundation's, the bytes are scanned.
        let (unknownKeys, laxity) = alreadyChecked ? ([], nil) : decoded.keyScan ?? locator.unknownKeysAndLaxity(notIn: allowed)
        if let laxity {
            return .failure(ShardProblems([StoreProblem(path: path, position: locator.position(ofByteOffset: laxity.offset), message: LocalizedText(
                zh: "JSON 格式错误：" + laxity.message, en: "invalid JSON: " + laxity.message))]))
        }
        // Placed in one scan: one by one, a stray field in each of ten thousand records took minutes.
        for ((key, _), position) in zip(unknownKeys, locator.positions(ofByteOffsets: unknownKeys.map(\.offset))) {
            problems.append(StoreProblem(path: path, position: position, message: LocalizedText(
                zh: "未知字段“\(key)”：gridwork 不认识它，保存此文件时会把它丢掉；请删除或改正字段名",
                en: "unknown field \"\(key)\": gridwork does not know it and would drop it when saving this file; remove it or correct its name")))
        }
        var records = file.records
        var hasPlain = false
        if R.self is any HoldsPersonalData.Type {
            // Opening sealed values (AES-GCM) was a quarter of reading a residents file: shared
            // out over the cores when they are many, each part's problems kept in its order.
            let parts = SplitWork.map(count: records.count, parts: SplitWork.parts(for: records.count)) { range in
                var part = (records: Array(records[range]), problems: [StoreProblem](), hasPlain: false)
                for (offset, record) in part.records.enumerated() {
                    guard let holder = record as? any HoldsPersonalData else { continue }
                    let opened = openPersonalData(holder, at: range.lowerBound + offset, path: path, locator: locator,
                                                  problems: &part.problems, hasPlain: &part.hasPlain)
                    if let opened = opened as? R { part.records[offset] = opened }
                }
                return part
            }
            records = parts.count == 1 ? parts[0].records : parts.flatMap(\.records)
            for part in parts {
                problems += part.problems
                hasPlain = hasPlain || part.hasPlain
            }
            if !problems.isEmpty { return .failure(ShardProblems(problems)) }
        }
        var seen = Set<RecordID>()
        for (index, record) in records.enumerated() where !alreadyChecked {
            let base = FieldPath([.key("records"), .index(index)])
            var violations = record.violations(in: context)
            if !seen.insert(record.id).inserted { violations.append(RuleViolation(FieldPath([.key("meta"), .key("id")]), .duplicate)) }
            if violations.isEmpty && record.filePath != relativePath {
                violations.append(RuleViolation(FieldPath([]), .belongsElsewhere(expected: record.filePath)))
            }
            for found in violations {
                let violation = RuleViolation(found.field.prefixed(by: base), found.problem)
                problems.append(StoreProblem(path: path, position: locator.position(of: PathKey.path(violation.field)),
                                             message: LocalizedText(zh: violation.message(in: .zh), en: violation.message(in: .en))))
            }
        }
        return problems.isEmpty ? .success(Loaded(records: records, stamp: stamp, settled: settledAfter.flatMap { changed.settled(readAt: readAt, margin: $0) },
                                                  contentHash: contentHash, quickDigest: Self.quickDigest(data), bytes: data,
                                                  recordRanges: decoded.recordRanges?.count == records.count ? decoded.recordRanges : nil,
                                                  hasPlainPersonalData: hasPlain))
            : .failure(ShardProblems(problems))
    }

    /// The record with its sealed values opened; a value that will not open is a problem at its place.
    private func openPersonalData<H: HoldsPersonalData>(_ record: H, at index: Int, path: String, locator: JSONLocator,
                                                        problems: inout [StoreProblem], hasPlain: inout Bool) -> H {
        var found: [StoreProblem] = []
        var plain = false
        let opened = try? record.mappingPersonalData { (field: FieldPath, value: String) throws(StoreError) -> String in
            guard PersonalDataKey.isSealed(value) else {
                plain = true
                return value
            }
            // Finding a position scans the file: only for a value that fails.
            var position: TextPosition? { locator.position(of: PathKey.path(field.prefixed(by: FieldPath([.key("records"), .index(index)])))) }
            guard let key else {
                found.append(StoreProblem(path: path, position: position, message: LocalizedText(
                    zh: "个人信息已加密，需要登录后才能读取", en: "personal data is encrypted; log in to read it")))
                return value
            }
            guard let text = key.open(value) else {
                found.append(StoreProblem(path: path, position: position, message: LocalizedText(
                    zh: "加密的个人信息无法解密：不是本社区的密钥加密的，或已损坏", en: "encrypted personal data cannot be decrypted: sealed under another community's key, or damaged")))
                return value
            }
            return text
        }
        problems += found
        if plain && key != nil { hasPlain = true }
        return opened ?? record
    }

    /// The same for the same bytes in every process, so a later start can trust that they passed.
    static func contentHash(_ data: Data) -> Int {
        SHA256.hash(data: data).withUnsafeBytes { digest in
            Int(littleEndian: digest.loadUnaligned(as: Int.self))
        }
    }

    /// Tells whether a file still holds the bytes memory was read from, some twenty times faster
    /// than `contentHash` (XXH64). Only for that: `contentHash` stands for bytes whose rules passed,
    /// where a digest someone could match on purpose would let a file skip its checks.
    static func quickDigest(_ data: Data) -> UInt64 {
        Checksum.xxh64(data)
    }

    /// Reads a whole file through one descriptor, so the stamp and the change time belong to
    /// exactly these bytes.
    static func readFile(_ path: String) -> Result<(Data, FileStamp, FileTime), StoreProblem> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ioProblem(path, errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(ioProblem(path, errno)) }
        // A folder opens for reading too; said as what it is, not as a failing disk.
        if info.st_mode & S_IFMT == S_IFDIR { return .failure(ioProblem(path, EISDIR)) }
        let stamp = FileStamp(info)
        do {
            return .success((try DurableFile.readAll(descriptor, path: path, sizeHint: Int(info.st_size)), stamp, FileTime(changeOf: info)))
        } catch {
            if case .io(_, _, let code) = error { return .failure(ioProblem(path, code)) }
            return .failure(ioProblem(path, EIO))
        }
    }

    static func ioProblem(_ path: String, _ code: Int32) -> StoreProblem {
        StoreProblem(path: path, position: nil,
                     message: LocalizedText(zh: "无法读取：" + StoreError.reason(code, zh: true),
                                            en: "cannot be read: " + StoreError.reason(code, zh: false)))
    }

    private func newerSchema(_ path: String, _ schema: Int, _ locator: JSONLocator) -> StoreProblem {
        StoreProblem(path: path, position: locator.position(of: [PathKey("schema")]), message: LocalizedText(
            zh: "由较新版本的 gridwork 写入（格式版本 \(schema)），本版本只能读取版本 \(StoreLayout.schemaVersion)，不会改动该文件",
            en: "written by a newer gridwork (schema \(schema)); this one reads schema \(StoreLayout.schemaVersion) and will not change the file"))
    }

    /// The first thing in `data` that is not strict JSON (RFC 8259, each member name once, numbers
    /// a double can hold) as a problem at its place; nil when there is none. Foundation's decoder
    /// takes a duplicate key or a trailing comma that other readers settle differently or refuse.
    static func strictnessProblem(path: String, locator: JSONLocator) -> StoreProblem? {
        guard let syntax = locator.firstSyntaxError() else { return nil }
        return StoreProblem(path: path, position: syntax.position,
                            message: LocalizedText(zh: "JSON 格式错误：" + syntax.message, en: "invalid JSON: " + syntax.message))
    }

    /// Decodes a small file (the manifest, tombstones, the accounts) after checking it is strict JSON.
    static func decodeStrictly<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws(StoreError) -> T {
        let locator = JSONLocator(data: data)
        if let problem = strictnessProblem(path: path, locator: locator) { throw .fileHasProblems(problem) }
        do {
            return try RecordCoding.decode(T.self, from: data)
        } catch {
            throw .fileHasProblems(decodingProblem(error, path: path, locator: locator))
        }
    }

    /// Says where decoding stopped and why, in words a person editing the file can act on.
    static func decodingProblem(_ error: any Error, path: String, locator: JSONLocator) -> StoreProblem {
        guard let error = error as? DecodingError else {
            return StoreProblem(path: path, position: nil, message: LocalizedText(zh: "无法解析", en: "cannot be parsed"))
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let syntax = locator.firstSyntaxError()
            let detail = syntax?.message ?? "not valid JSON"
            return StoreProblem(path: path, position: syntax?.position ?? locator.position(of: []),
                                message: LocalizedText(zh: "JSON 格式错误：" + detail, en: "invalid JSON: " + detail))
        case .dataCorrupted(let context):
            let detail = PersonalData.redacted(context.debugDescription)
            return StoreProblem(path: path, position: locator.position(of: context.codingPath),
                                message: LocalizedText(zh: "\(fieldName(context.codingPath, .zh))：内容无效（\(detail)）",
                                                       en: "\(fieldName(context.codingPath, .en)): invalid value (\(detail))"))
        case .keyNotFound(let key, let context):
            let field = FieldPath(PathKey.components(context.codingPath + [key]))
            return StoreProblem(path: path, position: locator.position(of: context.codingPath),
                                message: LocalizedText(zh: "缺少字段 \(FieldNames.name(of: field, in: .zh))",
                                                       en: "missing field \(FieldNames.name(of: field, in: .en))"))
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return StoreProblem(path: path, position: locator.position(of: context.codingPath),
                                message: LocalizedText(zh: "\(fieldName(context.codingPath, .zh))：此处应为\(typeName(type, .zh))",
                                                       en: "\(fieldName(context.codingPath, .en)): expected \(typeName(type, .en)) here"))
        @unknown default:
            return StoreProblem(path: path, position: nil, message: LocalizedText(zh: "无法解析", en: "cannot be parsed"))
        }
    }

    private static func fieldName(_ codingPath: [any CodingKey], _ language: Language) -> String {
        FieldNames.name(of: FieldPath(PathKey.components(codingPath)), in: language)
    }

    private static func typeName(_ type: Any.Type, _ language: Language) -> String {
        switch type {
        case is String.Type: return language == .zh ? "文本" : "text"
        case is Int.Type, is Double.Type: return language == .zh ? "数字" : "a number"
        case is Bool.Type: return language == .zh ? "true 或 false" : "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return language == .zh ? "列表" : "a list" }
            if name.hasPrefix("Dictionary") { return language == .zh ? "对象" : "an object" }
            return language == .zh ? "正确的值" : "a valid value"
        }
    }
}

/// Everything wrong with one file; the first is what a refused save reports.
struct ShardProblems: Error {
    let all: [StoreProblem]
    init(_ all: [StoreProblem]) { self.all = all }
}

/// A coding key for looking a field up in a file.
struct PathKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(_ key: String) { stringValue = key; intValue = nil }
    init?(stringValue: String) { self.init(stringValue) }
    init(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }

    static func path(_ field: FieldPath) -> [PathKey] {
        field.components.map { component in
            switch component {
            case .key(let key): return PathKey(key)
            case .index(let index): return PathKey(intValue: index)
            }
        }
    }

    static func components(_ codingPath: [any CodingKey]) -> [FieldPath.Component] {
        codingPath.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) }
    }
}
