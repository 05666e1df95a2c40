//! A text field: `ratatui-textarea` underneath (cursor movement, Unicode,
//! paste, wrapping), one line or many.

use std::cell::{Ref, RefCell};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::limits::{MAX_TEXT_BYTES, control_name, is_forbidden_control, size, strip_controls};

/// An editable text, single-line or multi-line. It never holds more than
/// [`MAX_TEXT_BYTES`] nor a control character other than a new line or a
/// tab: what would break that is refused, and `refused` says why until the
/// app shows it.
#[derive(Debug, Clone)]
pub struct TextField {
    /// In a cell so that the view can give the editor its look in place
    /// (see [`TextField::editor`]).
    area: RefCell<TextArea<'static>>,
    pub multiline: bool,
    pub refused: Option<String>,
    /// The lines the field opened with: what differs from them was typed
    /// (see [`TextField::edited`]).
    was: Vec<String>,
}

impl PartialEq for TextField {
    fn eq(&self, other: &TextField) -> bool {
        self.multiline == other.multiline && self.area.borrow().lines() == other.area.borrow().lines()
    }
}

impl TextField {
    pub fn line(text: &str) -> TextField {
        TextField::build(vec![strip_controls(text).replace('\n', " ")], false)
    }

    pub fn multiline(text: &str) -> TextField {
        TextField::build(strip_controls(text).lines().map(str::to_string).collect(), true)
    }

    /// The text's length in bytes, as [`TextField::text`] would give it.
    pub fn len(&self) -> usize {
        let area = self.area.borrow();
        let lines = area.lines();
        lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.area.borrow().is_empty()
    }

    /// The bytes an insertion would replace: the selection, if any.
    fn selected_len(&self) -> usize {
        let area = self.area.borrow();
        let Some(((top, from), (bottom, to))) = area.selection_range() else { return 0 };
        let lines = area.lines();
        let offset = |row: usize, col: usize| {
            let line = lines.get(row).map_or("", String::as_str);
            line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
        };
        let whole: usize = (top..bottom).map(|row| lines.get(row).map_or(0, String::len) + 1).sum();
        whole + offset(bottom, to) - offset(top, from)
    }

    /// Whether `more` bytes fit in place of the selection; says so when not.
    fn fits(&mut self, more: usize) -> bool {
        let after = self.len() - self.selected_len() + more;
        if after > MAX_TEXT_BYTES {
            self.refused = Some(format!("this text is full: {} is the most a text holds", size(MAX_TEXT_BYTES)));
        }
        after <= MAX_TEXT_BYTES
    }

    fn build(lines: Vec<String>, multiline: bool) -> TextField {
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_cursor_line_style(Style::default());
        TextField { was: area.lines().to_vec(), area: RefCell::new(area), multiline, refused: None }
    }

    /// Whether the text differs from what the field opened with: something
    /// was typed, pasted or chosen that closing the form would lose.
    pub fn edited(&self) -> bool {
        self.area.borrow().lines() != self.was.as_slice()
    }

