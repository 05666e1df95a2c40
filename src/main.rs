use std::process::ExitCode;

use clap::Parser;
use trustbank::cli::Cli;
use trustbank::storage::path::{FILE_ENV, resolve};
use trustbank::{clock, commands};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("trustbank: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let path = resolve(cli.file.clone(), std::env::var_os(FILE_ENV)).map_err(|e| e.to_string())?;
    match &cli.command {
        Some(command) => {
            let mut out = std::io::stdout().lock();
            commands::run(command, &path, clock::now(), &mut out).map_err(|e| e.0)
        }
        None => Err(
            "the full-screen app is not in this build yet; see `trustbank --help` for the commands"
                .into(),
        ),
    }
}
