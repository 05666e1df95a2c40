//! Issue 14 point 5: the draft of every form. What a form holds when the
//! app is stopped from outside becomes a draft, and the draft reopens as the
//! same form with the same text; an untouched form keeps none.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustbank::app::Overlay;
use trustbank::app::commitment_form::{CommitmentField, CommitmentForm};
use trustbank::app::draft::FormDraft;
use trustbank::app::form::{CheckInForm, EntryField, EntryForm};
use trustbank::app::repair_form::{AgreementForm, RepairForm, StepForm};
use trustbank::app::settings_form::SettingsForm;
use trustbank::domain::limits::MAX_TEXT_BYTES;
use trustbank::domain::outcome::new_commitment;
use trustbank::domain::{Amount, Entry, EntryKind, Id, Journal, Person, Repair, Schedule};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("a day")
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("a time")
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// A journal with one entry, one commitment and one repair to edit.
fn journal() -> Journal {
    let mut j = Journal::default();
    j.insert_entry(Entry {
        id: Id("01JDRAFTENTRY0000000000000".into()),
        date: day(),
        at: now(),
        kind: EntryKind::Withdrawal,
        amount: Amount(100),
        category: "broken promise".into(),
        who: Person::B,
        note: "late again".into(),
        commitment: None,
        by: Person::A,
        updated: 0,
    });
    j.commitments.push(new_commitment(
        Id("01JDRAFTCOMMIT000000000000".into()),
        "walk together".into(),
        Schedule::Daily,
        day(),
        Amount(10),
        Amount(10),
    ));
    j.repairs.push(Repair::new(Id("01JDRAFTREPAIR000000000000".into()), "the missed dinner".into(), day(), None));
    j
}

/// One form of each kind, as it opens, and with something typed in it.
fn forms(j: &Journal) -> Vec<(Overlay, Overlay)> {
    let s = &j.settings;
    let repair = &j.repairs[0];
    let mut out = Vec::new();

    let fresh = EntryForm::new(false, day(), s, Person::A);
    let mut typed = fresh.clone();
    typed.paste("made tea\u{1F375}");
    typed.move_focus(1);
    typed.choose_preset(2, s);
    typed.move_focus(1);
    typed.key(key(' '), s);
    typed.move_focus(1);
    typed.key(key(' '), s);
    out.push((Overlay::Entry(Box::new(fresh)), Overlay::Entry(Box::new(typed))));

    let fresh = EntryForm::edit(&j.entries[0], *now().offset());
    let mut typed = fresh.clone();
    typed.note.set("late again, and sorry");
    typed.focus = EntryField::Time;
    out.push((Overlay::Entry(Box::new(fresh)), Overlay::Entry(Box::new(typed))));

    let fresh = CheckInForm::new(day(), Person::A, None);
    let mut typed = fresh.clone();
    typed.key(key('4'));
    typed.paste("we laughed\nat the same joke");
    out.push((Overlay::CheckIn(Box::new(fresh)), Overlay::CheckIn(Box::new(typed))));

    let fresh = CommitmentForm::new(day(), s);
    let mut typed = fresh.clone();
    typed.paste("call at lunch");
    typed.move_focus(1);
    typed.schedule.set("mon, wed, fri");
    out.push((Overlay::Commitment(Box::new(fresh)), Overlay::Commitment(Box::new(typed))));

    let fresh = CommitmentForm::edit(&j.commitments[0], day());
    let mut typed = fresh.clone();
    typed.note.set("after dinner");
    typed.focus = CommitmentField::From;
    out.push((Overlay::Commitment(Box::new(fresh)), Overlay::Commitment(Box::new(typed))));

    let fresh = RepairForm::new("", day(), None);
    let mut typed = fresh.clone();
    typed.field_mut().paste("the phone call");
    typed.move_focus();
    out.push((Overlay::Repair(Box::new(fresh)), Overlay::Repair(Box::new(typed))));

    for step in [0, 1] {
        let fresh = StepForm::new(repair, step, Person::A);
        let mut typed = fresh.clone();
        typed.move_focus(1);
        typed.paste("I felt small\nand unheard");
        typed.move_focus(-1);
        out.push((Overlay::Step(Box::new(fresh)), Overlay::Step(Box::new(typed))));
    }

    let fresh = AgreementForm::new(repair);
    let mut typed = fresh.clone();
    typed.field_mut().paste("phone if late");
    out.push((Overlay::Agreement(Box::new(fresh)), Overlay::Agreement(Box::new(typed))));

    let fresh = trustbank::app::notice::WordForm::new(j, &j.entries[0], Person::A);
    let mut typed = fresh.clone();
    typed.word.paste("it meant a lot");
    out.push((Overlay::Noticed(Box::new(fresh)), Overlay::Noticed(Box::new(typed))));

    for welcome in [true, false] {
        let fresh = SettingsForm::new(s, &j.people, Person::A, welcome);
        let mut typed = fresh.clone();
        typed.paste("Ana");
        typed.move_focus(1);
        typed.paste("Ben");
        typed.move_focus(1);
        typed.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        out.push((Overlay::Settings(Box::new(fresh)), Overlay::Settings(Box::new(typed))));
    }
    out
}

