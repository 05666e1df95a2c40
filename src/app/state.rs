//! The application state: everything the views draw from.

use std::collections::VecDeque;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::commitment_form::CommitmentForm;
use super::derived::Derived;
use super::draft::Draft;
use super::form::{CheckInForm, EntryForm};
use super::history::History;
use super::keymap::Mode;
use super::repair_form::{AgreementForm, RepairForm, StepForm};
use super::settings_form::SettingsForm;
use super::{ChartRange, Tab};
use crate::domain::chart::{self, DaySummary};
use crate::domain::outcome::{due_on, outcome_on};
use crate::domain::{
    Balances, Change, Commitment, CommitmentFigures, Entry, Id, Journal, LongGameFigures, OutcomeRecord, Person,
    Repair, RepairReview, Week, WeekPart, WeekReview, journal_day,
};
use crate::keyboard::{AtKeyboard, Source};

/// What is drawn on top of the tab.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    Entry(Box<EntryForm>),
    CheckIn(Box<CheckInForm>),
    Commitment(Box<CommitmentForm>),
    Repair(Box<RepairForm>),
    Step(Box<StepForm>),
    Agreement(Box<AgreementForm>),
    /// The settings, or on a first run the welcome.
    Settings(Box<SettingsForm>),
    ConfirmDelete(Id),
    /// Quitting with a change not yet on disk.
    ConfirmQuit,
    /// Closing a form that holds typed text: the form, kept until answered.
    ConfirmDiscard(Box<Overlay>),
    /// Saving an amount past the largest preset ("10" is $10.00, not 10
    /// cents): the entry form, kept until answered.
    ConfirmAmount(Box<EntryForm>),
    /// At the start: a form's text was kept when the app was stopped from
    /// outside; reopen it?
    OfferDraft(Box<Draft>),
    /// On a computer that has not said: who is using it? The person
    /// highlighted.
    WhoIsHere(Person),
    /// "Noticed", with a word for the partner.
    Noticed(Box<super::notice::WordForm>),
    /// The history of a record, scrolled down by `scroll` lines.
    History {
        subject: Subject,
        scroll: u16,
    },
}

/// What a history overlay tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Today's: the selected entry (if one is), the day's changed
    /// check-ins and the entries removed from it.
    Day { entry: Option<Id>, day: NaiveDate },
    /// A commitment (with its changed outcomes) or a repair (with its steps
    /// and agreements).
    Record(Id),
}

/// Where the journal on disk stands relative to the one in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is on disk (or there was nothing to save yet).
    Saved,
    /// A new journal: nothing is written until the first change.
    Unwritten,
    /// A save is in flight.
    Saving,
    /// The last save failed; the writer retries and the change is safe in
    /// memory.
    Failed(String),
    /// This instance may not write, and why.
    ReadOnly(String),
}

/// The whole app.
#[derive(Debug)]
pub struct App {
    pub journal: Journal,
    /// The person at the keyboard: who writes what is added, whose
    /// entries may be edited.
    pub me: Person,
    /// How `me` was chosen: for this run, remembered by this computer, or
    /// not yet (then it is the first person).
    pub keyboard: Source,
    /// A choice of who is at the keyboard that this computer should
    /// remember: the event loop writes it to the device folder (`update`
    /// does no I/O).
    pub remember: Option<Person>,
    /// Running balances, kept in step with `journal.entries`.
    pub balances: Balances,
    pub tab: Tab,
    /// The moment of the last tick, local time.
    pub now: DateTime<FixedOffset>,
    /// Today's journal day.
    pub today: NaiveDate,
    /// The day the Today tab shows.
    pub day: NaiveDate,
    /// The selected line on Today: the due commitments first, then the
    /// day's entries.
    pub selected: usize,
    /// The selected line on the Commitments tab.
    pub commitment_selected: usize,
    /// The selected repair on the Repair tab, and its selected step (0–3).
    pub repair_selected: usize,
    pub repair_step: usize,
    /// The week the Balance tab reviews.
    pub week: Week,
    pub chart_range: ChartRange,
    /// Whether the Balance chart draws the "noticed only" line too.
    pub noticed_line: bool,
    /// Each day's balance summary, kept in step with the ledger for the chart.
    pub daily: Vec<DaySummary>,
    pub overlay: Overlay,
    pub history: History,
    /// The changes applied since the event loop last took them, in order:
    /// what the writer's copy of the journal needs to catch up.
    pub outbox: Vec<Change>,
    /// The changes not yet known to be on disk, each with the revision it
    /// made: when the file changes outside, the writer sends the journal as
    /// of some revision, and these (past it) go on top.
    pub in_flight: VecDeque<(u64, Change)>,
    /// Counts changes; the event loop saves when it runs ahead of `saved`.
    pub revision: u64,
    /// The newest revision known to be on disk.
    pub saved: u64,
    pub save: SaveState,
    /// A one-line message for the footer (cleared by the next key).
    pub message: Option<String>,
    /// "Open a repair for it?", waiting to be answered.
    pub offer: Option<super::offer::Offer>,
    /// How long the app has been running, as last told (see
    /// [`super::Action::Uptime`]).
    pub uptime: std::time::Duration,
    pub running: bool,
    /// The person quit knowing the last change is not on disk ("Quit
    /// anyway?"): the app ends at once, without waiting for the save.
    pub quit_unsaved: bool,
    /// Figures remembered between frames (see [`Derived`]).
    pub derived: Derived,
    /// Set when the draft offered at the start was taken back or
    /// discarded: its file may go (the event loop removes it).
    pub draft_settled: bool,
}

