import Testing
@testable import GridModel

@Suite struct ResidentIDNumberTests {
    @Test func acceptsTheStandardsExample() throws {
        let parsed = try ResidentIDNumber.parse("11010519491231002X")
        #expect(parsed.birthDate == Day(year: 1949, month: 12, day: 31))
        #expect(parsed.gender == .female)
        #expect(Fixtures.resident(idNumber: "11010519491231002X").violations(in: Fixtures.context).isEmpty)
    }

    @Test func computesTheCheckCharacter() {
        let digits = "11010519491231002".compactMap(\.wholeNumberValue)
        #expect(ResidentIDNumber.checkCharacter(for: digits) == "X")
    }

    @Test(arguments: ["110105194912310020", "110105194912310021", "110105194912310029"])
    func refusesAWrongCheckCharacter(_ number: String) {
        #expect(problem(number) == .idNumberCheckCharacter)
    }

    @Test(arguments: ["11010519490230002X", "11010519491331002X", "11010518000101002X"])
    func refusesAnImpossibleBirthDate(_ number: String) {
        #expect(problem(number) == .idNumberBirthDate)
    }

    @Test(arguments: ["1101051949123100", "11010519491231002Y", "1101051949123100２X", "110105194912310023X"])
    func refusesMalformedNumbers(_ number: String) {
        #expect(problem(number) == .idNumberFormat)
    }

    @Test func refusesAnImpossibleAreaCode() {
        #expect(problem("01010519491231002X") == .idNumberArea)
    }

    @Test func birthDateMustAgreeWithTheRecord() {
        let resident = Fixtures.resident(idNumber: "11010519491231002X", birth: Day(year: 1949, month: 12, day: 30))
        #expect(resident.violations(in: Fixtures.context).map(\.problem) == [.idNumberBirthDateMismatch])
    }

    @Test func genderMustAgreeWithTheRecord() {
        let resident = Fixtures.resident(idNumber: "11010519491231002X", gender: .male)
        #expect(resident.violations(in: Fixtures.context).map(\.problem) == [.idNumberGenderMismatch])
    }

    @Test func aLowerCaseXMustBeStoredUpperCase() {
        let resident = Fixtures.resident(idNumber: "11010519491231002x")
        #expect(resident.violations(in: Fixtures.context).map(\.problem) == [.idNumberFormat])
    }

    @Test func messagesNameTheFieldInBothLanguagesAndNeverTheNumber() throws {
        let resident = Fixtures.resident(idNumber: "110105194912310021")
        let violation = try #require(resident.violations(in: Fixtures.context).first)
        let zh = violation.message(in: .zh)
        let en = violation.message(in: .en)
        #expect(zh.contains("身份证号") && zh.contains("校验码"))
        #expect(en.contains("ID number (idNumber)") && en.contains("check character"))
        #expect(!zh.contains("110105") && !en.contains("110105"))
    }

    @Test func masksAllButTheEnds() {
        #expect(ResidentIDNumber.masked("11010519491231002X") == "1101**********002X")
    }

    private func problem(_ number: String) -> RuleViolation.Problem? {
        do {
            _ = try ResidentIDNumber.parse(number)
            return nil
        } catch {
            return error.problem
        }
    }
}
