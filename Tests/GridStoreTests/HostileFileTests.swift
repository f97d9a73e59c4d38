import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Files built to make the reader work too hard, found while writing its fuzz target (issue 15): each must
/// still read, with every problem in its place, in a time that does not grow with the square of
/// the file. The limits are far above what the reading takes now (well under a second).
@Suite struct HostileFileTests {
    /// Each stray field was placed by scanning the file from its start: 20,000 of them took minutes.
    @Test(.timeLimit(.minutes(1))) func thousandsOfUnknownFieldsAreEachReportedWhereTheyStand() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001001/households.json"
        let stray = (0..<20_000).map { "        \"stray\($0)\" : 0,\n" }.joined()
        let edited = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "\"building\" : \"1栋\",\n", with: "\"building\" : \"1栋\",\n" + stray)
        try edited.write(toFile: path, atomically: false, encoding: .utf8)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let unknown = store.problems.filter { $0.formatted(in: .en).contains("unknown field \"stray") }
        #expect(unknown.count == 20_000)
        let lines = edited.components(separatedBy: "\n")
        for (problem, name) in [(unknown.first, "\"stray0\""), (unknown.last, "\"stray19999\"")] {
            let line = try #require(problem?.position?.line)
            #expect(problem?.formatted(in: .en).contains(name) == true && lines[line - 1].contains(name), "line \(line): \(lines[line - 1])")
        }
    }

    /// Each member name was compared with every one before it: 100,000 names took minutes.
    @Test(.timeLimit(.minutes(1))) func anObjectOfManyNamesIsCheckedForRepeatsInOnePass() {
        let names = (0..<100_000).map { "\"n\($0)\": 0" }.joined(separator: ", ")
        #expect(JSONLocator(data: Data("{\(names)}".utf8)).firstSyntaxError() == nil)
        let repeated = "{\(names), \"n\\u0039\": 1}"  // n9, escaped, repeated at the end
        let error = JSONLocator(data: Data(repeated.utf8)).firstSyntaxError()
        #expect(error?.message == "duplicate key \"n9\"")
        #expect(error?.position == TextPosition(line: 1, column: repeated.unicodeScalars.count - 12))
        let scan = JSONLocator(data: Data(repeated.utf8)).unknownKeysAndLaxity(notIn: KeySet([]))
        #expect(scan.laxity?.message == "duplicate key \"n9\"" && scan.keys.count == 100_000)
    }

    @Test func positionsOfManyOffsetsAreThoseOfEachInTurn() {
        let text = "\u{FEFF}{\n  \"名字\": \"王小明\",\n\n  \"a\": [1, 2]\n}"
        let locator = JSONLocator(data: Data(text.utf8))
        let offsets = [40, 3, 0, 17, 5, 17, 999, -4, Data(text.utf8).count]
        #expect(locator.positions(ofByteOffsets: offsets) == offsets.map { locator.position(ofByteOffset: $0) })
    }
}
