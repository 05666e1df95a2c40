//! The entry form (a deposit or withdrawal); the check-in's is in
//! [`super::check_in_form`]. Each validates as you type and builds its record only when sound; typed
//! text stays in the form until it is saved or cancelled.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent};

pub use super::check_in_form::{CheckInField, CheckInForm};
use super::text_field::TextField;
use crate::domain::limits::parse_day;
use crate::domain::settings::{BETRAYAL, Settings};
use crate::domain::{
    Amount, AmountInput, Entry, EntryKind, Id, Person, default_moment, moment_on, parse_amount, parse_time,
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
    /// An amount past the largest preset that the writer said yes to: it is
    /// asked about once (see [`EntryForm::needs_asking`]).
    pub large_ok: Option<Amount>,
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
            large_ok: None,
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
            large_ok: None,
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

    /// What the typed amount means, beside the field: "= $10.00, 100 dimes",
    /// "= $0.25, a quarter", "= the balance to $0". `None` while it is not
    /// an amount (the hint below says what is wrong).
    pub fn meaning(&self, settings: &Settings) -> Option<String> {
        match self.kind_and_amount().ok()? {
            (EntryKind::Wipe, _) => Some("= the balance to $0".into()),
            (_, amount) => Some(match in_coins(amount, settings) {
                Some(coins) => format!("= {amount}, {coins}"),
                None => format!("= {amount}"),
            }),
        }
    }

    /// The largest preset of this form's kind, when the typed amount is
    /// more than it and the writer has not said yes to it yet (an edit
    /// left at its old amount is not asked about).
    pub fn needs_asking<'a>(&self, settings: &'a Settings) -> Option<&'a crate::domain::settings::Preset> {
        let (kind, amount) = self.kind_and_amount().ok()?;
        let presets = if self.withdrawal { &settings.withdrawal_presets } else { &settings.deposit_presets };
        let largest = presets.iter().max_by_key(|p| p.cents)?;
        let unchanged = self.editing.as_ref().is_some_and(|old| old.kind == kind && old.amount == amount);
        (kind != EntryKind::Wipe && amount > largest.cents && !unchanged && self.large_ok != Some(amount))
            .then_some(largest)
    }

    /// The amount typed, when it is one (a wipe is not).
    pub fn amount_typed(&self) -> Option<Amount> {
        self.kind_and_amount().ok().filter(|(kind, _)| *kind != EntryKind::Wipe).map(|(_, amount)| amount)
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

/// An amount in the deposit sizes a person counts in: the preset it is
/// ("a quarter"), else so many of the default deposit's size ("100
/// dimes"), else of the smallest size that divides it ("37 pennies").
pub fn in_coins(amount: Amount, settings: &Settings) -> Option<String> {
    let presets = &settings.deposit_presets;
    if let Some(p) = presets.iter().find(|p| p.cents == amount) {
        return Some(format!("{} {}", article(&p.name), p.name));
    }
    let divides =
        |p: &&crate::domain::settings::Preset| p.cents.cents() > 0 && amount.cents().is_multiple_of(p.cents.cents());
    let unit = presets
        .iter()
        .find(|p| p.cents == settings.default_deposit)
        .filter(divides)
        .or_else(|| presets.iter().filter(divides).min_by_key(|p| p.cents))?;
    Some(format!("{} {}", amount.cents() / unit.cents.cents(), plural(&unit.name)))
}

fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some(c) if "aeiouAEIOU".contains(c) => "an",
        Some(c) if c.is_alphabetic() => "a",
        _ => "one",
    }
}

/// "dime" → "dimes", "penny" → "pennies"; a name that is not a word
/// ("$1") is said as "× $1".
fn plural(name: &str) -> String {
    if !name.chars().next().is_some_and(char::is_alphabetic) {
        return format!("× {name}");
    }
    match name.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{name}s"),
    }
}
