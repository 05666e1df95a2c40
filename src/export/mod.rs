//! Data out and in (issue 9): the journal as CSV, JSON or a Markdown report
//! by week, and entries read back from the export's own CSV.
//!
//! Everything here is pure: text in, text out. The commands in
//! `crate::commands` read the journal, pick "today" and print.

pub mod csv;
pub mod markdown;

use chrono::NaiveDate;

use crate::domain::Journal;

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
    // The journal is plain data with string keys; serialization cannot fail.
    let mut text = serde_json::to_string_pretty(&restrict(journal, range)).unwrap_or_default();
    text.push('\n');
    text
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
