import Foundation
import GridModel
import GridStore

/// How far generation has come, for a progress line on the terminal.
public struct DemoProgress: Sendable {
    public let gridsDone: Int
    public let grids: Int
    public let records: Int
}

/// Writes a synthetic data set that obeys every rule: names, addresses, phone and ID numbers
/// that look real but belong to nobody (ID numbers use area code 420399, which no county has).
/// The same scale, seed and `today` always give the same data.
public struct DemoGenerator {
    public let scale: DemoScale
    public let seed: UInt64
    public let today: Day

    public static let idNumberArea = "420399"
    public static let adminID = RecordID("W-admin")

    /// The demo's passphrases, printed in the README: they protect nothing real.
    public enum Passphrase {
        public static let community = "demo-community"
        public static let admin = "demo-admin"
        public static let gridWorker = "demo-worker"
        public static let supervisor = "demo-supervisor"
    }

    /// Accounts are made for the admin, the supervisors and this many grid workers (each login
    /// costs a scrypt hash, and a district has hundreds of workers).
    static let gridWorkerAccounts = 8

    public init(scale: DemoScale, seed: UInt64 = 1, today: Day) {
        self.scale = scale
        self.seed = seed
        self.today = today
    }

    /// Creates the folder and fills it, one grid at a time so memory stays small at any scale.
    public func generate(into folder: String, progress: (DemoProgress) -> Void = { _ in }) throws(StoreError) -> Store {
        var run = DemoRun(scale: scale, seed: seed, today: today)
        let layout = run.layout()
        let (areaName, areaCode) = scale == .community
            ? (layout[0].communityName, String(layout[0].code.rawValue.prefix(12)))
            : (DemoPlaces.districtName + "（演示）", DemoPlaces.districtCode)
        var manifest = Manifest(name: areaName, areaCode: areaCode, createdAt: run.end)
        manifest.generator = "gridwork demo --scale \(scale.rawValue) --seed \(seed) --today \(today.iso)"
        let store = try Store.create(folder, manifest: manifest)
        let workers = run.workers(for: layout)
        // Accounts first, so that no ID or phone number is ever written in plain text.
        try Self.accountStep { () throws(AccountError) in
            _ = try store.setUpCommunity(communityPassphrase: Passphrase.community, admin: workers[0], login: "admin",
                                         passphrase: Passphrase.admin, at: run.end)
        }
        try store.insertNew(Array(workers.dropFirst()), at: run.end)
        try Self.accountStep { () throws(AccountError) in try addAccounts(for: workers, to: store, at: run.end) }
        var records = workers.count
        for (index, place) in layout.enumerated() {
            let batch = run.gridBatch(place, index: index, worker: workers[index + 1].id)
            try store.insertNew([batch.grid], at: run.end)
            try store.insertNew(batch.households, at: run.end)
            try store.insertNew(batch.residents, at: run.end)
            try store.insertNew(batch.patrols, at: run.end)
            try store.insertNew(batch.cases, at: run.end)
            records += 1 + batch.households.count + batch.residents.count + batch.patrols.count + batch.cases.count
            progress(DemoProgress(gridsDone: index + 1, grids: layout.count, records: records))
        }
        store.writeSummaryCache()
        return store
    }

    private static func accountStep(_ body: () throws(AccountError) -> Void) throws(StoreError) {
        do {
            try body()
        } catch {
            if case .store(let inner) = error { throw inner }
            throw .personalData(LocalizedText(zh: error.message(in: .zh), en: error.message(in: .en)))
        }
    }

    /// Logins are names in pinyin (`lichunmei`), with a number when two workers share one.
    private func addAccounts(for workers: [Worker], to store: Store, at instant: Date) throws(AccountError) {
        var taken: Set<String> = ["admin"]
        let chosen = workers.filter { $0.role == .supervisor } + workers.filter { $0.role == .gridWorker }.prefix(Self.gridWorkerAccounts)
        for worker in chosen {
            let spelled = Pinyin.spellings(of: worker.name, isName: true).split(separator: " ").first.map(String.init) ?? "worker"
            var login = spelled
            var number = 2
            while taken.contains(login) {
                login = spelled + String(number)
                number += 1
            }
            taken.insert(login)
            try store.addAccount(login: login, for: worker.id,
                                 passphrase: worker.role == .supervisor ? Passphrase.supervisor : Passphrase.gridWorker,
                                 at: instant)
        }
    }
}

