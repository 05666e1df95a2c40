//! The commitment form: a promise, its schedule in plain words, and what
//! keeping or missing it is worth.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use super::form::cycle;
use super::text_field::TextField;
use crate::domain::limits::parse_day;
use crate::domain::outcome::new_commitment;
use crate::domain::settings::Settings;
use crate::domain::{Amount, AmountInput, Commitment, Id, Schedule, parse_amount, parse_schedule};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitmentField {
    Title,
    Schedule,
    /// The day an edited schedule applies from (editing only).
    From,
    Kept,
    Missed,
    Start,
    End,
    Note,
}

impl CommitmentField {
    pub const ALL: [CommitmentField; 8] = [
        CommitmentField::Title,
        CommitmentField::Schedule,
        CommitmentField::From,
        CommitmentField::Kept,
        CommitmentField::Missed,
        CommitmentField::Start,
        CommitmentField::End,
        CommitmentField::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CommitmentField::Title => "Promise",
            CommitmentField::Schedule => "When",
            CommitmentField::From => "From",
            CommitmentField::Kept => "Kept",
            CommitmentField::Missed => "Missed",
            CommitmentField::Start => "Starts",
            CommitmentField::End => "Ends",
            CommitmentField::Note => "Note",
        }
    }
}

/// A new commitment's fields.
const NEW_FIELDS: [CommitmentField; 7] = [
    CommitmentField::Title,
    CommitmentField::Schedule,
    CommitmentField::Kept,
    CommitmentField::Missed,
    CommitmentField::Start,
    CommitmentField::End,
    CommitmentField::Note,
];

/// Adding or editing a commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentForm {
    pub editing: Option<Commitment>,
    /// The journal day the form was opened on: a schedule change applies
    /// from it unless an earlier day is chosen.
    pub today: NaiveDate,
    pub title: TextField,
    pub schedule: TextField,
    pub from: TextField,
    pub kept: TextField,
    pub missed: TextField,
    pub start: TextField,
    pub end: TextField,
    pub note: TextField,
    pub focus: CommitmentField,
}

impl CommitmentForm {
    pub fn new(today: NaiveDate, settings: &Settings) -> CommitmentForm {
        CommitmentForm {
            editing: None,
            today,
            title: TextField::line(""),
            schedule: TextField::line("weekdays"),
            from: TextField::line(&today.to_string()),
            kept: TextField::line(&settings.commitment_kept.typed()),
            missed: TextField::line(&settings.commitment_missed.typed()),
            start: TextField::line(&today.to_string()),
            end: TextField::line(""),
            note: TextField::line(""),
            focus: CommitmentField::Title,
        }
    }

    pub fn edit(c: &Commitment, today: NaiveDate) -> CommitmentForm {
        CommitmentForm {
            editing: Some(c.clone()),
            today,
            title: TextField::line(&c.title),
            schedule: TextField::line(&c.schedule.describe()),
            from: TextField::line(&today.max(c.start).to_string()),
            kept: TextField::line(&c.kept.typed()),
            missed: TextField::line(&c.missed.typed()),
            start: TextField::line(&c.start.to_string()),
            end: TextField::line(&c.end.map(|d| d.to_string()).unwrap_or_default()),
            note: TextField::line(&c.note),
            focus: CommitmentField::Title,
        }
    }

