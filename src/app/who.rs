//! Who is at the keyboard, and what that person may change: each person
//! owns their own words (entries, check-ins, a repair's steps).

use super::state::{App, Overlay};
use crate::domain::{Entry, Person, Repair};
use crate::keyboard::Source;

/// `person` is at the keyboard, as the user chose: remembered on this
/// computer (the event loop writes it).
pub(super) fn choose(app: &mut App, person: Person) {
    if matches!(app.overlay, Overlay::WhoIsHere(_)) {
        app.overlay = Overlay::None;
    }
    app.me = person;
    app.keyboard = Source::Device;
    app.remember = Some(person);
    app.message = Some(format!("{} is at the keyboard; settings (,) can change it", app.my_name()));
}

/// Why the person at the keyboard may not change `entry`, if they may not.
pub(super) fn entry_refusal(app: &App, entry: &Entry) -> Option<String> {
    (entry.by != app.me).then(|| {
        let author = app.journal.people.name(entry.by);
        format!("{author} wrote this entry; only {author} can change it")
    })
}

/// Who writes a repair's step: the Reveal is the hurt partner's, the
/// Acknowledge the other's; the rest belong to both.
pub(super) fn step_author(repair: &Repair, step: usize) -> Option<Person> {
    match step {
        0 => Some(repair.hurt),
        1 => Some(repair.hurt.other()),
        _ => None,
    }
}

/// Why the person at the keyboard may not write step `step`, if not.
pub(super) fn step_refusal(app: &App, repair: &Repair, step: usize) -> Option<String> {
    let author = step_author(repair, step)?;
    (author != app.me).then(|| {
        let name = app.journal.people.name(author);
        let what = if step == 0 { "the Reveal" } else { "the Acknowledge" };
        format!("{what} is {name}'s to write; only {name} can change it")
    })
}