/// Where a generated grid sits in the hierarchy.
struct GridPlace {
    let code: GridCode
    let kind: GridKind
    let streetName: String
    let communityName: String
    let number: Int
}

/// One grid's records, written together.
struct GridBatch {
    var grid: Grid
    var households: [Household]
    var residents: [Resident]
    var patrols: [PatrolLog]
    var cases: [DisputeCase]
}

/// The state of one generation: the random sequence and what must stay unique across grids.
struct DemoRun {
    /// Days and hours are those of the place the data describes, whatever the machine's zone.
    static let chinaStandardTime = TimeZone.chinaStandard

    let scale: DemoScale
    let today: Day
    /// Every timestamp lies before this moment (the start of `today`), so nothing is in the future.
    let end: Date
    var random: SeededRandom
    var usedIDNumbers = Set<String>()
    var caseCounter = 0

    init(scale: DemoScale, seed: UInt64, today: Day) {
        self.scale = scale
        self.today = today
        end = today.start(in: DemoRun.chinaStandardTime)
        random = SeededRandom(seed: seed)
    }

    // MARK: Places and people

    mutating func layout() -> [GridPlace] {
        if scale == .community {
            return (1...scale.grids).map { number in
                GridPlace(code: GridCode(DemoPlaces.districtCode + "001005" + threeDigits(number)), kind: .community,
                          streetName: DemoPlaces.streets[0], communityName: "幸福里社区", number: number)
            }
        }
        // Six city streets of five communities with nine grids each, two towns of ten villages with three.
        var places: [GridPlace] = []
        var communityStem = 0, villageStem = 0
        for (streetIndex, street) in DemoPlaces.streets.enumerated() {
            let isTown = streetIndex >= 6
            let gridsPerArea = isTown ? 3 : 9
            for area in 0..<(isTown ? 10 : 5) {
                let name = isTown ? DemoPlaces.villageStems[villageStem % DemoPlaces.villageStems.count] + "村"
                                  : DemoPlaces.communityStems[communityStem % DemoPlaces.communityStems.count] + "社区"
                if isTown { villageStem += 1 } else { communityStem += 1 }
                let areaNumber = isTown ? 200 + area : 1 + area
                for number in 1...gridsPerArea {
                    places.append(GridPlace(code: GridCode(DemoPlaces.districtCode + threeDigits(streetIndex + 1) + threeDigits(areaNumber) + threeDigits(number)),
                                            kind: isTown ? .village : .community, streetName: street, communityName: name, number: number))
                }
            }
        }
        return places
    }

    /// The admin first, then one grid worker per grid, then two read-only supervisors.
    mutating func workers(for layout: [GridPlace]) -> [Worker] {
        var workers = [Worker(meta: meta(DemoGenerator.adminID.rawValue, daysAgo: 400), name: personName(.female), role: .admin,
                              gridCodes: [], phone: phone())]
        for place in layout {
            workers.append(Worker(meta: meta("W-" + place.code.rawValue, daysAgo: 400), name: personName(random.chance(0.6) ? .female : .male),
                                  role: .gridWorker, gridCodes: [place.code], phone: phone()))
        }
        for index in 1...2 {
            workers.append(Worker(meta: meta("W-supervisor-\(index)", daysAgo: 400), name: personName(.male), role: .supervisor,
                                  gridCodes: [], phone: phone()))
        }
        return workers
    }

    mutating func personName(_ gender: Gender) -> String {
        let pool = (gender == .male ? DemoVocabulary.maleGivenCharacters : DemoVocabulary.femaleGivenCharacters) + DemoVocabulary.neutralGivenCharacters
        let given = random.chance(0.7) ? random.pick(pool) + random.pick(pool) : random.pick(pool)
        return random.pickFrontWeighted(DemoVocabulary.surnames) + given
    }

