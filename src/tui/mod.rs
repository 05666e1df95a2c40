//! The terminal: raw mode and the alternate screen, the event loop, and
//! putting the terminal back on every way out (normal exit, error, panic,
//! SIGTERM, SIGHUP, SIGINT, SIGQUIT, a closed terminal). Ended from
//! outside, the app keeps what was typed (see [`ending`]).

pub mod ending;
mod tty;
mod watchdog;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, KeyEventKind,
};
use crossterm::execute;

use crate::app::draft::FormDraft;
use crate::app::keymap::{Mode, action_for};
use crate::app::{Action, App, FormAction, update};
use crate::clock;
use crate::keyboard::{self, Named};
use crate::storage::atomic::NoFaults;
use crate::storage::device::{self, Device};
use crate::storage::writer::{SaveEvent, Writer};
use crate::storage::{Store, draft};
use crate::ui::{self, Theme};
use ending::Ended;
use tty::Tty;
use watchdog::Shared;

/// How often the loop wakes without input (clock, save reports, signals).
const TICK: Duration = Duration::from_millis(200);
/// At most this many queued events are handled between two draws.
const MAX_EVENTS_PER_FRAME: usize = 256;
/// How long the loop looks for more input once a key came, before it draws.
/// Not zero: crossterm's `/dev/tty` reader (its `use-dev-tty` feature, which
/// polls level-triggered, so a paste of many KiB never waits in the terminal
/// for a later key) does not look at the terminal at all for a zero wait.
const MORE_INPUT: Duration = Duration::from_millis(1);

/// Opens the journal at `path` and runs the app until the user quits.
/// Returns a plain sentence when something went wrong.
pub fn run(path: PathBuf, no_color: bool, named: Option<&Named>) -> Result<(), String> {
    run_on(path, no_color, Keep::Drafts, named)
}

/// Whether what was typed is kept when the app is ended from outside: not
/// for the demo, whose folder goes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    Drafts,
    Nothing,
}

fn run_on(path: PathBuf, no_color: bool, keep: Keep, named: Option<&Named>) -> Result<(), String> {
    // The demo's journal is thrown away: this computer remembers nothing
    // of it (no log, no person), and nobody is asked.
    let base = (keep == Keep::Drafts).then(device::base_from_env).flatten();
    let (mut store, mut loaded) = Store::open_on_device(path, base.clone()).map_err(|e| e.to_string())?;
    let device = base.as_deref().map(|base| Device::new(base, &loaded.journal.id));
    let at_keyboard = keyboard::resolve(&loaded.journal, named, base.as_deref())?;
    for warning in &loaded.warnings {
        eprintln!("trustbank: warning: {warning}");
    }
    // Conflict copies and what this computer wrote that the file lost are
    // in the first frame; the writer's first look saves them.
    let gathered = store.gather(&mut loaded.journal);
    let journal_path = store.path().to_path_buf();
    let draft_at = device::draft_path(base.as_deref(), &journal_path);
    let read_only = store.read_only().map(|r| r.to_string());
    let mut app = App::new(loaded.journal, clock::now(), read_only.clone());
    app.at_keyboard(at_keyboard);
    if !loaded.existed {
        app.save = crate::app::SaveState::Unwritten;
        app.welcome();
    } else if app.journal.people.unnamed() && !device::welcome_offered(base.as_deref(), &journal_path) {
        // Begun with `trustbank add`, its people still "Me" and "Partner":
        // the welcome's names, once.
        app.welcome();
    } else if device.is_some() {
        app.ask_who_is_here();
    }
    if gathered.said() {
        let came_in =
            crate::storage::CameIn { copies: gathered.reports(), restored: gathered.restored, ..Default::default() };
        update(&mut app, Action::Warn(crate::app::outside::told(&came_in)));
    }
    if let Some(warning) = store.take_warning() {
        update(&mut app, Action::Warn(warning));
    }
    match draft::read(&draft_at) {
        Ok(Some(found)) if keep == Keep::Drafts => update(&mut app, Action::DraftFound(Box::new(found))),
        Ok(_) => {}
        Err(e) => update(&mut app, Action::Warn(e)),
    }
    // A read-only app has a writer too: it never writes, but it watches
    // the file and shows what others write.
    let writer = Writer::spawn(store);

    let shared = Arc::new(Shared::default());
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(signal, Arc::clone(&shared.stop))
            .map_err(|e| format!("cannot watch for signals: {e}"))?;
    }
    let tty = Arc::new(Tty::open());
    watchdog::spawn(Arc::clone(&shared), Arc::clone(&tty), writer.progress(), draft_at.clone());

    // ratatui::init enters raw mode and the alternate screen and installs a
    // panic hook that restores the terminal before the message is printed.
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    // ratatui's hook leaves raw mode and the alternate screen; ours first
    // turns off the mouse and paste modes it does not know about.
    let restore_terminal = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        restore_terminal(info);
    }));
    let ended = event_loop(
        &mut terminal,
        &mut app,
        no_color,
        &writer,
        Places { draft: &draft_at, device: device.as_ref() },
        &shared,
        &tty,
    );
    restore(terminal);

    shared.finishing();
    let aside = (keep == Keep::Drafts).then_some(ending::Aside { journal: &journal_path, draft: &draft_at });
    let notes = ending::finish(&mut app, writer, &ended, aside, &NoFaults)?;
    // The terminal may be gone: nothing here may panic for want of it.
    for note in notes {
        let _ = writeln!(std::io::stderr(), "trustbank: {note}");
    }
    match ended {
        Ended::Terminal(error) => Err(error),
        _ => Ok(()),
    }
}