#[test]
fn an_untouched_form_keeps_no_draft_and_nothing_else_does() {
    let j = journal();
    for (fresh, _) in forms(&j) {
        assert_eq!(FormDraft::of(&fresh), None, "{fresh:?}");
    }
    assert_eq!(FormDraft::of(&Overlay::None), None);
    assert_eq!(FormDraft::of(&Overlay::Help { scroll: 0 }), None);
}

#[test]
fn every_form_comes_back_from_its_draft_as_it_was_and_keeps_a_draft_again() {
    let j = journal();
    for (_, typed) in forms(&j) {
        let draft = FormDraft::of(&typed).unwrap_or_else(|| panic!("no draft of {typed:?}"));
        let (reopened, said) = draft.reopen(&j, day(), *now().offset(), Person::A).expect("reopens");
        assert_eq!(said, None);
        assert_eq!(reopened, typed, "{}", draft.title());
        // Still what was typed, not what the form opened with: stopped
        // again, it is kept again.
        assert_eq!(FormDraft::of(&reopened), Some(draft));
    }
}

#[test]
fn the_offer_names_the_form_and_its_first_words() {
    let j = journal();
    let forms = forms(&j);
    let titles: Vec<String> = forms.iter().filter_map(|(_, t)| FormDraft::of(t)).map(|d| d.title()).collect();
    assert_eq!(
        titles,
        [
            "New deposit",
            "Edit withdrawal",
            "Check-in of Thu 26 Nov",
            "New commitment",
            "Edit commitment",
            "New repair",
            "Step 1 of a repair",
            "Step 2 of a repair",
            "New agreement",
            "Noticed",
            "Welcome",
            "Settings"
        ]
    );
    let check_in = FormDraft::of(&forms[2].1).expect("a draft");
    assert_eq!(check_in.preview(40), "we laughed…");
    assert_eq!(check_in.preview(6), "we la…");
    let entry = FormDraft::of(&forms[0].1).expect("a draft");
    assert_eq!(entry.preview(40), "made tea\u{1F375}");
}

#[test]
fn a_draft_whose_record_is_gone_reopens_as_new_or_says_why_not() {
    let j = journal();
    let forms = forms(&j);
    let edit = FormDraft::of(&forms[1].1).expect("a draft");
    let step = FormDraft::of(&forms[6].1).expect("a draft");
    let empty = Journal::default();
    let (reopened, said) = edit.reopen(&empty, day(), *now().offset(), Person::A).expect("reopens as new");
    let Overlay::Entry(form) = reopened else { panic!("{reopened:?}") };
    assert!(form.editing.is_none());
    assert_eq!(form.note.text(), "late again, and sorry");
    assert!(said.is_some_and(|s| s.contains("deleted since")));
    let err = step.reopen(&empty, day(), *now().offset(), Person::A).expect_err("no repair");
    assert_eq!(err, "the repair it was written in is gone");
}

#[test]
fn a_draft_holding_more_than_a_text_may_is_refused() {
    let j = journal();
    let mut draft = FormDraft::of(&forms(&j)[0].1).expect("a draft");
    if let FormDraft::Entry { note, .. } = &mut draft {
        *note = "x".repeat(MAX_TEXT_BYTES + 1);
    }
    let err = draft.reopen(&j, day(), *now().offset(), Person::A).expect_err("too long");
    assert!(err.contains("more than a text holds"), "{err}");
}

fn offered(read_only: Option<String>) -> (trustbank::app::App, trustbank::app::draft::Draft) {
    let j = journal();
    let form = FormDraft::of(&forms(&j)[0].1).expect("a draft");
    let draft = trustbank::app::draft::Draft { kept_at: now(), form };
    let mut app = trustbank::app::App::new(j, now(), read_only);
    trustbank::app::update(&mut app, trustbank::app::Action::DraftFound(Box::new(draft.clone())));
    (app, draft)
}

#[test]
fn an_offered_draft_reopens_with_y_and_goes_with_n_and_waits_while_read_only() {
    use trustbank::app::{Action, update};
    let (mut app, draft) = offered(None);
    assert_eq!(app.overlay, Overlay::OfferDraft(Box::new(draft.clone())));
    update(&mut app, Action::Confirm);
    assert_eq!(FormDraft::of(&app.overlay), Some(draft.form.clone()));
    assert!(app.draft_settled, "its file may go");

    let (mut app, _) = offered(None);
    update(&mut app, Action::Close);
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.draft_settled);
    assert_eq!(app.message.as_deref(), Some("the draft was discarded"));

    let (app, _) = offered(Some("a newer trustbank wrote it".into()));
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.draft_settled, "kept for a start that may write");
    assert!(app.message.as_deref().is_some_and(|m| m.contains("waits beside the journal")), "{:?}", app.message);
}
