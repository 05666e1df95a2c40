//! The background writer: saves off the thread that reads keys, so the
//! screen never waits on the disk. It keeps its own copy of the journal:
//! the app sends it once, then only the changes made since (a journal of
//! years is too big to copy on every keystroke). Changes queued while a
//! save runs are applied together and saved once; a failed save is retried
//! until it succeeds.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;

use super::Store;
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
    /// send the whole journal again with [`Writer::save`].
    OutOfStep,
}

enum Request {
    /// The whole journal as it stands at `revision`.
    Snapshot {
        revision: u64,
        journal: Box<Journal>,
        today: NaiveDate,
    },
    /// The changes that brought the journal to `revision`, in order.
    Changes {
        revision: u64,
        changes: Vec<Change>,
        today: NaiveDate,
    },
    Stop,
}

/// Owns the [`Store`] on its own thread.
pub struct Writer {
    requests: Sender<Request>,
    events: Receiver<SaveEvent>,
    thread: Option<JoinHandle<()>>,
    progress: Arc<Progress>,
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

impl Writer {
    pub fn spawn(store: Store) -> Writer {
        let (requests, inbox) = mpsc::channel();
        let (outbox, events) = mpsc::channel();
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let thread = std::thread::Builder::new()
            .name("trustbank-writer".into())
            .spawn(move || run(store, inbox, outbox, &shared))
            .ok();
        Writer { requests, events, thread, progress }
    }

    /// Shared progress, for a thread that must know when all is on disk.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    /// Replaces the writer's copy with `journal` as revision `revision`,
    /// and saves it unless that revision is already on disk (revision 0 is
    /// the file as it was opened).
    pub fn save(&self, revision: u64, journal: Journal, today: NaiveDate) {
        self.send(revision, Request::Snapshot { revision, journal: Box::new(journal), today });
    }

    /// Applies `changes` to the writer's copy, which then is revision
    /// `revision`, and saves it.
    pub fn apply(&self, revision: u64, changes: Vec<Change>, today: NaiveDate) {
        self.send(revision, Request::Changes { revision, changes, today });
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

/// The writer's journal and the revision it stands at.
struct Replica {
    journal: Box<Journal>,
    revision: u64,
    today: NaiveDate,
}

fn run(mut store: Store, inbox: Receiver<Request>, outbox: Sender<SaveEvent>, progress: &Progress) {
    let mut copy: Option<Replica> = None;
    // Whether a snapshot was asked for and has not come yet.
    let mut asked = false;
    // The newest revision on disk; 0 is the file as it was opened.
    let mut saved = 0;
    let mut failing = false;
    let mut retry = FIRST_RETRY;
    let mut stopping = false;
    loop {
        // Wait for work; while a save is failing, wake up to retry it.
        let next = if stopping {
            Err(RecvTimeoutError::Disconnected)
        } else if failing {
            inbox.recv_timeout(retry)
        } else {
            inbox.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        let mut requests = Vec::new();
        match next {
            Ok(request) => requests.push(request),
            Err(RecvTimeoutError::Disconnected) => stopping = true,
            Err(RecvTimeoutError::Timeout) => retry = (retry * 2).min(LAST_RETRY),
        }
        // Everything queued meanwhile is saved at once.
        requests.extend(inbox.try_iter());
        for request in requests {
            match request {
                Request::Snapshot { revision, journal, today } => {
                    copy = Some(Replica { journal, revision, today });
                    asked = false;
                    retry = FIRST_RETRY;
                }
                Request::Changes { revision, changes, today } => {
                    retry = FIRST_RETRY;
                    let applied = copy.as_mut().is_some_and(|current| {
                        (current.revision, current.today) = (revision, today);
                        changes.into_iter().try_for_each(|c| c.apply(&mut current.journal).map(drop)).is_ok()
                    });
                    if !applied {
                        // No copy, or one that went out of step: only a
                        // whole journal helps now.
                        copy = None;
                        if !asked {
                            asked = true;
                            let _ = outbox.send(SaveEvent::OutOfStep);
                        }
                    }
                }
                Request::Stop => stopping = true,
            }
        }
        failing = false;
        if let Some(current) = copy.as_ref().filter(|c| c.revision > saved) {
            match store.save(&current.journal, current.today) {
                Ok(()) => {
                    saved = current.revision;
                    progress.saved.fetch_max(saved, Ordering::AcqRel);
                    let _ = outbox.send(SaveEvent::Saved { revision: saved });
                }
                Err(e) => {
                    failing = true;
                    let _ = outbox.send(SaveEvent::Failed { revision: current.revision, error: e.to_string() });
                }
            }
        }
        if stopping {
            return;
        }
    }
}
