import Foundation
import GridIndex
import GridModel
import GridStore
import TerminalUI

/// Changes the state for each action, and says what else must happen (read data, change theme,
/// quit). Pure: no terminal, no disk.
public enum AppReducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            if key == .resize { return [] }
            if state.lock != nil { return lockScreen(&state, key) }
            state.lastActivity = state.clock
            // Ctrl-C quits from anywhere: a filter, the command line, help or a form.
            if key == .control("c") { return [.quit] }
            // A form being saved takes no keys until the save comes back.
            if state.isSaving && state.form != nil { return [] }
            state.message = nil
            switch state.presentation {
            case .history?: return history(&state, key)
            case .passphrase?: return passphrasePrompt(&state, key)
            case .accounts?: return accountsPanel(&state, key)
            case .form(_, conflict: .some)?: return FormReducer.conflict(&state, key)
            case .form?: return FormReducer.reduce(&state, key)
            case .help?: return help(&state, key)
            case nil: break
            }
            switch state.mode {
            case .filter where state.folderSearch != nil: return folderSearch(&state, key)
            case .filter: return filter(&state, key)
            case .command(let text): return commandLine(&state, key, text)
            case .normal:
                guard let command = state.keymap.command(for: key, on: state.screen) else { return [] }
                return perform(&state, command)
            }
        case .resized(let width, let height):
            state.width = width
            state.height = height
            // The rows are the same at any size; only where each list is scrolled to changes.
            for screen in ScreenID.allCases { state.keepSelectionInView(screen) }
            return []
        case .loaded(let data):
            state.refreshingFor = nil
            // A district grid read for a grid the worker has since left: a newer read is on its way.
            if data.isLarge, let scope = state.scope, data.loadedGrid != nil, data.loadedGrid != scope, state.isLoading { return [] }
            replaceData(&state, data)
            showPending(&state)
            return []
        case .themeChanged(let name):
            state.themeName = name
            state.message = StatusMessage(state.strings.themeApplied(name))
            return []
        case .failed(let message):
            state.isLoading = false
            state.folderSearch?.isSearching = false
            state.message = StatusMessage(message, isError: true)
            return []
        case .saveFinished(let outcome, let data):
            return saveFinished(&state, outcome, data)
        case .saved(let changes, let data):
            state.isSaving = false
            let savedForm = state.form
            state.form = nil
            state.formConflict = nil
            guard !changes.isEmpty else {
                // The store found nothing to change (typed, then typed back): nothing to undo either.
                replaceData(&state, data)
                state.message = StatusMessage(state.strings.nothingChanged)
                return []
            }
            state.undoSteps.append(UndoStep(saved: changes, before: state.data))
            replaceData(&state, data)
            if let first = changes.first {
                // Stay where the worker is (a visit logged from a household stays on it); show the record when it belongs here.
                if first.screen == state.screen { state.show(first) }
                // A micro-grid saved stays picked in its grid's detail pane.
                if case .microGrid? = savedForm?.purpose, case .grid(let grid) = first, state.screen == .grids,
                   let number = savedForm.flatMap({ Int($0.value(.number)) }), let item = grid.microGrids.firstIndex(where: { $0.number == number }) {
                    state.focus = .detail
                    state.detailItem = item
                }
                if case .disputeCase(let saved) = first {
                    state.message = StatusMessage(state.strings.savedCase(saved.number))
                } else {
                    state.message = StatusMessage(state.strings.saved)
                }
            }
            return []
        case .saveFailed(let message):
            state.isSaving = false
            state.message = StatusMessage(message, isError: true)
            return []
        case .staleSave(let data):
            state.isSaving = false
            replaceData(&state, data)
            if let form = state.form, let conflict = FormConflict.find(form, state) {
                state.formConflict = conflict
            } else {
                state.message = StatusMessage(state.strings.changedSinceOpened, isError: true)
            }
            return []
        case .undone(let data):
            state.isSaving = false
            if let undone = state.undoSteps.popLast() { state.undoSteps = state.undoSteps.map { $0.rebased(after: undone) } }
            replaceData(&state, data)
            state.message = StatusMessage(state.strings.undone)
            return []
        case .undoFailed(let message, let data):
            // Someone changed the record since, or it is gone: that change stays, and so does theirs.
            state.isSaving = false
            state.undoSteps.removeLast(min(1, state.undoSteps.count))
            replaceData(&state, data)
            state.message = StatusMessage(message, isError: true)
            return []
        case .duplicate(let resident, let data):
            state.isSaving = false
            state.form = nil
            replaceData(&state, data)
            state.show(.resident(resident))
            state.message = StatusMessage(state.strings.alreadyOnFile(resident.name), isError: true)
            return []
        case .namesakes(let matches, let data):
            state.isSaving = false
            replaceData(&state, data)
            // The form stays, everything typed in it, with the warning over it until the worker answers.
            guard var form = state.form else { return [] }
            form.namesakes = matches
            state.form = form
            return []
        case .draftRestored(let form):
            state.form = form
            state.message = StatusMessage(state.strings.draftRestored)
            // In a district the draft's grid is read first, so its choices (households, workers) are there.
            guard let grid = form.grid, state.data.isLarge, state.data.loadedGrid != grid else { return [] }
            state.scope = grid
            state.isLoading = true
            return [.load(grid)]
        case .tick(let now):
            state.clock = now
            if state.lock == nil && now.timeIntervalSince(state.lastActivity) >= state.idleLimit {
                let screen = LockScreen(reason: .idle, login: state.login)
                lock(&state, screen)
            }
            // Past midnight in the community's zone: the figures and "today" are read again, once.
            let day = Day(now, in: state.data.timeZone)
            guard day != state.data.today, state.refreshingFor != day else { return [] }
            state.refreshingFor = day
            return [.refresh]
        case .authenticated(let session):
            guard state.lock != nil else { return [] }
            if session.workerID == state.actor {
                return reduce(&state, .unlocked(worker: session.workerID, login: session.login)) + [.resumeSession(session)]
            }
            return [.keepDraft(for: session)]
        case .draftKept(let session, let kept):
            // A form that cannot be kept (a full disk) is never dropped: the switch waits.
            guard kept else {
                let message = state.strings.formNotKept(state.worker?.name ?? state.login)
                state.lock?.message = message
                return []
            }
            return [.beginSession(session)] + reduce(&state, .unlocked(worker: session.workerID, login: session.login))
        case .unlocked(let worker, let login):
            state.lock = nil
            state.lastActivity = state.clock
            if worker != state.actor {
                // Someone else: their own changes to undo, their own forms (the runner kept the last one's as a draft).
                state.actor = worker
                state.presentation = nil
                state.undoSteps = []
                state.mode = .normal
                state.folderSearch = nil
                state.revealed = []
                // Their own to-do list and, for a grid worker, the figures of their own grids.
                state.rebuildRows()
                state.message = StatusMessage(state.strings.workingAs(state.worker?.name ?? worker.rawValue,
                                                                      state.worker?.role.name(state.language) ?? ""))
                state.login = login
                return [.restoreDraft]
            }
            state.login = login
            return []
        case .unlockFailed(let message):
            state.lock?.message = message
            return []
        case .revealed(let id):
            // Asked for before the screen locked: the numbers are not shown to whoever comes next.
            guard state.lock == nil else { return [] }
            state.revealed.insert(id)
            state.message = StatusMessage(state.strings.revealed(state.selectedResident?.name ?? ""))
            return []
        case .indexPrepared(let moreToDo):
            // A piece at a time, so what the worker asks for runs in between.
            return moreToDo ? [.prepareIndex] : []
        case .searched(let query, let hits):
            // An answer to what was typed before is dropped: a newer question is on its way.
            guard var search = state.folderSearch, search.query.trimmingCharacters(in: .whitespaces) == query else { return [] }
            let kinds = FolderSearch.kinds(on: state.screen)
            search.hits = hits.filter { kinds.contains($0.kind) }
            search.isSearching = false
            state.folderSearch = search
            return []
        case .historyLoaded(let panel):
            // Read while the worker went on: it shows only if nothing else was opened meanwhile.
            if state.presentation == nil { state.presentation = .history(panel) }
            return []
        case .accountsLoaded(let panel):
            if state.presentation == nil { state.presentation = .accounts(panel) }
            return []
        case .accountsRead(let accounts):
            let panel = AccountsPanel(accounts: accounts, workers: state.data.workers, language: state.language, now: state.clock)
            return reduce(&state, .accountsLoaded(panel))
        case .accountChanged(let change):
            state.passphrasePrompt = nil
            state.message = StatusMessage(state.strings.accountDone(change))
            return []
        case .accountChangeFailed(let message):
            state.passphrasePrompt = nil
            state.message = StatusMessage(message, isError: true)
            return []
        case .exported(let outcome):
            state.message = StatusMessage(state.strings.exported(outcome.rows, outcome.path, outcome.leftOut))
            return []
        case .sessionRevoked(let message):
            state.isSaving = false
            var screen = LockScreen(reason: .switchUser)
            screen.message = message
            lock(&state, screen)
            return []
        }
    }

    /// What a save came to: saved, a duplicate shown instead, someone else's newer version
    /// offered, or an error (which may end the session). A form's records are one change, so
    /// something stored with a failure means the disk did not confirm it: it is on disk, shown as
    /// saved (never saved twice), and the warning said.
    private static func saveFinished(_ state: inout AppState, _ outcome: SaveOutcome, _ data: DashboardData) -> [Effect] {
        if let existing = outcome.duplicate { return reduce(&state, .duplicate(existing, data)) }
        if !outcome.namesakes.isEmpty { return reduce(&state, .namesakes(outcome.namesakes, data)) }
        guard let failure = outcome.failure else { return reduce(&state, .saved(outcome.stored, data)) }
        if case .staleRecord = failure, outcome.stored.isEmpty { return reduce(&state, .staleSave(data)) }
        var effects: [Effect] = []
        if !outcome.stored.isEmpty { effects += reduce(&state, .saved(outcome.stored, data)) }
        return effects + reduce(&state, Action.endingSession(after: failure, language: state.language)
                                  ?? .saveFailed(failure.message(in: state.language)))
    }

    private static func passphrasePrompt(_ state: inout AppState, _ key: Key) -> [Effect] {
        if key == .escape {
            state.passphrasePrompt = nil
            return []
        }
        guard var prompt = state.passphrasePrompt else { return [] }
        let change = prompt.reduce(key, strings: state.strings)
        state.passphrasePrompt = prompt
        return change.map { [.changeAccount($0)] } ?? []
    }

    private static func accountsPanel(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var panel = state.accounts else { return [] }
        state.accounts = Overlay.scroll(&panel.offset, key) ? panel : nil
        return []
    }

    /// `:users`, `:user add LOGIN WORKER-ID`, `:user passwd [LOGIN]`, `:user disable|enable LOGIN`.
    /// The store decides who may (admins; anyone for their own passphrase); this only asks.
    private static func userCommand(_ state: inout AppState, _ words: [String]) -> [Effect]? {
        switch (words.first ?? "", words.count) {
        case ("users", 1):
            if let refusal = AccessPolicy.refusalToManageAccounts(for: state.worker) {
                state.message = StatusMessage(refusal.message(in: state.language), isError: true)
                return []
            }
            return [.loadAccounts]
        case ("user", 4) where words[1] == "add":
            state.passphrasePrompt = PassphrasePrompt(purpose: .add(login: words[2], worker: RecordID(words[3])))
            return []
        case ("user", 2) where words[1] == "passwd":
            state.passphrasePrompt = PassphrasePrompt(purpose: .change(login: state.login))
            return []
        case ("user", 3) where words[1] == "passwd":
            state.passphrasePrompt = PassphrasePrompt(purpose: .change(login: words[2]))
            return []
        case ("user", 3) where words[1] == "disable":
            return [.changeAccount(.disable(login: words[2]))]
        case ("user", 3) where words[1] == "enable":
            return [.changeAccount(.enable(login: words[2]))]
        default:
            return nil
        }
    }

    /// Locks the screen: nothing of the data shows, revealed numbers are masked again, an open form waits.
    static func lock(_ state: inout AppState, _ screen: LockScreen) {
        state.lock = screen
        state.revealed = []
        // Panels and help close; an open form waits behind the lock.
        if state.form == nil { state.presentation = nil }
    }

    private static func lockScreen(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var screen = state.lock else { return [] }
        let effect = LockReducer.reduce(&screen, key)
        if case .attempt? = effect { screen.message = state.strings.checking }
        state.lock = screen
        switch effect {
        case .attempt(let login, let passphrase)?:
            return [.unlock(login: login, passphrase: passphrase)]
        case .quit?: return [.quit]
        case nil: return []
        }
    }

    private static func history(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var panel = state.history else { return [] }
        let geometry = Overlay.geometry(lines: panel.lines(state), width: state.width, height: state.height, maxWidth: HistoryPanel.maxWidth)
        state.history = key != .character("i") && Overlay.scroll(&panel.offset, key, within: geometry) ? panel : nil
        return []
    }

    /// New data from disk: rows rebuilt, each list keeping the record it had selected.
    private static func replaceData(_ state: inout AppState, _ data: DashboardData) {
        state.data = data
        state.isLoading = false
        state.rebuildRows()
        state.detailItem = min(state.detailItem, max(0, state.detailItemCount - 1))
    }

    // MARK: Modes

    private static func help(_ state: inout AppState, _ key: Key) -> [Effect] {
        if !HelpOverlay.scroll(&state, key) { state.presentation = nil }
        return []
    }

    /// Filters as you type; Enter keeps the filter, Esc drops it. The arrows still move.
    private static func filter(_ state: inout AppState, _ key: Key) -> [Effect] {
        var list = state.list
        switch key {
        case .enter:
            state.mode = .normal
            return []
        case .escape:
            list.filter = ""
            state.mode = .normal
        case .backspace:
            if !list.filter.isEmpty { list.filter.removeLast() }
        case .character(let character):
            list.filter.append(character)
        case .down, .up, .pageDown, .pageUp:
            return perform(&state, key == .down ? .moveDown : key == .up ? .moveUp : key == .pageDown ? .pageDown : .pageUp)
        default:
            return []
        }
        let narrowing = list.filter.count > state.list.filter.count && list.filter.hasPrefix(state.list.filter)
        // Typing goes to the first match; dropping the filter keeps the record that was selected.
        let typing = key != .escape
        if typing { list.selection = 0 }
        state.lists[state.screen] = list
        state.refilter(state.screen, narrowing: narrowing, keepingSelection: !typing)
        state.detailOffset = 0
        state.detailItem = 0
        return []
    }

    /// `/` in a district: each keystroke asks the index of the whole folder; the arrows move among
    /// the matches; Enter opens the one selected in its grid, Esc drops the search.
    private static func folderSearch(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var search = state.folderSearch else { return [] }
        let page = state.layout.listRows
        switch key {
        case .escape:
            state.folderSearch = nil
            state.mode = .normal
            return []
        case .enter:
            state.folderSearch = nil
            state.mode = .normal
            guard search.hits.indices.contains(search.selection) else { return [] }
            return open(search.hits[search.selection], &state)
        case .down, .up, .pageDown, .pageUp:
            let delta = key == .down ? 1 : key == .up ? -1 : key == .pageDown ? page : -page
            search.selection = min(max(0, search.selection + delta), max(0, search.hits.count - 1))
            search.offset = ListView.offset(keeping: search.selection, visibleRows: page, previous: search.offset, count: search.hits.count)
            state.folderSearch = search
            return []
        case .backspace:
            if !search.query.isEmpty { search.query.removeLast() }
        case .character(let character):
            search.query.append(character)
        default:
            return []
        }
        let typed = search.query.trimmingCharacters(in: .whitespaces)
        search.selection = 0
        search.offset = 0
        search.isSearching = !typed.isEmpty
        if typed.isEmpty { search.hits = [] }
        state.folderSearch = search
        return typed.isEmpty ? [] : [.search(typed, kinds: FolderSearch.kinds(on: state.screen))]
    }

    /// Opens a match of the folder search: its grid is read (unless shown), then the record selected.
    private static func open(_ hit: SearchHit, _ state: inout AppState) -> [Effect] {
        state.showAfterLoad = hit.recordID
        let effects = enter(&state, grid: hit.grid, screen: state.screen)
        if effects.isEmpty { showPending(&state) }
        return effects
    }

    /// Selects the record a search match asked for, once its grid's records are read.
    private static func showPending(_ state: inout AppState) {
        guard let id = state.showAfterLoad else { return }
        let data = state.data
        if let household = data.households.first(where: { $0.id == id }) {
            state.show(.household(household))
        } else if let resident = data.residents.values.lazy.compactMap({ $0.first { $0.id == id } }).first {
            state.show(.resident(resident))
        } else if let found = data.cases.first(where: { $0.id == id }) {
            state.show(.disputeCase(found))
        } else if state.isLoading {
            return
        }
        state.showAfterLoad = nil
    }

    private static func commandLine(_ state: inout AppState, _ key: Key, _ text: String) -> [Effect] {
        switch key {
        case .enter:
            state.mode = .normal
            return run(&state, text.trimmingCharacters(in: .whitespaces))
        case .escape:
            state.mode = .normal
        case .backspace:
            state.mode = text.isEmpty ? .normal : .command(String(text.dropLast()))
        case .character(let character):
            state.mode = .command(text + String(character))
        default:
            break
        }
        return []
    }

    // MARK: Commands

    static func perform(_ state: inout AppState, _ command: Command) -> [Effect] {
        switch command {
        case .moveDown: move(&state, by: 1)
        case .moveUp: move(&state, by: -1)
        case .pageDown: move(&state, by: state.focus == .detail ? state.layout.detailRows : state.layout.listRows)
        case .pageUp: move(&state, by: -(state.focus == .detail ? state.layout.detailRows : state.layout.listRows))
        case .first: move(&state, by: Int.min / 2)
        case .last: move(&state, by: Int.max / 2)
        case .nextPane: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count) ?? .list
        case .previousPane: state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count) ?? .list
        case .paneLeft: state.focus = .list
        case .paneRight: state.focus = state.focus == .list ? .detail : .actions
        case .screen(let screen): show(&state, screen)
        case .open: return open(&state)
        case .back: back(&state)
        case .filter:
            state.mode = .filter
            state.folderSearch = FolderSearch.applies(state) ? FolderSearch() : nil
        case .commandLine: state.mode = .command("")
        case .help:
            state.presentation = .help
            state.helpOffset = 0
        case .quit: return [.quit]
        case .caseAction(let action):
            guard let disputeCase = state.selectedCase, action.isAllowed(for: disputeCase) else { return [] }
            let gridWorker = state.data.grids.first { $0.code == disputeCase.gridCode }?.workerID
            state.form = CaseStepForm.make(action, for: disputeCase, workers: Array(state.data.workers.values), gridWorker: gridWorker,
                                           language: state.language)
            refuseFormOutsideOwnGrids(&state)
        case .newRecord, .edit, .addMicroGrid, .addResident, .logVisit, .addFinding, .openCase, .moveRecord:
            EntryCommands.open(&state, command)
            refuseFormOutsideOwnGrids(&state)
        case .reveal:
            guard let resident = state.selectedResident else {
                state.message = StatusMessage(state.strings.revealHint)
                return []
            }
            guard resident.idNumber != nil || resident.phone != nil else {
                state.message = StatusMessage(state.strings.revealNothing)
                return []
            }
            return state.revealed.contains(resident.id) ? [] : [.reveal(resident)]
        case .history:
            // A household row (no resident picked) tells its whole story; a resident or any other record its own history.
            if state.selectedResident == nil, let household = state.selectedHousehold {
                return [.loadStory(household.id, grid: household.gridCode, title: household.address.line)]
            }
            guard let target = state.selectedRecordID else { return [] }
            return [.loadHistory(target.id, title: target.title)]
        case .lock:
            // The worker's own login is filled in, so a passphrase typed at once goes into the starred field.
            lock(&state, LockScreen(reason: .switchUser, login: state.login))
        case .undo:
            // One undo at a time: a second `u` before the first comes back would undo the same step again.
            guard !state.isSaving else { return [] }
            guard let step = state.undoSteps.last else {
                state.message = StatusMessage(state.strings.nothingToUndo)
                return []
            }
            guard step.isUndoable else {
                state.message = StatusMessage(step.addedGrid ? state.strings.cannotUndoNewGrid : state.strings.cannotUndo, isError: true)
                return []
            }
            state.isSaving = true
            return [.undo(step)]
        }
        return []
    }

    /// A form for a grid the worker may not change closes at once, saying why (the store would refuse it too).
    /// Grids themselves and their micro-grids are the admin's to change.
    private static func refuseFormOutsideOwnGrids(_ state: inout AppState) {
        guard let form = state.form else { return }
        let refusal = form.changesGrids ? AccessPolicy.refusalToChangeGrids(for: state.worker) : form.grid.flatMap(state.refusal(inGrid:))
        guard let refusal else { return }
        state.form = nil
        state.message = StatusMessage(refusal.message(in: state.language), isError: true)
    }

    private static func move(_ state: inout AppState, by delta: Int) {
        switch state.focus {
        case .list:
            var list = state.list
            guard !list.visible.isEmpty else { return }
            list.selection = min(max(0, list.selection.addingClamped(delta)), list.visible.count - 1)
            list.offset = ListView.offset(keeping: list.selection, visibleRows: state.layout.listRows, previous: list.offset, count: list.visible.count)
            if list.selection != state.list.selection {
                state.detailOffset = 0
                state.detailItem = 0
            }
            state.lists[state.screen] = list
        case .detail:
            let wrapped = DetailView.wrapped(state.detailLines, width: state.layout.detail.width - 2)
            let count = state.detailItemCount
            if count > 0 && abs(delta) == 1 {
                // Residents and findings are picked one at a time; the pane scrolls to show the one picked.
                state.detailItem = min(max(0, state.detailItem + delta), count - 1)
                let lines = wrapped.indices.filter { wrapped[$0].item == state.detailItem }
                if let first = lines.first, let last = lines.last {
                    if first < state.detailOffset { state.detailOffset = first }
                    if last >= state.detailOffset + state.layout.detailRows { state.detailOffset = last - state.layout.detailRows + 1 }
                }
                return
            }
            state.detailOffset = min(max(0, state.detailOffset.addingClamped(delta)), max(0, wrapped.count - state.layout.detailRows))
        case .actions:
            state.actionSelection = min(max(0, state.actionSelection.addingClamped(delta)), max(0, state.actions.count - 1))
        }
    }

    private static func show(_ state: inout AppState, _ screen: ScreenID) {
        state.screen = screen
        state.focus = .list
        state.detailOffset = 0
        state.detailItem = 0
        state.actionSelection = 0
    }

    /// Enter: the selected item's own action, or the highlighted one in the action pane.
    private static func open(_ state: inout AppState) -> [Effect] {
        if state.focus == .actions {
            let actions = state.actions
            guard actions.indices.contains(state.actionSelection) else { return [] }
            let command = actions[state.actionSelection].command
            if command == .open { state.focus = .list } else { return perform(&state, command) }
        }
        guard let row = state.list.selectedRow else { return [] }
        switch state.screen {
        case .todo:
            openTodo(&state)
        case .overview:
            show(&state, OverviewSection(rawValue: row)?.screen ?? .overview)
        case .grids:
            return enter(&state, grid: state.data.grids[row].code, screen: .households)
        case .households, .patrols, .cases:
            state.focus = .detail
        }
        return []
    }

    /// A to-do row opens its household (the resident picked in the detail pane) or its case.
    private static func openTodo(_ state: inout AppState) {
        guard let item = state.selectedTodo else { return }
        let data = state.data
        if item.kind == .visit {
            if let resident = data.resident(of: item) {
                state.show(.resident(resident))
            } else if let household = state.selectedTodoHousehold {
                state.show(.household(household))
            }
        } else if let found = data.cases.first(where: { $0.id == item.recordID }) {
            state.show(.disputeCase(found))
        }
    }

    /// Shows one grid's records on `screen`, reading them first when the folder is a district.
    private static func enter(_ state: inout AppState, grid: GridCode, screen: ScreenID) -> [Effect] {
        state.scope = grid
        for target in [ScreenID.todo, .households, .patrols, .cases] {
            state.lists[target]?.selection = 0
            state.lists[target]?.filter = ""
            state.refilter(target)
        }
        show(&state, screen)
        guard state.data.isLarge, state.data.loadedGrid != grid else { return [] }
        state.isLoading = true
        return [.load(grid)]
    }

    /// Esc: out of a pane, then out of a filter, then out of a grid. It never quits.
    private static func back(_ state: inout AppState) {
        if state.focus != .list {
            state.focus = .list
        } else if !state.list.filter.isEmpty {
            state.lists[state.screen]?.filter = ""
            state.refilter(state.screen)
            state.detailOffset = 0
        } else if state.isScoped(state.screen) {
            if state.data.isLarge {
                show(&state, .grids)
            } else {
                state.scope = nil
                for screen in ScreenID.allCases { state.refilter(screen) }
            }
        }
    }

    // MARK: The command line

    private static func run(_ state: inout AppState, _ line: String) -> [Effect] {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch (words.first ?? "", words.count) {
        case ("", _):
            return []
        case ("q", 1), ("quit", 1):
            return [.quit]
        case ("theme", 2):
            return [.applyTheme(words[1])]
        case ("lang", 2):
            guard let language = Language(rawValue: words[1]) else { break }
            state.language = language
            state.rebuildRows()
            state.message = StatusMessage(state.strings.languageApplied)
            return []
        case ("goto", 2):
            return goto(&state, words[1])
        case ("export", _), ("export!", _):
            return ListExport.command(&state, Array(words.dropFirst()), replacing: words[0] == "export!")
        default:
            if let effects = userCommand(&state, words) { return effects }
        }
        state.message = StatusMessage(state.strings.unknownCommand(line), isError: true)
        return []
    }

    /// `:goto` a grid code or a case number.
    private static func goto(_ state: inout AppState, _ target: String) -> [Effect] {
        if let index = state.data.grids.firstIndex(where: { $0.code.rawValue == target }) {
            show(&state, .grids)
            state.lists[.grids]?.filter = ""
            state.refilter(.grids)
            select(&state, row: index)
            return []
        }
        if let found = state.data.cases.firstIndex(where: { $0.number.caseInsensitiveCompare(target) == .orderedSame }) {
            let grid = state.data.cases[found].gridCode
            let effects = enter(&state, grid: grid, screen: .cases)
            select(&state, row: found)
            return effects
        }
        state.message = StatusMessage(state.strings.notFound(target), isError: true)
        return []
    }

    private static func select(_ state: inout AppState, row: Int) {
        guard var list = state.lists[state.screen], let position = list.visible.firstIndex(of: row) else { return }
        list.selection = position
        list.offset = ListView.offset(keeping: position, visibleRows: state.layout.listRows, previous: list.offset, count: list.visible.count)
        state.lists[state.screen] = list
    }
}

extension Int {
    /// Adds without overflowing, for "first" and "last" moves.
    func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? Int.max : Int.min) : sum
    }
}
