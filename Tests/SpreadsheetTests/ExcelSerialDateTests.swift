import Testing
@testable import Spreadsheet

/// Excel's day numbers, against dates Python's datetime gives for the same serials.
@Suite struct ExcelSerialDateTests {
    @Test func theNineteenHundredSystemWithItsLeapDay() {
        #expect(ExcelSerialDate.date(1)! == (1900, 1, 1))
        #expect(ExcelSerialDate.date(59)! == (1900, 2, 28))
        #expect(ExcelSerialDate.date(60)! == (1900, 2, 29), "the day Lotus invented")
        #expect(ExcelSerialDate.date(61)! == (1900, 3, 1))
        #expect(ExcelSerialDate.date(18_264)! == (1950, 1, 1))
        #expect(ExcelSerialDate.date(29_221)! == (1980, 1, 1))
        #expect(ExcelSerialDate.date(45_000)! == (2023, 3, 15))
        #expect(ExcelSerialDate.date(46_348)! == (2026, 11, 22))
        #expect(ExcelSerialDate.date(0) == nil && ExcelSerialDate.date(3_000_000) == nil)
    }

    @Test func theNineteenOhFourSystem() {
        #expect(ExcelSerialDate.date(0, uses1904: true)! == (1904, 1, 1))
        #expect(ExcelSerialDate.date(45_000 - 1462, uses1904: true)! == (2023, 3, 15))
    }

    @Test func textWithATimeOnlyWhenThereIsOne() {
        #expect(ExcelSerialDate.text(46_348) == "2026-11-22")
        #expect(ExcelSerialDate.text(46_348.5) == "2026-11-22 12:00:00")
    }
}
