//! What a key does inside a form, and saving each form.

use super::FormAction;
use super::Tab;
use super::commit::commit;
use super::state::{App, Overlay};
use super::update::kind_word;
use crate::domain::settings::BETRAYAL;
use crate::domain::{Change, EntryKind, Id};

pub(super) fn form(app: &mut App, action: FormAction) {
    form_action(app, action);
    // A text field that refused a key or a paste says why in the footer.
    if let Some(refused) = focused_text(&mut app.overlay).and_then(|field| field.refused.take()) {
        app.message = Some(refused);
    }
}

/// The text field of the open form that has the focus, if any.
fn focused_text(overlay: &mut Overlay) -> Option<&mut super::text_field::TextField> {
    match overlay {
        Overlay::Entry(form) => form.focused_text(),
        Overlay::CheckIn(form) => form.focused_text(),
        Overlay::Commitment(form) => Some(form.focused_text()),
        Overlay::Repair(form) if form.focus < 2 => Some(form.field_mut()),
        Overlay::Repair(_) => None,
        Overlay::Step(form) => form.focused_text(),
        Overlay::Agreement(form) => Some(form.field_mut()),
        Overlay::Noticed(form) => Some(&mut form.word),
        Overlay::Settings(form) => form.focused_text(),
        _ => None,
    }
}

fn form_action(app: &mut App, action: FormAction) {
    let settings = &app.journal.settings;
    match &mut app.overlay {
        Overlay::Entry(form) => match action {
            FormAction::NextField => form.move_focus(1),
            FormAction::PreviousField => form.move_focus(-1),
            FormAction::Preset(n) => form.choose_preset(n, settings),
            FormAction::Key(key) => form.key(key, settings),
            FormAction::Paste(text) => form.paste(&text),
            FormAction::Submit => submit_entry(app),
        },
        Overlay::Commitment(form) => match action {
            FormAction::NextField => form.move_focus(1),
            FormAction::PreviousField => form.move_focus(-1),
            FormAction::Key(key) => form.key(key),
            FormAction::Paste(text) => form.paste(&text),
            FormAction::Preset(_) => {}
            FormAction::Submit => submit_commitment(app),
        },
        Overlay::Repair(form) => match action {
            FormAction::NextField | FormAction::PreviousField => form.move_focus(),
            FormAction::Key(key) => form.key(key),
            FormAction::Paste(text) => form.field_mut().paste(&text),
            FormAction::Preset(_) => {}
            FormAction::Submit => submit_repair(app),
        },
        Overlay::Step(form) => match action {
            FormAction::NextField => form.move_focus(1),
            FormAction::PreviousField => form.move_focus(-1),
            FormAction::Key(key) => form.key(key),
            FormAction::Paste(text) => form.paste(&text),
            FormAction::Preset(_) => {}
            FormAction::Submit => {
                let repair = form.build();
                let removed: Vec<String> = form.removed_agreements(&repair).iter().map(|a| a.text.clone()).collect();
                let label = format!("write in \"{}\"", repair.title);
                if commit(app, Change::ReplaceRepair(repair), label) {
                    app.overlay = Overlay::None;
                    if let Some(first) = removed.first() {
                        let what = if removed.len() == 1 {
                            format!("\"{first}\" is")
                        } else {
                            format!("{} agreements are", removed.len())
                        };
                        app.message = Some(format!(
                            "{what} removed (kept in the history, v); a commitment that tracked one stays until archived on Commitments"
                        ));
                    }
                }
            }
        },
        Overlay::Agreement(form) => match action {
            FormAction::NextField | FormAction::PreviousField => form.move_focus(),
            FormAction::Key(key) => form.field_mut().key(key),
            FormAction::Paste(text) => form.field_mut().paste(&text),
            FormAction::Preset(_) => {}
            FormAction::Submit => submit_agreement(app),
        },
        Overlay::Noticed(form) => match action {
            FormAction::Key(key) => form.word.key(key),
            FormAction::Paste(text) => form.word.paste(&text),
            FormAction::NextField | FormAction::PreviousField | FormAction::Preset(_) => {}
            FormAction::Submit => super::notice::submit_word(app),
        },
        Overlay::Settings(form) => match action {
            FormAction::NextField => form.move_focus(1),
            FormAction::PreviousField => form.move_focus(-1),
            FormAction::Key(key) => form.key(key),
            FormAction::Paste(text) => form.paste(&text),
            FormAction::Preset(_) => {}
            FormAction::Submit => submit_settings(app),
        },
        Overlay::CheckIn(form) => match action {
            FormAction::NextField | FormAction::PreviousField => form.move_focus(),
            FormAction::Key(key) => form.key(key),
            FormAction::Paste(text) => form.paste(&text),
            FormAction::Preset(_) => {}
            FormAction::Submit => submit_check_in(app),
        },
        _ => {}
    }
}

