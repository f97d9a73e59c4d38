import Foundation
import Testing
@testable import GridStore

/// The unknown-field scan matches known ASCII keys on their bytes (issue 12): it must list exactly
/// the keys that `objectKeys()` lists and the set does not hold, escaped and non-ASCII keys included.
@Suite struct KeySetTests {
    @Test func unknownKeysAreThoseObjectKeysListsOutsideTheSet() {
        let known = KeySet(["id", "name", "kind", "records", "gridCode", "K"])
        let documents = [
            #"{"kind": "x", "records": [{"id": 1, "name": "a", "colour": 2}, {"nam": 1, "names": 2, "": 3}]}"#,
            #"{"n\u0061me": 1, "\u0069d": 2, "gridCode": "420303001001001", "gridcode": 3}"#,
            "{\"\u{212A}\": 1, \"名字\": 3, \"e\u{301}\": 4}",
            #"{"a": {"b": {"id": [ {"records": "\"name\": 1"} ]}}, "name" : 1, "name"  :2}"#,
            #"["id", "name", {"id"}]"#,
        ]
        for document in documents {
            let locator = JSONLocator(data: Data(document.utf8))
            let expected = locator.objectKeys().filter { !known.strings.contains($0.key) }
            let found = locator.unknownKeysAndLaxity(notIn: known).keys
            #expect(found.map(\.key) == expected.map(\.key), "\(document)")
            #expect(found.map(\.offset) == expected.map(\.offset))
        }
        // The Kelvin sign equals "K" as a Swift string: known, as before, though its bytes differ.
        #expect(JSONLocator(data: Data("{\"\u{212A}\": 1}".utf8)).unknownKeysAndLaxity(notIn: known).keys.isEmpty)
        #expect(JSONLocator(data: Data(#"{"colour": 1, "id": 2}"#.utf8)).unknownKeysAndLaxity(notIn: known).keys.map(\.key) == ["colour"])
    }
}
