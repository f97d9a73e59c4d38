import Foundation
@testable import GridModel

/// Small builders so each test states only what it is about.
enum Fixtures {
    static let worker = RecordID("W-test")
    static let now = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18
    static let context = ValidationContext(now: now, timeZone: shanghai)
    static let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current
    static let grid = GridCode("420303001002004")

    static func meta(_ id: String = "R-1") -> RecordMeta {
        RecordMeta(id: RecordID(id), createdBy: worker, createdAt: now.addingTimeInterval(-86_400 * 30))
    }

    static func resident(idNumber: String?, birth: Day? = Day(year: 1949, month: 12, day: 31),
                         gender: Gender = .female, phone: String? = nil, name: String = "测试居民") -> Resident {
        Resident(meta: meta(), householdID: RecordID("H-1"), gridCode: grid, name: name, gender: gender,
                 birthDate: birth ?? Day(dayNumber: 0), idNumber: idNumber, phone: phone, relation: .head)
    }

    static func newCase() -> DisputeCase {
        DisputeCase(meta: meta("C-1"), number: "JF2026-00001", title: "楼上漏水引发邻里矛盾", category: .neighbours,
                    parties: [Party(name: "甲方"), Party(name: "乙方")], gridCode: grid, source: .resident,
                    matterClass: .smallMatter, raisedOn: Day(year: 2026, month: 10, day: 1) ?? Day(dayNumber: 0))
    }

    /// A moment after the case's last entry, so timelines stay in order.
    static func later(_ disputeCase: DisputeCase, minutes: Double = 10) -> Date {
        (disputeCase.timeline.last?.at ?? now).addingTimeInterval(minutes * 60)
    }

    /// A case brought to `stage` along the usual path, with an outcome recorded before closing.
    static func caseAt(_ stage: CaseStage) throws -> DisputeCase {
        var disputeCase = newCase()
        let path: [CaseStage] = [.heard, .deliberated, .decided, .handled, .evaluated, .closed]
        guard let end = path.firstIndex(of: stage) else { return disputeCase }
        for step in path[...end] {
            if step == .closed {
                try disputeCase.recordOutcome(.agreementReached, agreement: "双方同意", by: worker, at: later(disputeCase))
            }
            try disputeCase.advance(to: step, note: "推进", by: worker, at: later(disputeCase))
        }
        return disputeCase
    }
}