    pub fn title_text(&self) -> &'static str {
        if self.editing.is_some() { "Edit commitment" } else { "New commitment" }
    }

    /// The fields in Tab order: a new commitment has no schedule to change,
    /// so no From.
    pub fn fields(&self) -> &'static [CommitmentField] {
        if self.editing.is_some() { &CommitmentField::ALL } else { &NEW_FIELDS }
    }

    pub fn field(&self, field: CommitmentField) -> &TextField {
        match field {
            CommitmentField::Title => &self.title,
            CommitmentField::Schedule => &self.schedule,
            CommitmentField::From => &self.from,
            CommitmentField::Kept => &self.kept,
            CommitmentField::Missed => &self.missed,
            CommitmentField::Start => &self.start,
            CommitmentField::End => &self.end,
            CommitmentField::Note => &self.note,
        }
    }

    /// The field that has the focus.
    pub fn focused_text(&mut self) -> &mut TextField {
        self.field_mut(self.focus)
    }

    fn field_mut(&mut self, field: CommitmentField) -> &mut TextField {
        match field {
            CommitmentField::Title => &mut self.title,
            CommitmentField::Schedule => &mut self.schedule,
            CommitmentField::From => &mut self.from,
            CommitmentField::Kept => &mut self.kept,
            CommitmentField::Missed => &mut self.missed,
            CommitmentField::Start => &mut self.start,
            CommitmentField::End => &mut self.end,
            CommitmentField::Note => &mut self.note,
        }
    }

    pub fn move_focus(&mut self, step: isize) {
        self.focus = cycle(self.fields(), &self.focus, step);
        self.field_mut(self.focus).focus();
    }

    pub fn key(&mut self, event: KeyEvent) {
        self.field_mut(self.focus).key(event);
    }

    pub fn paste(&mut self, text: &str) {
        self.field_mut(self.focus).paste(text);
    }

    /// A commitment's kept or missed amount: any amount but a wipe.
    pub fn amount(field: &TextField) -> Result<Amount, String> {
        match parse_amount(&field.text()) {
            Ok(AmountInput::Cents(a)) => Ok(a),
            Ok(AmountInput::Wipe) => Err("a commitment never wipes the balance".into()),
            Err(e) => Err(e.to_string()),
        }
    }

    fn date(field: &TextField) -> Result<Option<NaiveDate>, String> {
        let text = field.text();
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_day(&text).map(Some)
    }

    /// The error of each field, or the schedule read back in words.
    pub fn check(&self, field: CommitmentField) -> Result<String, String> {
        match field {
            CommitmentField::Title if self.title.text().trim().is_empty() => Err("say what you promise".into()),
            CommitmentField::Schedule => parse_schedule(&self.schedule.text()).map(|s| format!("→ {}", s.describe())),
            CommitmentField::Kept => Self::amount(&self.kept).map(|a| format!("deposit {a} when kept")),
            CommitmentField::Missed => Self::amount(&self.missed).map(|a| format!("withdraw {a} when missed")),
            CommitmentField::Start => match Self::date(&self.start)? {
                Some(_) => Ok(String::new()),
                None => Err("when does it start? YYYY-MM-DD".into()),
            },
            CommitmentField::End => match (Self::date(&self.end)?, Self::date(&self.start).ok().flatten()) {
                (Some(end), Some(start)) if end < start => Err("it ends before it starts".into()),
                (None, _) => Ok("optional".into()),
                _ => Ok(String::new()),
            },
            CommitmentField::From => self.check_from(),
            _ => Ok(String::new()),
        }
    }

    /// The From day: today or earlier (a commitment yet to start changes
    /// from its start). On or before the start, the new schedule is the
    /// only one it ever had: the way to correct a schedule typed wrong.
    fn check_from(&self) -> Result<String, String> {
        let Some(old) = &self.editing else { return Ok(String::new()) };
        let from = Self::date(&self.from)?.ok_or("from which day? YYYY-MM-DD")?;
        let start = Self::date(&self.start).ok().flatten().unwrap_or(old.start);
        if from > self.today.max(start) {
            return Err("a change applies from today or an earlier day".into());
        }
        let changed = parse_schedule(&self.schedule.text()).is_ok_and(|s| s != *old.schedule_on(from).0);
        Ok(match (changed, from <= start) {
            (true, true) => "the new schedule from its start, for every day".into(),
            (true, false) => format!("the new schedule from {}; the days before keep theirs", from.format("%a %-d %b")),
            (false, _) => "a new schedule applies from this day".into(),
        })
    }

    /// The commitment the form describes, or the first field that is wrong.
    pub fn build(&self, new_id: Id) -> Result<Commitment, CommitmentField> {
        if let Some(bad) = self.fields().iter().copied().find(|f| self.check(*f).is_err()) {
            return Err(bad);
        }
        let err = |f| move |_| f;
        let schedule: Schedule = parse_schedule(&self.schedule.text()).map_err(err(CommitmentField::Schedule))?;
        let kept = Self::amount(&self.kept).map_err(err(CommitmentField::Kept))?;
        let missed = Self::amount(&self.missed).map_err(err(CommitmentField::Missed))?;
        let start = Self::date(&self.start).ok().flatten().ok_or(CommitmentField::Start)?;
        let end = Self::date(&self.end).map_err(err(CommitmentField::End))?;
        let title = self.title.text().trim().to_string();
        let mut c = match &self.editing {
            // The schedule changes from a day on: the days before keep the
            // one they had, so past weeks keep their figures.
            Some(old) => {
                let from = Self::date(&self.from).ok().flatten().ok_or(CommitmentField::From)?;
                let moved = if start == old.start { old.clone() } else { old.with_start(start) };
                Commitment { title, kept, missed, ..moved.with_schedule_from(schedule, from) }
            }
            None => new_commitment(new_id, title, schedule, start, kept, missed),
        };
        c.end = end;
        c.note = self.note.text().trim().to_string();
        Ok(c)
    }
}
