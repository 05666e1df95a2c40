//! A simulated Syncthing between two folders, each with an app (the real
//! writer thread, its watcher and its device log) writing into it.
//!
//! Like Syncthing, the sync copies a file changed on one side only over
//! the other (temp file, then rename); when both changed, the newer
//! (mtime) wins, and the older is kept as a `.sync-conflict-…` copy on
//! both sides, or dropped for good (`maxConflicts 0`). A conflict copy one
//! side put away is removed from the other too, as a sync tool passes on a
//! deletion.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::support::journal::entry;
use super::{day, made};
use trustbank::domain::{Change, EntryKind, Id, Journal, Person};
use trustbank::storage::conflict::copies_of;
use trustbank::storage::writer::{SaveEvent, Writer};
use trustbank::storage::{Store, load};

/// A small, seeded random source (the same run every time).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// One computer: its folder, its app's journal and its writer.
struct Side {
    person: Person,
    writer: Writer,
    journal: Journal,
    revision: u64,
    in_flight: Vec<(u64, Change)>,
    made: usize,
}

impl Side {
    fn open(person: Person, path: PathBuf, device: PathBuf) -> Side {
        let (mut store, mut loaded) = Store::open_on_device(path.clone(), Some(device)).expect("open");
        store.gather(&mut loaded.journal);
        let writer = Writer::spawn(store);
        writer.save(0, loaded.journal.clone(), day());
        Side { person, writer, journal: loaded.journal, revision: 0, in_flight: Vec::new(), made: 0 }
    }

    /// Adds an entry, or removes one of this person's own.
    fn act(&mut self, rng: &mut Rng, added: &mut BTreeSet<Id>, removed: &mut BTreeSet<Id>) {
        let own: Vec<Id> = self.journal.entries.iter().filter(|e| e.by == self.person).map(|e| e.id.clone()).collect();
        let change = if !own.is_empty() && rng.below(4) == 0 {
            let id = own[rng.below(own.len() as u64) as usize].clone();
            removed.insert(id.clone());
            Change::RemoveEntry(id)
        } else {
            self.made += 1;
            let id = Id::generate(now_ms());
            added.insert(id.clone());
            let note = format!("{:?} {}", self.person, self.made);
            let mut e = entry(&id.0, "2026-12-01", "20:00", EntryKind::Deposit, 10, "appreciation", self.person, &note);
            e.by = self.person;
            Change::AddEntry(e)
        };
        let change = made(&mut self.journal, change, now_ms(), self.person);
        self.revision += 1;
        self.in_flight.push((self.revision, change.clone()));
        self.writer.apply(self.revision, vec![change], day());
    }

    /// What the app does with its writer's reports (as `app::outside`).
    fn pump(&mut self) {
        for event in self.writer.events() {
            match event {
                SaveEvent::Saved { revision } => self.in_flight.retain(|(r, _)| *r > revision),
                SaveEvent::CameIn { revision, journal, .. } => {
                    self.journal = *journal;
                    for (_, change) in self.in_flight.iter().filter(|(r, _)| *r > revision) {
                        let _ = change.clone().apply(&mut self.journal);
                    }
                }
                SaveEvent::OutOfStep => {
                    let pending = self.in_flight.iter().map(|(_, c)| c.clone()).collect();
                    self.writer.resend(self.revision, self.journal.clone(), pending, day());
                }
                _ => {}
            }
        }
    }
}

/// The simulated sync tool's memory: the journal's content both sides
/// last agreed on, and the conflict copies it made.
struct Sync {
    agreed: Vec<u8>,
    copies: HashSet<String>,
    keep_conflicts: bool,
    made: usize,
}

fn put(path: &Path, bytes: &[u8]) {
    let folder = path.parent().expect("folder");
    let temp = folder.join(".syncthing.journal.ron.tmp");
    fs::write(&temp, bytes).expect("write temp");
    fs::rename(&temp, path).expect("rename");
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).and_then(|m| m.modified()).unwrap_or(UNIX_EPOCH)
}

