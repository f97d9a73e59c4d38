import Foundation
import GridModel

/// Tombstones: what is left of records taken away, one file per grid (see `Tombstone`).
extension Store {
    /// The records taken away from `code`, oldest first. A file that cannot be read is an error
    /// (with its place), never an empty list: a removed id must not look free.
    public func tombstones(inGrid code: GridCode) throws(StoreError) -> [Tombstone] {
        let path = folder + "/" + StoreLayout.tombstones(code)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try Self.readTombstones(path).tombstones
    }

    static func readTombstones(_ path: String) throws(StoreError) -> TombstoneFile {
        let data: Data
        switch ShardReader.readFile(path) {
        case .failure(let problem): throw .fileHasProblems(problem)
        case .success(let contents): data = contents.0
        }
        let locator = JSONLocator(data: data)
        let file = try ShardReader.decodeStrictly(TombstoneFile.self, from: data, path: path)
        if file.schema > StoreLayout.schemaVersion || file.schema < 1 {
            throw .fileHasProblems(StoreProblem(path: path, position: locator.position(of: [PathKey("schema")]), message: LocalizedText(
                zh: "格式版本 \(file.schema) 无法读取", en: "schema \(file.schema) cannot be read")))
        }
        return file
    }

    /// Adds the grid's tombstone file, holding `stones`, to `change`.
    func stageTombstones(_ stones: [Tombstone], of grid: GridCode, into change: inout FileChange) throws(StoreError) {
        let relative = StoreLayout.tombstones(grid)
        do {
            change.replace(relative, with: try RecordCoding.encoder().encode(TombstoneFile(schema: StoreLayout.schemaVersion, tombstones: stones)) + Data("\n".utf8))
        } catch {
            throw .io(.write, path: folder + "/" + relative, code: EINVAL)
        }
    }

    /// Problems with the tombstone files, for `gridwork check`: a file that does not read, or one
    /// gridwork does not know in that folder.
    func tombstoneProblems() -> [StoreProblem] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + StoreLayout.tombstonesFolder)) ?? []
        var problems: [StoreProblem] = []
        for name in names.sorted() where !DurableFile.isTemporary(name) {
            let relative = StoreLayout.tombstonesFolder + "/" + name
            let path = folder + "/" + relative
            guard let grid = StoreLayout.grid(ofTombstones: relative) else {
                problems.append(StoreProblem(path: path, position: nil, message: LocalizedText(
                    zh: "gridwork 不认识此文件（文件名或位置不对），已忽略", en: "not a file gridwork knows (wrong name or place); ignored")))
                continue
            }
            do {
                let file = try Self.readTombstones(path)
                if let stray = file.tombstones.firstIndex(where: { $0.gridCode != grid }) {
                    problems.append(StoreProblem(path: path, position: JSONLocator(data: FileManager.default.contents(atPath: path) ?? Data())
                        .position(of: [PathKey("tombstones"), PathKey(intValue: stray), PathKey("gridCode")]), message: LocalizedText(
                            zh: "此记录属于另一个网格的文件", en: "this entry belongs in another grid's file")))
                }
            } catch {
                if case .fileHasProblems(let problem) = error { problems.append(problem) } else {
                    problems.append(StoreProblem(path: path, position: nil, message: LocalizedText(zh: "无法读取", en: "cannot be read")))
                }
            }
        }
        return problems
    }
}
