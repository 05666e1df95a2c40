//! Two real Syncthing instances on loopback (`scripts/syncthing-pair`)
//! keep two folders in sync, as two partners' computers would. The app is
//! open on both sides while `trustbank add` runs on both within the same
//! second, round after round; at the end both folders hold every entry
//! exactly once and no conflict copy is left beside the journal, with
//! Syncthing's default of 10 conflict copies and with 0 (which drops the
//! losing file for good).
//!
//! Needs the `syncthing` binary (Debian package `syncthing`; `.ci/run`
//! installs it) and python3. Without them, and outside CI, the test says
//! so and checks nothing; in CI (`CI=true`) their absence fails it.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::pty::PtySession;
use trustbank::storage::conflict::{copies_of, merged_folder};
use trustbank::storage::load;

const BIN: &str = env!("CARGO_BIN_EXE_trustbank");
const ROUNDS: usize = 4;

fn tools_present() -> bool {
    let runs = |cmd: &str, arg: &str| {
        Command::new(cmd).arg(arg).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
    };
    runs("syncthing", "--version") && runs("python3", "--version")
}

/// `scripts/syncthing-pair` with `args`; panics with its output on failure.
fn pair(args: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/syncthing-pair");
    let out = Command::new("python3").arg(script).args(args).output().expect("syncthing-pair runs");
    assert!(
        out.status.success(),
        "syncthing-pair {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One partner's computer: its synced folder and its own device folder.
struct Computer {
    journal: PathBuf,
    device: PathBuf,
    person: &'static str,
}

impl Computer {
    fn add(&self, note: &str) -> std::process::Child {
        Command::new(BIN)
            .args(["--file", self.journal.to_str().expect("utf-8"), "add", "deposit", "10c", note])
            .env("TRUSTBANK_DEVICE_DIR", &self.device)
            .env("TRUSTBANK_AS", self.person)
            .env_remove("TRUSTBANK_FILE")
            .env_remove("TRUSTBANK_NOW")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("add runs")
    }

    fn open_app(&self) -> PtySession {
        let device = self.device.to_str().expect("utf-8");
        PtySession::spawn(
            Path::new(BIN),
            &["--file", self.journal.to_str().expect("utf-8")],
            &[("TRUSTBANK_DEVICE_DIR", device), ("TRUSTBANK_AS", self.person), ("TRUSTBANK_FILE", "")],
            100,
            40,
        )
        .expect("the app starts")
    }

    /// Each entry's note, as often as the journal holds it.
    fn notes(&self) -> Vec<String> {
        let mut notes: Vec<String> =
            load(&self.journal).map_or(Vec::new(), |l| l.journal.entries.into_iter().map(|e| e.note).collect());
        notes.sort();
        notes
    }
}

/// Stops the pair even when the test fails.
struct Pair(String);

impl Drop for Pair {
    fn drop(&mut self) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/syncthing-pair");
        let _ = Command::new("python3").arg(script).args(["stop", "--state", &self.0]).output();
    }
}

fn run(max_conflicts: u32) {
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("state").to_string_lossy().into_owned();
    let (fa, fb) = (dir.path().join("a"), dir.path().join("b"));
    pair(&[
        "start",
        fa.to_str().expect("utf-8"),
        fb.to_str().expect("utf-8"),
        "--state",
        &state,
        "--max-conflicts",
        &max_conflicts.to_string(),
    ]);
    let _pair = Pair(state.clone());
    let a = Computer { journal: fa.join("journal.ron"), device: dir.path().join("device-a"), person: "A" };
    let b = Computer { journal: fb.join("journal.ron"), device: dir.path().join("device-b"), person: "B" };

    // The journal starts on A and reaches B.
    assert!(a.add("start").wait_with_output().expect("add").status.success());
    pair(&["wait", "--state", &state]);
    assert_eq!(b.notes(), ["start"], "the journal reached B");

    let mut app_a = a.open_app();
    let mut app_b = b.open_app();
    app_a.wait_for("start", Duration::from_secs(10)).expect("A's app shows the journal");
    app_b.wait_for("start", Duration::from_secs(10)).expect("B's app shows the journal");
    for app in [&mut app_a, &mut app_b] {
        app.skip_welcome(Duration::from_secs(10)).expect("the welcome closes");
    }

    let mut expected = vec!["start".to_string()];
    for round in 0..ROUNDS {
        let (na, nb) = (format!("a{round} from A"), format!("b{round} from B"));
        // Both within the same second.
        let (ca, cb) = (a.add(&na), b.add(&nb));
        for child in [ca, cb] {
            let out = child.wait_with_output().expect("add");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        expected.extend([na, nb]);
        pair(&["wait", "--state", &state]);
    }
    expected.sort();

    // The apps fold in what Syncthing left and save; Syncthing carries it.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        pair(&["wait", "--state", &state]);
        let tidy = copies_of(&a.journal).is_empty() && copies_of(&b.journal).is_empty();
        if a.notes() == expected && b.notes() == expected && tidy {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "maxConflicts {max_conflicts}: A holds {:?}, B holds {:?}, copies left: {:?} {:?}",
            a.notes(),
            b.notes(),
            copies_of(&a.journal),
            copies_of(&b.journal)
        );
        std::thread::sleep(Duration::from_secs(1));
    }
    let last = format!("b{} from B", ROUNDS - 1);
    app_a.wait_for(&last, Duration::from_secs(10)).expect("A's screen shows B's last entry");
    app_b.wait_for(&format!("a{} from A", ROUNDS - 1), Duration::from_secs(10)).expect("B's screen shows A's");
    for app in [&mut app_a, &mut app_b] {
        app.send("q");
        app.wait_exit(Duration::from_secs(10)).expect("the app quits");
    }
    pair(&["wait", "--state", &state]);
    if max_conflicts > 0 {
        // The adds of the same second made conflict copies, and the apps
        // put them away: else this run tested nothing.
        let merged = |c: &Computer| std::fs::read_dir(merged_folder(&c.journal)).map_or(0, |d| d.count());
        assert!(merged(&a) + merged(&b) > 0, "no conflict copy was ever made");
    }
    assert_eq!(a.notes(), expected, "after quitting, A");
    assert_eq!(b.notes(), expected, "after quitting, B");
}

#[test]
fn two_computers_on_real_syncthing_lose_nothing_with_or_without_conflict_copies() {
    if !tools_present() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "CI must have syncthing and python3 (.ci/run installs them)");
        eprintln!("syncthing or python3 is not installed: this test checks nothing here");
        return;
    }
    run(10);
    run(0);
}
