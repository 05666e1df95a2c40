//! Taking in a journal that changed outside (a hand edit, a second window,
//! `trustbank add`, a sync tool): the writer read it and brought this
//! session's saved-for changes onto it; the ones made since go on top here,
//! as they will in the writer, so both copies stay the same.

use super::commit::clamp_selections;
use super::derived::Derived;
use super::state::App;
use crate::domain::replay::{CameIn, bring, what};
use crate::domain::{Balances, Journal, chart};

/// Swaps in `journal` (the writer's, as of `revision`), applies the changes
/// made after `revision`, rebuilds what is derived from the journal, and
/// says in the footer what came in.
pub fn take_in(app: &mut App, revision: u64, journal: Journal, came_in: CameIn) {
    let selected = app.selected_entry().map(|e| e.id.clone());
    app.journal = journal;
    let mut dropped = came_in.dropped.clone();
    for (_, change) in app.in_flight.iter().filter(|(r, _)| *r > revision) {
        // As the writer replays them: a removal of a record already gone
        // is done, and keeps its tombstone.
        if let Err(e) = bring(change, &mut app.journal) {
            dropped.push(format!("{} was not applied: {e}", what(change)));
        }
    }
    app.balances = Balances::compute(&app.journal.entries);
    app.daily = chart::daily(&app.journal.entries, &app.balances);
    app.derived = Derived::default();
    // The selection stays on the entry it was on, wherever that went.
    if let Some(id) = selected
        && let Some(i) = app.day_entries().iter().position(|e| e.id == id)
    {
        app.selected = app.due_commitments().len() + i;
    }
    clamp_selections(app);
    let mut message = told(&came_in);
    if let Some(first) = dropped.first() {
        message.push_str(&format!("; {first}"));
        if dropped.len() > 1 {
            message.push_str(&format!(" (and {} more)", dropped.len() - 1));
        }
    }
    app.message = Some(message);
}

/// What came in, in a few words: the copies a sync tool made and what
/// this computer brought back come first, as they are what a person did
/// not expect ("merged 3 entries from a copy Syncthing made").
pub fn told(came_in: &CameIn) -> String {
    let mut parts: Vec<String> =
        came_in.copies.iter().map(|(copy, report)| format!("merged {report} from {copy}")).collect();
    if let Some(report) = &came_in.restored {
        parts.push(format!("brought back {report} that the file had lost (kept on this computer)"));
    }
    if came_in.readable_again {
        parts.push(format!("the journal file parses again and saving goes on; from it: {}", came_in.difference));
    } else if parts.is_empty() {
        parts.push(format!("the journal file changed outside: {}", came_in.difference));
    }
    parts.join("; ")
}