impl Sync {
    fn run(&mut self, a: &Path, b: &Path) {
        let (ca, cb) = (fs::read(a).expect("read a"), fs::read(b).expect("read b"));
        match (ca != self.agreed, cb != self.agreed) {
            (false, false) => {}
            (true, false) => {
                put(b, &ca);
                self.agreed = ca;
            }
            (false, true) => {
                put(a, &cb);
                self.agreed = cb;
            }
            (true, true) if ca == cb => self.agreed = ca,
            (true, true) => {
                let (winner, loser, loser_path) = if mtime(a) >= mtime(b) { (ca, cb, b) } else { (cb, ca, a) };
                self.made += 1;
                if self.keep_conflicts {
                    let name = format!("journal.sync-conflict-20261201-2130{:02}-ABCDEFG.ron", self.made % 100);
                    for folder in [a, b].map(|p| p.parent().expect("folder")) {
                        fs::write(folder.join(&name), &loser).expect("write conflict copy");
                    }
                    self.copies.insert(name);
                }
                put(loser_path, &winner);
                self.agreed = winner;
            }
        }
        // A copy put away on one side is deleted on the other.
        self.copies.retain(|name| {
            let there = [a, b].map(|p| p.parent().expect("folder").join(name));
            if there.iter().all(|p| p.exists()) {
                return true;
            }
            there.iter().for_each(|p| drop(fs::remove_file(p)));
            false
        });
    }
}

fn live(journal: &Journal) -> BTreeSet<Id> {
    journal.entries.iter().map(|e| e.id.clone()).collect()
}

/// `rounds` rounds of changes on both sides and syncs between, then the
/// sync runs until both sides are still; every record added and not
/// removed is in both folders' journal, and none removed is.
pub fn run(keep_conflicts: bool, rounds: usize, seed: u64) {
    let dir = tempfile::tempdir().expect("dir");
    let (fa, fb) = (dir.path().join("a"), dir.path().join("b"));
    fs::create_dir_all(&fa).expect("a");
    fs::create_dir_all(&fb).expect("b");
    let (pa, pb) = (fa.join("journal.ron"), fb.join("journal.ron"));
    super::saved_journal(&pa);
    fs::copy(&pa, &pb).expect("copy");
    let first = load(&pa).expect("load").journal;
    let mut added: BTreeSet<Id> = live(&first);
    let mut removed = BTreeSet::new();
    let mut sync = Sync { agreed: fs::read(&pa).expect("read"), copies: HashSet::new(), keep_conflicts, made: 0 };
    let mut a = Side::open(Person::A, pa.clone(), dir.path().join("device-a"));
    let mut b = Side::open(Person::B, pb.clone(), dir.path().join("device-b"));
    let mut rng = Rng(seed);

    for _ in 0..rounds {
        for _ in 0..=rng.below(2) {
            a.act(&mut rng, &mut added, &mut removed);
        }
        for _ in 0..=rng.below(2) {
            b.act(&mut rng, &mut added, &mut removed);
        }
        // Sometimes the sync comes before the saves, sometimes after.
        std::thread::sleep(Duration::from_millis(rng.below(400)));
        a.pump();
        b.pump();
        sync.run(&pa, &pb);
    }

    // Then no more changes: sync until both sides are still.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut still = 0;
    while still < 3 {
        assert!(Instant::now() < deadline, "the two sides never settled (keep conflicts: {keep_conflicts})");
        std::thread::sleep(Duration::from_millis(400));
        a.pump();
        b.pump();
        sync.run(&pa, &pb);
        let same = fs::read(&pa).ok() == fs::read(&pb).ok();
        let quiet = a.in_flight.is_empty() && b.in_flight.is_empty();
        let tidy = copies_of(&pa).is_empty() && copies_of(&pb).is_empty();
        let shown = live(&a.journal) == live(&load(&pa).expect("a").journal)
            && live(&b.journal) == live(&load(&pb).expect("b").journal);
        still = if same && quiet && tidy && shown { still + 1 } else { 0 };
    }

    let expected: BTreeSet<Id> = added.difference(&removed).cloned().collect();
    for path in [&pa, &pb] {
        let journal = load(path).expect("loads").journal;
        assert_eq!(live(&journal), expected, "{} (keep conflicts: {keep_conflicts})", path.display());
        let tombstones: BTreeSet<Id> = journal.removed.iter().map(|r| r.id.clone()).collect();
        assert!(removed.is_subset(&tombstones), "every deletion stands, with its tombstone");
    }
    assert_eq!(live(&a.journal), expected, "what A's screen shows");
    assert_eq!(live(&b.journal), expected, "what B's screen shows");
    assert!(sync.made > 0, "the run made no conflict at all: it tested nothing");
    drop(a.writer.finish());
    drop(b.writer.finish());
}