impl App {
    pub fn new(journal: Journal, now: DateTime<FixedOffset>, read_only: Option<String>) -> App {
        let today = journal_day(now, journal.settings.day_ends_at);
        let balances = Balances::compute(&journal.entries);
        App {
            week: Week::containing(today, journal.settings.week_starts_on),
            chart_range: ChartRange::Quarter,
            noticed_line: false,
            daily: chart::daily(&journal.entries, &balances),
            balances,
            journal,
            me: Person::A,
            keyboard: Source::Unknown,
            remember: None,
            tab: Tab::Today,
            now,
            today,
            day: today,
            selected: 0,
            commitment_selected: 0,
            repair_selected: 0,
            repair_step: 0,
            overlay: Overlay::None,
            history: History::default(),
            outbox: Vec::new(),
            in_flight: VecDeque::new(),
            revision: 0,
            saved: 0,
            save: match read_only {
                Some(reason) => SaveState::ReadOnly(reason),
                None => SaveState::Saved,
            },
            message: None,
            offer: None,
            uptime: std::time::Duration::ZERO,
            running: true,
            quit_unsaved: false,
            derived: Derived::default(),
            draft_settled: false,
        }
    }

    /// Greets a first run: the welcome asks for the two names, the first
    /// day of the week and whether to start with an example. Nothing is
    /// written until it is confirmed.
    pub fn welcome(&mut self) {
        if self.read_only().is_none() {
            self.overlay = Overlay::Settings(Box::new(SettingsForm::new(
                &self.journal.settings,
                &self.journal.people,
                self.me,
                true,
            )));
        }
    }

    /// Sets who is at the keyboard, as decided before the app started.
    pub fn at_keyboard(&mut self, at: AtKeyboard) {
        self.me = at.person;
        self.keyboard = at.source;
    }

    /// On a journal already written that this computer has not said who
    /// uses: asks. A journal whose people were never named has only "Me"
    /// at the keyboard, as before there were two, and is not asked.
    pub fn ask_who_is_here(&mut self) {
        if self.keyboard == Source::Unknown && !self.journal.people.unnamed() && self.overlay == Overlay::None {
            self.overlay = Overlay::WhoIsHere(self.me);
        }
    }

