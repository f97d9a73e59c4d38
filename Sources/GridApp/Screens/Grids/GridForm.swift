import Foundation
import GridModel

/// The grid form: its code, name, grid worker, head and the names of its district, street and
/// community. A new grid is offered the community's next free code and its neighbours' place
/// names; a grid on file keeps its code (the code names its folder).
enum GridForm {
    static func make(_ grid: Grid?, data: DashboardData, language: Language) -> RecordForm {
        let strings = UIStrings.forLanguage(language)
        let code = grid?.code ?? suggestedCode(data)
        let names = grid.map { (district: $0.districtName, street: $0.streetName, community: $0.communityName) }
            ?? GridPlacement.names(for: code, grids: data.grids, areaName: data.areaName, areaCode: data.areaCode)
        let workers = data.workers.values.filter { $0.role == .gridWorker && $0.active }.sorted { ($0.name, $0.id.rawValue) < ($1.name, $1.id.rawValue) }
        var values = [""] + workers.map(\.id.rawValue), labels = [strings.none] + workers.map(\.name)
        // The worker on file stays offered (and chosen) even when no longer an active grid worker,
        // so saving another change never drops them unseen.
        if let current = grid?.workerID, !values.contains(current.rawValue) {
            values.append(current.rawValue)
            labels.append(data.workerName(current))
        }
        var form = RecordForm(.grid(grid?.id), fields: [
            FormField(.code, .text, required: true, check: .gridCode, text: code.rawValue),
            FormField(.name, .text, required: true, text: grid?.name ?? ""),
            FormField(.workerID, .choice(values: values, labels: labels), selecting: [grid?.workerID?.rawValue ?? ""]),
            FormField(.headName, .text, text: grid?.headName ?? ""),
            FormField(.districtName, .text, required: true, text: names.district),
            FormField(.streetName, .text, required: true, text: names.street),
            FormField(.communityName, .text, required: true, text: names.community),
        ])
        form.openedRevision = grid?.meta.revision
        form.grid = grid?.code
        return form
    }

    /// The community's next grid code: its 12 digits and one past its highest grid number. Empty
    /// in a district (which community is for the admin to say) or when the numbers run out.
    static func suggestedCode(_ data: DashboardData) -> GridCode {
        let area = data.areaCode
        guard area.utf8.count == 12, area.allSatisfy({ $0.isASCII && $0.isNumber }) else { return GridCode("") }
        let highest = data.grids.filter { $0.code.communityCode == area }.compactMap { Int($0.code.rawValue.suffix(3)) }.max() ?? 0
        guard highest < 999 else { return GridCode("") }
        let next = String(highest + 1)
        return GridCode(area + String(repeating: "0", count: 3 - next.count) + next)
    }

    /// The grid as the form describes it, or the field that is wrong. A new grid's id follows its
    /// code (`G-<code>`), as the demo's and `gridwork grid add`'s do.
    static func record(from form: RecordForm, existing: Grid?, data: DashboardData, by actor: RecordID, at instant: Date,
                       language: Language) -> Result<Grid, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        let code = GridCode(form.value(.code))
        if let existing, code != existing.code {
            return .failure(FormError(key: .code, message: RuleViolation("code", .gridCodeFixed).message(in: language)))
        }
        var grid = existing ?? Grid(meta: RecordMeta(id: RecordID("G-" + code.rawValue), createdBy: actor, createdAt: instant), code: code,
                                    name: "", kind: code.kind, districtName: "", streetName: "", communityName: "", workerID: nil,
                                    headName: "", microGrids: [])
        grid.name = form.value(.name)
        grid.workerID = form.optionalValue(.workerID).map { RecordID($0) }
        grid.headName = form.value(.headName)
        grid.districtName = form.value(.districtName)
        grid.streetName = form.value(.streetName)
        grid.communityName = form.value(.communityName)
        var violations: [RuleViolation] = []
        if existing == nil {
            violations += GridPlacement.violations(ofNewCode: code, areaCode: data.areaCode, taken: Set(data.grids.map(\.code)))
        }
        // The placement above says what is wrong with a new code; the grid's own rules say the rest.
        violations += grid.violations(in: ValidationContext(now: instant, timeZone: data.timeZone)).filter { existing != nil || $0.field != "code" }
        if grid.workerID != existing?.workerID {
            violations += GridPlacement.violations(ofWorker: grid.workerID, among: Array(data.workers.values))
        }
        if let error = form.error(for: violations, language: language) { return .failure(error) }
        return .success(grid)
    }
}
