//! Drafts: what an open form holds, kept when the app is ended from outside
//! (a signal, a closed terminal) so that the next start can offer it back.
//! A draft is the form's text as typed, not a record: it may not be sound
//! yet, and it is checked like any typing when the form is saved.

use chrono::{DateTime, FixedOffset, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::commitment_form::{CommitmentField, CommitmentForm};
use super::form::{CheckInField, CheckInForm, EntryField, EntryForm};
use super::repair_form::{AgreementForm, RepairForm, StepForm};
use super::settings_form::{SettingsForm, THEMES};
use super::state::{App, Overlay};
use super::text_field::TextField;
use crate::domain::limits::{MAX_TEXT_BYTES, size};
use crate::domain::{Id, Journal, Person, StepState};

/// A form's fields as they were when the app was stopped, and when that was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub kept_at: DateTime<FixedOffset>,
    pub form: FormDraft,
}

/// One form's fields, as text. A record the form was editing is named by
/// its id and found again when the draft is reopened; `focus` is the
/// place of the focused field in the form's Tab order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormDraft {
    Entry {
        editing: Option<Id>,
        withdrawal: bool,
        note: String,
        amount: String,
        category: String,
        who: Person,
        date: String,
        time: String,
        focus: usize,
    },
    CheckIn {
        date: NaiveDate,
        rating: Option<u8>,
        reflection: String,
        focus: usize,
    },
    Commitment {
        editing: Option<Id>,
        title: String,
        schedule: String,
        from: String,
        kept: String,
        missed: String,
        start: String,
        end: String,
        note: String,
        focus: usize,
    },
    Repair {
        title: String,
        date: String,
        withdrawal: Option<Id>,
        focus: usize,
    },
    Step {
        repair: Id,
        step: usize,
        notes: Vec<String>,
        seen: Option<bool>,
        state: StepState,
        focus: usize,
    },
    Agreement {
        repair: Id,
        text: String,
        schedule: String,
        focus: usize,
    },
    Noticed {
        entry: Id,
        word: String,
    },
    Settings {
        welcome: bool,
        me: String,
        partner: String,
        week_start: Weekday,
        example: bool,
        currency: String,
        deposit_presets: String,
        withdrawal_presets: String,
        deposit_categories: String,
        withdrawal_categories: String,
        kept: String,
        missed: String,
        theme: String,
        focus: usize,
        /// Drafts kept before the field existed have none.
        #[serde(default)]
        day_ends: String,
    },
}

fn place<T: PartialEq>(order: &[T], item: &T) -> usize {
    order.iter().position(|i| i == item).unwrap_or(0)
}

fn any_edited(fields: &[&TextField]) -> bool {
    fields.iter().any(|f| f.edited())
}