    /// The text, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.area.borrow().lines().join("\n")
    }

    /// Called when the field takes the focus: the text is selected, so
    /// typing replaces it (as in any form) while arrows keep it.
    pub fn focus(&mut self) {
        let area = self.area.get_mut();
        if !area.is_empty() {
            area.move_cursor(ratatui_textarea::CursorMove::Top);
            area.move_cursor(ratatui_textarea::CursorMove::Head);
            area.start_selection();
            area.move_cursor(ratatui_textarea::CursorMove::Bottom);
            area.move_cursor(ratatui_textarea::CursorMove::End);
        }
    }

    /// Feeds a key to the field. A one-line field ignores new lines.
    /// Ctrl-u clears to the start of the line, as in a shell. Past
    /// [`MAX_TEXT_BYTES`] typing is refused, and a control character is
    /// never typed in.
    pub fn key(&mut self, event: KeyEvent) {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let newline = event.code == KeyCode::Enter || (event.code == KeyCode::Char('m') && ctrl);
        if newline && !self.multiline {
            return;
        }
        match event.code {
            KeyCode::Char(c) if is_forbidden_control(c) => {
                self.refused = Some(format!("{} is a control character; a text keeps none", control_name(c)));
                return;
            }
            KeyCode::Char(c) if !ctrl && !self.fits(c.len_utf8()) => return,
            KeyCode::Enter if !self.fits(1) => return,
            _ => {}
        }
        let edits =
            matches!(event.code, KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete | KeyCode::Enter) && !ctrl;
        let area = self.area.get_mut();
        if area.is_selecting() && !edits {
            // Moving away from a focus selection keeps the text.
            area.cancel_selection();
        }
        if ctrl && event.code == KeyCode::Char('u') {
            area.delete_line_by_head();
            return;
        }
        if area.is_selecting() && matches!(event.code, KeyCode::Backspace | KeyCode::Delete) {
            area.cut();
            return;
        }
        area.input(event);
        // Any other way of growing the text (a yank put back with Ctrl-y)
        // is taken back when it goes past the limit.
        if self.len() > MAX_TEXT_BYTES {
            self.area.get_mut().undo();
            self.fits(0);
        }
    }

    /// Inserts pasted text; a one-line field turns new lines into spaces.
    /// Control characters are left out (a paste from a terminal can carry
    /// colour codes nobody saw), and a paste that would make the text
    /// longer than [`MAX_TEXT_BYTES`] is refused whole.
    pub fn paste(&mut self, text: &str) {
        let clean = strip_controls(text);
        let clean = if self.multiline { clean } else { clean.replace('\n', " ") };
        if !self.fits(clean.len()) {
            self.refused = Some(format!(
                "the paste of {} would make this text longer than {}; nothing was pasted",
                size(text.len()),
                size(MAX_TEXT_BYTES)
            ));
            return;
        }
        // A carriage return is a new line written the old way, not dropped.
        let dropped = text.chars().filter(|&c| is_forbidden_control(c) && c != '\r').count();
        if dropped > 0 {
            let what =
                if dropped == 1 { "1 control character".to_string() } else { format!("{dropped} control characters") };
            self.refused = Some(format!("left out {what} from the paste"));
        }
        self.area.get_mut().insert_str(clean);
    }

    /// The editor, to draw, with the look the view gives it: the cursor's
    /// style and what an empty field shows. The look is set on the field's
    /// own editor rather than on a copy because the editor keeps the layout
    /// of its text for the area it was last drawn in: a copy drawn each
    /// frame would wrap the whole text again (for a 64 KiB note, most of a
    /// keystroke's time). Only the look changes here: never the text, the
    /// cursor or the selection.
    pub fn editor(&self, cursor: Style, placeholder: &str, placeholder_style: Style) -> Ref<'_, TextArea<'static>> {
        // Drawn while another view still holds the editor (none does), it
        // keeps the look it has rather than panic.
        if let Ok(mut area) = self.area.try_borrow_mut() {
            area.set_cursor_style(cursor);
            // An empty placeholder is none: the cursor alone is drawn.
            area.set_placeholder_text(placeholder);
            area.set_placeholder_style(placeholder_style);
        }
        self.area.borrow()
    }

    /// Moves the cursor's line one up or down (a list, one item per line,
    /// reordered); the cursor goes with it.
    pub fn move_line(&mut self, up: bool) {
        let area = self.area.get_mut();
        let ratatui_textarea::DataCursor(row, col) = area.cursor();
        let mut lines = area.lines().to_vec();
        let to = if up { row.checked_sub(1) } else { Some(row + 1).filter(|r| *r < lines.len()) };
        let Some(to) = to else { return };
        lines.swap(row, to);
        let was = std::mem::take(&mut self.was);
        *self = TextField::build(lines, self.multiline);
        self.was = was;
        let jump = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        self.area.get_mut().move_cursor(ratatui_textarea::CursorMove::Jump(jump(to), jump(col)));
    }

    /// Replaces the text, as a preset or a draft taken back does; the
    /// field still knows what it opened with.
    pub fn set(&mut self, text: &str) {
        let was = std::mem::take(&mut self.was);
        *self = if self.multiline { TextField::multiline(text) } else { TextField::line(text) };
        self.was = was;
    }
}
