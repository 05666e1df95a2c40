//! The modal forms: an entry (deposit or withdrawal) and a day's check-in.
//! Each validates as you type and builds its record only when sound; typed
//! text stays in the form until it is saved or cancelled.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent};

use super::text_field::TextField;
use crate::domain::check_in::RATING_RANGE;
use crate::domain::limits::{day_error, parse_day};
use crate::domain::settings::{BETRAYAL, Settings};
use crate::domain::{
    Amount, AmountInput, CheckIn, Entry, EntryKind, Id, Person, default_moment, moment_on, parse_amount, parse_time,
};

/// The item `step` places from `current` in `items`, wrapping around at
/// either end; the first item when `current` is not among them. Every
/// form's Tab order and every ←/→ picker moves this way. `items` must not
/// be empty.
pub fn cycle<T: Clone + PartialEq>(items: &[T], current: &T, step: isize) -> T {
    match items.iter().position(|i| i == current) {
        Some(at) => items[(at as isize + step).rem_euclid(items.len() as isize) as usize].clone(),
        None => items[0].clone(),
    }
}

/// The fields of the entry form, in Tab order. The note comes first: the
/// common case is a key, a few words, Enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryField {
    Note,
    Amount,
    Category,
    Who,
    Date,
    /// When it happened on that day.
    Time,
}

impl EntryField {
    pub const ALL: [EntryField; 6] = [
        EntryField::Note,
        EntryField::Amount,
        EntryField::Category,
        EntryField::Who,
        EntryField::Date,
        EntryField::Time,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EntryField::Note => "Note",
            EntryField::Amount => "Amount",
            EntryField::Category => "Category",
            EntryField::Who => "Who",
            EntryField::Date => "Date",
            EntryField::Time => "Time",
        }
    }
}

/// Adding or editing a deposit or withdrawal.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryForm {
    /// The entry being edited; `None` for a new one.
    pub editing: Option<Entry>,
    pub withdrawal: bool,
    pub note: TextField,
    pub amount: TextField,
    pub category: String,
    /// Whose behaviour the entry records.
    pub who: Person,
    /// Who is writing it (the person at the keyboard; an edit keeps its
    /// author).
    pub by: Person,
    pub date: TextField,
    /// Empty for the default moment (see [`default_moment`]).
    pub time: TextField,
    /// The time an edited entry showed when the form opened: left as it
    /// was, the entry keeps its exact moment.
    pub time_was: String,
    pub focus: EntryField,
}

/// What is wrong with each field, if anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryErrors {
    pub amount: Option<String>,
    pub date: Option<String>,
    pub time: Option<String>,
}

impl EntryErrors {
    pub fn is_empty(&self) -> bool {
        self.amount.is_none() && self.date.is_none() && self.time.is_none()
    }

    pub fn for_field(&self, field: EntryField) -> Option<&str> {
        match field {
            EntryField::Amount => self.amount.as_deref(),
            EntryField::Date => self.date.as_deref(),
            EntryField::Time => self.time.as_deref(),
            _ => None,
        }
    }
}

impl EntryForm {
    /// A new entry by `me` about `me` on `day`, with the default amount
    /// and first category.
    pub fn new(withdrawal: bool, day: NaiveDate, settings: &Settings, me: Person) -> EntryForm {
        let amount = if withdrawal { settings.default_withdrawal } else { settings.default_deposit };
        EntryForm {
            editing: None,
            withdrawal,
            note: TextField::line(""),
            amount: TextField::line(&amount.typed()),
            category: settings.default_category(withdrawal),
            who: me,
            by: me,
            date: TextField::line(&day.to_string()),
            time: TextField::line(""),
            time_was: String::new(),
            focus: EntryField::Note,
        }
    }

    /// Editing `entry`; its time is shown in `viewer`, the offset of the
    /// person at the keyboard.
    pub fn edit(entry: &Entry, viewer: FixedOffset) -> EntryForm {
        let time_was = entry.at.with_timezone(&viewer).format("%H:%M").to_string();
        EntryForm {
            editing: Some(entry.clone()),
            withdrawal: entry.kind.is_withdrawal(),
            note: TextField::line(&entry.note),
            amount: TextField::line(&match entry.kind {
                EntryKind::Wipe => "wipe".to_string(),
                _ => entry.amount.typed(),
            }),
            category: entry.category.clone(),
            who: entry.who,
            by: entry.by,
            date: TextField::line(&entry.date.to_string()),
            time: TextField::line(&time_was),
            time_was,
            focus: EntryField::Note,
        }
    }

