//! `update`: the only place the app's state changes.

use super::Action;
use super::Tab;
use super::commit::{commit, redo, undo};
use super::commitment_form::CommitmentForm;
use super::form::{CheckInForm, EntryForm};
use super::repair_form::{AgreementForm, RepairForm, StepForm};
use super::settings_form::SettingsForm;
use super::state::{App, Overlay, SaveState, Subject};
use crate::domain::outcome::{outcome_on, set_outcome};
use crate::domain::{Change, EntryKind, Id, Outcome, journal_day};

/// Applies one action to the app.
pub fn update(app: &mut App, action: Action) {
    // A message lasts until the next thing the user does.
    if !matches!(
        action,
        Action::Tick(_)
            | Action::Uptime(_)
            | Action::Saved { .. }
            | Action::SaveFailed { .. }
            | Action::CameIn { .. }
            | Action::TurnedReadOnly(_)
            | Action::Writable
            | Action::Warn(_)
    ) {
        app.message = None;
    }
    match action {
        Action::Quit | Action::Terminate => quit(app, matches!(action, Action::Terminate)),
        Action::NextTab => app.tab = app.tab.next(),
        Action::PreviousTab => app.tab = app.tab.previous(),
        Action::SelectTab(tab) => app.tab = tab,
        Action::ToggleHelp => {
            app.overlay = match app.overlay {
                Overlay::Help { .. } => Overlay::None,
                _ => Overlay::Help { scroll: 0 },
            }
        }
        Action::ScrollHelp(lines) => {
            if let Overlay::Help { scroll } | Overlay::History { scroll, .. } = &mut app.overlay {
                *scroll = scroll.saturating_add_signed(lines);
            }
        }
        Action::ShowHistory => show_history(app),
        Action::Close if matches!(app.overlay, Overlay::OfferDraft(_)) => super::draft::discard(app),
        Action::Close | Action::Confirm
            if app.overlay == Overlay::None && app.offer.as_ref().is_some_and(|o| o.answerable(app)) =>
        {
            if action == Action::Confirm { super::offer::accept(app) } else { super::offer::decline(app) }
        }
        Action::Close => close(app),
        Action::PreviousDay if app.tab == Tab::Repair => app.repair_step = app.repair_step.saturating_sub(1),
        Action::NextDay if app.tab == Tab::Repair => app.repair_step = (app.repair_step + 1).min(3),
        Action::PreviousDay if app.tab == Tab::Balance => step_week(app, -1),
        Action::NextDay if app.tab == Tab::Balance => step_week(app, 1),
        Action::GoToToday if app.tab == Tab::Balance => app.week = app.week_of(app.today),
        Action::PreviousDay => step_day(app, -1),
        Action::NextDay => step_day(app, 1),
        Action::GoToToday => show_day(app, app.today),
        Action::NarrowerRange => app.chart_range = app.chart_range.step(-1),
        Action::WiderRange => app.chart_range = app.chart_range.step(1),
        Action::SelectNext if matches!(app.overlay, Overlay::WhoIsHere(_)) => {
            if let Overlay::WhoIsHere(p) = &mut app.overlay {
                *p = p.other();
            }
        }
        Action::SelectNext => select(app, 1),
        Action::SelectPrevious => select(app, -1),
        Action::SelectFirst => select(app, isize::MIN),
        Action::SelectLast => select(app, isize::MAX),
        Action::PageDown => select(app, super::keymap::PAGE as isize),
        Action::PageUp => select(app, -(super::keymap::PAGE as isize)),
        Action::SelectRow(row) => match app.tab {
            Tab::Commitments => app.commitment_selected = row.min(app.journal.commitments.len().saturating_sub(1)),
            Tab::Repair => app.repair_selected = row.min(app.journal.repairs.len().saturating_sub(1)),
            _ => app.selected = row.min(app.today_rows().saturating_sub(1)),
        },
        Action::AddDeposit => open_entry_form(app, false),
        Action::AddWithdrawal => open_entry_form(app, true),
        Action::EditSelected => edit_selected(app),
        Action::ToggleNoticed => super::notice::toggle(app),
        Action::NoticeWithWord => super::notice::open_word(app),
        Action::ToggleNoticedLine => app.noticed_line = !app.noticed_line,
        Action::DeleteSelected => {
            if let Some(refused) = app.selected_entry().and_then(|e| super::who::entry_refusal(app, e)) {
                app.message = Some(refused);
            } else if let Some(id) = app.selected_entry().map(|e| e.id.clone()) {
                if writable(app) {
                    app.overlay = Overlay::ConfirmDelete(id);
                }
            } else if app.selected_commitment().is_some() {
                app.message = Some("commitments keep their history: archive them with x on the Commitments tab".into());
            }
        }
        Action::WriteCheckIn => {
            if writable(app) {
                let form = CheckInForm::new(app.day, app.me, app.journal.check_in(app.day, app.me));
                app.overlay = Overlay::CheckIn(Box::new(form));
            }
        }
        Action::Mark(outcome) => mark(app, outcome),
        Action::NewCommitment => {
            if writable(app) {
                let form = CommitmentForm::new(app.today, &app.journal.settings);
                app.overlay = Overlay::Commitment(Box::new(form));
            }
        }
        Action::ToggleArchive => toggle_archive(app),
        Action::NewRepair => {
            if writable(app) {
                // Whoever opens a repair is taken to be the one hurt, who speaks
                // first (the Reveal); the form can say the other.
                let form = RepairForm::new("", app.today, None).with_hurt(app.me);
                app.overlay = Overlay::Repair(Box::new(form));
            }
        }
        Action::AddAgreement => match app.selected_repair().cloned() {
            None => app.message = Some("no repair yet: n starts one".into()),
            Some(r) if r.closed => app.message = Some("this repair is closed: c reopens it".into()),
            Some(r) => {
                if writable(app) {
                    app.repair_step = 2;
                    app.overlay = Overlay::Agreement(Box::new(AgreementForm::new(&r)));
                }
            }
        },
        Action::ToggleClosed => toggle_closed(app),
        Action::OpenSettings => {
            if writable(app) {
                app.overlay = Overlay::Settings(Box::new(SettingsForm::new(
                    &app.journal.settings,
                    &app.journal.people,
                    app.me,
                    false,
                )));
            }
        }
        Action::Undo => undo(app),
        Action::Redo => redo(app),
        Action::Confirm => confirm(app),
        Action::Form(form_action) => super::submit::form(app, form_action),
        Action::Uptime(uptime) => app.uptime = uptime,
        Action::Tick(now) => {
            let was_today = app.day == app.today;
            app.now = now;
            app.today = journal_day(now, app.journal.settings.day_ends_at);
            if was_today && app.day != app.today {
                show_day(app, app.today);
            }
        }
        Action::Saved { revision } => {
            app.saved = app.saved.max(revision);
            while app.in_flight.front().is_some_and(|(r, _)| *r <= revision) {
                app.in_flight.pop_front();
            }
            if !matches!(app.save, SaveState::ReadOnly(_)) {
                app.save = if app.unsaved() { SaveState::Saving } else { SaveState::Saved };
            }
        }
        Action::SaveFailed { error, .. } => {
            if !matches!(app.save, SaveState::ReadOnly(_)) {
                app.save = SaveState::Failed(error);
            }
        }
        Action::CameIn { revision, journal, came_in } => super::outside::take_in(app, revision, *journal, *came_in),
        Action::TurnedReadOnly(reason) => {
            // Said in full once; the footer's right end keeps the start.
            app.message = Some(format!("read-only: {reason}"));
            app.save = SaveState::ReadOnly(reason);
        }
        Action::Writable => app.save = if app.unsaved() { SaveState::Saving } else { SaveState::Saved },
        Action::Warn(warning) => app.message = Some(warning),
        Action::DraftFound(draft) => super::draft::offer(app, *draft),
        Action::ChooseMe(person) => super::who::choose(app, person),
    }
}

