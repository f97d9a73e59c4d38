import Foundation
import Testing
@testable import GridStore

@Suite struct TimestampTests {
    @Test func formatsInChinaStandardTimeAndReadsBack() {
        let instant = Date(timeIntervalSince1970: 1_795_280_400) // 2026-11-21 17:00 UTC
        #expect(Timestamp.format(instant) == "2026-11-22T01:00:00+08:00")
        #expect(Timestamp.parse("2026-11-22T01:00:00+08:00") == instant)
        #expect(Timestamp.parse("2026-11-21T17:00:00Z") == instant)
        #expect(Timestamp.parse("2026-11-21T12:00:00-05:00") == instant)
        // From the year 68 to 2096, whole seconds and not, every field's digits padded.
        #expect(Timestamp.format(Date(timeIntervalSince1970: -59_958_140_400.5)) == "0070-01-01T08:59:59+08:00")
        for seconds in stride(from: -60_000_000_000.0, to: 4_000_000_000, by: 76_543_211) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.parse(Timestamp.format(date)) == date)
        }
        for seconds in stride(from: 0.0, to: 4_000_000_000, by: 7_654_321) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.parse(Timestamp.format(date)) == date)
        }
    }

    @Test(arguments: ["2026-11-22", "2026-11-22T25:00:00Z", "2026-02-30T01:00:00Z", "2026-11-22T01:00:00+0800", "2026-11-22 01:00:00Z"])
    func refusesOtherForms(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func personalNumbersAreRedactedFromQuotedText() {
        #expect(PersonalData.redacted("Cannot initialize Gender from invalid String value 11010519491231002X") ==
                "Cannot initialize Gender from invalid String value ***")
        #expect(PersonalData.redacted("phone 13812345678, room 1203") == "phone ***, room 1203")
    }
}
