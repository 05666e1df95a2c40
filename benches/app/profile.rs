//! The profile mode (`-- --profile WHAT [--sizes N] [--seconds S]`): one
//! measurement, over and over for S seconds at one size, for `perf record`
//! or `valgrind --tool=callgrind` to look inside. WHAT is `parse`, `load`,
//! `validate`, `serialize`, `write-fsync`, `save`, `save-outside`, `to-ron`,
//! `write-atomic`, `clone`, `note-64kib` (a letter typed into a 64 KiB
//! note), or a keystroke as
//! `TAB/KEY` (`commitments/select-next`, `today/add-submit`…).

use std::time::{Duration, Instant};

use trustbank::app::Tab;

use crate::measure::{self, Fixture, Key, Rig};

pub fn run(what: &str, size: usize, seconds: u64) -> i32 {
    let key = match what.split_once('/') {
        Some((tab, key)) => {
            let tab = Tab::ALL.into_iter().find(|t| t.title().eq_ignore_ascii_case(tab));
            match (tab, Key::from_slug(key)) {
                (Some(tab), Some(key)) => Some((tab, key)),
                _ => {
                    eprintln!("bench: no keystroke {what:?}; try e.g. commitments/select-next");
                    return 2;
                }
            }
        }
        None => None,
    };
    let fixture = Fixture::new(size);
    let budget = Duration::from_secs(seconds);
    let mut samples = Vec::new();
    let mut repeat = |mut sample: Box<dyn FnMut() -> Duration + '_>| {
        let start = Instant::now();
        while samples.is_empty() || start.elapsed() < budget {
            samples.push(sample());
        }
    };
    eprintln!("bench: {size} entries ready; profiling {what} for {seconds} s");
    match (what, key) {
        (_, Some((tab, key))) => {
            let mut rig = Rig::new(fixture.journal.clone());
            rig.select_tab(tab);
            repeat(Box::new(move || rig.keystroke(key)));
        }
        ("note-64kib", _) => {
            let mut rig = Rig::new(fixture.journal.clone());
            rig.select_tab(Tab::Today);
            repeat(Box::new(move || rig.note_keystroke()));
        }
        ("parse", _) => repeat(Box::new(|| measure::parse(&fixture.text))),
        ("load", _) => repeat(Box::new(|| measure::first_frame(&fixture.path).total())),
        ("serialize", _) => repeat(Box::new(|| measure::serialize(&fixture.journal))),
        ("write-fsync", _) => repeat(Box::new(|| measure::write_fsync(&fixture.bare_path, fixture.text.as_bytes()))),
        ("save", _) => {
            let mut store = measure::store(&fixture);
            repeat(Box::new(move || measure::save(&mut store, &fixture.journal)));
        }
        ("save-outside", _) => {
            let mut store = measure::store(&fixture);
            let outside = measure::changed_outside(&fixture.journal);
            repeat(Box::new(move || measure::save_changed_outside(&mut store, &fixture.journal, &outside)));
        }
        ("clone", _) => repeat(Box::new(|| measure::clone_for_writer(&fixture.journal))),
        ("validate", _) => repeat(Box::new(|| measure::validate(&fixture.journal))),
        ("to-ron", _) => repeat(Box::new(|| measure::to_ron(&fixture.journal))),
        ("write-atomic", _) => {
            repeat(Box::new(|| measure::write_atomic(&fixture.atomic_path, fixture.text.as_bytes())))
        }
        _ => {
            eprintln!("bench: nothing called {what:?} to profile");
            return 2;
        }
    }
    samples.sort();
    println!(
        "{what} at {size} entries: median {:.3} ms over {} samples",
        samples[samples.len() / 2].as_secs_f64() * 1e3,
        samples.len()
    );
    0
}
