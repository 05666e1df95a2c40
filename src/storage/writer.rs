//! The background writer: saves off the thread that reads keys, so the
//! screen never waits on the disk. Newer snapshots replace older ones in
//! the queue; a failed save is retried until it succeeds or a newer one
//! arrives.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;

use super::Store;
use crate::domain::Journal;

/// What the writer reports back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveEvent {
    Saved { revision: u64 },
    Failed { revision: u64, error: String },
}

enum Request {
    Save { revision: u64, journal: Box<Journal>, today: NaiveDate },
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

    /// Queues a save of `journal` as revision `revision`.
    /// Shared progress, for a thread that must know when all is on disk.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    pub fn save(&self, revision: u64, journal: Journal, today: NaiveDate) {
        self.progress.requested.fetch_max(revision, Ordering::AcqRel);
        // If the thread is gone the events channel says so (no Saved comes).
        let _ = self.requests.send(Request::Save { revision, journal: Box::new(journal), today });
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

fn run(mut store: Store, inbox: Receiver<Request>, outbox: Sender<SaveEvent>, progress: &Progress) {
    let mut pending: Option<(u64, Box<Journal>, NaiveDate)> = None;
    let mut retry = FIRST_RETRY;
    let mut stopping = false;
    loop {
        // Wait for work; while a save is failing, wake up to retry it.
        let next = if stopping {
            Err(RecvTimeoutError::Disconnected)
        } else if pending.is_some() {
            inbox.recv_timeout(retry)
        } else {
            inbox.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        match next {
            Ok(Request::Save { revision, journal, today }) => {
                pending = Some((revision, journal, today));
                retry = FIRST_RETRY;
            }
            Ok(Request::Stop) | Err(RecvTimeoutError::Disconnected) => stopping = true,
            Err(RecvTimeoutError::Timeout) => retry = (retry * 2).min(LAST_RETRY),
        }
        // Only the newest snapshot matters.
        for request in inbox.try_iter() {
            match request {
                Request::Save { revision, journal, today } => pending = Some((revision, journal, today)),
                Request::Stop => stopping = true,
            }
        }
        if let Some((revision, journal, today)) = pending.take() {
            match store.save(&journal, today) {
                Ok(()) => {
                    progress.saved.fetch_max(revision, Ordering::AcqRel);
                    let _ = outbox.send(SaveEvent::Saved { revision });
                }
                Err(e) => {
                    let _ = outbox.send(SaveEvent::Failed { revision, error: e.to_string() });
                    pending = Some((revision, journal, today));
                }
            }
        }
        if stopping {
            return;
        }
    }
}