    mutating func phone() -> String { "1" + random.pick(["3", "5", "7", "8", "9"]) + random.digits(9) }

    /// A valid, unused ID number for this birth date and gender.
    mutating func idNumber(birth: Day, gender: Gender) -> String {
        let date = birth.iso.replacingOccurrences(of: "-", with: "")
        while true {
            var sequence = random.int(0...998)
            if (sequence % 2 == 1) != (gender == .male) { sequence += 1 }
            let body = DemoGenerator.idNumberArea + date + threeDigits(sequence)
            let number = body + String(ResidentIDNumber.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
            if usedIDNumbers.insert(number).inserted { return number }
        }
    }

    mutating func meta(_ id: String, daysAgo: Int) -> RecordMeta {
        RecordMeta(id: RecordID(id), createdBy: DemoGenerator.adminID, createdAt: end.addingTimeInterval(-Double(daysAgo) * 86_400))
    }

    // MARK: One grid

    mutating func gridBatch(_ place: GridPlace, index: Int, worker: RecordID) -> GridBatch {
        let householdCount = share(of: scale.households, part: index)
        let perHead = place.kind == .village ? 15 : 50
        let microGrids = (0..<max(1, (householdCount + perHead - 1) / perHead)).map { number in
            MicroGrid(number: number + 1, headName: personName(random.chance(0.5) ? .male : .female), headPhone: phone(), buildings: [])
        }
        let grid = Grid(meta: meta("G-" + place.code.rawValue, daysAgo: 400), code: place.code, name: "第\(place.number)网格",
                        kind: place.kind, districtName: DemoPlaces.districtName, streetName: place.streetName,
                        communityName: place.communityName, workerID: worker, headName: personName(.male), microGrids: microGrids)
        var batch = GridBatch(grid: grid, households: [], residents: [], patrols: [], cases: [])
        let compounds = [random.pick(DemoVocabulary.residentialCompounds), random.pick(DemoVocabulary.residentialCompounds)]
        for number in 0..<householdCount {
            let household = household(number, place: place, compounds: compounds, perHead: perHead)
            batch.households.append(household)
            batch.residents += residents(of: household)
        }
        for number in 0..<batch.grid.microGrids.count {
            // Each building once, in the order first met: NSOrderedSet, used before, kept every
            // household's building on Linux ("1栋" fifty times).
            var seen = Set<String>()
            batch.grid.microGrids[number].buildings = batch.households.filter { $0.microGrid == number + 1 }
                .map(\.address.building).filter { seen.insert($0).inserted }
        }
        batch.patrols = patrols(in: place.code, worker: worker, count: share(of: scale.patrols, part: index), households: &batch.households)
        batch.cases = cases(in: place.code, worker: worker, count: share(of: scale.cases, part: index),
                            residents: batch.residents, patrols: &batch.patrols)
        return batch
    }

    mutating func household(_ number: Int, place: GridPlace, compounds: [String], perHead: Int) -> Household {
        let address: Address
        if place.kind == .village {
            address = Address(compound: place.communityName + random.pick(DemoVocabulary.villageGroups), building: "\(number + 1)号", unit: "", room: "")
        } else {
            // 24 homes to a building: 2 units, 6 floors, 2 flats a floor.
            let building = number / 24, unit = number % 24 / 12, floor = number % 12 / 2, flat = number % 2
            address = Address(compound: compounds[building % 2], building: "\(building + 1)栋", unit: "\(unit + 1)单元",
                              room: "\(floor + 1)0\(flat + 1)")
        }
        let residency: Residency = [.ownerOccupied, .rented, .vacant][random.weighted([80, 15, 5])]
        return Household(meta: meta(random.id("H"), daysAgo: random.int(370...900)), gridCode: place.code, microGrid: number / perHead + 1,
                         address: address, residency: residency, tags: residency == .rented && random.chance(0.3) ? ["出租房屋"] : [],
                         pairedVolunteer: random.chance(0.2) ? personName(random.chance(0.5) ? .male : .female) : nil)
    }

    mutating func residents(of household: Household) -> [Resident] {
        guard household.residency != .vacant else { return [] }
        let size = random.weighted(scale.householdSizeWeights) + 1
        let headAge = size == 1 ? random.int(22...88) : random.int(28...78)
        let headGender: Gender = random.chance(0.5) ? .male : .female
        var members: [(relation: Relation, age: Int, gender: Gender)] = [(.head, headAge, headGender)]
        if size >= 2 { members.append((.spouse, max(20, headAge + random.int(-5...5)), headGender == .male ? .female : .male)) }
        while members.count < size {
            if headAge < 55 && members.count == 3 && random.chance(0.5) {
                members.append((.parent, min(95, headAge + random.int(24...32)), random.chance(0.5) ? .male : .female))
            } else if headAge >= 55 {
                members.append((.grandchild, random.int(1...17), random.chance(0.5) ? .male : .female))
            } else {
                members.append((.child, max(0, headAge - random.int(22...34)), random.chance(0.5) ? .male : .female))
            }
        }
        let parentsAway = members.contains { $0.age < 16 } && random.chance(0.06)
        return members.map { member in
            let birth = birthDate(age: member.age)
            var tags: [PopulationTag] = []
            if member.age >= 65 && size == 1 { tags.append(.elderlyAlone) }
            if member.age >= 60 && size == 2 && members.allSatisfy({ $0.age >= 60 }) { tags.append(.emptyNestElderly) }
            if member.age < 16 && parentsAway { tags.append(.leftBehindChild) }
            if random.chance(0.02) { tags.append(.disabled) }
            if random.chance(0.03) { tags.append(.subsistenceAllowance) }
            if member.age >= 18 {
                if member.gender == .male && random.chance(0.04) { tags.append(.veteran) }
                if random.chance(0.08) { tags.append(.partyMember) }
                if household.residency == .rented { tags.append(.migrant) }
                if random.chance(0.001) { tags.append(.communityCorrection) }
                if random.chance(0.003) { tags.append(.severeMentalDisorder) }
            }
            let away = parentsAway && (member.relation == .head || member.relation == .spouse)
            let status: ResidentStatus = away ? .away : [.livingHere, .away, .movedOut, .deceased][random.weighted([92, 5, 2, 1])]
            return Resident(meta: meta(random.id("P"), daysAgo: random.int(370...900)), householdID: household.id,
                            gridCode: household.gridCode, name: personName(member.gender), gender: member.gender, birthDate: birth,
                            idNumber: random.chance(0.97) ? idNumber(birth: birth, gender: member.gender) : nil,
                            phone: member.age >= 16 && random.chance(0.8) ? phone() : nil, relation: member.relation,
                            status: status, leftOn: status.hasLeft ? leftOn(birth: birth, age: member.age) : nil, tags: tags)
        }
    }

    /// The day a resident left, drawn from nothing random (the rest of the data set stays as it
    /// was): some weeks ago, never before their birth.
    func leftOn(birth: Day, age: Int) -> Day {
        max(birth, today.adding(days: -(20 + age * 5)))
    }

    mutating func birthDate(age: Int) -> Day {
        let year = today.year - age
        let month = random.int(1...12)
        let day = Day(year: year, month: month, day: random.int(1...Day.daysInMonth(year: year, month: month))) ?? today
        return min(day, today.adding(days: -1))
    }

    // MARK: Patrols

    mutating func patrols(in code: GridCode, worker: RecordID, count: Int, households: inout [Household]) -> [PatrolLog] {
        var logs: [PatrolLog] = []
        var lastVisit: [Int: Day] = [:]
        for _ in 0..<count {
            let kind: PatrolKind = PatrolKind.allCases[random.weighted([45, 30, 12, 8, 5])]
            var day = today.adding(days: -random.int(1...365))
            if kind == .saturdayReception { day = day.adding(days: 6 - day.isoWeekday + (day.isoWeekday > 6 ? 7 : 0)) }
            if day >= today { day = day.adding(days: -7) }
            let start = day.start(in: DemoRun.chinaStandardTime)
                .addingTimeInterval(Double(random.int(8...16) * 3600 + random.int(0...59) * 60))
            let visits: Int
            switch kind {
            case .homeVisit: visits = random.int(1...5)
            case .quarterlyRound: visits = random.int(6...15)
            default: visits = random.int(0...1)
            }
            var visited: [RecordID] = []
            for _ in 0..<min(visits, households.count) {
                let index = random.int(0..<households.count)
                visited.append(households[index].id)
                if kind == .homeVisit || kind == .quarterlyRound { lastVisit[index] = max(lastVisit[index] ?? day, day) }
            }
            let findings = findings(for: kind, households: visited)
            logs.append(PatrolLog(meta: RecordMeta(id: RecordID(random.id("L")), createdBy: worker, createdAt: start.addingTimeInterval(7200)),
                                  gridCode: code, workerID: worker, kind: kind, start: start,
                                  end: start.addingTimeInterval(Double(random.int(20...150) * 60)), householdIDs: visited,
                                  findings: findings, notes: findings.isEmpty ? random.pick(DemoVocabulary.patrolFindings["none"] ?? ["巡查无异常"]) : ""))
        }
        for (index, day) in lastVisit.sorted(by: { $0.key < $1.key }) { households[index].lastVisit = day }
        return logs.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    mutating func findings(for kind: PatrolKind, households: [RecordID]) -> [Finding] {
        guard random.chance(kind == .hazardCheck ? 0.6 : 0.3) else { return [] }
        let found: FindingKind = kind == .hazardCheck ? .hazard : FindingKind.allCases[random.weighted([40, 40, 20])]
        let texts = DemoVocabulary.patrolFindings[found.rawValue] ?? ["发现问题"]
        return [Finding(kind: found, text: random.pick(texts), householdID: households.isEmpty ? nil : random.pick(households))]
    }

    // MARK: Cases

    /// Cases cycle through every stage, level, category and outcome, so any slice of the data
    /// shows them all; timelines are built through the real workflow, so every case obeys it.
    mutating func cases(in code: GridCode, worker: RecordID, count: Int, residents: [Resident], patrols: inout [PatrolLog]) -> [DisputeCase] {
        var made: [DisputeCase] = []
        for _ in 0..<count {
            caseCounter += 1
            let index = caseCounter - 1
            // Of every 15 cases six are open, one at each stage, and nine are closed; each block of
            // 15 sits at one level, most in the grid ("小事不出网格"), a few higher up.
            let target = CaseStage.allCases[min(index % 15, 6)]
            let escalations = Self.levelPattern[index / 15 % Self.levelPattern.count]
            let category = CaseCategory.allCases[(index + index / 64) % 8]
            let outcome = Outcome.allCases[index / 60 % 5]
            let raisedOn = today.adding(days: -random.int(target == .raised ? 1...7 : (target.isOpen ? 8...60 : 30...360)))
            var parties = (0..<random.int(1...2)).map { _ -> Party in
                let resident = residents.isEmpty ? nil : random.pick(residents)
                return Party(name: resident?.name ?? personName(.male), residentID: resident?.id, role: "申请人")
            }
            let outsider = category == .wages || category == .propertyManagement || category == .damages
            parties.append(outsider ? Party(name: random.pick(outsider && category == .wages ? DemoVocabulary.workplaces : DemoVocabulary.outsiderNames), role: "被申请人")
                                    : Party(name: residents.isEmpty ? personName(.female) : random.pick(residents).name, role: "被申请人"))
            var source = CaseSource.allCases[random.weighted([45, 30, 15, 10])]
            var patrolIndex: Int?
            if source == .patrol {
                patrolIndex = patrols.indices.last { patrols[$0].start < raisedOn.start(in: DemoRun.chinaStandardTime) && patrols[$0].findings.contains { $0.kind == .dispute && $0.caseID == nil } }
                if patrolIndex == nil { source = .resident }
            }
            let caseID = RecordID(random.id("C"))
            let opened = raisedOn.start(in: DemoRun.chinaStandardTime).addingTimeInterval(Double(random.int(9...17) * 3600))
            var disputeCase = DisputeCase(
                meta: RecordMeta(id: caseID, createdBy: worker, createdAt: opened), number: "JF\(raisedOn.year)-" + fiveDigits(caseCounter),
                title: random.pick(DemoVocabulary.caseTitles[category.rawValue] ?? ["纠纷"]), category: category, parties: parties,
                gridCode: code, source: source, matterClass: escalations >= 2 ? .publicMatter : (escalations == 1 ? .smallMatter : .privateMatter),
                raisedOn: raisedOn, patrolID: patrolIndex.map { patrols[$0].id },
                note: note("raised"))
            if let patrolIndex, let finding = patrols[patrolIndex].findings.firstIndex(where: { $0.kind == .dispute }) {
                patrols[patrolIndex].findings[finding].caseID = caseID
            }
            work(&disputeCase, to: target, escalations: escalations, outcome: outcome, worker: worker, from: opened, reopen: index % 41 == 40)
            made.append(disputeCase)
        }
        return made
    }

    /// Takes a case along the six-matters path to `target`, spacing the steps between its opening and `end`.
    mutating func work(_ disputeCase: inout DisputeCase, to target: CaseStage, escalations: Int, outcome: Outcome,
                       worker: RecordID, from opened: Date, reopen: Bool) {
        let small = escalations == 0 && target != .deliberated && target != .decided && random.chance(0.6)
        let path: [CaseStage] = small ? [.heard, .handled, .evaluated, .closed] : [.heard, .deliberated, .decided, .handled, .evaluated, .closed]
        let stages = target == .raised ? [] : Array(path.prefix(through: path.firstIndex(of: target) ?? 0))
        let steps = Double(stages.count + escalations + 6)
        let spacing = min(3 * 86_400, end.timeIntervalSince(opened) / steps)
        var clock = opened
        func tick() -> Date {
            clock = clock.addingTimeInterval(spacing * Double(random.int(50...100)) / 100)
            return clock
        }
        do {
            try disputeCase.assign(to: worker, note: note("assigned"), by: DemoGenerator.adminID, at: tick())
            var escalated = 0
            for stage in stages {
                if stage == .handled || stage == .evaluated || stage == .closed, escalated < escalations {
                    while escalated < escalations {
                        try disputeCase.escalate(reason: note("escalated"), by: worker, at: tick())
                        escalated += 1
                    }
                }
                if stage == .heard {
                    try disputeCase.setDeadline(disputeCase.raisedOn.adding(days: random.int(15...45)), by: worker, at: tick())
                }
                if stage == .evaluated {
                    let agreed = outcome == .agreementReached || outcome == .partial
                    try disputeCase.recordOutcome(outcome, agreement: agreed ? random.pick(DemoVocabulary.agreementTexts) : nil, by: worker, at: tick())
                }
                try disputeCase.advance(to: stage, note: note(stage.rawValue), by: worker, at: tick())
                if stage == .evaluated {
                    try disputeCase.recordSatisfaction(Satisfaction.allCases[random.weighted([70, 22, 8])],
                                                       followUp: Day(clock, in: DemoRun.chinaStandardTime).adding(days: 30), by: worker, at: tick())
                }
            }
            while escalated < escalations && disputeCase.isOpen {
                try disputeCase.escalate(reason: note("escalated"), by: worker, at: tick())
                escalated += 1
            }
            if reopen && disputeCase.stage == .closed {
                try disputeCase.reopen(reason: note("reopened"), by: worker, at: tick())
            }
        } catch {
            // Unreachable by construction; a case that stops early is still valid, just less far along.
        }
    }

    static let levelPattern = [0, 0, 1, 0, 0, 2, 0, 1, 0, 0, 3, 0, 1, 0, 0, 2, 0, 1, 0, 1]

    mutating func note(_ key: String) -> String { random.pick(DemoVocabulary.timelineNotes[key] ?? ["办理"]) }

    /// Part `part` of `total` split evenly over the grids, the remainder going to the first ones.
    func share(of total: Int, part: Int) -> Int { total / scale.grids + (part < total % scale.grids ? 1 : 0) }

    func threeDigits(_ value: Int) -> String { String(String(1000 + value).suffix(3)) }
    func fiveDigits(_ value: Int) -> String { String(String(100_000 + value).suffix(5)) }
}