impl FormDraft {
    /// The open form's fields, if something was typed in it that closing it
    /// would lose; `None` for an untouched form or no form.
    pub fn of(overlay: &Overlay) -> Option<FormDraft> {
        match overlay {
            // Asked whether to discard it: not discarded yet.
            Overlay::ConfirmDiscard(form) => FormDraft::of(form),
            Overlay::ConfirmAmount(form) => FormDraft::of(&Overlay::Entry(form.clone())),
            Overlay::Entry(f) => any_edited(&[&f.note, &f.amount, &f.date, &f.time]).then(|| FormDraft::Entry {
                editing: f.editing.as_ref().map(|e| e.id.clone()),
                withdrawal: f.withdrawal,
                note: f.note.text(),
                amount: f.amount.text(),
                category: f.category.clone(),
                who: f.who,
                date: f.date.text(),
                time: f.time.text(),
                focus: place(&EntryField::ALL, &f.focus),
            }),
            Overlay::CheckIn(f) => {
                let rated = f.rating != f.existing.as_ref().map(|c| c.rating);
                (rated || f.reflection.edited()).then(|| FormDraft::CheckIn {
                    date: f.date,
                    rating: f.rating,
                    reflection: f.reflection.text(),
                    focus: place(&[CheckInField::Rating, CheckInField::Reflection], &f.focus),
                })
            }
            Overlay::Commitment(f) => {
                let texts: Vec<&TextField> = CommitmentField::ALL.iter().map(|&c| f.field(c)).collect();
                any_edited(&texts).then(|| FormDraft::Commitment {
                    editing: f.editing.as_ref().map(|c| c.id.clone()),
                    title: f.title.text(),
                    schedule: f.schedule.text(),
                    from: f.from.text(),
                    kept: f.kept.text(),
                    missed: f.missed.text(),
                    start: f.start.text(),
                    end: f.end.text(),
                    note: f.note.text(),
                    focus: place(&CommitmentField::ALL, &f.focus),
                })
            }
            Overlay::Repair(f) => any_edited(&[&f.title, &f.date]).then(|| FormDraft::Repair {
                title: f.title.text(),
                date: f.date.text(),
                withdrawal: f.withdrawal.clone(),
                focus: f.focus,
            }),
            Overlay::Step(f) => {
                let notes: Vec<&TextField> = f.notes.iter().map(|(_, t)| t).collect();
                any_edited(&notes).then(|| FormDraft::Step {
                    repair: f.repair.id.clone(),
                    step: f.step,
                    notes: notes.iter().map(|t| t.text()).collect(),
                    seen: f.seen,
                    state: f.state,
                    focus: place(&f.order(), &f.focus),
                })
            }
            Overlay::Agreement(f) => any_edited(&[&f.text, &f.schedule]).then(|| FormDraft::Agreement {
                repair: f.repair.id.clone(),
                text: f.text.text(),
                schedule: f.schedule.text(),
                focus: f.focus,
            }),
            Overlay::Noticed(f) => {
                f.word.edited().then(|| FormDraft::Noticed { entry: f.entry.clone(), word: f.word.text() })
            }
            Overlay::Settings(f) => {
                let texts: Vec<&TextField> = f.fields().iter().filter_map(|&s| f.text(s)).collect();
                any_edited(&texts).then(|| FormDraft::Settings {
                    welcome: f.welcome,
                    me: f.me.text(),
                    partner: f.partner.text(),
                    week_start: f.week_start,
                    example: f.example,
                    currency: f.currency.text(),
                    deposit_presets: f.deposit_presets.text(),
                    withdrawal_presets: f.withdrawal_presets.text(),
                    deposit_categories: f.deposit_categories.text(),
                    withdrawal_categories: f.withdrawal_categories.text(),
                    kept: f.kept.text(),
                    missed: f.missed.text(),
                    day_ends: f.day_ends.text(),
                    theme: THEMES[f.theme.min(THEMES.len() - 1)].to_string(),
                    focus: place(f.fields(), &f.focus),
                })
            }
            _ => None,
        }
    }

    /// The form's title, as the question that offers the draft names it.
    pub fn title(&self) -> String {
        match self {
            FormDraft::Entry { editing, withdrawal, .. } => match (editing.is_some(), withdrawal) {
                (false, false) => "New deposit".into(),
                (false, true) => "New withdrawal".into(),
                (true, false) => "Edit deposit".into(),
                (true, true) => "Edit withdrawal".into(),
            },
            FormDraft::CheckIn { date, .. } => format!("Check-in of {}", date.format("%a %-d %b")),
            FormDraft::Commitment { editing: None, .. } => "New commitment".into(),
            FormDraft::Commitment { .. } => "Edit commitment".into(),
            FormDraft::Repair { .. } => "New repair".into(),
            FormDraft::Step { step, .. } => format!("Step {} of a repair", step + 1),
            FormDraft::Agreement { .. } => "New agreement".into(),
            FormDraft::Noticed { .. } => "Noticed".into(),
            FormDraft::Settings { welcome: true, .. } => "Welcome".into(),
            FormDraft::Settings { .. } => "Settings".into(),
        }
    }