    /// The name of the person at the keyboard.
    pub fn my_name(&self) -> &str {
        self.journal.people.name(self.me)
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            // "Open a repair?" answered only once it has been in sight.
            Overlay::None if self.offer.as_ref().is_some_and(|o| o.answerable(self)) => Mode::Confirm,
            Overlay::None => Mode::Normal,
            // Read like the help: scrolled, then closed.
            Overlay::Help { .. } | Overlay::History { .. } => Mode::Help,
            Overlay::Entry(_)
            | Overlay::Commitment(_)
            | Overlay::Repair(_)
            | Overlay::Agreement(_)
            | Overlay::Noticed(_) => Mode::Form,
            Overlay::Settings(form) if form.in_note() => Mode::Note,
            Overlay::Settings(_) => Mode::Form,
            Overlay::Step(form) if form.in_note() => Mode::Note,
            Overlay::Step(_) => Mode::Form,
            Overlay::CheckIn(form) if form.in_note() => Mode::Note,
            Overlay::CheckIn(_) => Mode::Form,
            Overlay::ConfirmDelete(_)
            | Overlay::ConfirmQuit
            | Overlay::ConfirmDiscard(_)
            | Overlay::ConfirmAmount(_)
            | Overlay::OfferDraft(_) => Mode::Confirm,
            Overlay::WhoIsHere(_) => Mode::Choose,
        }
    }

    pub fn read_only(&self) -> Option<&str> {
        match &self.save {
            SaveState::ReadOnly(reason) => Some(reason),
            _ => None,
        }
    }

    /// The entries of the viewed day.
    pub fn day_entries(&self) -> &[Entry] {
        self.journal.entries_on(self.day)
    }

    /// The days of the balance counting only noticed deposits.
    pub fn noticed_daily(&self) -> std::rc::Rc<Vec<crate::domain::chart::DaySummary>> {
        self.derived.noticed_daily.get(self.revision, || chart::noticed_only(&self.journal))
    }

    /// The edit counts and "noticed" of the viewed day's entries, in order.
    pub fn day_marks(&self) -> std::rc::Rc<Vec<super::notice::Marks>> {
        let key = (self.revision, self.day);
        self.derived.marks.get(key, || super::notice::marks_of(&self.journal, self.day_entries()))
    }

    /// The commitments due on the viewed day, in file order.
    pub fn due_commitments(&self) -> Vec<&Commitment> {
        let due = self
            .derived
            .due
            .get((self.revision, self.day), || due_on(&self.journal, self.day, self.journal.settings.week_starts_on));
        due.iter().filter_map(|&i| self.journal.commitments.get(i)).collect()
    }

    /// A commitment's streaks, kept-rate and 8-week grid at today.
    pub fn commitment_figures(&self, c: &Commitment) -> Rc<CommitmentFigures> {
        let first = self.journal.settings.week_starts_on;
        self.derived.figures.get(&c.id, self.today, first, || c.figures(&self.journal, self.today, first))
    }

    /// The review of the week the Balance tab shows, beside the week before.
    pub fn week_review(&self) -> Rc<WeekReview> {
        let (journal, balances, today) = (&self.journal, &self.balances, self.today);
        self.derived.review.get((self.revision, self.week, today), || {
            let weeks = [self.week, self.week.previous()].map(|week| (self.revision, week, today));
            let [this, last] = self
                .derived
                .week_parts
                .get(weeks, |&(_, week, today)| WeekPart::compute(journal, balances, week, today));
            let repair = self
                .derived
                .open_repair
                .get((self.revision, today), || RepairReview::newest_open(journal, balances, today));
            WeekReview::from_parts(journal, &this, &last, (*repair).clone())
        })
    }

    /// A repair's long-game figures at today.
    pub fn long_game(&self, repair: &Repair) -> Rc<LongGameFigures> {
        self.derived.long_game.get((self.revision, repair.id.clone(), self.today), || {
            LongGameFigures::compute(repair, &self.journal, &self.balances, self.today)
        })
    }

    /// How many lines Today's selection moves over.
    pub fn today_rows(&self) -> usize {
        self.due_commitments().len() + self.day_entries().len()
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        let due = self.due_commitments().len();
        self.selected.checked_sub(due).and_then(|i| self.day_entries().get(i))
    }

    /// Every commitment as the Commitments tab lists it: active ones first,
    /// then the archived.
    pub fn commitment_list(&self) -> Vec<&Commitment> {
        let (active, archived): (Vec<&Commitment>, Vec<&Commitment>) =
            self.journal.commitments.iter().partition(|c| !c.archived);
        active.into_iter().chain(archived).collect()
    }

    /// Every repair as the Repair tab lists it: open ones first.
    pub fn repair_list(&self) -> Vec<&Repair> {
        let (open, closed): (Vec<&Repair>, Vec<&Repair>) = self.journal.repairs.iter().partition(|r| !r.closed);
        open.into_iter().chain(closed).collect()
    }

    pub fn selected_repair(&self) -> Option<&Repair> {
        self.repair_list().get(self.repair_selected).copied()
    }

    /// The commitment the marking keys act on: the selected due one on
    /// Today, the selected one on Commitments.
    pub fn selected_commitment(&self) -> Option<&Commitment> {
        match self.tab {
            Tab::Today => self.due_commitments().get(self.selected).copied(),
            Tab::Commitments => self.commitment_list().get(self.commitment_selected).copied(),
            _ => None,
        }
    }

    pub fn commitment(&self, id: &Id) -> Option<&Commitment> {
        self.journal.commitments.iter().find(|c| &c.id == id)
    }

    /// The outcome that posted the entry `id`, if a mark did.
    pub fn outcome_posting(&self, id: &Id) -> Option<&OutcomeRecord> {
        let posted = |o: &&OutcomeRecord| o.entry.as_ref() == Some(id);
        let entry = self.journal.entry(id)?;
        // A mark dates its entry on the outcome's day; a file edited by
        // hand may not, so the search widens to every outcome.
        let on_its_day = entry.commitment.as_ref().and_then(|c| outcome_on(&self.journal, c, entry.date));
        on_its_day.filter(posted).or_else(|| self.journal.outcomes.iter().find(posted))
    }

    /// What deleting the entry `id` takes with it, said for the question:
    /// "this clears the outcome 'kept' of walk together on Thu 26 Nov".
    pub fn delete_clears(&self, id: &Id) -> Option<String> {
        let o = self.outcome_posting(id)?;
        let title = self.commitment(&o.commitment).map_or(o.commitment.as_str(), |c| c.title.as_str());
        Some(format!(
            "this clears the outcome '{}' of {title} on {}",
            super::update::outcome_word(o.outcome),
            o.date.format("%a %-d %b")
        ))
    }

    pub fn week_of(&self, date: NaiveDate) -> Week {
        Week::containing(date, self.journal.settings.week_starts_on)
    }

    /// Whether changes are waiting to reach the disk.
    pub fn unsaved(&self) -> bool {
        self.saved < self.revision
    }
}
