/// A closed set of values with a name in each language: what a form offers as a choice.
public protocol NamedChoice: CaseIterable, RawRepresentable, Hashable, Sendable where RawValue == String, AllCases == [Self] {
    func name(_ language: Language) -> String
}

extension Residency: NamedChoice {}
extension Gender: NamedChoice {}
extension Relation: NamedChoice {}
extension ResidentStatus: NamedChoice {}
extension PopulationTag: NamedChoice {}
extension HouseholdTag: NamedChoice {}
extension PatrolKind: NamedChoice {}
extension FindingKind: NamedChoice {}
extension CaseCategory: NamedChoice {}
extension CaseSource: NamedChoice {}
extension MatterClass: NamedChoice {}
extension Outcome: NamedChoice {}
extension Satisfaction: NamedChoice {}
extension CaseStage: NamedChoice {}
