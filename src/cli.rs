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
    /// me or partner.
    #[arg(long, short, default_value = "me")]
    pub who: String,
    /// The journal day, YYYY-MM-DD, "today" or "yesterday" (default: today).
    #[arg(long, short)]
    pub date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct WeekArgs {
    /// Any day of the week to review (default: this week).
    #[arg(long, short)]
    pub date: Option<String>,
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: ReportFormat,
}
