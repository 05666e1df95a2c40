//! The repair forms: a new repair (its injury), a step's notes, and an
//! agreement that becomes a commitment in one go.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

use super::form::cycle;
use super::text_field::TextField;
use crate::domain::limits::parse_day;
use crate::domain::outcome::new_commitment;
use crate::domain::settings::Settings;
use crate::domain::{Agreement, Commitment, Id, Person, Repair, StepState, parse_schedule};

/// Naming an injury: a new repair, or its title and date edited.
#[derive(Debug, Clone, PartialEq)]
pub struct RepairForm {
    pub editing: Option<Repair>,
    pub title: TextField,
    pub date: TextField,
    pub withdrawal: Option<Id>,
    /// Who was hurt: they write the Reveal, the other the Acknowledge.
    pub hurt: Person,
    /// 0: title, 1: date, 2: who was hurt.
    pub focus: usize,
}

impl RepairForm {
    /// The same form with `hurt` as the partner who was hurt.
    pub fn with_hurt(self, hurt: Person) -> RepairForm {
        RepairForm { hurt, ..self }
    }

    /// A key for the focused field: text, or on "who was hurt" space or
    /// an arrow for the other one.
    pub fn key(&mut self, event: KeyEvent) {
        if self.focus == 2 {
            if matches!(event.code, KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right) {
                self.hurt = self.hurt.other();
            }
        } else {
            self.field_mut().key(event);
        }
    }

    pub fn new(title: &str, date: NaiveDate, withdrawal: Option<Id>) -> RepairForm {
        RepairForm {
            editing: None,
            title: TextField::line(title),
            date: TextField::line(&date.to_string()),
            withdrawal,
            hurt: Person::B,
            focus: 0,
        }
    }

    /// The text field with the focus (the date while on the picker).
    pub fn field_mut(&mut self) -> &mut TextField {
        if self.focus == 0 { &mut self.title } else { &mut self.date }
    }

    pub fn move_focus(&mut self) {
        self.focus = (self.focus + 1) % 3;
        if self.focus < 2 {
            self.field_mut().focus();
        }
    }

    pub fn date_error(&self, today: NaiveDate) -> Option<String> {
        match parse_day(&self.date.text()) {
            Err(error) => Some(error),
            Ok(d) if d > today => Some("the injury cannot be in the future".into()),
            Ok(_) => None,
        }
    }

    pub fn title_error(&self) -> Option<String> {
        self.title.text().trim().is_empty().then(|| "name the injury in a few words".to_string())
    }

    pub fn build(&self, id: Id, today: NaiveDate) -> Option<Repair> {
        if self.title_error().is_some() || self.date_error(today).is_some() {
            return None;
        }
        let date = parse_day(&self.date.text()).ok()?;
        let title = self.title.text().trim().to_string();
        Some(match &self.editing {
            Some(old) => Repair { title, injury_date: date, hurt: self.hurt, ..old.clone() },
            None => Repair { hurt: self.hurt, ..Repair::new(id, title, date, self.withdrawal.clone()) },
        })
    }
}

/// One field of a step form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    Note(usize),
    Seen,
    State,
}

/// Editing one of the four steps: its notes, its state, for step 2 the
/// "felt seen and heard" mark, and for step 3 the words of each agreement
/// (emptied, one is removed; its commitment stays).
#[derive(Debug, Clone, PartialEq)]
pub struct StepForm {
    pub repair: Repair,
    /// 0–3.
    pub step: usize,
    pub notes: Vec<(String, TextField)>,
    pub seen: Option<bool>,
    pub state: StepState,
    pub focus: StepField,
    /// Who is at the keyboard: an agreement is changed only by whoever
    /// wrote it.
    pub me: Person,
}

impl StepForm {
    pub fn new(repair: &Repair, step: usize, me: Person) -> StepForm {
        let note = |label: &str, text: &str| (label.to_string(), TextField::multiline(text));
        let (notes, seen, state) = match step {
            0 => (
                vec![
                    note("How I felt", &repair.reveal.how_i_felt),
                    note("What I thought", &repair.reveal.what_i_thought),
                    note("What I did", &repair.reveal.what_i_did),
                    note("Why this must never happen again", &repair.reveal.why_never_again),
                ],
                None,
                repair.reveal.state,
            ),
            1 => (
                vec![
                    note("The apology", &repair.acknowledge.apology),
                    note("The mirror: \"I hear that you feel…\"", &repair.acknowledge.mirror),
                ],
                Some(repair.acknowledge.felt_seen_and_heard),
                repair.acknowledge.state,
            ),
            2 => {
                let agreements = repair.make_it_right.agreements.iter().enumerate();
                let lines = agreements.map(|(i, a)| (format!("Agreement {}", i + 1), TextField::line(&a.text)));
                (lines.collect(), None, repair.make_it_right.state)
            }
            _ => (Vec::new(), None, repair.long_game.state),
        };
        let focus = if notes.is_empty() { StepField::State } else { StepField::Note(0) };
        StepForm { repair: repair.clone(), step, notes, seen, state, focus, me }
    }

    /// Who wrote the agreement of note `i` when it is not the person at
    /// the keyboard (their words are theirs to change).
    pub fn agreement_author(&self, i: usize) -> Option<Person> {
        let agreement = (self.step == 2).then(|| self.repair.make_it_right.agreements.get(i)).flatten()?;
        (agreement.by != self.me).then_some(agreement.by)
    }