    /// Every text the draft holds, in form order.
    fn texts(&self) -> Vec<&str> {
        match self {
            FormDraft::Entry { note, amount, date, time, .. } => vec![note, amount, date, time],
            FormDraft::CheckIn { reflection, .. } => vec![reflection],
            FormDraft::Commitment { title, schedule, from, kept, missed, start, end, note, .. } => {
                vec![title, schedule, from, kept, missed, start, end, note]
            }
            FormDraft::Repair { title, date, .. } => vec![title, date],
            FormDraft::Step { notes, .. } => notes.iter().map(String::as_str).collect(),
            FormDraft::Agreement { text, schedule, .. } => vec![text, schedule],
            FormDraft::Noticed { word, .. } => vec![word],
            FormDraft::Settings { me, partner, currency, kept, missed, .. } => {
                vec![me, partner, currency, kept, missed]
            }
        }
    }

    /// The first words typed, for the question: at most `width` letters.
    pub fn preview(&self, width: usize) -> String {
        let first = self.texts().into_iter().map(str::trim).find(|t| !t.is_empty()).unwrap_or_default();
        let line = first.lines().next().unwrap_or_default();
        if line.chars().count() > width || line.len() < first.len() {
            format!("{}…", line.chars().take(width.saturating_sub(1)).collect::<String>().trim_end())
        } else {
            line.to_string()
        }
    }

