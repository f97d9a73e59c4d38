import Foundation
import Testing
@testable import GridModel

@Suite struct FieldRuleTests {
    @Test(arguments: ["13812345678", "19912345678", "10000000000"])
    func acceptsMobileNumbers(_ number: String) {
        #expect(MobileNumber.isValid(number))
    }

    @Test(arguments: ["1381234567", "138123456789", "23812345678", "1381234567a", "１３８１２３４５６７８", ""])
    func refusesOtherMobileNumbers(_ number: String) {
        #expect(!MobileNumber.isValid(number))
        let resident = Fixtures.resident(idNumber: nil, phone: number)
        #expect(resident.violations(in: Fixtures.context) == [RuleViolation("phone", .mobileNumberFormat)])
    }

    @Test func normalizesWhatPeopleType() {
        #expect(MobileNumber.normalized("+86 138-1234-5678") == "13812345678")
        #expect(MobileNumber.normalized("138 1234 567") == nil)
        #expect(MobileNumber.masked("13812345678") == "138****5678")
    }

    @Test func requiredFieldsNameThemselves() {
        let resident = Fixtures.resident(idNumber: nil, name: "  ")
        let violations = resident.violations(in: Fixtures.context)
        #expect(violations == [RuleViolation("name", .required)])
        #expect(violations.first?.message(in: .zh) == "姓名/名称（name）：必须填写")
        #expect(violations.first?.message(in: .en) == "name (name): is required")
    }

    @Test func datesCannotBeInTheFuture() {
        let tomorrow = Fixtures.context.today.adding(days: 1)
        let resident = Fixtures.resident(idNumber: nil, birth: tomorrow)
        #expect(resident.violations(in: Fixtures.context) == [RuleViolation("birthDate", .inFuture)])

        let start = Fixtures.now.addingTimeInterval(3600)
        let patrol = PatrolLog(meta: Fixtures.meta(), gridCode: Fixtures.grid, workerID: Fixtures.worker, kind: .routine,
                               start: start, end: start.addingTimeInterval(-60))
        #expect(Set(patrol.violations(in: Fixtures.context)) ==
                [RuleViolation("start", .inFuture), RuleViolation("end", .inFuture), RuleViolation("end", .endsBeforeStart)])
    }

    @Test func todayAndASmallClockSkewAreNotTheFuture() {
        let resident = Fixtures.resident(idNumber: nil, birth: Fixtures.context.today)
        #expect(resident.violations(in: Fixtures.context).isEmpty)
        let start = Fixtures.now.addingTimeInterval(60)
        let patrol = PatrolLog(meta: Fixtures.meta(), gridCode: Fixtures.grid, workerID: Fixtures.worker, kind: .routine,
                               start: start, end: start)
        #expect(patrol.violations(in: Fixtures.context).isEmpty)
    }

    @Test func gridCodesHaveFifteenDigitsAndAKindThatMatches() {
        #expect(GridCode("420303001002004").isWellFormed)
        #expect(GridCode("420303001002004").kind == .community)
        #expect(GridCode("420303001201004").kind == .village)
        #expect(!GridCode("42030300100200").isWellFormed)
        #expect(!GridCode("42030300100200x").isWellFormed)
        #expect(!GridCode("420303001002000").isWellFormed)
        let grid = Grid(meta: Fixtures.meta(), code: GridCode("420303001201004"), name: "第四网格", kind: .community,
                        districtName: "张湾区", streetName: "汉江路街道", communityName: "某村", workerID: nil,
                        headName: "某格长", microGrids: [])
        #expect(grid.violations(in: Fixtures.context) == [RuleViolation("kind", .gridKindMismatch(expected: .village))])
    }

    @Test func microGridHeadsNeedValidPhonesAndUniqueNumbers() {
        let micro = MicroGrid(number: 1, headName: "某楼长", headPhone: "12345", buildings: [])
        let grid = Grid(meta: Fixtures.meta(), code: Fixtures.grid, name: "第四网格", kind: .community,
                        districtName: "张湾区", streetName: "汉江路街道", communityName: "某社区", workerID: nil,
                        headName: "某格长", microGrids: [micro, micro])
        let fields = grid.violations(in: Fixtures.context).map(\.field.description)
        #expect(fields == ["microGrids[0].headPhone", "microGrids[1].number", "microGrids[1].headPhone"])
    }
}
