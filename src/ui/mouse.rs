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
            Tab::Commitments => {
                // The table's head is on the first line inside the border.
                let first = body.y + 2;
                let at = event.row.checked_sub(first)? as usize;
                (at < app.journal.commitments.len()).then_some(Action::SelectRow(at))
            }
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
