//! One sample of each thing the benchmark measures, on a generated journal
//! written to a temporary file. Each function returns the time of the part
//! being measured only: setup, resets and drops happen outside the clock.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ron::ser::PrettyConfig;
use trustbank::app::{Action, App, FormAction, Overlay, SaveState, Tab, update};
use trustbank::domain::{Change, Id, Journal, Week, validate};
use trustbank::generate::{self, Shape};
use trustbank::storage::atomic::{self, NoFaults};
use trustbank::storage::{self, Store, format};
use trustbank::ui::{self, Theme};

/// The stress shape of issue 7: 200 commitments and 5 years of check-ins;
/// only the number of entries varies.
pub const COMMITMENTS: usize = 200;
pub const DAYS: u64 = 1826;
const SEED: u64 = 2026;

/// The terminal every frame is drawn into.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// The last day of every generated journal, and the moment the app opens.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).expect("a valid date")
}

pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-05-01T20:00:00+01:00").expect("a valid moment")
}

/// A generated journal, its pretty RON text, and that text on disk.
pub struct Fixture {
    pub entries: usize,
    pub journal: Journal,
    pub text: String,
    /// The file the load reads.
    pub path: PathBuf,
    /// Where the bare write + fsync writes.
    pub bare_path: PathBuf,
    /// Where [`Store::save`] writes (its own file, so the load's is untouched).
    pub save_path: PathBuf,
    /// Where the atomic write alone writes.
    pub atomic_path: PathBuf,
    // Removed (with every file above) when the fixture is dropped.
    _folder: tempfile::TempDir,
}

impl Fixture {
    pub fn new(entries: usize) -> Fixture {
        let (journal, text) = generated(entries);
        let folder = tempfile::Builder::new().prefix("trustbank-bench-").tempdir().expect("a temporary folder");
        let path = folder.path().join("journal.ron");
        write_private(&path, text.as_bytes());
        Fixture {
            entries,
            journal,
            text,
            bare_path: folder.path().join("bare.ron"),
            save_path: folder.path().join("saved.ron"),
            atomic_path: folder.path().join("atomic.ron"),
            path,
            _folder: folder,
        }
    }

    pub fn file_bytes(&self) -> u64 {
        self.text.len() as u64
    }
}

/// The generated journal of `entries` entries and its text. Generating the
/// larger sizes takes long, so the text is kept under `target/` and reused
/// while the sources that make it (the generator, the domain, the format,
/// the locked dependencies) are unchanged.
fn generated(entries: usize) -> (Journal, String) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-journals");
    let cached = folder.join(format!("{entries}-{:016x}.ron", sources_hash(entries)));
    if let Ok(text) = fs::read_to_string(&cached)
        && let Ok(journal) = ron::from_str::<Journal>(&text)
    {
        return (journal, text);
    }
    let shape = Shape { seed: SEED, entries, commitments: COMMITMENTS, end: today(), days: DAYS };
    let journal = generate::journal(shape);
    let text = format::to_ron(&journal).expect("a generated journal serializes");
    // Best effort: without the cache the next run generates again.
    if fs::create_dir_all(&folder).is_ok() {
        let stale = format!("{entries}-");
        for old in fs::read_dir(&folder).into_iter().flatten().flatten() {
            if old.file_name().to_string_lossy().starts_with(&stale) {
                let _ = fs::remove_file(old.path());
            }
        }
        let _ = fs::write(&cached, &text);
    }
    (journal, text)
}

fn sources_hash(entries: usize) -> u64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("Cargo.lock"), root.join("src/generate.rs"), root.join("src/storage/format.rs")];
    let mut domain: Vec<PathBuf> =
        fs::read_dir(root.join("src/domain")).into_iter().flatten().flatten().map(|f| f.path()).collect();
    domain.sort();
    files.extend(domain);
    let mut hasher = DefaultHasher::new();
    (entries, SEED, COMMITMENTS, DAYS, today()).hash(&mut hasher);
    for file in files {
        fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

/// A journal file as trustbank keeps it: `0600`, so the load has nothing to
/// warn about.
fn write_private(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).expect("the journal file is written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).expect("the journal file is made private");
    }
}