/// Runs the app on a generated demo journal in a temporary folder, which is
/// removed on the way out; the real journal is never opened.
pub fn run_demo(no_color: bool) -> Result<(), String> {
    let folder = tempfile::Builder::new()
        .prefix("trustbank-demo-")
        .tempdir()
        .map_err(|e| format!("cannot make a folder for the demo: {e}"))?;
    let path = folder.path().join("journal.ron");
    let now = clock::now();
    let journal = crate::generate::demo(now);
    let (mut store, _) = Store::open(path.clone()).map_err(|e| e.to_string())?;
    store.save(&journal, now.date_naive()).map_err(|e| e.to_string())?;
    drop(store);
    let result = run_on(path, no_color, Keep::Nothing, None);
    folder.close().map_err(|e| format!("cannot remove the demo folder: {e}"))?;
    result
}

/// Puts the terminal back as it was. Unlike `ratatui::restore`, says
/// nothing when it cannot: with the terminal gone, printing that would
/// panic, and the app would end before keeping what was typed.
fn restore(mut terminal: ratatui::DefaultTerminal) {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableBracketedPaste, DisableMouseCapture);
    // Raw mode first: it has more to undo than the alternate screen.
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = execute!(out, crossterm::terminal::LeaveAlternateScreen);
    if terminal.show_cursor().is_err() {
        // Dropped, it would try again and print the failure.
        std::mem::forget(terminal);
    }
}

