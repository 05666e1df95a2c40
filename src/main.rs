use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use trustbank::cli::{Cli, Command};
use trustbank::storage::path::{FILE_ENV, resolve};
use trustbank::ui::Theme;
use trustbank::{clock, commands, keyboard, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Not eprintln!: with the terminal gone it would panic.
            let _ = writeln!(std::io::stderr(), "trustbank: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let no_color = Theme::no_color(cli.no_color, std::env::var_os("NO_COLOR").as_deref());
    let demo_app = matches!(&cli.command, Some(Command::Demo(args)) if args.write.is_none());
    if cli.demo || demo_app {
        return tui::run_demo(no_color);
    }
    let path = resolve(cli.file.clone(), std::env::var_os(FILE_ENV)).map_err(|e| e.to_string())?;
    let named = keyboard::named(cli.as_name.as_deref(), std::env::var_os(keyboard::AS_ENV));
    match &cli.command {
        Some(command) => {
            let mut out = std::io::stdout().lock();
            commands::run(command, &path, clock::now_to_the_millisecond(), named.as_ref(), &mut out).map_err(|e| e.0)
        }
        None => tui::run(path, no_color, named.as_ref()),
    }
}