/// Esc: closes the overlay. A form holding typed text asks first ("Discard
/// what you wrote?"); "no" goes back to the form as it was.
fn close(app: &mut App) {
    app.overlay = match std::mem::replace(&mut app.overlay, Overlay::None) {
        Overlay::ConfirmDiscard(form) => *form,
        // Not that amount: back to it, to change it.
        Overlay::ConfirmAmount(mut form) => {
            form.focus = super::form::EntryField::Amount;
            Overlay::Entry(form)
        }
        form if super::draft::FormDraft::of(&form).is_some() => Overlay::ConfirmDiscard(Box::new(form)),
        _ => Overlay::None,
    };
}

fn quit(app: &mut App, forced: bool) {
    // With a save still failing, quitting would lose the change: ask first
    // (a signal cannot be asked, so it quits and the caller reports it).
    if !forced && matches!(app.save, SaveState::Failed(_)) && app.overlay != Overlay::ConfirmQuit {
        app.overlay = Overlay::ConfirmQuit;
        return;
    }
    app.running = false;
}

pub(super) fn writable(app: &mut App) -> bool {
    match app.read_only() {
        Some(reason) => {
            app.message = Some(format!("read-only, nothing can be changed: {reason}"));
            false
        }
        None => true,
    }
}

fn show_day(app: &mut App, day: chrono::NaiveDate) {
    app.day = day.min(app.today);
    app.selected = 0;
}

