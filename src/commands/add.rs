//! `trustbank add deposit|withdrawal AMOUNT [NOTE]`.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, SubsecRound};

use super::{CommandError, at_keyboard, parse_date, today, write_failed};
use crate::cli::{AddArgs, AddKind};
use crate::domain::limits;
use crate::domain::settings::BETRAYAL;
use crate::domain::{
    AmountInput, Balances, Change, Entry, EntryKind, Id, Journal, Person, Settings, parse_amount, validate,
};
use crate::storage::Store;

pub(super) fn run(
    args: &AddArgs,
    path: &Path,
    now: DateTime<FixedOffset>,
    named: Option<&crate::keyboard::Named>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let (mut store, loaded) = Store::open_here(path.to_path_buf())?;
    let mut journal = loaded.journal;
    let me = at_keyboard(&journal, named)?;
    let today = today(&journal, now);
    let entry = add(&mut journal, args, now, today, me)?;
    // Saved as a change: if the app (or another add) wrote the journal since
    // it was read, the entry goes onto that instead of over it.
    store.commit(&mut journal, &[Change::AddEntry(entry.clone())], today)?;
    if let Some(warning) = store.take_warning() {
        eprintln!("trustbank: warning: {warning}");
    }
    let balance = Balances::compute(&journal.entries).current();
    let what = match entry.kind {
        EntryKind::Deposit => format!("a deposit of {}", entry.amount),
        EntryKind::Withdrawal => format!("a withdrawal of {}", entry.amount),
        EntryKind::Wipe => "a wipe".to_string(),
    };
    writeln!(
        out,
        "Added {what} ({}) on {} at {}. Balance: {balance}.",
        entry.category,
        entry.date.format("%a %-d %b %Y"),
        entry.at.format("%H:%M")
    )
    .map_err(write_failed)
}

/// Builds the entry the arguments describe, written by `me` (the person at
/// the keyboard), and adds it to the journal.
pub fn add(
    journal: &mut Journal,
    args: &AddArgs,
    now: DateTime<FixedOffset>,
    today: NaiveDate,
    me: Person,
) -> Result<Entry, CommandError> {
    let millis = now.timestamp_millis().max(0) as u64;
    let now = now.trunc_subsecs(0);
    let withdrawal = args.kind == AddKind::Withdrawal;
    let (kind, amount) = match parse_amount(&args.amount).map_err(|e| CommandError(e.to_string()))? {
        AmountInput::Wipe if !withdrawal => {
            return Err(CommandError("a wipe is a withdrawal; use `trustbank add withdrawal wipe`".into()));
        }
        AmountInput::Wipe => (EntryKind::Wipe, Default::default()),
        AmountInput::Cents(a) if withdrawal => (EntryKind::Withdrawal, a),
        AmountInput::Cents(a) => (EntryKind::Deposit, a),
    };
    let date = match &args.date {
        Some(text) => parse_date(text, today)?,
        None => today,
    };
    if date > today {
        return Err(CommandError(format!("{date} is in the future; entries are for today or earlier")));
    }
    let day_ends_at = journal.settings.day_ends_at;
    let at = match &args.at {
        Some(text) => {
            let time = crate::domain::parse_time(text).map_err(|e| CommandError(e.to_string()))?;
            let at = crate::domain::moment_on(date, time, *now.offset(), day_ends_at)
                .ok_or_else(|| CommandError(format!("{date} at {text} cannot be written down")))?;
            if at > now {
                return Err(CommandError(format!(
                    "{} on {} has not come yet; entries are for now or earlier",
                    text.trim(),
                    date.format("%a %-d %b")
                )));
            }
            at
        }
        None => crate::domain::default_moment(date, now, day_ends_at),
    };
    let who = journal.people.parse(&args.who, me).ok_or_else(|| {
        let (a, b) = (journal.people.name(Person::A), journal.people.name(Person::B));
        CommandError(format!("\"{}\" is not me, partner, {a} or {b}", args.who))
    })?;
    let category = match &args.category {
        Some(c) => find_category(&journal.settings, withdrawal, c)?,
        None => default_category(&journal.settings, kind),
    };
    let note = args.note.clone().unwrap_or_default();
    // Refused, not cleaned: the shell user sees the sentence and can fix
    // the text, where a quiet change would store something not typed.
    if let Some(problem) = limits::text_problem(&note) {
        return Err(CommandError(format!("the note {problem}; nothing was added")));
    }
    let id = Id::generate(millis);
    let entry = Entry { id, date, at, kind, amount, category, who, note, commitment: None, by: me, updated: millis };
    journal.insert_entry(entry.clone());
    // The loader's own checks: never save a file it would refuse to open.
    if let Some(problem) = validate::problems(journal).into_iter().next() {
        journal.remove_entry(&entry.id);
        return Err(CommandError(format!("nothing was added, as the journal could not be opened again: {problem}")));
    }
    Ok(entry)
}

/// The category a quick entry gets: the first of its kind, or "betrayal"
/// for a wipe when the settings have it.
pub fn default_category(settings: &Settings, kind: EntryKind) -> String {
    let list = settings.categories(kind.is_withdrawal());
    if kind == EntryKind::Wipe
        && let Some(c) = list.iter().find(|c| c.as_str() == BETRAYAL)
    {
        return c.clone();
    }
    settings.default_category(kind.is_withdrawal())
}

/// A category by its name or a unique start of it, ignoring case.
fn find_category(settings: &Settings, withdrawal: bool, typed: &str) -> Result<String, CommandError> {
    let list = settings.categories(withdrawal);
    let typed_lower = typed.trim().to_lowercase();
    if let Some(exact) = list.iter().find(|c| c.to_lowercase() == typed_lower) {
        return Ok(exact.clone());
    }
    let matches: Vec<&String> = list.iter().filter(|c| c.to_lowercase().starts_with(&typed_lower)).collect();
    let kind = if withdrawal { "withdrawal" } else { "deposit" };
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [first, rest @ ..] if !rest.is_empty() => {
            let others: Vec<String> = rest.iter().map(|c| format!("\"{c}\"")).collect();
            Err(CommandError(format!(
                "\"{typed}\" starts {} {kind} categories, \"{first}\" and {}; type more of the one you mean",
                matches.len(),
                others.join(" and ")
            )))
        }
        _ => Err(CommandError(format!(
            "\"{typed}\" is not a {} category; choose one of: {}",
            if withdrawal { "withdrawal" } else { "deposit" },
            list.join(", ")
        ))),
    }
}