/// The bare parse: `ron::from_str` of text already in memory.
#[inline(never)]
pub fn parse(text: &str) -> Duration {
    let start = Instant::now();
    let journal: Journal = ron::from_str(text).expect("the generated file parses");
    let took = start.elapsed();
    drop(black_box(journal));
    took
}

/// The parts of opening the app up to its first frame.
#[derive(Debug, Clone, Copy)]
pub struct FirstFrame {
    /// `storage::load`: read, parse, validate, normalize.
    pub load: Duration,
    /// `App::new`: the balances and chart caches.
    pub app: Duration,
    /// One `ui::render` of the Today tab at 120x40 through `Terminal::draw`.
    pub draw: Duration,
}

impl FirstFrame {
    pub fn total(&self) -> Duration {
        self.load + self.app + self.draw
    }
}

#[inline(never)]
pub fn first_frame(path: &Path) -> FirstFrame {
    let theme = Theme::dark();
    let start = Instant::now();
    let loaded = storage::load(path).expect("the generated file loads");
    let loaded_at = Instant::now();
    let app = App::new(loaded.journal, now(), None);
    let app_at = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    terminal.draw(|frame| ui::render(frame, &app, &theme)).expect("the first frame draws");
    let drawn = Instant::now();
    black_box(&terminal);
    drop(black_box(app));
    FirstFrame { load: loaded_at - start, app: app_at - loaded_at, draw: drawn - app_at }
}

/// Two copies of `journal` diverged on two computers (issue 12): each adds
/// 1% new entries of its own and edits 1% of the entries, half of them
/// the same ones (both changed: a conflict the merge settles).
pub fn diverged(journal: &Journal) -> (Journal, Journal) {
    let plain: Vec<usize> = (0..journal.entries.len()).filter(|&i| journal.entries[i].commitment.is_none()).collect();
    let n = (journal.entries.len() / 100).max(1);
    let copy = |person: trustbank::domain::Person, offset: usize, at: u64| {
        let mut j = journal.clone();
        for k in 0..n {
            let mut e = journal.entries[plain[(k * 37) % plain.len()]].clone();
            e.id = Id::generate(at + k as u64);
            e.note = format!("new on {person:?} {k}");
            e.by = person;
            e.updated = at + k as u64;
            j.insert_entry(e);
        }
        for k in 0..n {
            let i = plain[(k * 53 + offset * (k % 2)) % plain.len()];
            let id = journal.entries[i].id.clone();
            if let Some(index) = j.entry_index(&id) {
                let e = &mut j.entries[index];
                e.note = format!("edited on {person:?}");
                e.updated = at + 10_000 + k as u64;
            }
        }
        j.normalize();
        j
    };
    let a = copy(trustbank::domain::Person::A, 0, 1_800_000_000_000);
    let b = copy(trustbank::domain::Person::B, 11, 1_800_000_500_000);
    (a, b)
}

/// `merge` of two diverged copies.
#[inline(never)]
pub fn merge_two(a: &Journal, b: &Journal) -> Duration {
    let start = Instant::now();
    let merged = trustbank::domain::merge::merge(a, b).expect("two copies of one journal");
    let took = start.elapsed();
    drop(black_box(merged));
    took
}

/// A folder holding the journal `a` and a Syncthing conflict copy `b`.
pub fn with_conflict_copy(a: &Journal, b: &Journal) -> tempfile::TempDir {
    let folder = tempfile::Builder::new().prefix("trustbank-bench-copy-").tempdir().expect("a temporary folder");
    write_private(&folder.path().join("journal.ron"), format::to_ron(a).expect("ron").as_bytes());
    let copy = folder.path().join("journal.sync-conflict-20261201-213000-ABCDEFG.ron");
    write_private(&copy, format::to_ron(b).expect("ron").as_bytes());
    folder
}

/// The app's start on a journal with a conflict copy beside it: open,
/// merge the copy in (in memory; the writer saves it after the first
/// frame), the first frame.
#[inline(never)]
pub fn first_frame_with_copy(folder: &Path) -> Duration {
    let theme = Theme::dark();
    let start = Instant::now();
    let (mut store, mut loaded) = Store::open_on_device(folder.join("journal.ron"), None).expect("opens");
    let gathered = store.gather(&mut loaded.journal);
    let app = App::new(loaded.journal, now(), None);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    terminal.draw(|frame| ui::render(frame, &app, &theme)).expect("the first frame draws");
    let took = start.elapsed();
    assert!(gathered.said(), "the copy brought something in");
    black_box(&terminal);
    drop(black_box(app));
    took
}

