//! The real `trustbank` binary, run as a shell user would.

use std::path::Path;

use assert_cmd::Command;

/// The "now" the binary is pinned to: Thu 26 Nov 2026, 21:00 +01:00.
pub const NOW: &str = "2026-11-26T21:00:00+01:00";

/// The binary with "now" pinned to [`NOW`], no journal and no person at
/// the keyboard from the environment, the device folders beside `file`
/// (never the real home), and `--file file`.
pub fn trustbank(file: &Path) -> Command {
    let mut cmd = Command::cargo_bin("trustbank").expect("binary built");
    let devices = file.parent().unwrap_or(Path::new(".")).join("devices");
    cmd.env("TRUSTBANK_NOW", NOW)
        .env_remove("TRUSTBANK_FILE")
        .env_remove("TRUSTBANK_AS")
        .env("TRUSTBANK_DEVICE_DIR", devices)
        .arg("--file")
        .arg(file);
    cmd
}

/// What a command that must succeed prints on stdout.
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The one plain sentence a failing command prints.
pub fn stderr_of_failure(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(!out.status.success(), "should fail: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(err.starts_with("trustbank: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one plain sentence: {err}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    err
}