    pub fn title(&self) -> &'static str {
        match (self.editing.is_some(), self.withdrawal) {
            (false, false) => "New deposit",
            (false, true) => "New withdrawal",
            (true, false) => "Edit deposit",
            (true, true) => "Edit withdrawal",
        }
    }

    pub fn focused_text(&mut self) -> Option<&mut TextField> {
        match self.focus {
            EntryField::Note => Some(&mut self.note),
            EntryField::Amount => Some(&mut self.amount),
            EntryField::Date => Some(&mut self.date),
            EntryField::Time => Some(&mut self.time),
            EntryField::Category | EntryField::Who => None,
        }
    }

    pub fn move_focus(&mut self, step: isize) {
        self.focus = cycle(&EntryField::ALL, &self.focus, step);
        if let Some(field) = self.focused_text() {
            field.focus();
        }
    }

    /// Alt-1…Alt-4: the n-th preset of this kind; for withdrawals the one
    /// after the presets is a wipe.
    pub fn choose_preset(&mut self, n: usize, settings: &Settings) {
        let presets = if self.withdrawal { &settings.withdrawal_presets } else { &settings.deposit_presets };
        if let Some(p) = presets.get(n) {
            self.amount.set(&p.cents.typed());
        } else if self.withdrawal && n == presets.len() {
            self.amount.set("wipe");
        }
        self.follow_wipe(settings);
    }

    /// A wipe is a betrayal, wherever it is written: typing `wipe` moves a
    /// category left at its default to "betrayal" (one chosen stays).
    fn follow_wipe(&mut self, settings: &Settings) {
        let wipe = matches!(parse_amount(&self.amount.text()), Ok(AmountInput::Wipe));
        let betrayal = settings.withdrawal_categories.iter().find(|c| c.as_str() == BETRAYAL);
        if let Some(betrayal) = betrayal.filter(|_| wipe && self.category == settings.default_category(true)) {
            self.category = betrayal.clone();
        }
    }

    /// A key for the focused field: text for text fields, ←/→ (or space)
    /// on the pickers.
    pub fn key(&mut self, event: KeyEvent, settings: &Settings) {
        match self.focus {
            EntryField::Category => {
                let list = settings.categories(self.withdrawal);
                let step = match event.code {
                    KeyCode::Left | KeyCode::Up => -1,
                    KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => 1,
                    _ => return,
                };
                if list.is_empty() {
                    return;
                }
                self.category = cycle(list, &self.category, step);
            }
            EntryField::Who => {
                if matches!(
                    event.code,
                    KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down | KeyCode::Char(' ')
                ) {
                    self.who = self.who.other();
                }
            }
            _ => {
                if let Some(field) = self.focused_text() {
                    field.key(event);
                }
                self.follow_wipe(settings);
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.focused_text() {
            field.paste(text);
        }
    }

    /// The amount and kind the form holds now, or what is wrong with it.
    fn kind_and_amount(&self) -> Result<(EntryKind, Amount), String> {
        match parse_amount(&self.amount.text()) {
            Ok(AmountInput::Wipe) if self.withdrawal => Ok((EntryKind::Wipe, Amount(0))),
            Ok(AmountInput::Wipe) => Err("a wipe is a withdrawal".into()),
            Ok(AmountInput::Cents(a)) if self.withdrawal => Ok((EntryKind::Withdrawal, a)),
            Ok(AmountInput::Cents(a)) => Ok((EntryKind::Deposit, a)),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The date typed, if it is a date and not in the future.
    pub fn parsed_date(&self, today: NaiveDate) -> Result<NaiveDate, String> {
        let text = self.date.text();
        let date = parse_day(&text)?;
        if date > today {
            return Err("that day has not come yet".into());
        }
        Ok(date)
    }

    /// When the entry happened, on `date`: the typed time, or the default.
    /// An edit left at its time keeps its exact moment, and on another day
    /// the same time of day.
    fn moment(
        &self,
        date: NaiveDate,
        now: DateTime<FixedOffset>,
        day_ends_at: NaiveTime,
    ) -> Result<DateTime<FixedOffset>, String> {
        let text = self.time.text();
        let typed = text.trim();
        let viewer = *now.offset();
        if let Some(old) = &self.editing
            && (typed.is_empty() || typed == self.time_was)
        {
            if date == old.date {
                return Ok(old.at);
            }
            let time = old.at.with_timezone(&viewer).time();
            return moment_on(date, time, viewer, day_ends_at).ok_or_else(|| "that day is too far off".into());
        }
        if typed.is_empty() {
            return Ok(default_moment(date, now, day_ends_at));
        }
        let time = parse_time(typed).map_err(|e| e.to_string())?;
        let at = moment_on(date, time, viewer, day_ends_at).ok_or("that day is too far off")?;
        if at > now {
            return Err(format!("{typed} has not come yet"));
        }
        Ok(at)
    }

    /// What is wrong with each field. The time is checked against the date
    /// typed; while the date is wrong, only the time's own spelling.
    pub fn errors(&self, today: NaiveDate, now: DateTime<FixedOffset>, day_ends_at: NaiveTime) -> EntryErrors {
        let date = self.parsed_date(today);
        let time = match &date {
            Ok(date) => self.moment(*date, now, day_ends_at).err(),
            Err(_) => match self.time.text().trim() {
                "" => None,
                typed => parse_time(typed).err().map(|e| e.to_string()),
            },
        };
        EntryErrors { amount: self.kind_and_amount().err(), date: date.err(), time }
    }

    /// The entry this form describes, if every field is sound.
    pub fn build(
        &self,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
        day_ends_at: NaiveTime,
    ) -> Result<Entry, EntryErrors> {
        let errors = self.errors(today, now, day_ends_at);
        let (Ok((kind, amount)), Ok(date)) = (self.kind_and_amount(), self.parsed_date(today)) else {
            return Err(errors);
        };
        let Ok(at) = self.moment(date, now, day_ends_at) else {
            return Err(errors);
        };
        let (id, commitment) = match &self.editing {
            // An edit keeps its identity and its commitment.
            Some(old) => (old.id.clone(), old.commitment.clone()),
            None => (Id::generate(now.timestamp_millis().max(0) as u64), None),
        };
        Ok(Entry {
            id,
            date,
            at,
            kind,
            amount,
            category: self.category.clone(),
            who: self.who,
            note: self.note.text().trim().to_string(),
            commitment,
            by: self.by,
            updated: self.editing.as_ref().map_or(0, |old| old.updated),
        })
    }
}

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
