//! The background writer: saves off the thread that reads keys, so the
//! screen never waits on the disk. It keeps its own copy of the journal:
//! the app sends it once, then only the changes made since (a journal of
//! years is too big to copy on every keystroke). Changes queued while a
//! save runs are applied together and saved once; a failed save is retried
//! until it succeeds. It also watches the file: what another writer, a
//! hand edit or a sync tool put there is taken in (with this session's
//! unsaved changes brought onto it) and sent to the app.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;

use super::{CameIn, ReadOnly, Store, watch};
use crate::domain::{Change, Journal};

/// What the writer reports back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveEvent {
    Saved {
        revision: u64,
    },
    Failed {
        revision: u64,
        error: String,
    },
    /// The writer's copy could not take a change (or it has none yet):
    /// send the whole journal again with [`Writer::resend`].
    OutOfStep,
    /// The file changed outside; `journal` is it with every change up to
    /// `revision` brought onto it. Changes after `revision` are still to
    /// come to the writer, and apply on top of it.
    CameIn {
        revision: u64,
        journal: Box<Journal>,
        came_in: Box<CameIn>,
    },
    /// The journal may not be written now, and why.
    ReadOnly {
        reason: String,
    },
    /// It may be written again (the file parses again).
    Writable,
    /// A save worked, with something a person should know (no backup
    /// could be made today).
    Warning(String),
}

enum Request {
    /// The whole journal as it stands at `revision`, and the changes in it
    /// that are not on disk yet.
    Snapshot {
        revision: u64,
        journal: Box<Journal>,
        pending: Vec<Change>,
        today: NaiveDate,
    },
    /// The changes that brought the journal to `revision`, in order.
    Changes {
        revision: u64,
        changes: Vec<Change>,
        today: NaiveDate,
    },
    /// The file may have changed outside: look.
    Look,
    Stop,
}

/// Owns the [`Store`] on its own thread.
pub struct Writer {
    requests: Sender<Request>,
    events: Receiver<SaveEvent>,
    thread: Option<JoinHandle<()>>,
    progress: Arc<Progress>,
    /// Kept alive while the writer runs.
    _watcher: Option<notify::RecommendedWatcher>,
}

/// The newest revision asked for and the newest on disk, readable from any
/// thread (the shutdown watchdog waits on them).
#[derive(Debug, Default)]
pub struct Progress {
    requested: AtomicU64,
    saved: AtomicU64,
}

impl Progress {
    /// Whether every revision asked for is on disk.
    pub fn idle(&self) -> bool {
        self.saved.load(Ordering::Acquire) >= self.requested.load(Ordering::Acquire)
    }
}

const FIRST_RETRY: Duration = Duration::from_millis(500);
const LAST_RETRY: Duration = Duration::from_secs(15);
/// How often the file is looked at when no watcher says it changed (a
/// platform without one, a network folder, a watcher that missed it).
const LOOK_EVERY: Duration = Duration::from_secs(1);
/// After a change is seen, more usually follow (an editor's save, a sync
/// tool's rename): wait this long for them to settle.
const SETTLE: Duration = Duration::from_millis(150);

impl Writer {
    pub fn spawn(store: Store) -> Writer {
        let (requests, inbox) = mpsc::channel();
        let (outbox, events) = mpsc::channel();
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let wake = requests.clone();
        let watcher = watch::watch(store.path(), move || {
            let _ = wake.send(Request::Look);
        });
        let thread = std::thread::Builder::new()
            .name("trustbank-writer".into())
            .spawn(move || run(store, inbox, outbox, &shared))
            .ok();
        Writer { requests, events, thread, progress, _watcher: watcher }
    }

    /// Shared progress, for a thread that must know when all is on disk.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    /// Replaces the writer's copy with `journal` as revision `revision`,
    /// and saves it unless that revision is already on disk (revision 0 is
    /// the file as it was opened). Only for a journal with no changes that
    /// the file lacks (else [`Writer::resend`]).
    pub fn save(&self, revision: u64, journal: Journal, today: NaiveDate) {
        self.resend(revision, journal, Vec::new(), today);
    }

    /// Like [`Writer::save`], for a journal holding `pending`, changes the
    /// file may not have yet.
    pub fn resend(&self, revision: u64, journal: Journal, pending: Vec<Change>, today: NaiveDate) {
        self.send(revision, Request::Snapshot { revision, journal: Box::new(journal), pending, today });
    }

    /// Applies `changes` to the writer's copy, which then is revision
    /// `revision`, and saves it.
    pub fn apply(&self, revision: u64, changes: Vec<Change>, today: NaiveDate) {
        self.send(revision, Request::Changes { revision, changes, today });
    }

    /// Asks the writer to look at the file now.
    pub fn look(&self) {
        let _ = self.requests.send(Request::Look);
    }

    fn send(&self, revision: u64, request: Request) {
        self.progress.requested.fetch_max(revision, Ordering::AcqRel);
        // If the thread is gone the events channel says so (no Saved comes).
        let _ = self.requests.send(request);
    }

    /// Reports that arrived since the last call.
    pub fn events(&self) -> Vec<SaveEvent> {
        self.events.try_iter().collect()
    }

