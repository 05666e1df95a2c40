//! The watchdog: a thread that sees the terminal hang up even when the
//! event loop cannot, gets the loop going again, and ends the process if
//! the loop still does not end (a terminal that takes no more output can
//! block a draw for ever), keeping the open form's text first.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::tty::Tty;
use crate::app::draft::{Draft, FormDraft};
use crate::clock;
use crate::storage::atomic::NoFaults;
use crate::storage::draft;
use crate::storage::writer::Progress;

/// How often the watchdog looks.
const EVERY: Duration = Duration::from_millis(100);
/// How long the event loop has, after a signal or a hang-up, to end by
/// itself before the watchdog ends the process.
const GRACE: Duration = Duration::from_secs(3);
/// How long, then, the last save still has to reach the disk.
const LAST_SAVE_GRACE: Duration = Duration::from_secs(1);

/// What the event loop and the watchdog share.
#[derive(Debug, Default)]
pub struct Shared {
    /// A signal came (SIGTERM, SIGHUP, SIGINT, SIGQUIT).
    pub stop: Arc<AtomicBool>,
    /// The terminal hung up.
    pub lost: AtomicBool,
    guarded: Mutex<Guarded>,
}

#[derive(Debug, Default)]
struct Guarded {
    /// The event loop has ended and the terminal is put back: from now on
    /// the app ends by itself, and the watchdog keeps out.
    finishing: bool,
    /// The open form's fields as of the last frame, if anything was typed.
    draft: Option<FormDraft>,
}

impl Shared {
    fn guarded(&self) -> MutexGuard<'_, Guarded> {
        self.guarded.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The open form as the last frame had it.
    pub fn note_draft(&self, draft: Option<FormDraft>) {
        self.guarded().draft = draft;
    }

    /// The app ends by itself from now on.
    pub fn finishing(&self) {
        self.guarded().finishing = true;
    }

    fn signalled(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.lost.load(Ordering::Relaxed)
    }
}

/// Starts the watchdog; a form open when it ends the app is kept at
/// `draft_at`.
pub fn spawn(shared: Arc<Shared>, tty: Arc<Tty>, progress: Arc<Progress>, draft_at: PathBuf) {
    let spawned = std::thread::Builder::new().name("trustbank-watchdog".into()).spawn(move || {
        let mut since: Option<Instant> = None;
        loop {
            std::thread::sleep(EVERY);
            if !shared.lost.load(Ordering::Relaxed) && tty.hung_up() {
                shared.lost.store(true, Ordering::Relaxed);
                tty.unstick();
            }
            if shared.signalled() && since.is_none() {
                since = Some(Instant::now());
            }
            let guarded = shared.guarded();
            if guarded.finishing {
                return;
            }
            if since.is_some_and(|s| s.elapsed() > GRACE) {
                // Held to the end: the event loop cannot start finishing
                // (and write the draft itself) while this one does.
                end_the_process(guarded, &progress, &draft_at);
            }
        }
    });
    if spawned.is_err() {
        // Not fatal: the loop still sees signals, and most hang-ups.
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"trustbank: cannot watch for a lost terminal\n");
    }
}

/// The event loop is stuck: keep the open form's text, give the writer a
/// moment for the last save, and end.
fn end_the_process(mut guarded: MutexGuard<'_, Guarded>, progress: &Progress, draft_at: &std::path::Path) -> ! {
    let mut ok = true;
    if let Some(form) = guarded.draft.take() {
        ok = draft::write(draft_at, &Draft { kept_at: clock::now(), form }, &NoFaults).is_ok();
    }
    let deadline = Instant::now() + LAST_SAVE_GRACE;
    while !progress.idle() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::process::exit(if ok && progress.idle() { 0 } else { 1 })
}
