import Foundation
import GridModel
import TerminalUI

/// Everything the dashboard shows, in one value: views draw it, reducers change it.
public struct AppState: Sendable {
    public var screen: ScreenID = .overview
    public var focus: Pane = .list
    public var mode: InputMode = .normal
    /// How far help is scrolled.
    public var helpOffset = 0
    public var language: Language
    public var themeName: String
    public var width: Int
    public var height: Int
    public var data: DashboardData
    public internal(set) var rows: [ScreenID: [Row]] = [:]
    public var lists: [ScreenID: ListState] = [:]
    /// The grid whose households, patrols, cases and to-do list are shown; nil for every grid.
    /// The overview follows it.
    public var scope: GridCode? {
        didSet { if scope != oldValue { refreshOverview() } }
    }
    public var detailOffset = 0
    public var actionSelection = 0
    public var message: StatusMessage?
    public var isLoading = false
    public var isSaving = false
    /// What is shown over the panes (help, a form, a panel), taking the keys while it shows.
    public var presentation: Presentation?
    /// In the detail pane: the resident (households) or finding (patrols) selected.
    public var detailItem = 0
    /// Changes saved in this session, the latest last, for `u`.
    public var undoSteps: [UndoStep] = []
    /// Who is working: every change is recorded under this worker.
    public var actor: RecordID
    /// The login the worker used, offered again by the idle lock.
    public var login: String
    /// The login screen, over everything, while the dashboard is locked.
    public var lock: LockScreen?
    /// How long without a key before the screen locks.
    public var idleLimit: TimeInterval
    /// When the last key was pressed.
    public var lastActivity: Date
    /// Residents whose full ID and phone numbers are shown (each reveal is audited); cleared on lock.
    public var revealed: Set<RecordID> = []
    /// The present moment, set by the run loop before each key, so reducers stay pure.
    public var clock: Date
    public let keymap: Keymap
    /// A search of the whole folder, while `/` is being typed on screen 3 or 5 of a district.
    public var folderSearch: FolderSearch?
    /// The day the data is being read again for, after midnight (so it is asked for once).
    public var refreshingFor: Day?
    /// The record to select once the grid being read is shown (a match opened from a search).
    public var showAfterLoad: RecordID?
    /// Where new records' ids come from: random in use, counting in tests.
    public var ids: RecordIDSource

    public init(data: DashboardData, language: Language, themeName: String, width: Int, height: Int,
                actor: RecordID = RecordID("W-admin"), login: String = "admin", clock: Date = Date(),
                idleLimit: TimeInterval = 5 * 60, keymap: Keymap = .standard, ids: RecordIDSource = .random) {
        self.ids = ids
        self.data = data
        self.actor = actor
        self.login = login
        self.clock = clock
        self.idleLimit = idleLimit
        lastActivity = clock
        self.language = language
        self.themeName = themeName
        self.width = width
        self.height = height
        self.keymap = keymap
        scope = data.loadedGrid
        // A grid worker starts the day with what is due; others with the figures.
        if data.workers[actor]?.role == .gridWorker { screen = .todo }
        if data.unreadableFiles > 0 { message = StatusMessage(strings.unreadable(data.unreadableFiles), isError: true) }
        rebuildRows()
    }

    /// The form being filled in, if one is presented. Setting a form presents it; setting nil
    /// takes a presented form away and leaves anything else presented alone.
    public var form: RecordForm? {
        get { if case .form(let form, _) = presentation { form } else { nil } }
        set {
            if var newValue {
                // A form for a new record gets the new record's id as it is first presented.
                if newValue.newRecordID == nil, let prefix = newValue.newRecordPrefix { newValue.newRecordID = ids.next(prefix) }
                presentation = .form(newValue, conflict: formConflict)
            } else if case .form = presentation {
                presentation = nil
            }
        }
    }

    /// Someone else's newer version of the form's record, shown beside it to keep or take.
    public var formConflict: FormConflict? {
        get { if case .form(_, let conflict) = presentation { conflict } else { nil } }
        set { if case .form(let form, _) = presentation { presentation = .form(form, conflict: newValue) } }
    }

    /// The audit trail's entries about one record, if presented.
    public var history: HistoryPanel? {
        get { if case .history(let panel) = presentation { panel } else { nil } }
        set { present(newValue.map(Presentation.history), replacing: history != nil) }
    }

    /// `:users`: the accounts, if presented.
    public var accounts: AccountsPanel? {
        get { if case .accounts(let panel) = presentation { panel } else { nil } }
        set { present(newValue.map(Presentation.accounts), replacing: accounts != nil) }
    }

