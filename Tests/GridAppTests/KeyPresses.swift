import TerminalUI
@testable import GridApp

// Driving the reducer from the keyboard, shared by the reducer and form suites.

/// Sends each key in turn and returns every effect asked for.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { AppReducer.reduce(&state, .key($0)) }
}

/// Types `text` one character at a time, as a terminal delivers it.
func type(_ state: inout AppState, _ text: String) {
    for character in text { _ = AppReducer.reduce(&state, .key(.character(character))) }
}

/// The records a form asked to save, or nothing.
func saved(_ effects: [Effect]) -> [RecordChange] {
    guard case .save(let changes)? = effects.first else { return [] }
    return changes
}
