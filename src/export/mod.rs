//! Data out and in (issue 9): the journal as CSV, JSON or a Markdown report
//! by week, and entries read back from the export's own CSV.
//!
//! Everything here is pure: text in, text out. The commands in
//! `crate::commands` read the journal, pick "today" and print.

pub mod csv;
pub mod markdown;

use chrono::NaiveDate;

use crate::domain::history::versions_of;
use crate::domain::{Entry, Id, Journal, Noticed, Version};

/// A range of journal days, both ends included; an open end takes
/// everything on that side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    pub fn contains(self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date <= to)
    }

    /// True when neither end is set (the whole journal).
    pub fn is_all(self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// The journal with only the entries, outcomes and check-ins whose journal
/// day lies in `range`. Settings, commitments and repairs are kept whole:
/// they give the dated records their meaning.
pub fn restrict(journal: &Journal, range: DateRange) -> Journal {
    if range.is_all() {
        return journal.clone();
    }
    Journal {
        version: journal.version,
        id: journal.id.clone(),
        people: journal.people.clone(),
        settings: journal.settings.clone(),
        entries: journal.entries.iter().filter(|e| range.contains(e.date)).cloned().collect(),
        commitments: journal.commitments.clone(),
        outcomes: journal.outcomes.iter().filter(|o| range.contains(o.date)).cloned().collect(),
        check_ins: journal.check_ins.iter().filter(|c| range.contains(c.date)).cloned().collect(),
        repairs: journal.repairs.clone(),
        noticed: journal.noticed.clone(),
        removed: journal.removed.clone(),
        versions: journal.versions.clone(),
    }
}

/// The journal (restricted to `range`) as pretty JSON. The field names are
/// the RON file's field names, so they are as stable as the file format.
pub fn json(journal: &Journal, range: DateRange) -> String {
    let restricted = restrict(journal, range);
    // The journal is plain data with string keys; serialization cannot fail.
    let mut value = serde_json::to_value(&restricted).unwrap_or_default();
    let noticed = crate::domain::noticed::by_entry(&journal.noticed);
    if let Some(entries) = value.get_mut("entries").and_then(serde_json::Value::as_array_mut) {
        for (e, json) in restricted.entries.iter().zip(entries) {
            if let Some(fields) = json.as_object_mut() {
                let of = noticed.get(&e.id).map_or(&[][..], Vec::as_slice);
                fields.insert("noticed".into(), serde_json::to_value(of).unwrap_or_default());
                fields.insert("history".into(), serde_json::to_value(earlier(journal, &e.id)).unwrap_or_default());
            }
        }
    }
    if let Some(fields) = value.as_object_mut() {
        fields.insert("removed_entries".into(), removed_entries(journal, range));
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The versions the history keeps of the entry `id`, oldest first.
fn earlier<'a>(journal: &'a Journal, id: &Id) -> Vec<&'a Entry> {
    let mut all: Vec<&Entry> = versions_of(journal, id)
        .iter()
        .filter_map(|v| if let Version::Entry(e) = v { Some(e) } else { None })
        .collect();
    all.sort_by_key(|e| e.updated);
    all
}

/// The entries of `range` that were removed: each tombstone with the last
/// version, the versions before it, and the "noticed" it took along.
fn removed_entries(journal: &Journal, range: DateRange) -> serde_json::Value {
    let mut out = Vec::new();
    let live: std::collections::HashSet<&Id> = journal.entries.iter().map(|e| &e.id).collect();
    let mut seen: Option<&Id> = None;
    for v in &journal.versions {
        // Versions are kept in the order of their record's id: one look each.
        let Version::Entry(e) = v else { continue };
        if seen == Some(&e.id) || live.contains(&e.id) {
            continue;
        }
        seen = Some(&e.id);
        let Some(tomb) = journal.removed.iter().filter(|r| r.id == e.id).max_by_key(|r| r.at) else { continue };
        let mut versions = earlier(journal, &e.id);
        let Some(last) = versions.pop().filter(|last| range.contains(last.date)) else { continue };
        let noticed: Vec<&Noticed> = journal
            .versions
            .iter()
            .filter_map(|v| if let Version::Noticed(n) = v { Some(n) } else { None })
            .filter(|n| n.entry == e.id)
            .collect();
        out.push(serde_json::json!({ "removed": tomb, "last": last, "history": versions, "noticed": noticed }));
    }
    serde_json::Value::Array(out)
}

/// The first and last journal day anything was written down for (entries,
/// outcomes, check-ins, injuries), widened to include `today`.
pub fn span(journal: &Journal, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let dates = journal
        .entries
        .iter()
        .map(|e| e.date)
        .chain(journal.outcomes.iter().map(|o| o.date))
        .chain(journal.check_ins.iter().map(|c| c.date))
        .chain(journal.repairs.iter().map(|r| r.injury_date));
    dates.fold((today, today), |(first, last), d| (first.min(d), last.max(d)))
}
