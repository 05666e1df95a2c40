//! Waiting for the writer thread's reports.

use std::time::{Duration, Instant};

use trustbank::storage::writer::{SaveEvent, Writer};

/// Waits for the writer's reports until `done` says stop, or `timeout`.
pub fn events_until(writer: &Writer, timeout: Duration, mut done: impl FnMut(&SaveEvent) -> bool) -> Vec<SaveEvent> {
    let deadline = Instant::now() + timeout;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Some(event) = writer.wait_event(Duration::from_millis(50)) {
            let stop = done(&event);
            seen.push(event);
            if stop {
                break;
            }
        }
    }
    seen
}
