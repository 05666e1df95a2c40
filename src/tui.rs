//! The terminal: raw mode and the alternate screen, the event loop, and
//! putting the terminal back on every way out (normal exit, error, panic,
//! SIGTERM, SIGHUP, SIGINT, SIGQUIT).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, KeyEventKind,
};
use crossterm::execute;

use crate::app::keymap::{Mode, action_for};
use crate::app::{Action, App, FormAction, SaveState, update};
use crate::clock;
use crate::storage::Store;
use crate::storage::writer::{Progress, SaveEvent, Writer};
use crate::ui::{self, Theme};

/// How often the loop wakes without input (clock, save reports, signals).
const TICK: Duration = Duration::from_millis(200);
/// At most this many queued events are handled between two draws.
const MAX_EVENTS_PER_FRAME: usize = 256;
/// How long quitting waits for the last save.
const LAST_SAVE_WAIT: Duration = Duration::from_secs(10);

/// Opens the journal at `path` and runs the app until the user quits.
/// Returns a plain sentence when something went wrong.
pub fn run(path: PathBuf, no_color: bool) -> Result<(), String> {
    let (store, loaded) = Store::open(path).map_err(|e| e.to_string())?;
    for warning in &loaded.warnings {
        eprintln!("trustbank: warning: {warning}");
    }
    let read_only = store.read_only().map(|r| r.to_string());
    let mut app = App::new(loaded.journal, clock::now(), read_only.clone());
    if !loaded.existed {
        app.welcome();
    }
    // A read-only app has a writer too: it never writes, but it watches
    // the file and shows what others write.
    let writer = Some(Writer::spawn(store));

    let stop = Arc::new(AtomicBool::new(false));
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(|e| format!("cannot watch for signals: {e}"))?;
    }

    let running = Arc::new(AtomicBool::new(true));
    if let Some(writer) = &writer {
        watch_for_a_lost_terminal(Arc::clone(&stop), Arc::clone(&running), writer.progress());
    }

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
    let result = event_loop(&mut terminal, &mut app, no_color, writer.as_ref(), &stop);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();

    running.store(false, Ordering::Release);
    let unsaved = finish(&mut app, writer);
    result?;
    unsaved
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
    let journal = crate::generate::demo(
        crate::domain::journal_day(now, crate::domain::Settings::default().day_ends_at),
        *now.offset(),
    );
    let (mut store, _) = Store::open(path.clone()).map_err(|e| e.to_string())?;
    store.save(&journal, now.date_naive()).map_err(|e| e.to_string())?;
    drop(store);
    let result = run(path, no_color);
    folder.close().map_err(|e| format!("cannot remove the demo folder: {e}"))?;
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    no_color: bool,
    writer: Option<&Writer>,
    stop: &AtomicBool,
) -> Result<(), String> {
    let mut started = false;
    while app.running {
        let theme = Theme::named(&app.journal.settings.theme, no_color);
        terminal.draw(|frame| ui::render(frame, app, &theme)).map_err(|e| format!("cannot draw: {e}"))?;
        if let Some(writer) = writer.filter(|_| !started) {
            // The writer's own copy, made once the first frame is up; from
            // now on it is sent only the changes.
            started = true;
            app.outbox.clear();
            writer.save(app.revision, app.journal.clone(), app.today);
        }
        let read_err = |e: std::io::Error| format!("cannot read keys: {e}");
        update(app, Action::Tick(clock::now()));
        // Everything already typed (a fast typist, a paste) is handled
        // before the next draw, so the screen never lags behind the keys.
        let mut wait = TICK;
        let mut handled = 0;
        while handled < MAX_EVENTS_PER_FRAME && app.running && event::poll(wait).map_err(read_err)? {
            let input = event::read().map_err(read_err)?;
            let size = terminal.size().map_err(|e| format!("cannot read the window size: {e}"))?;
            if let Some(action) = action_for_event(app, input, size.width, size.height) {
                update(app, action);
            }
            wait = Duration::ZERO;
            handled += 1;
        }
        if stop.load(Ordering::Relaxed) {
            update(app, Action::Terminate);
        }
        if let Some(writer) = writer {
            let events = writer.events();
            send_changes(writer, app, events.contains(&SaveEvent::OutOfStep));
            for action in events.into_iter().filter_map(save_action) {
                update(app, action);
            }
        }
    }
    Ok(())
}

/// Sends the writer the changes made since the last call, or the whole
/// journal when its copy went out of step.
fn send_changes(writer: &Writer, app: &mut App, out_of_step: bool) {
    let changes = std::mem::take(&mut app.outbox);
    if out_of_step {
        let pending = app.in_flight.iter().map(|(_, c)| c.clone()).collect();
        writer.resend(app.revision, app.journal.clone(), pending, app.today);
    } else if !changes.is_empty() {
        writer.apply(app.revision, changes, app.today);
    }
}

/// After SIGTERM or SIGHUP the event loop normally quits within a tick. But
/// when the terminal itself is gone, crossterm's read can spin without ever
/// returning; then this watchdog waits for the last save to reach the disk
/// (ten seconds at most) and ends the process, so it never lingers holding
/// the lock.
fn watch_for_a_lost_terminal(stop: Arc<AtomicBool>, running: Arc<AtomicBool>, progress: Arc<Progress>) {
    let spawned = std::thread::Builder::new().name("trustbank-watchdog".into()).spawn(move || {
        while running.load(Ordering::Acquire) && !stop.load(Ordering::Acquire) {
            std::thread::sleep(Duration::from_millis(100));
        }
        let signalled = std::time::Instant::now();
        while running.load(Ordering::Acquire) {
            let grace = signalled.elapsed();
            if grace > Duration::from_secs(2) && (progress.idle() || grace > LAST_SAVE_WAIT) {
                std::process::exit(if progress.idle() { 0 } else { 1 });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    if spawned.is_err() {
        eprintln!("trustbank: warning: cannot watch for a lost terminal");
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
fn save_action(event: SaveEvent) -> Option<Action> {
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

/// Sends the last change, waits for it, and says so if it did not reach the
/// disk.
fn finish(app: &mut App, writer: Option<Writer>) -> Result<(), String> {
    let Some(writer) = writer else { return Ok(()) };
    if app.unsaved() {
        send_changes(&writer, app, false);
        let deadline = std::time::Instant::now() + LAST_SAVE_WAIT;
        while app.unsaved() && std::time::Instant::now() < deadline {
            match writer.wait_event(Duration::from_millis(100)) {
                Some(SaveEvent::OutOfStep) => send_changes(&writer, app, true),
                Some(event) => save_action(event).into_iter().for_each(|action| update(app, action)),
                None => continue,
            }
        }
    }
    for action in writer.finish().into_iter().filter_map(save_action) {
        update(app, action);
    }
    if app.unsaved() {
        let why = match &app.save {
            SaveState::Failed(e) => e.clone(),
            _ => "the save did not finish in time".into(),
        };
        return Err(format!("your last change could not be saved: {why}"));
    }
    Ok(())
}
