/// A form field's name: the record's field it fills (as named in `FieldNames` and in rule
/// messages), so a field is addressed by a name the compiler checks. Its raw value is what drafts
/// keep on disk and what rule violations call the field.
public enum FieldKey: String, Hashable, Sendable, Codable, CaseIterable {
    case agreement, assigneeID, birthDate, building, category, compound, day, deadline, end
    case findingKind, findingText, followUp, gender, household, idNumber, kind, matterClass
    case microGrid, name, note, notes, outcome, pairedVolunteer, parties, phone, raisedOn
    case relation, residency, room, satisfaction, source, stage, start, status, tags, title, unit
}
