//! "Open a repair for it?": asked after a wipe or a betrayal was saved.
//!
//! The question comes as a consequence of Enter, while the keys typed next
//! (the next entry, its note, its Enter) may already be on their way. So it
//! waits beside the tabs rather than on top of the keys: until it has been
//! in sight for [`Offer::SETTLE`], every key does what it would without it,
//! and a `y` or `n` typed as part of that cannot answer it. It waits under
//! any form those keys open and shows again when the form closes.

use std::time::Duration;

use super::repair_form::RepairForm;
use super::state::{App, Overlay};
use crate::domain::Id;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The wipe or betrayal it was asked for.
    pub entry: Id,
    /// When it was asked, in the app's uptime.
    pub since: Duration,
}

impl Offer {
    /// How long the question is in sight before it takes an answer: longer
    /// than a fast typist's gap between keys, shorter than reading it.
    pub const SETTLE: Duration = Duration::from_millis(600);

    /// Whether `y` and `n` answer it now: once in sight long enough, and
    /// only with nothing drawn over it.
    pub fn answerable(&self, app: &App) -> bool {
        app.overlay == Overlay::None && app.uptime.saturating_sub(self.since) >= Self::SETTLE
    }
}

/// Asks, from now.
pub(super) fn ask(app: &mut App, entry: Id) {
    app.offer = Some(Offer { entry, since: app.uptime });
}

/// `y`: the repair form, for the one the entry hurt.
pub(super) fn accept(app: &mut App) {
    let Some(offer) = app.offer.take() else { return };
    if let Some(e) = app.journal.entry(&offer.entry) {
        let title = if e.note.is_empty() { e.category.clone() } else { e.note.clone() };
        // The one whose behaviour the withdrawal records hurt the other.
        let form = RepairForm::new(&title, e.date, Some(offer.entry.clone())).with_hurt(e.who.other());
        app.overlay = Overlay::Repair(Box::new(form));
    }
}

/// `n` or `Esc`: not now, and where to find it later.
pub(super) fn decline(app: &mut App) {
    if app.offer.take().is_some() {
        app.message = Some("no repair opened: n on the Repair tab opens one when you are ready".into());
    }
}