pub(super) fn submit_entry(app: &mut App) {
    let Overlay::Entry(form) = &app.overlay else {
        return;
    };
    // On a validation error the form stays open with every typed letter.
    let Ok(entry) = form.build(app.today, app.now, app.journal.settings.day_ends_at) else {
        app.message = Some("fix the field marked in red, or Esc to cancel".into());
        return;
    };
    // "10" is $10.00: past the largest preset, asked once.
    if form.needs_asking(&app.journal.settings).is_some() {
        let Overlay::Entry(form) = std::mem::replace(&mut app.overlay, Overlay::None) else { return };
        app.overlay = Overlay::ConfirmAmount(form);
        return;
    }
    let editing = form.editing.is_some();
    let betrayal = entry.kind == EntryKind::Wipe || entry.category == BETRAYAL;
    let label = format!("{} {} of {}", if editing { "edit" } else { "add" }, kind_word(entry.kind), entry.amount);
    let (date, id) = (entry.date, entry.id.clone());
    let change = if editing { Change::ReplaceEntry(entry) } else { Change::AddEntry(entry) };
    if commit(app, change, label) {
        app.overlay = Overlay::None;
        // Show the new or edited entry, selected.
        app.day = date;
        let due = app.due_commitments().len();
        app.selected = due + app.day_entries().iter().position(|e| e.id == id).unwrap_or(0);
        if !editing && betrayal {
            super::offer::ask(app, id);
        }
    }
}

fn submit_check_in(app: &mut App) {
    let Overlay::CheckIn(form) = &app.overlay else {
        return;
    };
    let Some(check_in) = form.build(app.now) else {
        app.message = Some("choose a rating from 1 to 5 first".into());
        return;
    };
    let label = format!("check-in of {}", check_in.date.format("%a %-d %b"));
    if commit(app, Change::SetCheckIn(check_in), label) {
        app.overlay = Overlay::None;
    }
}

fn submit_commitment(app: &mut App) {
    let Overlay::Commitment(form) = &mut app.overlay else { return };
    let id = Id::generate(app.now.timestamp_millis().max(0) as u64);
    let commitment = match form.build(id) {
        Ok(c) => c,
        Err(field) => {
            form.focus = field;
            app.message = Some(format!("check the field \"{}\", or Esc to cancel", field.label()));
            return;
        }
    };
    let editing = form.editing.is_some();
    let label = format!("{} \"{}\"", if editing { "edit" } else { "add" }, commitment.title);
    let id = commitment.id.clone();
    let change = if editing { Change::ReplaceCommitment(commitment) } else { Change::AddCommitment(commitment) };
    if commit(app, change, label) {
        app.overlay = Overlay::None;
        app.commitment_selected = app.commitment_list().iter().position(|c| c.id == id).unwrap_or(0);
    }
}

fn submit_repair(app: &mut App) {
    let Overlay::Repair(form) = &app.overlay else { return };
    let id = Id::generate(app.now.timestamp_millis().max(0) as u64);
    let Some(repair) = form.build(id, app.today) else {
        app.message = Some("name the injury and its date, or Esc to cancel".into());
        return;
    };
    let editing = form.editing.is_some();
    let label = format!("{} the repair \"{}\"", if editing { "edit" } else { "open" }, repair.title);
    let id = repair.id.clone();
    let change = if editing { Change::ReplaceRepair(repair) } else { Change::AddRepair(repair) };
    if commit(app, change, label) {
        app.overlay = Overlay::None;
        app.tab = Tab::Repair;
        app.repair_step = 0;
        app.repair_selected = app.repair_list().iter().position(|r| r.id == id).unwrap_or(0);
    }
}

fn submit_agreement(app: &mut App) {
    let Overlay::Agreement(form) = &app.overlay else { return };
    let millis = app.now.timestamp_millis().max(0) as u64;
    let ids = [Id::generate(millis), Id::generate(millis)];
    let Some((repair, commitment)) = form.build(ids, app.today, &app.journal.settings) else {
        app.message = Some("write the agreement and a schedule, or Esc to cancel".into());
        return;
    };
    let label = format!("agree \"{}\"", commitment.title);
    let change = Change::Batch(vec![Change::AddCommitment(commitment), Change::ReplaceRepair(repair)]);
    if commit(app, change, label) {
        app.overlay = Overlay::None;
        app.message = Some("agreed; its commitment is on the Commitments tab".into());
    }
}

fn submit_settings(app: &mut App) {
    let Overlay::Settings(form) = &mut app.overlay else { return };
    let (settings, people) = match form.build() {
        Ok(built) => built,
        Err(field) => {
            form.focus = field;
            app.message = Some(format!("check \"{}\", or Esc to cancel", field.label()));
            return;
        }
    };
    let (welcome, example, person) = (form.welcome, form.example, form.person);
    let mut changes = vec![Change::SetSettings(Box::new(settings.clone()))];
    if people != app.journal.people {
        changes.push(Change::SetPeople(Box::new(people)));
    }
    if welcome && example {
        let id = Id::generate(app.now.timestamp_millis().max(0) as u64);
        let c = crate::domain::outcome::new_commitment(
            id,
            "Say one thing I appreciate".into(),
            crate::domain::Schedule::Daily,
            app.today,
            settings.commitment_kept,
            settings.commitment_missed,
        );
        changes.push(Change::AddCommitment(c));
    }
    let label = if welcome { "welcome settings".to_string() } else { "settings".to_string() };
    if commit(app, Change::Batch(changes), label) {
        app.overlay = Overlay::None;
        app.week = app.week_of(app.today);
        // A shared computer switched who is at the keyboard: remembered.
        if person != app.me {
            super::who::choose(app, person);
        }
        if welcome {
            app.message = Some("welcome: a adds your first deposit; ? shows every key".into());
            // Whoever typed the names is the first person, on this computer.
            if app.keyboard == crate::keyboard::Source::Unknown {
                app.keyboard = crate::keyboard::Source::Device;
                app.remember = Some(app.me);
            }
        }
    }
}