/// The part of the load that checks the journal: `validate::problems`.
#[inline(never)]
pub fn validate(journal: &Journal) -> Duration {
    let start = Instant::now();
    let problems = validate::problems(journal);
    let took = start.elapsed();
    assert!(problems.is_empty(), "the generated journal is sound: {problems:?}");
    took
}

/// The settings `format::to_ron` uses, so the bare serialization writes the
/// same text.
fn pretty() -> PrettyConfig {
    PrettyConfig::new().struct_names(false).indentor("    ").new_line("\n")
}

/// The bare serialization: `ron::ser::to_string_pretty`.
#[inline(never)]
pub fn serialize(journal: &Journal) -> Duration {
    let start = Instant::now();
    let text = ron::ser::to_string_pretty(journal, pretty()).expect("the journal serializes");
    let took = start.elapsed();
    drop(black_box(text));
    took
}

/// The bare write: create, write, fsync (no temporary file, no rename).
#[inline(never)]
pub fn write_fsync(path: &Path, bytes: &[u8]) -> Duration {
    let start = Instant::now();
    let mut file = fs::File::create(path).expect("the bare file is created");
    file.write_all(bytes).expect("the bare file is written");
    file.sync_all().expect("the bare file is synced");
    drop(file);
    start.elapsed()
}

/// The two halves of [`Store::save`]: trustbank's serialization…
#[inline(never)]
pub fn to_ron(journal: &Journal) -> Duration {
    let start = Instant::now();
    let text = format::to_ron(journal).expect("the journal serializes");
    let took = start.elapsed();
    drop(black_box(text));
    took
}

/// …and its atomic replace of the file (temporary file, write, fsync,
/// rename, fsync of the folder).
#[inline(never)]
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Duration {
    let start = Instant::now();
    atomic::write_atomic(path, bytes, &NoFaults).expect("the atomic write");
    start.elapsed()
}

/// A store on its own file, past its first save of the day (the daily
/// backup happens once a day, not on every save).
pub fn store(fixture: &Fixture) -> Store {
    let (mut store, _) = Store::open(fixture.save_path.clone()).expect("the store opens");
    store.save(&fixture.journal, today()).expect("the first save");
    store
}

/// trustbank's save: `Store::save` (serialize, write, fsync, rename, fsync
/// the folder).
#[inline(never)]
pub fn save(store: &mut Store, journal: &Journal) -> Duration {
    let start = Instant::now();
    store.save(journal, today()).expect("the save");
    start.elapsed()
}

/// The text of `journal` as another writer left it: one entry more than
/// this store's journal (for [`save_changed_outside`]).
pub fn changed_outside(journal: &Journal) -> String {
    let mut theirs = journal.clone();
    let mut entry = theirs.entries.last().expect("a generated journal has entries").clone();
    entry.id = Id::from("01KBENCHTHEIRS000000000000");
    entry.note = "added by another window".into();
    theirs.insert_entry(entry);
    format::to_ron(&theirs).expect("the journal serializes")
}

/// A save that finds the file changed outside: another writer's file is put
/// in place (outside the clock), then the store's commit of one change
/// sees it, parses and checks it, brings the change onto it, and writes.
#[inline(never)]
pub fn save_changed_outside(store: &mut Store, journal: &Journal, outside: &str) -> Duration {
    write_private(store.path(), outside.as_bytes());
    let mut mine = journal.clone();
    let mut entry = mine.entries.last().expect("a generated journal has entries").clone();
    entry.id = Id::from("01KBENCHMINE00000000000000");
    entry.note = "added here".into();
    let change = Change::AddEntry(entry);
    change.clone().apply(&mut mine).expect("applies");
    let start = Instant::now();
    let came_in = store.commit(&mut mine, std::slice::from_ref(&change), today()).expect("the save");
    let took = start.elapsed();
    assert!(came_in.is_some(), "the outside change is seen");
    drop(black_box(mine));
    took
}