/// Where the event loop keeps what is not the journal, on this computer:
/// the draft, and who is at the keyboard (none for the demo).
struct Places<'a> {
    draft: &'a Path,
    device: Option<&'a Device>,
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    no_color: bool,
    writer: &Writer,
    places: Places,
    shared: &Shared,
    tty: &Tty,
) -> Ended {
    let Places { draft: draft_at, device } = places;
    let mut started = false;
    let started_at = std::time::Instant::now();
    let mut ended = Ended::Quit;
    // A failing terminal is a lost one when it hung up.
    let trouble = |what: &str, e: std::io::Error| match tty.hung_up() {
        true => Ended::LostTerminal,
        false => Ended::Terminal(format!("cannot {what}: {e}")),
    };
    while app.running {
        let theme = Theme::named(&app.journal.settings.theme, no_color);
        if let Err(e) = terminal.draw(|frame| ui::render(frame, app, &theme)) {
            return trouble("draw", e);
        }
        if !started {
            // The writer's own copy, made once the first frame is up; from
            // now on it is sent only the changes.
            started = true;
            app.outbox.clear();
            writer.save(app.revision, app.journal.clone(), app.today);
        }
        update(app, Action::Tick(clock::now()));
        // Everything already typed (a fast typist, a paste) is handled
        // before the next draw, so the screen never lags behind the keys.
        let mut wait = TICK;
        let mut handled = 0;
        while handled < MAX_EVENTS_PER_FRAME && app.running {
            // crossterm reads a hung-up terminal for ever: never ask it then.
            if shared.lost.load(Ordering::Relaxed) || tty.hung_up() {
                shared.lost.store(true, Ordering::Relaxed);
                break;
            }
            match event::poll(wait) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return trouble("read keys", e),
            }
            let input = match event::read() {
                Ok(input) => input,
                Err(e) => return trouble("read keys", e),
            };
            let size = match terminal.size() {
                Ok(size) => size,
                Err(e) => return trouble("read the window size", e),
            };
            update(app, Action::Uptime(started_at.elapsed()));
            if let Some(action) = action_for_event(app, input, size.width, size.height) {
                update(app, action);
            }
            wait = MORE_INPUT;
            handled += 1;
        }
        if shared.lost.load(Ordering::Relaxed) {
            ended = Ended::LostTerminal;
            update(app, Action::Terminate);
        } else if shared.stop.load(Ordering::Relaxed) {
            ended = Ended::Signal;
            update(app, Action::Terminate);
        }
        let events = writer.events();
        send_changes(writer, app, events.contains(&SaveEvent::OutOfStep));
        for action in events.into_iter().filter_map(save_action) {
            update(app, action);
        }
        // Who is at the keyboard, as chosen: this computer remembers it.
        if let Some(person) = app.remember.take()
            && let Some(Err(e)) = device.map(|d| d.set_person(person))
        {
            update(app, Action::Warn(e));
        }
        if std::mem::take(&mut app.draft_settled)
            && let Err(e) = draft::remove(draft_at)
        {
            update(app, Action::Warn(e));
        }
        // What the watchdog keeps if this loop gets stuck.
        shared.note_draft(FormDraft::of(&app.overlay));
    }
    ended
}

/// Sends the writer the changes made since the last call, or the whole
/// journal when its copy went out of step.
pub(crate) fn send_changes(writer: &Writer, app: &mut App, out_of_step: bool) {
    let changes = std::mem::take(&mut app.outbox);
    if out_of_step {
        let pending = app.in_flight.iter().map(|(_, c)| c.clone()).collect();
        writer.resend(app.revision, app.journal.clone(), pending, app.today);
    } else if !changes.is_empty() {
        writer.apply(app.revision, changes, app.today);
    }
}

fn action_for_event(app: &App, event: Event, width: u16, height: u16) -> Option<Action> {
    match event {
        Event::Mouse(mouse) => ui::mouse::action_for(app, width, height, mouse),
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for(app.mode(), app.tab, &key),
        Event::Paste(text) if matches!(app.mode(), Mode::Form | Mode::Note) => {
            Some(Action::Form(FormAction::Paste(text)))
        }
        // A resize is drawn by the next loop; nothing else to do.
        _ => None,
    }
}

/// What a writer's report does to the app (asking for the whole journal
/// is answered by [`send_changes`], and shows nothing).
pub(crate) fn save_action(event: SaveEvent) -> Option<Action> {
    match event {
        SaveEvent::Saved { revision } => Some(Action::Saved { revision }),
        SaveEvent::Failed { revision, error } => Some(Action::SaveFailed { revision, error }),
        SaveEvent::OutOfStep => None,
        SaveEvent::CameIn { revision, journal, came_in } => Some(Action::CameIn { revision, journal, came_in }),
        SaveEvent::ReadOnly { reason } => Some(Action::TurnedReadOnly(reason)),
        SaveEvent::Writable => Some(Action::Writable),
        SaveEvent::Warning(warning) => Some(Action::Warn(warning)),
    }
}
