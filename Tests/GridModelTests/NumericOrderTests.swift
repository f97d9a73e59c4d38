import Foundation
import Testing
import GridModel

/// `NumericOrder` puts texts where Foundation's numeric comparison puts them.
@Suite struct NumericOrderTests {
    @Test func digitRunsSortByTheirValue() {
        let lines = ["望江花园 11栋 1单元 101", "望江花园 9栋 2单元 1201", "望江花园 9栋 2单元 302", "望江花园 9栋 10单元 101", "百合花园 1栋 1单元 101"]
        let sorted = lines.sorted { NumericOrder($0) < NumericOrder($1) }
        #expect(sorted == ["望江花园 9栋 2单元 302", "望江花园 9栋 2单元 1201", "望江花园 9栋 10单元 101", "望江花园 11栋 1单元 101", "百合花园 1栋 1单元 101"])
        #expect(NumericOrder("2-1-101") < NumericOrder("2-1-1001"))
        #expect(NumericOrder("a") < NumericOrder("a1") && !(NumericOrder("a1") < NumericOrder("a")), "a prefix first")
        #expect(!(NumericOrder("楼 7") < NumericOrder("楼 7")))
        #expect(NumericOrder("é") < NumericOrder("f") && NumericOrder("ü") < NumericOrder("v"), "accents decomposed, as Foundation compares")
        // Our own rule, not Foundation's (see below): leading zeros do not count.
        #expect(!(NumericOrder("楼 07") < NumericOrder("楼 7")) && !(NumericOrder("楼 7") < NumericOrder("楼 07")))
        #expect(NumericOrder("a07b") < NumericOrder("a7c") && NumericOrder("a 0") < NumericOrder("a 00 1"))
        // A number sorts above a space or a dash and below a letter or an ideograph.
        #expect(NumericOrder("a-") < NumericOrder("a1") && NumericOrder("a1") < NumericOrder("aa") && NumericOrder("楼 ") < NumericOrder("楼1"))
        #expect(NumericOrder("楼1") < NumericOrder("楼栋") && NumericOrder("1 ") < NumericOrder("12") && NumericOrder("9") < NumericOrder("10"))
        // Combining tone marks are put in canonical order first: these two texts are the same.
        #expect(!(NumericOrder("一\u{302B}\u{302A}") < NumericOrder("一\u{302A}\u{302B}")))
        #expect(!(NumericOrder("一\u{302A}\u{302B}") < NumericOrder("一\u{302B}\u{302A}")))
        // A compatibility ideograph is its unified one, plain ideographs and full-width forms themselves.
        #expect(!(NumericOrder("\u{F900}1") < NumericOrder("\u{8C48}1")) && !(NumericOrder("\u{8C48}1") < NumericOrder("\u{F900}1")))
        #expect(NumericOrder("\u{8C48}") < NumericOrder("\u{8C49}") && NumericOrder("Ｚ") < NumericOrder("ｚ"))
    }

    @Test func agreesWithFoundationOnManyAddresses() {
        // A fixed generator (a linear congruential one), so a failure names the same texts each run.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        // Letters with accents and a compatibility ideograph: Foundation compares them decomposed.
        let pieces = ["望江花园", "百合花园", "春晖小区", "栋", "单元", "号", "室", " ", "-", "A", "b", "Z", "附", "(", ")", "#", "·",
                      "é", "e\u{301}", "f", "ü", "v", "\u{F900}", "\u{8C49}", "吕"]
        func text() -> String {
            var result = ""
            for _ in 0..<(1 + next(7)) {
                // A number never starts with 0: Foundation ranks "01" and "1" by rules of its own.
                result += next(2) == 0 ? pieces[next(pieces.count)] : String(1 + next(next(2) == 0 ? 20 : 3000))
            }
            return result
        }
        let texts = (0..<600).map { _ in text() }
        var disagreements: [String] = []
        for (index, first) in texts.enumerated() {
            for second in texts[(index + 1)...].prefix(40) {
                let foundation = first.compare(second, options: .numeric)
                let ours: ComparisonResult = NumericOrder(first) < NumericOrder(second) ? .orderedAscending
                    : NumericOrder(second) < NumericOrder(first) ? .orderedDescending : .orderedSame
                if foundation != ours { disagreements.append("\(first) | \(second): \(foundation.rawValue) vs \(ours.rawValue)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
