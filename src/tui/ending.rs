//! How the app ends: the last save, and when it was ended from outside (a
//! signal, a closed terminal) nothing typed left behind: changes still not
//! on disk go to a side file beside the journal, and the open form's text
//! to the draft the next start offers back.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{save_action, send_changes};
use crate::app::draft::{Draft, FormDraft};
use crate::app::{App, SaveState, update};
use crate::clock;
use crate::storage::atomic::Faults;
use crate::storage::writer::{SaveEvent, Writer};
use crate::storage::{draft, side};

/// How the event loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// The person quit (`q`, and `y` if asked).
    Quit,
    /// A signal: SIGTERM, SIGHUP, SIGINT or SIGQUIT.
    Signal,
    /// The terminal hung up: its window was closed.
    LostTerminal,
    /// The terminal failed another way (it cannot be drawn on or read).
    Terminal(String),
}

impl Ended {
    /// Whether the person did not choose to end: what they typed is kept.
    pub fn from_outside(&self) -> bool {
        *self != Ended::Quit
    }
}

/// How long quitting waits for the last save.
const LAST_SAVE_WAIT: Duration = Duration::from_secs(10);
/// How long the last save may take when the app was ended from outside:
/// whatever ended it wants it gone soon, and what is not on disk by then
/// goes to a side file.
const LAST_SAVE_WAIT_OUTSIDE: Duration = Duration::from_secs(2);

/// Where what a session could not save is kept when it is ended from
/// outside: the journal in a side file beside the journal at `journal`,
/// the open form's text in the draft file at `draft`.
#[derive(Debug, Clone, Copy)]
pub struct Aside<'a> {
    pub journal: &'a Path,
    pub draft: &'a Path,
}

/// Sends the last change and waits for it; if the app was ended from
/// outside, keeps what could not be saved and the open form's text where
/// `aside` says (none: nothing is kept, as for the demo), writing through
/// `faults`. Returns what to say on the way out (where a draft was kept);
/// `Err` says what did not reach the disk, and where it went instead.
pub fn finish(
    app: &mut App,
    writer: Writer,
    ended: &Ended,
    aside: Option<Aside<'_>>,
    faults: &dyn Faults,
) -> Result<Vec<String>, String> {
    let outside = ended.from_outside();
    // Told the change is not on disk, the person chose to quit: at once,
    // and what was not saved is still kept aside.
    let wait = match (app.quit_unsaved, outside) {
        (true, _) => Duration::ZERO,
        (false, true) => LAST_SAVE_WAIT_OUTSIDE,
        (false, false) => LAST_SAVE_WAIT,
    };
    wait_for_the_last_save(app, &writer, wait);
    if !outside && !app.quit_unsaved {
        for action in writer.finish().into_iter().filter_map(save_action) {
            update(app, action);
        }
        if app.unsaved() {
            return Err(format!("your last change could not be saved: {}", why_unsaved(app)));
        }
        return Ok(Vec::new());
    }
    // Not joined: a save stuck waiting for the lock must not keep the
    // process; what it has not written is kept aside here.
    drop(writer);
    let Some(Aside { journal, draft: draft_at }) = aside else { return Ok(Vec::new()) };
    let mut notes = Vec::new();
    let mut failures = Vec::new();
    if let Some(form) = FormDraft::of(&app.overlay) {
        let title = form.title();
        match draft::write(draft_at, &Draft { kept_at: clock::now(), form }, faults) {
            Ok(path) => notes.push(format!(
                "the text typed in the form {title} is kept in {}; the next start offers it back",
                path.display()
            )),
            Err(e) => failures.push(format!("the text typed in the form {title} could not be kept: {e}")),
        }
    }
    if app.unsaved() {
        let why = why_unsaved(app);
        failures.push(match side::keep_aside(journal, &app.journal, faults) {
            Ok(side) => format!(
                "your last change could not be saved ({why}); this session's journal is kept in {}",
                side.display()
            ),
            Err(e) => format!("your last change could not be saved ({why}), nor kept aside: {e}"),
        });
    }
    match failures.is_empty() {
        true => Ok(notes),
        false => Err(notes.into_iter().chain(failures).collect::<Vec<_>>().join("; ")),
    }
}

fn wait_for_the_last_save(app: &mut App, writer: &Writer, wait: Duration) {
    if !app.unsaved() {
        return;
    }
    send_changes(writer, app, false);
    let deadline = Instant::now() + wait;
    while app.unsaved() && Instant::now() < deadline {
        match writer.wait_event(Duration::from_millis(100)) {
            Some(SaveEvent::OutOfStep) => send_changes(writer, app, true),
            Some(event) => save_action(event).into_iter().for_each(|action| update(app, action)),
            None => continue,
        }
    }
}

fn why_unsaved(app: &App) -> String {
    match &app.save {
        SaveState::Failed(e) => e.clone(),
        SaveState::ReadOnly(reason) => format!("read-only: {reason}"),
        _ => "the save did not finish in time".into(),
    }
}
