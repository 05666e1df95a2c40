//! `trustbank import FILE.csv [--dry-run]`: entries from the export's own
//! CSV. All or nothing: a bad row stops the import before anything is
//! saved; rows whose id is already in the journal are skipped.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::{CommandError, today, write_failed};
use crate::cli::ImportArgs;
use crate::domain::{Balances, Change, Entry, Id, Journal, validate};
use crate::export::csv::{self, Row};
use crate::storage::{self, Store};

pub(super) fn run(
    args: &ImportArgs,
    path: &Path,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let file = args.csv.display();
    let bytes = std::fs::read(&args.csv).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_string(),
            std::io::ErrorKind::IsADirectory => "it is a folder".to_string(),
            _ => e.to_string(),
        };
        CommandError(format!("cannot read {file}: {why}; nothing was imported"))
    })?;
    let rows = csv::read(&bytes).map_err(|e| CommandError(format!("{file}: {e}; nothing was imported")))?;

    let (store, mut journal) = if args.dry_run {
        (None, storage::load(path)?.journal)
    } else {
        let (store, loaded) = Store::open_here(path.to_path_buf())?;
        if let Some(reason) = store.read_only() {
            return Err(CommandError(format!("{} is read-only: {reason}; nothing was imported", path.display())));
        }
        (Some(store), loaded.journal)
    };
    let total = rows.len();
    // Imported now, by the person at the keyboard.
    let millis = now.timestamp_millis().max(0) as u64;
    let rows = rows.into_iter().map(|mut r| {
        r.entry.updated = millis;
        r
    });
    let (added, skipped) = merge(&mut journal, rows.collect(), &file.to_string())?;

    let n = |count: usize| if count == 1 { "1 entry".to_string() } else { format!("{count} entries") };
    let skipped_note = match skipped {
        0 => String::new(),
        1 => "; 1 was already in the journal and was skipped".to_string(),
        s => format!("; {s} were already in the journal and were skipped"),
    };
    let print = |out: &mut dyn Write, line: String| writeln!(out, "{line}").map_err(write_failed);

    if total == 0 {
        return print(out, format!("Nothing to import: {file} has a header but no entries."));
    }
    if added.is_empty() {
        let all = if total == 1 { "its 1 entry is".to_string() } else { format!("all {total} entries are") };
        return print(out, format!("Nothing to import: {all} already in the journal ({skipped} skipped)."));
    }
    if args.dry_run {
        for e in &added {
            print(out, format!("would add {}", describe(&journal, e)))?;
        }
        let skipped_note = skipped_note.replace("and were skipped", "and would be skipped");
        let skipped_note = skipped_note.replace("and was skipped", "and would be skipped");
        return print(
            out,
            format!("Would import {} from {file}{skipped_note}. Nothing was saved (dry run).", n(added.len())),
        );
    }
    if let Some(mut store) = store {
        // Saved as changes: if something else wrote the journal meanwhile,
        // the entries go onto that instead of over it.
        let changes = [Change::Batch(added.iter().cloned().map(Change::AddEntry).collect())];
        let today = today(&journal, now);
        store.commit(&mut journal, &changes, today)?;
        if let Some(warning) = store.take_warning() {
            eprintln!("trustbank: warning: {warning}");
        }
    }
    let balance = Balances::compute(&journal.entries).current();
    print(out, format!("Imported {} from {file}{skipped_note}. Balance: {balance}.", n(added.len())))
}

/// Adds the rows whose id is new to the journal; returns them (in ledger
/// order) and how many were skipped. The journal must stay sound, or
/// nothing is added.
fn merge(journal: &mut Journal, rows: Vec<Row>, file: &str) -> Result<(Vec<Entry>, usize), CommandError> {
    let known: HashSet<&Id> = journal.entries.iter().map(|e| &e.id).collect();
    let total = rows.len();
    // An entry posted by a commitment must name one of this journal's, or
    // the journal would not open again; say which line, as for a bad row.
    let commitments: HashSet<&Id> = journal.commitments.iter().map(|c| &c.id).collect();
    for row in rows.iter().filter(|r| !known.contains(&r.entry.id)) {
        if let Some(c) = row.entry.commitment.as_ref().filter(|c| !commitments.contains(c)) {
            return Err(CommandError(format!(
                "{file}: line {}: the entry names the commitment {c}, which this journal does not have; nothing was imported",
                row.line
            )));
        }
    }
    let mut added: Vec<Entry> = rows.into_iter().map(|r| r.entry).filter(|e| !known.contains(&e.id)).collect();
    let skipped = total - added.len();
    let mut merged = journal.clone();
    merged.entries.extend(added.iter().cloned());
    merged.normalize();
    if let Some(problem) = validate::problems(&merged).into_iter().next() {
        return Err(CommandError(format!("{file} cannot be imported: {problem}; nothing was imported")));
    }
    *journal = merged;
    added.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok((added, skipped))
}

/// `2026-11-20 +$0.10 positive interaction (Sam): made coffee`, on one line.
fn describe(journal: &Journal, e: &Entry) -> String {
    let amount = match e.kind {
        crate::domain::EntryKind::Deposit => format!("+{}", e.amount),
        crate::domain::EntryKind::Withdrawal => format!("-{}", e.amount),
        crate::domain::EntryKind::Wipe => "wipe".to_string(),
    };
    let mut line = format!("{} {amount} {} ({})", e.date, e.category, journal.people.name(e.who));
    let note: Vec<&str> = e.note.split_whitespace().collect();
    if !note.is_empty() {
        line.push_str(": ");
        line.push_str(&note.join(" "));
    }
    line
}