    /// Waits up to `timeout` for the next report.
    pub fn wait_event(&self, timeout: Duration) -> Option<SaveEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// Stops after the queued save (one last try if it was failing) and
    /// returns the reports not yet read.
    pub fn finish(mut self) -> Vec<SaveEvent> {
        let _ = self.requests.send(Request::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.events.try_iter().collect()
    }
}

/// The writer's journal, the revision it stands at, and the changes in it
/// that are not on disk yet.
struct Replica {
    journal: Box<Journal>,
    revision: u64,
    today: NaiveDate,
    pending: Vec<Change>,
}

/// The writer thread's state between requests.
struct Run<'a> {
    store: Store,
    outbox: Sender<SaveEvent>,
    progress: &'a Progress,
    copy: Option<Replica>,
    /// Whether a snapshot was asked for and has not come yet.
    asked: bool,
    /// The newest revision on disk; 0 is the file as it was opened.
    saved: u64,
    failing: bool,
    retry: Duration,
    /// The read-only reason last reported, so it is said once.
    reported: Option<ReadOnly>,
}

fn run(store: Store, inbox: Receiver<Request>, outbox: Sender<SaveEvent>, progress: &Progress) {
    let reported = store.read_only().cloned();
    let mut run = Run {
        store,
        outbox,
        progress,
        copy: None,
        asked: false,
        saved: 0,
        failing: false,
        retry: FIRST_RETRY,
        reported,
    };
    let mut stopping = false;
    loop {
        // Wait for work; wake up now and then to look at the file, and
        // while a save is failing, to retry it.
        let next = if stopping { Err(RecvTimeoutError::Disconnected) } else { inbox.recv_timeout(run.wait()) };
        let mut requests = Vec::new();
        let mut look = false;
        match next {
            Ok(request) => requests.push(request),
            Err(RecvTimeoutError::Disconnected) => stopping = true,
            Err(RecvTimeoutError::Timeout) => {
                look = true;
                if run.failing {
                    run.retry = (run.retry * 2).min(LAST_RETRY);
                }
            }
        }
        if matches!(requests.first(), Some(Request::Look)) {
            std::thread::sleep(SETTLE);
        }
        // Everything queued meanwhile is saved at once.
        requests.extend(inbox.try_iter());
        for request in requests {
            match request {
                Request::Snapshot { revision, journal, pending, today } => {
                    run.copy = Some(Replica { journal, revision, today, pending });
                    run.asked = false;
                    run.retry = FIRST_RETRY;
                }
                Request::Changes { revision, changes, today } => run.take(revision, changes, today),
                Request::Look => look = true,
                Request::Stop => stopping = true,
            }
        }
        run.save_or_look(look);
        if stopping {
            return;
        }
    }
}

impl Run<'_> {
    fn wait(&self) -> Duration {
        if self.failing { self.retry } else { LOOK_EVERY }
    }

    fn send(&self, event: SaveEvent) {
        let _ = self.outbox.send(event);
    }

    fn take(&mut self, revision: u64, changes: Vec<Change>, today: NaiveDate) {
        self.retry = FIRST_RETRY;
        let applied = self.copy.as_mut().is_some_and(|current| {
            (current.revision, current.today) = (revision, today);
            let ok = changes.iter().cloned().try_for_each(|c| c.apply(&mut current.journal).map(drop)).is_ok();
            current.pending.extend(changes);
            ok
        });
        if !applied {
            // No copy, or one that went out of step: only a whole journal
            // helps now.
            self.copy = None;
            if !self.asked {
                self.asked = true;
                self.send(SaveEvent::OutOfStep);
            }
        }
    }

    /// Saves what is not on disk yet; else, when asked, looks for changes
    /// made outside.
    fn save_or_look(&mut self, look: bool) {
        self.failing = false;
        let Some(current) = self.copy.as_mut() else { return };
        let unsaved = current.revision > self.saved;
        if !unsaved && !look {
            return;
        }
        let result = if unsaved {
            self.store.commit(&mut current.journal, &current.pending, current.today)
        } else {
            self.store.refresh(&mut current.journal, &current.pending, current.today)
        };
        let revision = current.revision;
        match result {
            Ok(came_in) => {
                if unsaved {
                    current.pending.clear();
                }
                let journal = came_in.as_ref().map(|_| current.journal.clone());
                self.report_read_only();
                if let (Some(came_in), Some(journal)) = (came_in, journal) {
                    self.send(SaveEvent::CameIn { revision, journal, came_in: Box::new(came_in) });
                }
                if let Some(warning) = self.store.take_warning() {
                    self.send(SaveEvent::Warning(warning));
                }
                if unsaved {
                    self.saved = revision;
                    self.progress.saved.fetch_max(revision, Ordering::AcqRel);
                    self.send(SaveEvent::Saved { revision });
                }
            }
            // A look that could not read the file tries again at the next.
            Err(_) if !unsaved => self.report_read_only(),
            Err(e) => {
                if self.store.read_only().is_some() {
                    // Not retried: nothing can be written until the reason
                    // goes (the file parses again), which a look finds.
                    self.report_read_only();
                } else {
                    self.failing = true;
                    self.send(SaveEvent::Failed { revision, error: e.to_string() });
                }
            }
        }
    }

    /// Tells the app when the store turned read-only, or writable again.
    fn report_read_only(&mut self) {
        let now = self.store.read_only().cloned();
        if now == self.reported {
            return;
        }
        self.send(match &now {
            Some(reason) => SaveEvent::ReadOnly { reason: reason.to_string() },
            None => SaveEvent::Writable,
        });
        self.reported = now;
    }
}