fn step_week(app: &mut App, by: i64) {
    let this_week = app.week_of(app.today);
    match by {
        1 if app.week >= this_week => app.message = Some("this is the current week".into()),
        1 => app.week = app.week.next(),
        _ => app.week = app.week.previous(),
    }
}

fn select(app: &mut App, step: isize) {
    let (index, rows) = match app.tab {
        Tab::Commitments => (&mut app.commitment_selected, app.journal.commitments.len()),
        Tab::Repair => (&mut app.repair_selected, app.journal.repairs.len()),
        _ => {
            let rows = app.today_rows();
            (&mut app.selected, rows)
        }
    };
    *index = index.saturating_add_signed(step).min(rows.saturating_sub(1));
}

fn edit_selected(app: &mut App) {
    if app.tab == Tab::Repair {
        match app.selected_repair().cloned() {
            None => app.message = Some("no repair yet: n starts one".into()),
            Some(r) => {
                if let Some(refused) = super::who::step_refusal(app, &r, app.repair_step) {
                    app.message = Some(refused);
                } else if writable(app) {
                    app.overlay = Overlay::Step(Box::new(StepForm::new(&r, app.repair_step, app.me)));
                }
            }
        }
        return;
    }
    if let Some(c) = app.selected_commitment().cloned() {
        if writable(app) {
            app.overlay = Overlay::Commitment(Box::new(CommitmentForm::edit(&c, app.today)));
        }
        return;
    }
    let Some(entry) = app.selected_entry().cloned() else {
        app.message = Some("nothing selected to edit".into());
        return;
    };
    if let Some(refused) = super::who::entry_refusal(app, &entry) {
        app.message = Some(refused);
    } else if entry.commitment.is_some() {
        app.message = Some("this entry is a commitment's outcome: mark the commitment instead (space, m, s)".into());
    } else if writable(app) {
        app.overlay = Overlay::Entry(Box::new(EntryForm::edit(&entry, *app.now.offset())));
    }
}

fn mark(app: &mut App, outcome: Outcome) {
    // On Today with an entry selected, the first commitment due that has
    // no mark yet: the evening's marks need no j/k first.
    if app.tab == Tab::Today && app.selected_commitment().is_none() {
        let due = app.due_commitments();
        if let Some(first) = due.iter().position(|c| outcome_on(&app.journal, &c.id, app.day).is_none()) {
            app.selected = first;
        }
    }
    let Some(c) = app.selected_commitment().cloned() else {
        app.message = Some(match app.tab {
            Tab::Commitments => "no commitment yet: n makes one".into(),
            _ if app.due_commitments().is_empty() => "no commitment is due on this day".into(),
            _ => "every commitment due is marked: select one (j/k) to change its mark".into(),
        });
        return;
    };
    if !writable(app) {
        return;
    }
    if app.day > app.today {
        app.message = Some("that day has not come yet".into());
        return;
    }
    let current = outcome_on(&app.journal, &c.id, app.day).map(|o| o.outcome);
    // The same key again clears the mark, for a quick correction: the
    // selection stays on the commitment just marked.
    let new = if current == Some(outcome) { None } else { Some(outcome) };
    if let Some(refused) =
        new.and_then(|o| c.refuse_mark(&app.journal, app.day, o, app.journal.settings.week_starts_on))
    {
        app.message = Some(refused);
        return;
    }
    let id = Id::generate(app.now.timestamp_millis().max(0) as u64);
    let change = set_outcome(&app.journal, &c, app.day, new, app.now, (id, app.me));
    let label = match new {
        Some(o) => format!("mark \"{}\" {}", c.title, outcome_word(o)),
        None => format!("clear the mark of \"{}\"", c.title),
    };
    if commit(app, change, label) {
        app.message = Some(match new {
            Some(o) => format!("\"{}\" marked {}; the same key again clears it, j the next", c.title, outcome_word(o)),
            None => format!("\"{}\" has no mark now", c.title),
        });
    }
}

