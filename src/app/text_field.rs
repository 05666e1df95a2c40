//! A text field: `ratatui-textarea` underneath (cursor movement, Unicode,
//! paste, wrapping), one line or many.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

/// An editable text, single-line or multi-line.
#[derive(Debug, Clone)]
pub struct TextField {
    pub area: TextArea<'static>,
    pub multiline: bool,
}

impl PartialEq for TextField {
    fn eq(&self, other: &TextField) -> bool {
        self.multiline == other.multiline && self.area.lines() == other.area.lines()
    }
}

impl TextField {
    pub fn line(text: &str) -> TextField {
        TextField::build(vec![text.replace(['\n', '\r'], " ")], false)
    }

    pub fn multiline(text: &str) -> TextField {
        TextField::build(text.lines().map(str::to_string).collect(), true)
    }

    fn build(lines: Vec<String>, multiline: bool) -> TextField {
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::default());
        TextField { area, multiline }
    }

    /// The text, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Called when the field takes the focus: the text is selected, so
    /// typing replaces it (as in any form) while arrows keep it.
    pub fn focus(&mut self) {
        if !self.area.is_empty() {
            self.area.move_cursor(ratatui_textarea::CursorMove::Top);
            self.area.move_cursor(ratatui_textarea::CursorMove::Head);
            self.area.start_selection();
            self.area.move_cursor(ratatui_textarea::CursorMove::Bottom);
            self.area.move_cursor(ratatui_textarea::CursorMove::End);
        }
    }

    /// Feeds a key to the field. A one-line field ignores new lines.
    /// Ctrl-u clears to the start of the line, as in a shell.
    pub fn key(&mut self, event: KeyEvent) {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let newline = event.code == KeyCode::Enter || (event.code == KeyCode::Char('m') && ctrl);
        if newline && !self.multiline {
            return;
        }
        let edits =
            matches!(event.code, KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete | KeyCode::Enter) && !ctrl;
        if self.area.is_selecting() && !edits {
            // Moving away from a focus selection keeps the text.
            self.area.cancel_selection();
        }
        if ctrl && event.code == KeyCode::Char('u') {
            self.area.delete_line_by_head();
            return;
        }
        if self.area.is_selecting() && matches!(event.code, KeyCode::Backspace | KeyCode::Delete) {
            self.area.cut();
            return;
        }
        self.area.input(event);
    }

    /// Inserts pasted text; a one-line field turns new lines into spaces.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if self.multiline {
            self.area.insert_str(text);
        } else {
            self.area.insert_str(text.replace('\n', " "));
        }
    }

    pub fn set(&mut self, text: &str) {
        *self = if self.multiline { TextField::multiline(text) } else { TextField::line(text) };
    }
}
