import GridModel
import TerminalUI

/// Screen 2: the grids, with their worker; Enter shows a grid's households.
enum GridsScreen: DashboardScreen {
    static func rows(_ data: DashboardData, _ language: Language) -> [Row] {
        data.grids.map { grid in
            let worker = data.workerName(grid.workerID)
            return Row(cells: [grid.code.rawValue, grid.name, worker],
                       search: [grid.code.rawValue, grid.name, grid.communityName, worker].joined(separator: " "), gridCode: grid.code)
        }
    }

    static let columnLayout = [ColumnLayout(width: 15, priority: 3), ColumnLayout(width: 10, priority: 2), ColumnLayout(width: nil, priority: 1)]

    static func detail(_ builder: DetailBuilder, at index: Int) -> [DetailLine] {
        builder.data.grids.indices.contains(index) ? builder.grid(builder.data.grids[index]) : []
    }

    static func record(at row: Int, in data: DashboardData) -> (id: RecordID, title: String)? {
        data.grids.indices.contains(row) ? (data.grids[row].id, data.grids[row].name) : nil
    }
}

extension DetailBuilder {
    func grid(_ grid: Grid) -> [DetailLine] {
        var lines = [DetailLine(grid.name + "  " + grid.code.rawValue, role: .title)]
        lines.append(field("kind", grid.kind.name(language)))
        lines.append(field("communityName", [grid.districtName, grid.streetName, grid.communityName].joined(separator: " ")))
        lines.append(DetailLine(strings.worker + "  " + data.workerName(grid.workerID)))
        lines.append(field("headName", grid.headName))
        if data.loadedGrid == nil || data.loadedGrid == grid.code {
            let households = data.households.filter { $0.gridCode == grid.code }
            let people = households.reduce(0) { $0 + Resident.householdSize(data.residents[$1.id] ?? []) }
            lines.append(DetailLine(strings.households + "  " + String(households.count) + "    " + strings.residents + "  " + String(people)))
            let heads = grid.microGrids.count
            let broken = households.count > heads * grid.householdsPerMicroGridHead
            lines.append(DetailLine(strings.staffing(households.count, heads, grid.householdsPerMicroGridHead), role: broken ? .warning : .normal))
            if broken { lines.append(DetailLine(strings.staffingBroken, role: .warning)) }
        }
        lines.append(DetailLine(strings.counted(FieldNames.label("microGrids", in: language), grid.microGrids.count), role: .header))
        // Each micro-grid can be picked in the detail pane, to edit it with `e`.
        for (item, micro) in grid.microGrids.enumerated() {
            // Each building once, whatever the file says.
            var seen = Set<String>()
            let buildings = micro.buildings.filter { seen.insert($0).inserted }
            lines.append(DetailLine("  " + strings.microGridLine(micro.number, micro.headName, buildings.joined(separator: strings.listSeparator)),
                                    indent: 4, item: item))
        }
        return lines
    }
}
