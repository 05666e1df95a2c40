//! The command line (SPEC §7): global flags and the commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::report::ReportFormat;

/// A trust-balance journal for couples rebuilding trust. Without a command,
/// opens the app on the journal.
#[derive(Debug, Parser)]
#[command(name = "trustbank", version, about, long_about = None)]
pub struct Cli {
    /// The journal file (default: $TRUSTBANK_FILE, then journal.ron in the
    /// data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Open the app on a generated year of demo data in a temporary file
    /// (your journal is never opened).
    #[arg(long, conflicts_with = "file")]
    pub demo: bool,

    /// Draw without colours (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Who is at the keyboard for this run: a person's name (any case), or
    /// A or B (default: $TRUSTBANK_AS, then what this computer remembers).
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub as_name: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a deposit or withdrawal from the shell.
    Add(AddArgs),
    /// Print the weekly review.
    Week(WeekArgs),
    /// One line for a shell prompt: balance, this week's net, today's check-in.
    Status,
    /// Check the journal; exit 0 if sound, 1 with the problem otherwise.
    Check,
    /// Print the journal's path.
    Path,
    /// Print every change made in a range of days: what was written, changed, removed and noticed, by whom and when.
    History(HistoryArgs),
    /// Write the journal to standard output as CSV, JSON or a Markdown report by week.
    Export(ExportArgs),
    /// Add entries from a CSV file in the export's own format; entries already in the journal are skipped.
    Import(ImportArgs),
    /// Merge another copy of this journal into it (a copy from another computer or a sync tool's conflict copy).
    Merge(MergeArgs),
    /// Git's merge driver for the journal: merge OURS and THEIRS, from their common BASE, into OURS (git runs it as `trustbank merge-driver %O %A %B`).
    MergeDriver(MergeDriverArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell or elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to standard output.
    Man,
    /// Open the app on the demo journal (as --demo does), or with --write keep the demo journal in a file to explore again.
    Demo(DemoArgs),
}

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Write the demo journal to PATH instead of opening it; a file that exists there is never overwritten.
    #[arg(long, value_name = "PATH")]
    pub write: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The other copy; it is only read, never changed.
    pub other: PathBuf,
}

/// The three files git passes a merge driver: `%O %A %B`.
#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The common ancestor (git's %O; an empty file when both branches added the journal).
    pub base: PathBuf,
    /// Our version (git's %A): the merge is written into it.
    pub ours: PathBuf,
    /// Their version (git's %B); only read.
    pub theirs: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AddKind {
    Deposit,
    Withdrawal,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// deposit or withdrawal.
    pub kind: AddKind,
    /// Like 10c, 25¢, $1, 1.50, or wipe (withdrawals only).
    #[arg(allow_hyphen_values = true)]
    pub amount: String,
    /// What happened, in a few words.
    pub note: Option<String>,
    /// A category from the settings (a unique start is enough).
    #[arg(long, short)]
    pub category: Option<String>,
    /// me (the person at the keyboard, see --as), partner, or a name (default: me).
    #[arg(long, short, default_value = "me", hide_default_value = true)]
    pub who: String,
    /// The journal day, YYYY-MM-DD, "today" or "yesterday" (default: today).
    #[arg(long, short)]
    pub date: Option<String>,
    /// When it happened on that day, like 21:30 or 9pm; a time before the
    /// day's end (04:00 by default) is the night after (default: now today,
    /// 21:00 on a past day).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct WeekArgs {
    /// Any day of the week to review (default: this week).
    #[arg(long, short)]
    pub date: Option<String>,
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The first journal day to include: YYYY-MM-DD, today or yesterday (default: the first day of this week).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last journal day to include: YYYY-MM-DD, today or yesterday (default: today).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

/// The formats of `trustbank export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per entry, with a header (the format `trustbank import` reads).
    Csv,
    /// The whole journal, with the RON file's field names.
    Json,
    /// A readable report by week, for printing.
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// csv (one row per entry), json (the whole journal) or markdown (a report by week).
    #[arg(long, short, value_enum)]
    pub format: ExportFormat,
    /// The first journal day to include: YYYY-MM-DD, today or yesterday (default: the first one written down).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last journal day to include: YYYY-MM-DD, today or yesterday (default: the last one written down).
    /// Markdown always covers whole weeks.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A CSV file as written by `trustbank export --format csv`.
    // Not named `file`: that id is the global `--file` flag's.
    #[arg(value_name = "FILE.csv")]
    pub csv: PathBuf,
    /// Show what would be added, and save nothing.
    #[arg(long, short = 'n')]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