    /// The fields in Tab order.
    pub fn order(&self) -> Vec<StepField> {
        let mut fields: Vec<StepField> = (0..self.notes.len()).map(StepField::Note).collect();
        if self.seen.is_some() {
            fields.push(StepField::Seen);
        }
        fields.push(StepField::State);
        fields
    }

    pub fn move_focus(&mut self, step: isize) {
        self.focus = cycle(&self.order(), &self.focus, step);
    }

    pub fn in_note(&self) -> bool {
        matches!(self.focus, StepField::Note(_))
    }

    /// The note that has the focus, if the focus is on one.
    pub fn focused_text(&mut self) -> Option<&mut TextField> {
        match self.focus {
            StepField::Note(i) => self.notes.get_mut(i).map(|(_, field)| field),
            _ => None,
        }
    }

    pub fn key(&mut self, event: KeyEvent) {
        let toggle = matches!(event.code, KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right);
        match self.focus {
            StepField::Note(_) => {
                if let Some(field) = self.note_to_edit() {
                    field.key(event);
                }
            }
            StepField::Seen if toggle => self.seen = self.seen.map(|s| !s),
            StepField::State if toggle => {
                self.state = if event.code == KeyCode::Left { self.state.next().next() } else { self.state.next() }
            }
            _ => {}
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.note_to_edit() {
            field.paste(text);
        }
    }

    /// The focused note, for a key or a paste. A partner's agreement is
    /// refused instead, and its field says why (shown in the footer).
    fn note_to_edit(&mut self) -> Option<&mut TextField> {
        let StepField::Note(i) = self.focus else { return None };
        let refused = self.agreement_author(i).is_some();
        let (_, field) = self.notes.get_mut(i)?;
        if refused {
            field.refused = Some("only the partner who wrote this agreement changes it".into());
            return None;
        }
        Some(field)
    }

    /// The repair with this step as the form has it.
    pub fn build(&self) -> Repair {
        let mut r = self.repair.clone();
        let text = |i: usize| self.notes.get(i).map(|(_, f)| f.text().trim_end().to_string()).unwrap_or_default();
        match self.step {
            0 => {
                r.reveal.how_i_felt = text(0);
                r.reveal.what_i_thought = text(1);
                r.reveal.what_i_did = text(2);
                r.reveal.why_never_again = text(3);
                r.reveal.state = self.state;
            }
            1 => {
                r.acknowledge.apology = text(0);
                r.acknowledge.mirror = text(1);
                r.acknowledge.felt_seen_and_heard = self.seen.unwrap_or(false);
                r.acknowledge.state = self.state;
            }
            2 => {
                r.make_it_right.state = self.state;
                // Emptied, an agreement is removed (a tombstone keeps it in
                // the history); its commitment stays as it is.
                let agreements = std::mem::take(&mut r.make_it_right.agreements);
                r.make_it_right.agreements = agreements
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, mut a)| {
                        if self.agreement_author(i).is_none() && text(i).trim() != a.text.trim() {
                            a.text = text(i).trim().to_string();
                        }
                        (!a.text.trim().is_empty()).then_some(a)
                    })
                    .collect();
            }
            _ => r.long_game.state = self.state,
        }
        r
    }

    /// The agreements the form removes (their words emptied), given the
    /// repair it builds.
    pub fn removed_agreements(&self, built: &Repair) -> Vec<&Agreement> {
        let agreements = self.repair.make_it_right.agreements.iter();
        agreements.filter(|a| !built.make_it_right.agreements.iter().any(|k| k.id == a.id)).collect()
    }
}

/// An agreement, and the commitment that will track it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementForm {
    pub repair: Repair,
    pub text: TextField,
    pub schedule: TextField,
    /// 0: text, 1: schedule.
    pub focus: usize,
}

impl AgreementForm {
    pub fn new(repair: &Repair) -> AgreementForm {
        AgreementForm {
            repair: repair.clone(),
            text: TextField::line(""),
            schedule: TextField::line("1x a week"),
            focus: 0,
        }
    }

    pub fn field_mut(&mut self) -> &mut TextField {
        if self.focus == 0 { &mut self.text } else { &mut self.schedule }
    }

    pub fn move_focus(&mut self) {
        self.focus = 1 - self.focus.min(1);
        self.field_mut().focus();
    }

    pub fn schedule_check(&self) -> Result<String, String> {
        parse_schedule(&self.schedule.text()).map(|s| format!("→ a commitment, {}", s.describe()))
    }

    /// The updated repair and the new commitment, linked both ways.
    pub fn build(&self, ids: [Id; 2], today: NaiveDate, settings: &Settings) -> Option<(Repair, Commitment)> {
        let text = self.text.text().trim().to_string();
        if text.is_empty() {
            return None;
        }
        let schedule = parse_schedule(&self.schedule.text()).ok()?;
        let [agreement_id, commitment_id] = ids;
        let mut commitment = new_commitment(
            commitment_id,
            text.clone(),
            schedule,
            today,
            settings.commitment_kept,
            settings.commitment_missed,
        );
        commitment.agreement = Some(agreement_id.clone());
        // The promise is the repairing partner's to keep.
        commitment.by = self.repair.hurt.other();
        let mut repair = self.repair.clone();
        repair.make_it_right.agreements.push(Agreement {
            id: agreement_id,
            text,
            commitment: Some(commitment.id.clone()),
            // Who agreed is stamped when it is saved.
            by: Person::A,
            updated: 0,
        });
        if repair.make_it_right.state == StepState::NotStarted {
            repair.make_it_right.state = StepState::InProgress;
        }
        Some((repair, commitment))
    }
}
