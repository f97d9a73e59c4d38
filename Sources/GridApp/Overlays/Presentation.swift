/// What is shown over the panes, one thing at a time, and takes the keys while it shows. The
/// lock screen is not among them: it covers everything and keeps what is presented beneath it
/// (an open form waits behind it).
public enum Presentation: Hashable, Sendable {
    /// The keymap and every mode's keys; `helpOffset` says how far it is scrolled.
    case help
    /// A form being filled in, with someone else's newer version of its record beside it when
    /// a save found one.
    case form(RecordForm, conflict: FormConflict?)
    /// The audit trail's entries about one record.
    case history(HistoryPanel)
    /// `:users`: the accounts.
    case accounts(AccountsPanel)
    /// A new passphrase being typed for `:user add` or `:user passwd`.
    case passphrase(PassphrasePrompt)
}
