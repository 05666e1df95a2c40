//! The mouse: a click or a wheel turned into the same actions keys give.
//! Nothing needs the mouse; it only saves a reach for the keyboard.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{Action, App, Overlay, Tab};

/// The tab whose title is drawn at column `x` of the header.
pub fn tab_at(x: u16) -> Option<Tab> {
    // " trustbank │" then " N Title " per tab (see header.rs).
    let mut left = " trustbank ".chars().count() as u16 + 1;
    for tab in Tab::ALL {
        let width = format!(" {} {} ", tab.index() + 1, tab.title()).chars().count() as u16;
        if (left..left + width).contains(&x) {
            return Some(tab);
        }
        left += width;
    }
    None
}

/// The action for a mouse event on a `width` x `height` screen.
pub fn action_for(app: &App, width: u16, height: u16, event: MouseEvent) -> Option<Action> {
    if app.overlay != Overlay::None || width < MIN_WIDTH || height < MIN_HEIGHT {
        return None;
    }
    let body = Rect { x: 0, y: 2, width, height: height.saturating_sub(3) };
    match event.kind {
        MouseEventKind::ScrollUp if app.tab == Tab::Balance => Some(Action::PreviousDay),
        MouseEventKind::ScrollDown if app.tab == Tab::Balance => Some(Action::NextDay),
        MouseEventKind::ScrollUp => Some(Action::SelectPrevious),
        MouseEventKind::ScrollDown => Some(Action::SelectNext),
        MouseEventKind::Down(MouseButton::Left) if event.row == 0 => tab_at(event.column).map(Action::SelectTab),
        MouseEventKind::Down(MouseButton::Left) => match app.tab {
            Tab::Today => super::today::line_at(app, body, event.row).map(Action::SelectRow),
            Tab::Commitments => super::commitments::line_at(app, body, event.row).map(Action::SelectRow),
            Tab::Repair => {
                // Each repair takes two lines in the list on the left.
                let at = event.row.checked_sub(body.y + 1)? as usize / 2;
                (event.column < super::repair::list_width(width) && at < app.journal.repairs.len())
                    .then_some(Action::SelectRow(at))
            }
            Tab::Balance => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app_with_commitments(n: usize) -> App {
        use crate::domain::outcome::new_commitment;
        use crate::domain::{Amount, Id, Journal, Schedule};
        let mut j = Journal::default();
        let start = "2026-11-01".parse().expect("date");
        for i in 0..n {
            j.commitments.push(new_commitment(
                Id(format!("C{i}")),
                format!("c{i}"),
                Schedule::Daily,
                start,
                Amount(1),
                Amount(1),
            ));
        }
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time");
        let mut app = App::new(j, now, None);
        app.tab = Tab::Commitments;
        app
    }

    fn click(column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: crossterm::event::KeyModifiers::NONE,
        }
    }

    #[test]
    fn a_click_selects_the_commitment_drawn_there_even_when_scrolled() {
        let mut app = app_with_commitments(3);
        // Header row 0-1, the border at 2, column heads at 3, rows from 4.
        assert_eq!(action_for(&app, 80, 24, click(10, 5)), Some(Action::SelectRow(1)));
        assert_eq!(action_for(&app, 80, 24, click(10, 3)), None, "the column heads");
        assert_eq!(action_for(&app, 80, 24, click(0, 0)), None);
        assert_eq!(action_for(&app, 80, 24, click(14, 0)), Some(Action::SelectTab(Tab::Today)));
        // 40 commitments at 80x24: the table has 8 lines (heads + 7 rows)
        // above the 11-line detail, so with the last selected the first
        // row shown is the 34th (index 33).
        app = app_with_commitments(40);
        app.commitment_selected = 39;
        let Some(Action::SelectRow(first)) = action_for(&app, 80, 24, click(10, 4)) else { panic!("a row") };
        assert_eq!(first, 33);
        assert_eq!(action_for(&app, 80, 24, scroll()), Some(Action::SelectNext));
    }

    fn scroll() -> MouseEvent {
        MouseEvent { kind: MouseEventKind::ScrollDown, ..click(0, 5) }
    }

    #[test]
    fn header_columns_map_to_tabs() {
        assert_eq!(tab_at(0), None);
        assert_eq!(tab_at(13), Some(Tab::Today));
        assert_eq!(tab_at(22), Some(Tab::Commitments));
        assert_eq!(tab_at(36), Some(Tab::Balance));
        assert_eq!(tab_at(46), Some(Tab::Balance));
        assert_eq!(tab_at(47), Some(Tab::Repair));
        assert_eq!(tab_at(57), None);
        assert_eq!(tab_at(70), None);
    }
}
