//! The views: they draw from the app's state and change nothing.

mod balance;
mod check_in_form;
mod commitment_form;
pub mod commitments;
mod confirm;
mod entry_form;
mod footer;
mod header;
mod help;
pub mod layout;
pub mod mouse;
mod repair;
mod repair_forms;
mod rows;
mod settings;
pub mod theme;
mod today;
mod versions;
mod who;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

pub use theme::Theme;

use crate::app::{App, Overlay, Tab};

/// The smallest window trustbank draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        layout::too_small(frame, area, theme);
        return;
    }
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    header::render(frame, header, app, theme);
    match app.tab {
        Tab::Today => today::render(frame, body, app, theme),
        Tab::Commitments => commitments::render(frame, body, app, theme),
        Tab::Balance => balance::render(frame, body, app, theme),
        Tab::Repair => repair::render(frame, body, app, theme),
    }
    footer::render(frame, footer, app, theme);
    render_overlay(frame, area, app, &app.overlay, theme);
    layout::unjoin(frame.buffer_mut());
}

fn render_overlay(frame: &mut Frame, area: ratatui::layout::Rect, app: &App, overlay: &Overlay, theme: &Theme) {
    match overlay {
        Overlay::None => {
            if app.offer.is_some() {
                confirm::offer_repair(frame, area, theme);
            }
        }
        Overlay::Help { scroll } => help::render(frame, area, app, *scroll, theme),
        Overlay::Entry(form) => entry_form::render(frame, area, app, form, theme),
        Overlay::CheckIn(form) => check_in_form::render(frame, area, app, form, theme),
        Overlay::Commitment(form) => commitment_form::render(frame, area, form, theme),
        Overlay::Repair(form) => repair_forms::repair(frame, area, app, form, theme),
        Overlay::Step(form) => repair_forms::step(frame, area, app, form, theme),
        Overlay::Agreement(form) => repair_forms::agreement(frame, area, form, theme),
        Overlay::Noticed(form) => repair_forms::noticed(frame, area, app, form, theme),
        Overlay::Settings(form) => settings::render(frame, area, form, theme),
        Overlay::ConfirmDelete(id) => confirm::delete(frame, area, app, id, theme),
        Overlay::ConfirmQuit => confirm::quit(frame, area, app, theme),
        Overlay::ConfirmDiscard(form) => {
            // The form stays in sight under the question.
            render_overlay(frame, area, app, form, theme);
            confirm::discard(frame, area, form, theme)
        }
        Overlay::ConfirmAmount(form) => {
            render_overlay(frame, area, app, &Overlay::Entry(form.clone()), theme);
            confirm::amount(frame, area, app, form, theme)
        }
        Overlay::OfferDraft(draft) => confirm::draft(frame, area, draft, theme),
        Overlay::WhoIsHere(selected) => who::render(frame, area, app, *selected, theme),
        Overlay::History { subject, scroll } => versions::render(frame, area, app, subject, *scroll, theme),
    }
}
