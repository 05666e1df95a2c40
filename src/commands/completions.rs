//! `trustbank completions SHELL` and `trustbank man`: both print to
//! standard output, generated from the command line's own definition.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::CommandError;
use super::export::emit;
use crate::cli::Cli;

pub(super) fn completions(shell: Shell, out: &mut dyn Write) -> Result<(), CommandError> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "trustbank", &mut script);
    emit(out, &script)
}

pub(super) fn man(out: &mut dyn Write) -> Result<(), CommandError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| CommandError(format!("cannot write the manual page: {e}")))?;
    emit(out, &page)
}
