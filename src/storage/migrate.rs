//! Reading older file formats: a version 1 file (one person's journal) is
//! brought to version 2 in memory; the file is rewritten only by the next
//! save, after a copy of it is kept (see [`super::backup::keep_before`]).

use crate::domain::{FORMAT_VERSION, Id, Journal, OutcomeRecord, People, Person};

/// Brings a journal read from a version 1 file to version 2. `Me` became
/// `A`, `Partner` became `B` as it was read; the names move from the
/// settings to the people. Everything in the file was written by the one
/// person who used it, `A`. The journal's id comes from its oldest record,
/// so two computers migrating copies of one journal agree on it; a journal
/// with no record yet gets its id at its first save.
pub fn from_v1(mut journal: Journal) -> Journal {
    journal.version = FORMAT_VERSION;
    if let Some(names) = journal.settings.legacy_names.take() {
        journal.people = People::new(&names.me, &names.partner);
    }
    let millis = |at: &chrono::DateTime<chrono::FixedOffset>| at.timestamp_millis().max(0) as u64;
    for e in &mut journal.entries {
        e.by = Person::A;
        e.updated = millis(&e.at);
    }
    for c in &mut journal.check_ins {
        c.by = Person::A;
        c.updated = millis(&c.at);
    }
    let posted: foldhash::HashMap<Id, u64> = journal.entries.iter().map(|e| (e.id.clone(), e.updated)).collect();
    for o in &mut journal.outcomes {
        o.id = OutcomeRecord::id_for(&o.commitment, o.date);
        o.by = Person::A;
        o.updated = o.entry.as_ref().and_then(|e| posted.get(e)).copied().unwrap_or(0);
    }
    if journal.id.0.is_empty() {
        let oldest = journal.ids().filter(|id| !id.0.is_empty()).min().cloned();
        journal.id = oldest.map(|id| Id(format!("J{id}"))).unwrap_or_default();
    }
    journal
}