pub(super) fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Kept => "kept",
        Outcome::Missed => "missed",
        Outcome::Excused => "excused",
    }
}

fn toggle_closed(app: &mut App) {
    let Some(mut r) = app.selected_repair().cloned() else {
        app.message = Some("no repair yet: n starts one".into());
        return;
    };
    if !writable(app) {
        return;
    }
    r.closed = !r.closed;
    let label = format!("{} \"{}\"", if r.closed { "close" } else { "reopen" }, r.title);
    let id = r.id.clone();
    if commit(app, Change::ReplaceRepair(r), label) {
        app.repair_selected = app.repair_list().iter().position(|r| r.id == id).unwrap_or(0);
    }
}

fn toggle_archive(app: &mut App) {
    let Some(mut c) = app.selected_commitment().cloned() else { return };
    if !writable(app) {
        return;
    }
    // The day is kept, so the weeks before it keep their figures.
    if c.archived {
        c.unarchive(app.today)
    } else {
        c.archive(app.today)
    }
    let label = format!("{} \"{}\"", if c.archived { "archive" } else { "unarchive" }, c.title);
    let id = c.id.clone();
    if commit(app, Change::ReplaceCommitment(c), label) {
        // Follow it to its new place in the list.
        app.commitment_selected = app.commitment_list().iter().position(|c| c.id == id).unwrap_or(0);
    }
}

/// `v`: the history of what is selected (on Today, a due commitment's or
/// else the day's).
fn show_history(app: &mut App) {
    let subject = match app.tab {
        Tab::Repair => app.selected_repair().map(|r| Subject::Record(r.id.clone())),
        Tab::Commitments => app.selected_commitment().map(|c| Subject::Record(c.id.clone())),
        _ => Some(match app.selected_commitment() {
            Some(c) => Subject::Record(c.id.clone()),
            None => Subject::Day { entry: app.selected_entry().map(|e| e.id.clone()), day: app.day },
        }),
    };
    match subject {
        Some(subject) => app.overlay = Overlay::History { subject, scroll: 0 },
        None => app.message = Some("nothing selected to show the history of".into()),
    }
}

fn step_day(app: &mut App, days: i64) {
    if days > 0 && app.day >= app.today {
        app.message = Some("this is today; tomorrow has not happened yet".into());
        return;
    }
    if let Some(day) = app.day.checked_add_signed(chrono::Duration::days(days)) {
        show_day(app, day);
    }
}

fn open_entry_form(app: &mut App, withdrawal: bool) {
    if writable(app) {
        let form = EntryForm::new(withdrawal, app.day, &app.journal.settings, app.me);
        app.overlay = Overlay::Entry(Box::new(form));
    }
}

fn confirm(app: &mut App) {
    match std::mem::replace(&mut app.overlay, Overlay::None) {
        Overlay::ConfirmDelete(id) => {
            let mut label = match app.journal.entry(&id) {
                Some(e) => format!("delete {} of {}", kind_word(e.kind), e.amount),
                None => "delete".into(),
            };
            // An outcome without the entry it posted would not load: the
            // two go together, and come back together with one undo.
            let change = match app.outcome_posting(&id) {
                Some(o) => {
                    let title = app.commitment(&o.commitment).map_or("", |c| c.title.as_str());
                    label.push_str(&format!(" and the mark of \"{title}\""));
                    let outcome = Change::RemoveOutcome { commitment: o.commitment.clone(), date: o.date };
                    Change::Batch(vec![outcome, Change::RemoveEntry(id)])
                }
                None => Change::RemoveEntry(id),
            };
            commit(app, change, label);
        }
        Overlay::ConfirmQuit => {
            app.running = false;
            app.quit_unsaved = true;
        }
        // Discarded: the form and what was typed in it go.
        Overlay::ConfirmDiscard(_) => {}
        Overlay::ConfirmAmount(mut form) => {
            form.large_ok = form.amount_typed();
            app.overlay = Overlay::Entry(form);
            super::submit::submit_entry(app);
        }
        Overlay::OfferDraft(draft) => super::draft::take_back(app, *draft),
        Overlay::WhoIsHere(person) => super::who::choose(app, person),
        other => app.overlay = other,
    }
}

pub(super) fn kind_word(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Deposit => "a deposit",
        EntryKind::Withdrawal => "a withdrawal",
        EntryKind::Wipe => "a wipe",
    }
}
