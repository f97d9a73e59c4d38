import Foundation
import GridModel

/// `visit-schedule.json`: the community's own visit schedule, days between visits by tag.
///
///     { "schema" : 1, "intervals" : { "elderlyAlone" : 7, "migrant" : null } }
///
/// A tag left out keeps its standard interval (`VisitSchedule.standard`); `null` means the tag
/// needs no scheduled visit. The file is optional. One with a mistake is refused at open, with
/// its line and column, as a manifest's unknown time zone is: due lists made under a schedule
/// the community did not write would mislead.
public enum VisitScheduleFile {
    public static let path = "visit-schedule.json"

    /// The schedule of the folder: the file's, or the standard one when there is no file.
    public static func read(folder: String) throws(StoreError) -> VisitSchedule {
        let fullPath = folder + "/" + path
        guard FileManager.default.fileExists(atPath: fullPath) else { return .standard }
        let data: Data
        switch ShardReader.readFile(fullPath) {
        case .failure(let problem): throw .fileHasProblems(problem)
        case .success(let contents): data = contents.0
        }
        return try parse(data, path: fullPath)
    }

    static func parse(_ data: Data, path: String) throws(StoreError) -> VisitSchedule {
        let locator = JSONLocator(data: data)
        func problem(_ keys: [String], zh: String, en: String) -> StoreError {
            .fileHasProblems(StoreProblem(path: path, position: locator.position(of: keys.map(PathKey.init)), message: LocalizedText(zh: zh, en: en)))
        }
        if let error = locator.firstSyntaxError() {
            throw .fileHasProblems(StoreProblem(path: path, position: error.position, message: LocalizedText(zh: error.message, en: error.message)))
        }
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw problem([], zh: "应为一个对象：{\"schema\": 1, \"intervals\": {…}}", en: "expected an object: {\"schema\": 1, \"intervals\": {…}}")
        }
        guard let schema = top["schema"] as? Int, schema == StoreLayout.schemaVersion else {
            throw problem(["schema"], zh: "格式版本应为 \(StoreLayout.schemaVersion)", en: "schema must be \(StoreLayout.schemaVersion)")
        }
        if let key = top.keys.sorted().first(where: { $0 != "schema" && $0 != "intervals" }) {
            throw problem([key], zh: "不认识的项“\(key)”", en: "unknown key \"\(key)\"")
        }
        // Numbers are read as Double and must be whole (7.5 is named where it stands); the decoder
        // refuses text and booleans as numbers, and takes null for nil.
        let intervals: [String: Double?]
        do {
            intervals = try JSONDecoder().decode(Shape.self, from: data).intervals
        } catch {
            // A path down to a tag is a bad day count ("7", true); anything above it, no object of days at all.
            let path = Self.codingPath(of: error)
            if path.count >= 2 { throw problem(path, zh: badDays.zh, en: badDays.en) }
            throw problem(["intervals"], zh: "intervals 应为对象：标签 → 天数", en: "intervals must be an object: tag → days")
        }
        var schedule = VisitSchedule.standard
        for (name, value) in intervals.sorted(by: { $0.key < $1.key }) {
            guard let tag = PopulationTag(rawValue: name) else {
                let known = PopulationTag.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem(["intervals", name], zh: "不认识的标签“\(name)”，可用：\(known)", en: "unknown tag \"\(name)\"; known: \(known)")
            }
            guard let value else {
                schedule.set(tag, days: nil)
                continue
            }
            guard let days = Int(exactly: value), VisitSchedule.validDays.contains(days) else {
                throw problem(["intervals", name], zh: badDays.zh, en: badDays.en)
            }
            schedule.set(tag, days: days)
        }
        return schedule
    }

    private static func codingPath(of error: any Error) -> [String] {
        switch error as? DecodingError {
        case .typeMismatch(_, let context)?, .dataCorrupted(let context)?, .valueNotFound(_, let context)?:
            return context.codingPath.map(\.stringValue)
        default:
            return []
        }
    }

    private static let badDays = (zh: "天数应为 1 到 366 的整数，或 null（不定期走访）",
                                  en: "days must be a whole number from 1 to 366, or null (no scheduled visits)")

    private struct Shape: Decodable {
        let intervals: [String: Double?]
    }
}
