//! "I noticed": the person at the keyboard says they saw what their
//! partner did (issue 13). A deposit that goes unnoticed still counts; this
//! is information for the one who made it, never a score.

use super::commit::commit;
use super::state::{App, Overlay};
use super::text_field::TextField;
use super::update::writable;
use crate::domain::history::versions_of;
use crate::domain::{Change, Entry, Id, Journal, Noticed, Person, Version};

/// The "noticed" `by` left on `entry`, if any.
pub fn noticed_by<'a>(journal: &'a Journal, entry: &Id, by: Person) -> Option<&'a Noticed> {
    journal.noticed.iter().find(|n| &n.entry == entry && n.by == by)
}

/// `n` on Today: marks the selected entry noticed, or takes the mark back.
pub(super) fn toggle(app: &mut App) {
    let Some(entry) = noticeable(app) else { return };
    let partner = app.journal.people.name(entry.who).to_string();
    match noticed_by(&app.journal, &entry.id, app.me) {
        Some(mine) => {
            let change = Change::Unnotice(mine.id.clone());
            if commit(app, change, "taking back \"noticed\"".into()) {
                app.message = Some(format!("took back \"noticed\" ({partner} sees it gone); u undoes"));
            }
        }
        None => {
            let noticed = Noticed {
                id: Id::generate(app.now.timestamp_millis().max(0) as u64),
                entry: entry.id.clone(),
                at: app.now,
                word: String::new(),
                by: app.me,
                updated: 0,
            };
            if commit(app, Change::Notice(noticed), "\"noticed\"".into()) {
                app.message = Some(format!("noticed: {partner} will see it; n again takes it back"));
            }
        }
    }
}

/// "Noticed", with a short word for the partner ("it meant a lot").
#[derive(Debug, Clone, PartialEq)]
pub struct WordForm {
    pub entry: Id,
    /// The note of the entry noticed, to show what it is about.
    pub note: String,
    /// Whose entry it is.
    pub partner: Person,
    /// Opened with the word of the "noticed" already left, if any.
    pub word: TextField,
}

impl WordForm {
    pub fn new(journal: &Journal, entry: &Entry, me: Person) -> WordForm {
        let existing = noticed_by(journal, &entry.id, me);
        WordForm {
            entry: entry.id.clone(),
            note: entry.note.clone(),
            partner: entry.who,
            word: TextField::line(existing.map_or("", |n| n.word.as_str())),
        }
    }
}

/// `N` on Today: the word form for the selected entry.
pub(super) fn open_word(app: &mut App) {
    if let Some(entry) = noticeable(app) {
        app.overlay = Overlay::Noticed(Box::new(WordForm::new(&app.journal, &entry, app.me)));
    }
}

/// The selected entry, if the person at the keyboard may notice it now (an
/// entry of the partner's, in a journal that can be written); else says why
/// not in the footer.
fn noticeable(app: &mut App) -> Option<Entry> {
    let Some(entry) = app.selected_entry().cloned() else {
        let partner = app.journal.people.name(app.me.other()).to_string();
        app.message = Some(format!("select an entry of {partner}'s to say you noticed it"));
        return None;
    };
    if let Some(refused) = refusal(app, &entry) {
        app.message = Some(refused);
        return None;
    }
    writable(app).then_some(entry)
}

/// Saves the word form: a "noticed" with the word, in place of the one
/// left before (if any). An empty word notices without one.
pub(super) fn submit_word(app: &mut App) {
    let Overlay::Noticed(form) = &app.overlay else { return };
    let (entry, word) = (form.entry.clone(), form.word.text().trim().to_string());
    // The one left before as the journal holds it now (a sync may have
    // brought or taken one while the form was open).
    let existing = noticed_by(&app.journal, &entry, app.me).map(|n| n.id.clone());
    let partner = app.journal.people.name(form.partner).to_string();
    let Some(at) = app.journal.entry(&entry).map(|_| app.now) else {
        app.overlay = Overlay::None;
        app.message = Some("that entry is gone (removed on the other computer); nothing was saved".into());
        return;
    };
    let noticed =
        Noticed { id: Id::generate(at.timestamp_millis().max(0) as u64), entry, at, word, by: app.me, updated: 0 };
    let mut changes: Vec<Change> = existing.into_iter().map(Change::Unnotice).collect();
    changes.push(Change::Notice(noticed));
    if commit(app, Change::Batch(changes), "\"noticed\"".into()) {
        app.overlay = Overlay::None;
        app.message = Some(format!("noticed: {partner} will see it and your word; n takes it back"));
    }
}

/// Why the person at the keyboard cannot mark `entry` noticed: it records
/// their own behaviour (one notices what the other did).
fn refusal(app: &App, entry: &Entry) -> Option<String> {
    (entry.who == app.me).then(|| {
        let partner = app.journal.people.name(app.me.other());
        format!("this entry is about you: \"noticed\" is for what {partner} did")
    })
}

/// What Today shows beside an entry: how often it was edited, and who
/// noticed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Earlier versions kept in the history (✎ and the count).
    pub edits: usize,
    pub noticed: Vec<NoticedMark>,
}

/// One "noticed" of an entry, as Today shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticedMark {
    pub by: Person,
    pub word: String,
    /// The entry was edited after this "noticed" was written: what was
    /// noticed is not what it says now.
    pub edited_after: bool,
}

/// The marks of each of `entries` (one day's), in order. One walk over the
/// "noticed" records; versions are found by binary search (they are kept
/// in the order of the id they are a version of).
pub fn marks_of(journal: &Journal, entries: &[Entry]) -> Vec<Marks> {
    let mut marks: Vec<Marks> = entries
        .iter()
        .map(|e| {
            let edits = versions_of(journal, &e.id).iter().filter(|v| matches!(v, Version::Entry(_))).count();
            Marks { edits, noticed: Vec::new() }
        })
        .collect();
    if entries.is_empty() {
        return marks;
    }
    for n in &journal.noticed {
        if let Some(i) = entries.iter().position(|e| e.id == n.entry) {
            let edited_after = entries[i].updated > n.updated;
            marks[i].noticed.push(NoticedMark { by: n.by, word: n.word.clone(), edited_after });
        }
    }
    marks
}