/// What the event loop does once, after the first frame: the writer
/// thread's own copy of the journal (later it is sent only the changes).
#[inline(never)]
pub fn clone_for_writer(journal: &Journal) -> Duration {
    let start = Instant::now();
    let copy = journal.clone();
    let took = start.elapsed();
    drop(black_box(copy));
    took
}

/// Peak resident memory of `trustbank --file PATH status`, in KiB, read
/// from GNU time's report.
pub fn peak_rss_kib(path: &Path) -> Result<u64, String> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return Err("/usr/bin/time is missing (apt-get install -y time)".into());
    }
    let out = Command::new(time)
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_trustbank"))
        .arg("--file")
        .arg(path)
        .arg("status")
        .output()
        .map_err(|e| format!("cannot run /usr/bin/time: {e}"))?;
    let report = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("trustbank status failed: {report}"));
    }
    report
        .lines()
        .find_map(|line| line.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|kib| kib.trim().parse().ok())
        .ok_or_else(|| "no \"Maximum resident set size\" in GNU time's report".into())
}

/// The keystrokes measured on each tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    SelectNext,
    PreviousDay,
    /// `a`: opens the entry form.
    OpenForm,
    /// Enter in the entry form: adds the entry.
    Submit,
}

impl Key {
    pub const ALL: [Key; 4] = [Key::SelectNext, Key::PreviousDay, Key::OpenForm, Key::Submit];

    pub fn label(self) -> &'static str {
        match self {
            Key::SelectNext => "SelectNext (j)",
            Key::PreviousDay => "PreviousDay (h)",
            Key::OpenForm => "add entry: AddDeposit (a)",
            Key::Submit => "add entry: Form Submit (Enter)",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Key::SelectNext => "select-next",
            Key::PreviousDay => "previous-day",
            Key::OpenForm => "add-open-form",
            Key::Submit => "add-submit",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.slug() == slug)
    }

    fn action(self) -> Action {
        match self {
            Key::SelectNext => Action::SelectNext,
            Key::PreviousDay => Action::PreviousDay,
            Key::OpenForm => Action::AddDeposit,
            Key::Submit => Action::Form(FormAction::Submit),
        }
    }
}

/// An app and its 120x40 terminal, for timing one keystroke at a time.
pub struct Rig {
    app: App,
    terminal: Terminal<TestBackend>,
    theme: Theme,
}

impl Rig {
    pub fn new(journal: Journal) -> Rig {
        let app = App::new(journal, now(), None);
        let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
        let mut rig = Rig { app, terminal, theme: Theme::dark() };
        rig.draw();
        rig
    }

    fn draw(&mut self) {
        self.terminal.draw(|frame| ui::render(frame, &self.app, &self.theme)).expect("a frame draws");
    }

    pub fn select_tab(&mut self, tab: Tab) {
        update(&mut self.app, Action::SelectTab(tab));
        // On step 2 of 4, so "previous step" has somewhere to go.
        self.app.repair_step = 1;
        self.draw();
    }

    /// The update and render of one keystroke. Every sample starts from the
    /// same state: whatever the key changed is put back afterwards, off the
    /// clock (an added entry is undone).
    pub fn keystroke(&mut self, key: Key) -> Duration {
        let before = Snapshot::of(&self.app);
        if key == Key::Submit {
            update(&mut self.app, Action::AddDeposit);
            self.draw();
        }
        let took = self.press(key);
        self.reset(key, before);
        took
    }

    /// One letter typed at the end of the largest note a text may hold
    /// (issue 14: 64 KiB of words, so wrapping has work to do), update and
    /// render of the entry form. The note is pasted and the form closed off
    /// the clock.
    pub fn note_keystroke(&mut self) -> Duration {
        update(&mut self.app, Action::AddDeposit);
        update(&mut self.app, Action::Form(FormAction::Paste(largest_note())));
        self.draw();
        let took = self.type_in_note();
        let app = &mut self.app;
        assert_eq!(app.message, None, "the note took the letter");
        app.overlay = Overlay::None;
        app.outbox.clear();
        self.draw();
        took
    }

