/// A form field's name: the record's field it fills (as named in `FieldNames` and in rule
/// messages), so a field is addressed by a name the compiler checks. Its raw value is what drafts
/// keep on disk and what rule violations call the field.
public enum FieldKey: String, Hashable, Sendable, Codable, CaseIterable {
    case agreement, assigneeID, birthDate, building, buildings, category, code, communityName, compound, day, deadline
    case districtName, end, findingKind, findingText, followUp, gender, headName, headPhone, household, idNumber, kind, leftOn, gridCode
    case matterClass, microGrid, name, note, notes, number, outcome, pairedVolunteer, parties, phone, raisedOn
    case relation, residency, room, satisfaction, source, stage, start, status, streetName, tags, title, unit, workerID
}
