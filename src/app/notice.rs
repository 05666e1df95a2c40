//! "I noticed": the person at the keyboard says they saw what their
//! partner did (issue 13). A deposit that goes unnoticed still counts; this
//! is information for the one who made it, never a score.

use super::commit::commit;
use super::state::App;
use super::update::writable;
use crate::domain::history::versions_of;
use crate::domain::{Change, Entry, Id, Journal, Noticed, Person, Version};

/// The "noticed" `by` left on `entry`, if any.
pub fn noticed_by<'a>(journal: &'a Journal, entry: &Id, by: Person) -> Option<&'a Noticed> {
    journal.noticed.iter().find(|n| &n.entry == entry && n.by == by)
}

/// `n` on Today: marks the selected entry noticed, or takes the mark back.
pub(super) fn toggle(app: &mut App) {
    let Some(entry) = app.selected_entry().cloned() else {
        let partner = app.journal.people.name(app.me.other()).to_string();
        app.message = Some(format!("select an entry of {partner}'s to say you noticed it"));
        return;
    };
    if let Some(refused) = refusal(app, &entry) {
        app.message = Some(refused);
        return;
    }
    if !writable(app) {
        return;
    }
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