    #[inline(never)]
    fn type_in_note(&mut self) -> Duration {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('x'));
        let start = Instant::now();
        update(&mut self.app, Action::Form(FormAction::Key(key)));
        self.draw();
        start.elapsed()
    }

    /// The timed part alone (its own function, so a profile can pick it out).
    #[inline(never)]
    fn press(&mut self, key: Key) -> Duration {
        let start = Instant::now();
        update(&mut self.app, key.action());
        // The event loop hands the changes to the writer thread.
        black_box(std::mem::take(&mut self.app.outbox));
        self.draw();
        start.elapsed()
    }

    #[inline(never)]
    fn reset(&mut self, key: Key, before: Snapshot) {
        if key == Key::Submit {
            update(&mut self.app, Action::Undo);
            self.app.outbox.clear();
        }
        let app = &mut self.app;
        app.overlay = Overlay::None;
        app.message = None;
        app.save = SaveState::Saved;
        (app.day, app.week, app.repair_step) = (before.day, before.week, before.repair_step);
        (app.selected, app.commitment_selected, app.repair_selected) =
            (before.selected, before.commitment_selected, before.repair_selected);
        // The next keystroke starts from this state's frame, as in the app.
        self.draw();
    }
}

/// Words up to one byte short of the most a text holds.
fn largest_note() -> String {
    let words = "we talked about the week and what we both need from it ";
    let most = trustbank::domain::limits::MAX_TEXT_BYTES;
    let mut note = words.repeat(most / words.len() + 1);
    note.truncate(most - 1);
    note
}

/// Where the app's cursors were before a keystroke.
struct Snapshot {
    day: NaiveDate,
    week: Week,
    repair_step: usize,
    selected: usize,
    commitment_selected: usize,
    repair_selected: usize,
}

impl Snapshot {
    fn of(app: &App) -> Snapshot {
        Snapshot {
            day: app.day,
            week: app.week,
            repair_step: app.repair_step,
            selected: app.selected,
            commitment_selected: app.commitment_selected,
            repair_selected: app.repair_selected,
        }
    }
}

/// A journal with one entry in ten edited twice (issue 13), its text on
/// disk, and what the history added to the file.
pub struct Edited {
    pub journal: Journal,
    pub text: String,
    pub path: PathBuf,
    /// The versions the history holds.
    pub versions: usize,
    /// The size of the same journal's file before the edits.
    pub base_bytes: u64,
    _folder: tempfile::TempDir,
}

impl Edited {
    pub fn new(fixture: &Fixture) -> Edited {
        let (journal, text, versions) = edited_twice(&fixture.journal);
        let folder = tempfile::Builder::new().prefix("trustbank-bench-").tempdir().expect("a temporary folder");
        let path = folder.path().join("journal.ron");
        write_private(&path, text.as_bytes());
        Edited { journal, text, path, versions, base_bytes: fixture.file_bytes(), _folder: folder }
    }

    /// How many bytes each version added to the file.
    pub fn bytes_per_version(&self) -> f64 {
        (self.text.len() as f64 - self.base_bytes as f64) / self.versions.max(1) as f64
    }
}

/// `journal` with one entry in ten edited twice, each edit made as the app
/// makes it, a minute after the last (each entry's second edit comes days
/// after its first, so each keeps a version): the journal, its text, and
/// how many versions its history holds.
fn edited_twice(journal: &Journal) -> (Journal, String, usize) {
    use trustbank::domain::{Stamp, stamp::stamp, versioning::with_history};
    let mut edited = journal.clone();
    let ids: Vec<Id> = edited.entries.iter().step_by(10).map(|e| e.id.clone()).collect();
    let start = now().timestamp_millis() as u64 - 30 * 24 * 3_600_000;
    for (round, words) in [" (and said sorry)", " (and meant it)"].into_iter().enumerate() {
        for (i, id) in ids.iter().enumerate() {
            let Some(e) = edited.entry(id) else { continue };
            let mut e = e.clone();
            e.note.push_str(words);
            let at = Stamp::new(start + (round as u64 * ids.len() as u64 + i as u64) * 60_000, e.by);
            let change = stamp(with_history(Change::ReplaceEntry(e), &edited, at), &edited, at);
            change.apply(&mut edited).expect("an edit applies");
        }
    }
    let versions = edited.versions.len();
    let text = format::to_ron(&edited).expect("an edited journal serializes");
    (edited, text, versions)
}
