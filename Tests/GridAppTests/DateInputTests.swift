import Testing
import GridModel
@testable import GridApp

@Suite struct DateInputTests {
    let today = Day(year: 2026, month: 11, day: 22) ?? Day(dayNumber: 0)

    @Test func theFormsPeopleType() {
        #expect(DateInput.parse("2026-11-22", today: today) == today)
        #expect(DateInput.parse("11-20", today: today) == Day(year: 2026, month: 11, day: 20))
        #expect(DateInput.parse("today", today: today) == today)
        #expect(DateInput.parse("今天", today: today) == today)
        #expect(DateInput.parse("-3d", today: today) == Day(year: 2026, month: 11, day: 19))
        #expect(DateInput.parse("+10", today: today) == Day(year: 2026, month: 12, day: 2))
    }

    @Test(arguments: ["2026-02-30", "13-01", "yesterday", "-3x", "", "-99999999999999999999d"])
    func nonsenseIsRefused(_ text: String) {
        #expect(DateInput.parse(text, today: today) == nil)
    }
}