    /// The form again, with the draft's text put back, on `journal` as it
    /// is now; and a word to say when it cannot be quite the same form
    /// (the entry it changed was deleted since). `Err`: why it cannot open.
    pub fn reopen(
        &self,
        journal: &Journal,
        today: NaiveDate,
        viewer: FixedOffset,
        at_keyboard: Person,
    ) -> Result<(Overlay, Option<String>), String> {
        if let Some(long) = self.texts().into_iter().find(|t| t.len() > MAX_TEXT_BYTES) {
            return Err(format!(
                "one of its texts is {}, more than a text holds ({})",
                size(long.len()),
                size(MAX_TEXT_BYTES)
            ));
        }
        let settings = &journal.settings;
        let repair = |id: &Id| {
            journal
                .repairs
                .iter()
                .find(|r| &r.id == id)
                .ok_or_else(|| "the repair it was written in is gone".to_string())
        };
        let mut said = None;
        let overlay = match self {
            FormDraft::Entry { editing, withdrawal, note, amount, category, who, date, time, focus } => {
                let mut form = match editing.as_ref().map(|id| journal.entry(id)) {
                    Some(Some(entry)) => EntryForm::edit(entry, viewer),
                    Some(None) => {
                        said = Some("the entry this draft changed was deleted since; saving adds it again".into());
                        EntryForm::new(*withdrawal, today, settings, at_keyboard)
                    }
                    None => EntryForm::new(*withdrawal, today, settings, at_keyboard),
                };
                form.note.set(note);
                form.amount.set(amount);
                form.date.set(date);
                form.time.set(time);
                form.category = category.clone();
                form.who = *who;
                form.focus = EntryField::ALL.get(*focus).copied().unwrap_or(EntryField::Note);
                Overlay::Entry(Box::new(form))
            }
            FormDraft::CheckIn { date, rating, reflection, focus } => {
                let mut form = CheckInForm::new(*date, at_keyboard, journal.check_in(*date, at_keyboard));
                form.rating = *rating;
                form.reflection.set(reflection);
                form.focus = if *focus == 0 { CheckInField::Rating } else { CheckInField::Reflection };
                Overlay::CheckIn(Box::new(form))
            }
            FormDraft::Commitment { editing, title, schedule, from, kept, missed, start, end, note, focus } => {
                let mut form = match editing.as_ref().map(|id| journal.commitments.iter().find(|c| &c.id == id)) {
                    Some(Some(c)) => CommitmentForm::edit(c, today),
                    Some(None) => {
                        said = Some("the commitment this draft changed is gone; saving makes it anew".into());
                        CommitmentForm::new(today, settings)
                    }
                    None => CommitmentForm::new(today, settings),
                };
                for (field, text) in [
                    (&mut form.title, title),
                    (&mut form.schedule, schedule),
                    (&mut form.from, from),
                    (&mut form.kept, kept),
                    (&mut form.missed, missed),
                    (&mut form.start, start),
                    (&mut form.end, end),
                    (&mut form.note, note),
                ] {
                    field.set(text);
                }
                let focus = CommitmentField::ALL.get(*focus).copied().unwrap_or(CommitmentField::Title);
                form.focus = if form.fields().contains(&focus) { focus } else { CommitmentField::Title };
                Overlay::Commitment(Box::new(form))
            }
            FormDraft::Repair { title, date, withdrawal, focus } => {
                let mut form = RepairForm::new("", today, withdrawal.clone());
                form.title.set(title);
                form.date.set(date);
                form.focus = (*focus).min(1);
                Overlay::Repair(Box::new(form))
            }
            FormDraft::Step { repair: id, step, notes, seen, state, focus } => {
                let mut form = StepForm::new(repair(id)?, *step, at_keyboard);
                // Agreements that came or went since (a sync): words put
                // back by position could land on another agreement.
                if form.notes.len() != notes.len() {
                    return Err("the repair's agreements changed since it was kept".into());
                }
                for ((_, field), text) in form.notes.iter_mut().zip(notes) {
                    field.set(text);
                }
                if form.seen.is_some() {
                    form.seen = *seen;
                }
                form.state = *state;
                if let Some(&f) = form.order().get(*focus) {
                    form.focus = f;
                }
                Overlay::Step(Box::new(form))
            }
            FormDraft::Agreement { repair: id, text, schedule, focus } => {
                let mut form = AgreementForm::new(repair(id)?);
                form.text.set(text);
                form.schedule.set(schedule);
                form.focus = (*focus).min(1);
                Overlay::Agreement(Box::new(form))
            }
            FormDraft::Noticed { entry, word } => {
                let entry = journal.entry(entry).ok_or_else(|| "the entry it noticed is gone".to_string())?;
                let mut form = super::notice::WordForm::new(journal, entry, at_keyboard);
                form.word.set(word);
                Overlay::Noticed(Box::new(form))
            }
            FormDraft::Settings {
                welcome,
                me,
                partner,
                week_start,
                example,
                currency,
                deposit_presets,
                withdrawal_presets,
                deposit_categories,
                withdrawal_categories,
                kept,
                missed,
                theme,
                focus,
                day_ends,
            } => {
                let mut form = SettingsForm::new(settings, &journal.people, at_keyboard, *welcome);
                for (field, text) in [
                    (&mut form.me, me),
                    (&mut form.partner, partner),
                    (&mut form.currency, currency),
                    (&mut form.deposit_presets, deposit_presets),
                    (&mut form.withdrawal_presets, withdrawal_presets),
                    (&mut form.deposit_categories, deposit_categories),
                    (&mut form.withdrawal_categories, withdrawal_categories),
                    (&mut form.kept, kept),
                    (&mut form.missed, missed),
                ] {
                    field.set(text);
                }
                if !day_ends.is_empty() {
                    form.day_ends.set(day_ends);
                }
                form.week_start = *week_start;
                form.example = *example;
                form.theme = THEMES.iter().position(|t| t == theme).unwrap_or(form.theme);
                if let Some(&f) = form.fields().get(*focus) {
                    form.focus = f;
                }
                Overlay::Settings(Box::new(form))
            }
        };
        Ok((overlay, said))
    }
}

/// A draft found at the start: ask whether to reopen it. A journal that
/// may not be written gets no form, so the draft waits in its file.
pub(super) fn offer(app: &mut App, draft: Draft) {
    if app.read_only().is_some() {
        app.message =
            Some("a draft kept when trustbank was stopped waits beside the journal until it can be written".into());
        return;
    }
    app.overlay = Overlay::OfferDraft(Box::new(draft));
}

/// `y`: the form again, with its text. Its file goes once the text is back.
pub(super) fn take_back(app: &mut App, draft: Draft) {
    match draft.form.reopen(&app.journal, app.today, *app.now.offset(), app.me) {
        Ok((overlay, said)) => {
            app.overlay = overlay;
            app.message = said;
            app.draft_settled = true;
        }
        Err(why) => {
            app.message = Some(format!("the draft cannot be reopened: {why}; its file is left beside the journal"));
        }
    }
}

/// `n`: the draft is let go, and its file with it.
pub(super) fn discard(app: &mut App) {
    app.overlay = Overlay::None;
    app.draft_settled = true;
    app.message = Some("the draft was discarded".into());
}
