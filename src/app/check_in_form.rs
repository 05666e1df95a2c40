//! The form of a day's check-in: a rating and a reflection.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};

use super::text_field::TextField;
use crate::domain::check_in::RATING_RANGE;
use crate::domain::limits::day_error;
use crate::domain::{CheckIn, Id, Person};

/// The fields of the check-in form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInField {
    Rating,
    Reflection,
}

/// Writing or editing a day's check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInForm {
    pub date: NaiveDate,
    /// Whose check-in it is.
    pub by: Person,
    pub existing: Option<CheckIn>,
    pub rating: Option<u8>,
    pub reflection: TextField,
    pub focus: CheckInField,
}

impl CheckInForm {
    /// `by`'s check-in of `date`, or theirs already there (`existing`).
    pub fn new(date: NaiveDate, by: Person, existing: Option<&CheckIn>) -> CheckInForm {
        CheckInForm {
            date,
            by,
            existing: existing.cloned(),
            rating: existing.map(|c| c.rating),
            reflection: TextField::multiline(existing.map_or("", |c| c.reflection.as_str())),
            focus: if existing.is_some() { CheckInField::Reflection } else { CheckInField::Rating },
        }
    }

    /// The reflection, when it has the focus.
    pub fn focused_text(&mut self) -> Option<&mut TextField> {
        self.in_note().then_some(&mut self.reflection)
    }

    /// Whether the focused field is the multi-line reflection.
    pub fn in_note(&self) -> bool {
        self.focus == CheckInField::Reflection
    }

    pub fn move_focus(&mut self) {
        self.focus = match self.focus {
            CheckInField::Rating => CheckInField::Reflection,
            CheckInField::Reflection => CheckInField::Rating,
        };
    }

    /// On the rating: a digit 1–5 sets it and moves on to the reflection;
    /// ←/→ step it. On the reflection: text.
    pub fn key(&mut self, event: KeyEvent) {
        match self.focus {
            CheckInField::Rating => match event.code {
                KeyCode::Char(c) if c.to_digit(10).is_some_and(|d| RATING_RANGE.contains(&(d as u8))) => {
                    self.rating = c.to_digit(10).map(|d| d as u8);
                    self.focus = CheckInField::Reflection;
                }
                KeyCode::Left | KeyCode::Down => self.rating = Some(self.rating.unwrap_or(2).saturating_sub(1).max(1)),
                KeyCode::Right | KeyCode::Up => self.rating = Some(self.rating.unwrap_or(0).saturating_add(1).min(5)),
                _ => {}
            },
            CheckInField::Reflection => self.reflection.key(event),
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.focus == CheckInField::Reflection {
            self.reflection.paste(text);
        }
    }

    pub fn error(&self) -> Option<String> {
        if let Some(error) = day_error(self.date) {
            return Some(error);
        }
        self.rating.is_none().then(|| "choose how connected the day felt, 1 to 5".to_string())
    }

    pub fn build(&self, now: DateTime<FixedOffset>) -> Option<CheckIn> {
        if day_error(self.date).is_some() {
            return None;
        }
        let rating = self.rating?;
        let (id, at) = match &self.existing {
            Some(old) => (old.id.clone(), old.at),
            None => (Id::generate(now.timestamp_millis().max(0) as u64), now),
        };
        let reflection = self.reflection.text().trim_end().to_string();
        let updated = self.existing.as_ref().map_or(0, |old| old.updated);
        Some(CheckIn { id, date: self.date, at, rating, reflection, by: self.by, updated })
    }
}
