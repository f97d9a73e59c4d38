import Foundation
import Testing
@testable import GridModel

/// A move-out or a death is recorded with its day (issue 14, point 3).
@Suite struct LeftOnRuleTests {
    static let birth = Day(year: 1949, month: 12, day: 31) ?? Day(dayNumber: 0)

    func gone(_ status: ResidentStatus, on day: Day?, revision: Int = 0) -> Resident {
        var resident = Fixtures.resident(idNumber: nil)
        resident.meta.revision = revision
        resident.status = status
        resident.leftOn = day
        return resident
    }

    func problems(_ resident: Resident, _ context: ValidationContext = Fixtures.context) -> [RuleViolation.Problem] {
        resident.violations(in: context).filter { $0.field == FieldPath("leftOn") }.map(\.problem)
    }

    @Test(arguments: [ResidentStatus.movedOut, .deceased]) func aNewResidentRecordedAsGoneNeedsTheDay(_ status: ResidentStatus) {
        #expect(problems(gone(status, on: nil)) == [.required])
        #expect(problems(gone(status, on: Fixtures.context.today.adding(days: -3))).isEmpty)
    }

    @Test func theDayIsNotInTheFutureNorBeforeBirthAndGoesWithALeftStatusOnly() {
        #expect(problems(gone(.deceased, on: Fixtures.context.today.adding(days: 1))) == [.inFuture])
        #expect(problems(gone(.movedOut, on: Self.birth.adding(days: -1))) == [.beforeBirth])
        #expect(problems(gone(.livingHere, on: Fixtures.context.today)) == [.onlyWhenLeft])
        #expect(problems(gone(.away, on: Fixtures.context.today)) == [.onlyWhenLeft])
        // Read back from a file written by a machine with a faster clock, a future day is no problem.
        #expect(problems(gone(.deceased, on: Fixtures.context.today.adding(days: 1)), .reading).isEmpty)
        let message = RuleViolation("leftOn", .beforeBirth).message(in: .zh)
        #expect(message == "迁出或去世日期（leftOn）：不能早于出生日期")
    }

    @Test func oldDataWithoutTheDayLoadsAndStaysEditableButAChangeOfStatusNeedsIt() {
        let legacy = gone(.movedOut, on: nil, revision: 3)
        #expect(problems(legacy, .reading).isEmpty)
        #expect(problems(legacy).isEmpty, "an edit of another field of a resident gone before gridwork kept the day")
        var renamed = legacy
        renamed.notes = "已迁往外地"
        #expect(renamed.violations(replacing: legacy).isEmpty)
        let wasHere = gone(.livingHere, on: nil, revision: 3)
        #expect(legacy.violations(replacing: wasHere) == [RuleViolation("leftOn", .required)])
        var cleared = gone(.deceased, on: Fixtures.context.today, revision: 3)
        let dated = cleared
        cleared.leftOn = nil
        #expect(cleared.violations(replacing: dated) == [RuleViolation("leftOn", .required)], "the day once given is not dropped")
    }

    @Test func whoHasLeftNoLongerCountsNorIsDueButKeepsTheirTags() {
        var here = Fixtures.resident(idNumber: nil)
        here.tags = [.elderlyAlone, .partyMember]
        var left = here
        left.status = .deceased
        left.leftOn = Fixtures.context.today
        // The tags stay stored; the status takes them out of the counts and the due lists.
        #expect(here.status.isCounted && !left.status.isCounted && left.tags == [.elderlyAlone, .partyMember])
        var away = here
        away.status = .away
        #expect(Resident.householdSize([here, left, away]) == 2)
    }

    @Test func theDayIsKeptInTheFileAndAbsentWhenThereIsNone() throws {
        let resident = gone(.movedOut, on: Day(year: 2026, month: 10, day: 9))
        let data = try JSONEncoder().encode(resident)
        #expect(String(decoding: data, as: UTF8.self).contains("\"leftOn\":\"2026-10-09\""))
        #expect(try JSONDecoder().decode(Resident.self, from: data).leftOn == resident.leftOn)
        let none = try JSONEncoder().encode(Fixtures.resident(idNumber: nil))
        #expect(!String(decoding: none, as: UTF8.self).contains("leftOn"))
    }
}
