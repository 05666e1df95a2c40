//! `trustbank merge-driver` as git runs it: two branches that each added
//! entries and both edited one merge without a conflict, by the merge laws.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use chrono::NaiveDate;
use trustbank::domain::{Journal, Version};
use trustbank::storage::{self, Store};

const GIT: &str = "/usr/local/bin/git";
const BIN: &str = env!("CARGO_BIN_EXE_trustbank");

/// A repository in a temporary folder that is also the home folder, so no
/// configuration of this machine's user or system leaks in.
struct Repo {
    _home: tempfile::TempDir,
    home: PathBuf,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let home = tempfile::tempdir().expect("a temporary home");
        let path = home.path().to_path_buf();
        let dir = path.join("repo");
        fs::create_dir(&dir).expect("the repository's folder");
        let repo = Repo { _home: home, home: path, dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Sam"]);
        repo.git(&["config", "user.email", "sam@example.com"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    fn env(&self, cmd: &mut Command) {
        cmd.current_dir(&self.dir)
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TRUSTBANK_DEVICE_DIR", self.home.join("devices"))
            .env("TRUSTBANK_NOW", "2026-11-26T21:00:00+01:00")
            .env_remove("TRUSTBANK_FILE");
        for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_GLOBAL", "GIT_CONFIG"] {
            cmd.env_remove(var);
        }
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        let mut cmd = Command::new(program);
        cmd.args(args);
        self.env(&mut cmd);
        cmd.output().expect("runs")
    }

    fn git(&self, args: &[&str]) -> Output {
        let out = self.run(GIT, args);
        assert!(out.status.success(), "git {args:?}: {}{}", text(&out.stdout), text(&out.stderr));
        out
    }

    fn journal(&self) -> PathBuf {
        self.dir.join("journal.ron")
    }

    fn add(&self, note: &str) {
        let file = self.journal();
        let file = file.to_str().expect("a UTF-8 path");
        let out = self.run(BIN, &["add", "deposit", "10c", note, "--file", file]);
        assert!(out.status.success(), "trustbank add: {}", text(&out.stderr));
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "journal.ron"]);
        self.git(&["commit", "-q", "-m", message]);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Rewrites the note of the entry noted `from`, as written at `updated`,
/// through the store (as the app saves).
fn edit(repo: &Repo, from: &str, to: &str, updated: u64) {
    let (mut store, loaded) = Store::open_on_device(repo.journal(), Some(repo.home.join("devices"))).expect("opens");
    let mut journal: Journal = loaded.journal;
    let entry = journal.entries.iter_mut().find(|e| e.note == from).expect("the entry");
    (entry.note, entry.updated) = (to.into(), updated);
    store.save(&journal, NaiveDate::from_ymd_opt(2026, 11, 26).expect("a date")).expect("saves");
}

#[test]
fn two_branches_that_added_entries_and_edited_one_merge_with_the_driver() {
    let repo = Repo::new();
    // The backups are not part of the journal; the lock file is on each
    // computer, outside the repository (the status at the end shows none).
    fs::write(repo.dir.join(".gitignore"), "backups/\n").expect("write");
    fs::write(repo.dir.join(".gitattributes"), "*.ron merge=trustbank\n").expect("write");
    repo.git(&["add", ".gitignore", ".gitattributes"]);
    repo.git(&["config", "merge.trustbank.name", "trustbank journal"]);
    repo.git(&["config", "merge.trustbank.driver", &format!("'{BIN}' merge-driver %O %A %B")]);
    repo.add("made coffee");
    repo.commit("the journal");
    let first = storage::load(&repo.journal()).expect("loads").journal.entries[0].updated;

    repo.git(&["checkout", "-q", "-b", "a"]);
    repo.add("walked together");
    repo.add("said thank you");
    edit(&repo, "made coffee", "made coffee (a)", first + 1_000);
    repo.commit("a's evening");

    repo.git(&["checkout", "-q", "-b", "b", "main"]);
    repo.add("listened");
    edit(&repo, "made coffee", "made coffee and tea (b)", first + 2_000);
    repo.commit("b's evening");

    repo.git(&["checkout", "-q", "a"]);
    let out = repo.run(GIT, &["merge", "--no-edit", "b"]);
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "git merge: {said}");
    assert!(said.contains("1 record changed on both sides"), "the driver's one line: {said}");

    let written = fs::read_to_string(repo.journal()).expect("read");
    assert!(!written.contains("<<<<<<<") && !written.contains(">>>>>>>"), "{written}");
    let journal = storage::load(&repo.journal()).expect("the merge loads").journal;
    let mut notes: Vec<&str> = journal.entries.iter().map(|e| e.note.as_str()).collect();
    notes.sort_unstable();
    assert_eq!(notes, ["listened", "made coffee and tea (b)", "said thank you", "walked together"]);
    assert!(
        journal.versions.iter().any(|v| matches!(v, Version::Entry(e) if e.note == "made coffee (a)")),
        "a's earlier edit is kept in the history: {:?}",
        journal.versions
    );
    let status = repo.git(&["status", "--porcelain"]);
    assert_eq!(text(&status.stdout), "", "merged and committed, nothing left over");
}