    /// A new passphrase being typed for `:user add` or `:user passwd`, if presented.
    public var passphrasePrompt: PassphrasePrompt? {
        get { if case .passphrase(let prompt) = presentation { prompt } else { nil } }
        set { present(newValue.map(Presentation.passphrase), replacing: passphrasePrompt != nil) }
    }

    public var isShowingHelp: Bool { presentation == .help }

    /// Presents `presentation`, or takes away what is presented when it is nil and `replacing`
    /// says it is the kind being cleared.
    private mutating func present(_ presentation: Presentation?, replacing: Bool) {
        if let presentation {
            self.presentation = presentation
        } else if replacing {
            self.presentation = nil
        }
    }

    public var strings: UIStrings { UIStrings.forLanguage(language) }
    public var layout: Layout { Layout(width: width, height: height, actionCount: actions.count) }
    /// The action pane: what the screen offers, less the workflow steps the selected case does not allow.
    public var actions: [KeyBinding] {
        let selectedCase = screen == .cases ? list.selectedRow.map { data.cases[$0] } : nil
        let todo = selectedTodo
        return keymap.actions(on: screen).filter { binding in
            // A visit is logged from a resident's row, not from a case's.
            if binding.command == .logVisit, screen == .todo { return todo?.kind == .visit }
            guard case .caseAction(let action) = binding.command else { return true }
            return selectedCase.map(action.isAllowed) ?? false
        }
    }

    /// The case selected on the cases screen.
    var selectedCase: DisputeCase? {
        guard screen == .cases, let row = list.selectedRow, data.cases.indices.contains(row) else { return nil }
        return data.cases[row]
    }
    public var list: ListState { lists[screen] ?? ListState() }

    /// The selected record's detail lines, unwrapped.
    public var detailLines: [DetailLine] {
        guard let row = list.selectedRow else { return [] }
        return DetailBuilder(data: data, language: language, revealed: revealed).lines(for: screen, at: row)
    }

    /// The household selected on the households screen.
    var selectedHousehold: Household? {
        guard screen == .households, let row = list.selectedRow, data.households.indices.contains(row) else { return nil }
        return data.households[row]
    }

    /// The row selected on the to-do screen.
    var selectedTodo: TodoItem? {
        guard screen == .todo, let row = list.selectedRow, data.todo.items.indices.contains(row) else { return nil }
        return data.todo.items[row]
    }

    /// The household of the visit row selected on the to-do screen.
    var selectedTodoHousehold: Household? {
        guard let item = selectedTodo, item.kind == .visit else { return nil }
        return data.households.first { $0.id == item.recordID }
    }

    /// The patrol log selected on the patrols screen.
    var selectedPatrol: PatrolLog? {
        guard screen == .patrols, let row = list.selectedRow, data.patrols.indices.contains(row) else { return nil }
        return data.patrols[row]
    }

    /// The grid selected on the grids screen.
    var selectedGrid: Grid? {
        guard screen == .grids, let row = list.selectedRow, data.grids.indices.contains(row) else { return nil }
        return data.grids[row]
    }

    /// The micro-grid picked in the detail pane of the grids screen, when it has the focus.
    var selectedMicroGrid: MicroGrid? {
        guard focus == .detail, let grid = selectedGrid, grid.microGrids.indices.contains(detailItem) else { return nil }
        return grid.microGrids[detailItem]
    }

    /// How many items (micro-grids, residents, findings) the detail pane lets the worker pick among.
    var detailItemCount: Int {
        if let grid = selectedGrid { return grid.microGrids.count }
        if let household = selectedHousehold { return data.residents[household.id]?.count ?? 0 }
        return selectedPatrol?.findings.count ?? 0
    }

    /// The resident picked in the detail pane, when it has the focus.
    var selectedResident: Resident? {
        guard focus == .detail, let household = selectedHousehold, let people = data.residents[household.id],
              people.indices.contains(detailItem) else { return nil }
        return people[detailItem]
    }

    /// The worker logged in, as on the list of workers.
    public var worker: Worker? { data.workers[actor] }

    /// Why the worker may not change records of `grid`, or nil when they may (see `AccessPolicy`).
    func refusal(inGrid grid: GridCode) -> AccessRefusal? { AccessPolicy.refusal(for: worker, inGrid: grid) }

    /// The record the selection stands for: the resident picked in the detail pane, else the row's record.
    var selectedRecordID: (id: RecordID, title: String)? {
        if let resident = selectedResident { return (resident.id, resident.name) }
        guard let row = list.selectedRow else { return nil }
        return screen.feature.record(at: row, in: data)
    }

