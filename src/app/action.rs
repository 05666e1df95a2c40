//! Everything that can happen to the app: the closed set `update` handles.

use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;

use super::Tab;
use super::draft::Draft;
use crate::domain::replay::CameIn;
use crate::domain::{Journal, Outcome, Person};

/// A user's intent, or an event from the outside (clock, writer, size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    NextTab,
    PreviousTab,
    SelectTab(Tab),
    ToggleHelp,
    /// Scroll the help overlay by this many lines.
    ScrollHelp(i16),
    /// Close the overlay on top (help, a form, a question).
    Close,
    /// The previous day (Today, Commitments) or week (Balance).
    PreviousDay,
    NextDay,
    /// The chart's previous (`[`) or next (`]`) range.
    NarrowerRange,
    WiderRange,
    GoToToday,
    SelectNext,
    SelectPrevious,
    /// The first or last line of the tab's list (`g`/`Home`, `G`/`End`).
    SelectFirst,
    SelectLast,
    /// A page of lines down or up (`PageDown`, `PageUp`).
    PageDown,
    PageUp,
    /// Select a line by its place in the tab's list (a mouse click).
    SelectRow(usize),
    AddDeposit,
    AddWithdrawal,
    EditSelected,
    DeleteSelected,
    /// Marks the selected entry noticed, or takes the mark back.
    ToggleNoticed,
    /// Notice the selected entry with a short word, or change the word.
    NoticeWithWord,
    /// Show or hide the Balance chart's "noticed only" line.
    ToggleNoticedLine,
    /// Shows the history of the selected entry and the day's removed ones.
    ShowHistory,
    WriteCheckIn,
    /// Set the selected commitment's outcome for the viewed day (the same
    /// outcome again clears it).
    Mark(Outcome),
    NewCommitment,
    NewRepair,
    /// Add an agreement to the selected repair (step 3).
    AddAgreement,
    /// Close the selected repair, or reopen it.
    ToggleClosed,
    OpenSettings,
    /// Archive the selected commitment, or bring it back.
    ToggleArchive,
    Undo,
    Redo,
    /// "Yes" to the question on screen.
    Confirm,
    /// Something for the open form.
    Form(FormAction),
    /// The clock moved on (sent by the event loop; the app never reads it).
    Tick(DateTime<FixedOffset>),
    /// How long the app has been running, by a clock that never jumps or
    /// stands still (sent before each key): questions that have just come
    /// up tell keys typed before them from their answers by it.
    Uptime(std::time::Duration),
    /// The writer finished saving revision `revision`.
    Saved {
        revision: u64,
    },
    /// The writer failed to save `revision`; it keeps retrying.
    SaveFailed {
        revision: u64,
        error: String,
    },
    /// The file changed outside: the writer's journal with every change up
    /// to `revision` on it (see [`crate::storage::writer::SaveEvent::CameIn`]).
    CameIn {
        revision: u64,
        journal: Box<Journal>,
        came_in: Box<CameIn>,
    },
    /// The journal may not be written now, and why.
    TurnedReadOnly(String),
    /// It may be written again.
    Writable,
    /// Something to tell in the footer that needs no answer.
    Warn(String),
    /// A termination signal, or the terminal is gone: quit as `q` would,
    /// without a question.
    Terminate,
    /// At the start: a draft kept when the app was last stopped from
    /// outside.
    DraftFound(Box<Draft>),
    /// This person is at the keyboard (the answer to "Who is using this
    /// computer?").
    ChooseMe(Person),
}

impl Action {
    /// Whether this key would change the journal: a read-only app does not
    /// offer it in the footer (it says why when pressed anyway).
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Action::AddDeposit
                | Action::AddWithdrawal
                | Action::EditSelected
                | Action::DeleteSelected
                | Action::ToggleNoticed
                | Action::NoticeWithWord
                | Action::WriteCheckIn
                | Action::Mark(_)
                | Action::NewCommitment
                | Action::NewRepair
                | Action::AddAgreement
                | Action::ToggleClosed
                | Action::ToggleArchive
                | Action::Undo
                | Action::Redo
        )
    }
}

/// What a key does inside a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormAction {
    NextField,
    PreviousField,
    /// Save the form (Enter; on a multi-line note, Ctrl-s or Alt-Enter).
    Submit,
    /// Choose the n-th amount preset (Alt-1…Alt-4).
    Preset(usize),
    /// A key for the focused field: text editing, or ←/→ on a picker.
    Key(KeyEvent),
    /// Text pasted into the focused field.
    Paste(String),
}