    /// Screens 3–5 and the to-do list show one grid when a scope is set; the grids screen always
    /// shows all, and the overview adds up the grids in view (`overviewGrids`).
    func isScoped(_ screen: ScreenID) -> Bool { scope != nil && [.todo, .households, .patrols, .cases].contains(screen) }

    /// The grids the overview adds up: the grid chosen, else a grid worker's own, else all (nil).
    var overviewGrids: Set<GridCode>? {
        if let scope { return [scope] }
        guard let worker, worker.role == .gridWorker, !worker.gridCodes.isEmpty else { return nil }
        return Set(worker.gridCodes)
    }

    /// The overview for the grids in view, and its rows: after new data, and when the scope changes.
    mutating func refreshOverview() {
        data.overview = data.overview(of: overviewGrids)
        rows[.overview] = RowBuilder.rows(for: .overview, data, language)
        refilter(.overview)
    }

    /// The worker's to-do list over the records read: a grid worker's own grids, anyone else's
    /// every grid read (the scope then narrows it like the other lists).
    mutating func rebuildTodo() {
        let own = worker.flatMap { $0.role == .gridWorker ? Set($0.gridCodes) : nil }
        data.todo = TodoList(households: data.households, residents: data.residents.values.flatMap { $0 }, cases: data.cases,
                             schedule: data.visitSchedule, today: data.today, worker: actor, grids: own, timeZone: data.timeZone)
    }

    /// Rows depend on the language (stage names, kinds), so a change of language rebuilds them.
    mutating func rebuildRows() {
        rebuildTodo()
        data.overview = data.overview(of: overviewGrids)
        for screen in ScreenID.allCases {
            rows[screen] = RowBuilder.rows(for: screen, data, language)
            refilter(screen)
        }
    }

    /// Recomputes which rows pass the scope and the filter, keeping the selection in range.
    /// `narrowing` (a character was added to the filter) searches only the rows still shown.
    /// With `keepingSelection` the record that was selected stays selected if it still passes.
    mutating func refilter(_ screen: ScreenID, narrowing: Bool = false, keepingSelection: Bool = true) {
        var state = lists[screen] ?? ListState()
        let previous = keepingSelection ? state.selectedRow : nil
        let all = rows[screen] ?? []
        let needle = state.filter.lowercased()
        let scoped = isScoped(screen)
        let candidates = narrowing ? state.visible : Array(all.indices)
        state.visible = candidates.filter { index in
            (!scoped || all[index].gridCode == scope) && (needle.isEmpty || all[index].search.contains(needle))
        }
        if let previous, let position = state.visible.firstIndex(of: previous) {
            state.selection = position
        } else {
            state.selection = min(state.selection, max(0, state.visible.count - 1))
        }
        lists[screen] = state
        keepSelectionInView(screen)
    }

    /// Scrolls `screen`'s list as little as possible so its selection shows at the current size.
    mutating func keepSelectionInView(_ screen: ScreenID) {
        guard var state = lists[screen] else { return }
        state.offset = ListView.offset(keeping: state.selection, visibleRows: layout.listRows, previous: state.offset, count: state.visible.count)
        lists[screen] = state
    }

    /// Shows a record on its screen: selects its row (dropping a filter that hides it) and, for
    /// a resident, their household with them picked in the detail pane.
    mutating func show(_ change: RecordChange) {
        let target = change.screen
        let row: Int?
        switch change {
        case .household(let household): row = data.households.firstIndex { $0.id == household.id }
        case .resident(let resident): row = data.households.firstIndex { $0.id == resident.householdID }
        case .patrol(let patrol): row = data.patrols.firstIndex { $0.id == patrol.id }
        case .disputeCase(let disputeCase): row = data.cases.firstIndex { $0.id == disputeCase.id }
        case .grid(let grid): row = data.grids.firstIndex { $0.id == grid.id }
        }
        guard let row else { return }
        // The grids screen always lists every grid: showing one there leaves the scope alone.
        if target != .grids, let grid = rows[target]?[row].gridCode, scope != nil, scope != grid {
            scope = grid
            for screen in [ScreenID.todo, .households, .patrols, .cases] { refilter(screen) }
        }
        screen = target
        var state = lists[target] ?? ListState()
        if !state.visible.contains(row) {
            state.filter = ""
            lists[target] = state
            refilter(target)
            state = lists[target] ?? ListState()
        }
        if let position = state.visible.firstIndex(of: row) { state.selection = position }
        lists[target] = state
        keepSelectionInView(target)
        detailOffset = 0
        detailItem = 0
        focus = .list
        if case .resident(let resident) = change, let index = data.residents[resident.householdID]?.firstIndex(where: { $0.id == resident.id }) {
            detailItem = index
            focus = .detail
        }
    }

}
