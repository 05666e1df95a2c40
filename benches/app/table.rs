//! The table mode (`-- --table`, what `scripts/bench` runs): medians of
//! every measurement at every size, one table, then one line per target of
//! issue 7. Returns the process's exit code: 1 when a target is missed.

use std::time::{Duration, Instant};

use trustbank::app::Tab;
use trustbank::domain::Journal;

use crate::measure::{self, FirstFrame, Fixture, Key, Rig};

/// The sizes of issue 7: the 50k stress size, and around it to show growth.
pub const SIZES: [usize; 4] = [1_000, 10_000, 50_000, 200_000];
const STRESS: usize = 50_000;
const SMALL: usize = 1_000;
const LARGE: usize = 200_000;

/// The goals of issue 7, at the stress size.
const LOAD_GOAL: f64 = 1.25;
const SAVE_GOAL: f64 = 1.15;
/// Issue 14: a save that finds the file changed outside, against a plain save.
const OUTSIDE_SAVE_GOAL: f64 = 2.3;
const KEYSTROKE_GOAL: Duration = Duration::from_millis(1);
/// Issue 14: a key in the largest note a text may hold.
const NOTE_KEY_GOAL: Duration = Duration::from_millis(5);
const KEYSTROKE_GROWTH_GOAL: f64 = 1.5;
const MEMORY_GOAL: f64 = 3.0;
const GROWTH_GOAL: f64 = 4.5;
/// Issue 12: merging two diverged copies, and the first frame with a
/// conflict copy beside the journal, against one bare parse.
const MERGE_GOAL: f64 = 2.5;
const COPY_FRAME_GOAL: f64 = 2.3;

/// Issue 13: history must not slow the everyday path.
const HISTORY_LOAD_GOAL: f64 = 1.3;

/// The 50k journal with one entry in ten edited twice.
struct HistoryFigures {
    versions: usize,
    file_bytes: u64,
    bytes_per_version: f64,
    parse: Duration,
    first_frame: Duration,
    /// The keys of Today, indexed like `Key::ALL`.
    keys: Vec<Duration>,
}

/// Medians at one size.
struct Figures {
    /// The size asked of the generator; `entries` is what it made.
    size: usize,
    entries: usize,
    file_bytes: u64,
    parse: Duration,
    first_frame: Duration,
    load: Duration,
    validate: Duration,
    app: Duration,
    draw: Duration,
    serialize: Duration,
    write_fsync: Duration,
    save: Duration,
    /// A save that finds the file changed outside (read, parse, check, replay, write).
    save_outside: Duration,
    to_ron: Duration,
    write_atomic: Duration,
    clone: Duration,
    /// `merge` of two diverged copies.
    merge: Duration,
    /// The first frame with a conflict copy to merge.
    copy_frame: Duration,
    rss_kib: Result<u64, String>,
    /// Indexed like `Tab::ALL`, then `Key::ALL`.
    keys: Vec<Vec<Duration>>,
    /// A letter typed into a 64 KiB note.
    note_key: Duration,
}

impl Figures {
    fn load_ratio(&self) -> f64 {
        ratio(self.first_frame, self.parse)
    }

    fn save_ratio(&self) -> f64 {
        ratio(self.save, self.serialize + self.write_fsync)
    }

    fn rss_ratio(&self) -> Option<f64> {
        self.rss_kib.as_ref().ok().map(|kib| (*kib * 1024) as f64 / self.file_bytes as f64)
    }
}

pub fn run(sizes: &[usize]) -> i32 {
    let started = Instant::now();
    let mut fixtures = Vec::new();
    for &entries in sizes {
        let fixture = Fixture::new(entries);
        eprintln!(
            "bench: {:>4.0} s: {entries} entries ready ({:.1} MB)",
            started.elapsed().as_secs_f64(),
            fixture.file_bytes() as f64 / 1e6,
        );
        fixtures.push(fixture);
    }
    eprintln!("bench: {:>4.0} s: measuring load and save", started.elapsed().as_secs_f64());
    let mut figures = measure_sizes(&fixtures);
    let mut rigs: Vec<Rig> = fixtures.into_iter().map(|f| Rig::new(f.journal)).collect();
    eprintln!("bench: {:>4.0} s: measuring keystrokes", started.elapsed().as_secs_f64());
    let keys = measure_keystrokes(&mut rigs);
    let note_keys = measure_note_keys(&mut rigs);
    for ((f, keys), note_key) in figures.iter_mut().zip(keys).zip(note_keys) {
        f.keys = keys;
        f.note_key = note_key;
    }
    drop(rigs);
    let history = sizes.contains(&STRESS).then(|| {
        eprintln!("bench: {:>4.0} s: measuring a history of edits", started.elapsed().as_secs_f64());
        measure_history(&Fixture::new(STRESS))
    });
    eprintln!("bench: {:>4.0} s: done", started.elapsed().as_secs_f64());
    print_table(&figures);
    if let Some(h) = &history {
        print_history(h);
    }
    println!();
    let mut missed = print_targets(&figures);
    if let Some(h) = &history {
        missed += history_targets(h);
    }
    i32::from(missed > 0)
}

/// Runs `round` at least `min` times, then again while under `budget` and
/// `max` rounds.
fn rounds(min: usize, max: usize, budget: Duration, mut round: impl FnMut()) {
    let start = Instant::now();
    let mut done = 0;
    while done < max && (done < min || start.elapsed() < budget) {
        round();
        done += 1;
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    match samples.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => samples[n / 2],
        n => (samples[n / 2 - 1] + samples[n / 2]) / 2,
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-12)
}

/// Every sample taken at one size.
#[derive(Default)]
struct Samples {
    parses: Vec<Duration>,
    frames: Vec<FirstFrame>,
    validates: Vec<Duration>,
    serializes: Vec<Duration>,
    writes: Vec<Duration>,
    saves: Vec<Duration>,
    outside_saves: Vec<Duration>,
    to_rons: Vec<Duration>,
    atomics: Vec<Duration>,
    clones: Vec<Duration>,
    merges: Vec<Duration>,
    copy_frames: Vec<Duration>,
}

/// Load and save at every size. Within each round the bare and the full
/// measurement alternate and the sizes take turns, so a busy machine slows
/// them alike: the ratios and the growth from one size to the next are
/// measured under the same conditions.
fn measure_sizes(fixtures: &[Fixture]) -> Vec<Figures> {
    let budget = Duration::from_secs(15) * fixtures.len() as u32;
    let mut samples: Vec<Samples> = fixtures.iter().map(|_| Samples::default()).collect();
    // Warm the page cache and the allocator first.
    for fixture in fixtures {
        measure::parse(&fixture.text);
        measure::first_frame(&fixture.path);
    }
    rounds(3, 21, budget, || {
        for (fixture, s) in fixtures.iter().zip(samples.iter_mut()) {
            s.parses.push(measure::parse(&fixture.text));
            s.frames.push(measure::first_frame(&fixture.path));
            s.validates.push(measure::validate(&fixture.journal));
        }
    });

    let copies: Vec<(Journal, Journal)> = fixtures.iter().map(|f| measure::diverged(&f.journal)).collect();
    let folders: Vec<_> = copies.iter().map(|(a, b)| measure::with_conflict_copy(a, b)).collect();
    rounds(3, 11, budget, || {
        for (((fixture, s), (a, b)), folder) in fixtures.iter().zip(samples.iter_mut()).zip(&copies).zip(&folders) {
            s.parses.push(measure::parse(&fixture.text));
            s.merges.push(measure::merge_two(a, b));
            s.copy_frames.push(measure::first_frame_with_copy(folder.path()));
        }
    });
    drop((copies, folders));

    let mut stores: Vec<_> = fixtures.iter().map(measure::store).collect();
    let outside: Vec<String> = fixtures.iter().map(|f| measure::changed_outside(&f.journal)).collect();
    rounds(3, 21, budget, || {
        for ((fixture, s), store) in fixtures.iter().zip(samples.iter_mut()).zip(stores.iter_mut()) {
            s.serializes.push(measure::serialize(&fixture.journal));
            s.writes.push(measure::write_fsync(&fixture.bare_path, fixture.text.as_bytes()));
            s.saves.push(measure::save(store, &fixture.journal));
            s.to_rons.push(measure::to_ron(&fixture.journal));
            s.atomics.push(measure::write_atomic(&fixture.atomic_path, fixture.text.as_bytes()));
            s.clones.push(measure::clone_for_writer(&fixture.journal));
        }
    });
    // Apart: each leaves the store's file one entry longer, which the plain
    // saves above must not see.
    rounds(3, 11, budget, || {
        for (((fixture, s), store), outside) in
            fixtures.iter().zip(samples.iter_mut()).zip(stores.iter_mut()).zip(&outside)
        {
            s.outside_saves.push(measure::save_changed_outside(store, &fixture.journal, outside));
        }
    });

    fixtures
        .iter()
        .zip(samples)
        .map(|(fixture, s)| Figures {
            size: fixture.entries,
            entries: fixture.journal.entries.len(),
            file_bytes: fixture.file_bytes(),
            parse: median(s.parses),
            first_frame: median(s.frames.iter().map(FirstFrame::total).collect()),
            load: median(s.frames.iter().map(|f| f.load).collect()),
            validate: median(s.validates),
            app: median(s.frames.iter().map(|f| f.app).collect()),
            draw: median(s.frames.iter().map(|f| f.draw).collect()),
            serialize: median(s.serializes),
            write_fsync: median(s.writes),
            save: median(s.saves),
            save_outside: median(s.outside_saves),
            to_ron: median(s.to_rons),
            write_atomic: median(s.atomics),
            clone: median(s.clones),
            merge: median(s.merges),
            copy_frame: median(s.copy_frames),
            // Peak memory barely moves from run to run: one run is enough.
            rss_kib: measure::peak_rss_kib(&fixture.path),
            keys: Vec::new(),
            note_key: Duration::ZERO,
        })
        .collect()
}

/// Every tab and keystroke, the sizes taking turns within each round so
/// the 1k and 50k figures are measured under the same conditions.
fn measure_keystrokes(rigs: &mut [Rig]) -> Vec<Vec<Vec<Duration>>> {
    let mut out = vec![vec![Vec::new(); Tab::ALL.len()]; rigs.len()];
    for (t, tab) in Tab::ALL.into_iter().enumerate() {
        for rig in rigs.iter_mut() {
            rig.select_tab(tab);
        }
        for key in Key::ALL {
            let mut samples = vec![Vec::new(); rigs.len()];
            for rig in rigs.iter_mut() {
                rig.keystroke(key);
            }
            rounds(5, 401, Duration::from_secs(3), || {
                for (rig, samples) in rigs.iter_mut().zip(&mut samples) {
                    samples.push(rig.keystroke(key));
                }
            });
            for (size, samples) in samples.into_iter().enumerate() {
                out[size][t].push(median(samples));
            }
        }
    }
    out
}

/// A letter typed into the largest note, the sizes taking turns.
fn measure_note_keys(rigs: &mut [Rig]) -> Vec<Duration> {
    let mut samples = vec![Vec::new(); rigs.len()];
    rounds(5, 201, Duration::from_secs(3), || {
        for (rig, samples) in rigs.iter_mut().zip(&mut samples) {
            samples.push(rig.note_keystroke());
        }
    });
    samples.into_iter().map(median).collect()
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

fn times(x: f64) -> String {
    format!("{x:.2}x")
}

fn size_label(entries: usize) -> String {
    if entries >= 1000 && entries.is_multiple_of(1000) { format!("{}k", entries / 1000) } else { entries.to_string() }
}

fn print_table(figures: &[Figures]) {
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |label: &str, cell: &dyn Fn(&Figures) -> String| {
        rows.push((label.to_string(), figures.iter().map(cell).collect()));
    };
    row("entries in the journal", &|f| f.entries.to_string());
    row("file size (MB)", &|f| format!("{:.2}", f.file_bytes as f64 / 1e6));
    row("bare ron::from_str (ms)", &|f| ms(f.parse));
    row("load to first frame (ms)", &|f| ms(f.first_frame));
    row("  storage::load: read+parse+validate (ms)", &|f| ms(f.load));
    row("    of which validate::problems (ms)", &|f| ms(f.validate));
    row("  App::new (ms)", &|f| ms(f.app));
    row("  first render, Today 120x40 (ms)", &|f| ms(f.draw));
    row("load ratio: first frame / bare parse", &|f| times(f.load_ratio()));
    row("bare ron::ser::to_string_pretty (ms)", &|f| ms(f.serialize));
    row("bare write + fsync (ms)", &|f| ms(f.write_fsync));
    row("Store::save (ms)", &|f| ms(f.save));
    row("  format::to_ron (ms)", &|f| ms(f.to_ron));
    row("  atomic::write_atomic (ms)", &|f| ms(f.write_atomic));
    row("save ratio: save / (bare ser + write+fsync)", &|f| times(f.save_ratio()));
    row("save finding the file changed outside (ms)", &|f| ms(f.save_outside));
    row("  ratio to Store::save", &|f| times(ratio(f.save_outside, f.save)));
    row("(info) writer's copy, once after the first frame (ms)", &|f| ms(f.clone));
    row("merge of two diverged copies (ms)", &|f| ms(f.merge));
    row("  ratio to bare parse", &|f| times(ratio(f.merge, f.parse)));
    row("first frame with a conflict copy (ms)", &|f| ms(f.copy_frame));
    row("  ratio to bare parse", &|f| times(ratio(f.copy_frame, f.parse)));
    row("peak RSS of `trustbank status` (MB)", &|f| match &f.rss_kib {
        Ok(kib) => format!("{:.1}", *kib as f64 * 1024.0 / 1e6),
        Err(_) => "n/a".into(),
    });
    row("memory ratio: peak RSS / file size", &|f| f.rss_ratio().map_or("n/a".into(), times));
    for (t, tab) in Tab::ALL.into_iter().enumerate() {
        for (k, key) in Key::ALL.into_iter().enumerate() {
            let label = format!("key {:<11} {} (µs)", tab.title(), key.label());
            row(&label, &|f| us(f.keys[t][k]));
        }
    }

    row("key in a 64 KiB note: type a letter, entry form (µs)", &|f| us(f.note_key));

    let width = rows.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0);
    let header: Vec<String> = figures.iter().map(|f| format!("{:>10}", size_label(f.size))).collect();
    println!("{:<width$}  {}", "median, release build", header.join(""));
    println!("{}", "-".repeat(width + 2 + 10 * figures.len()));
    for (label, cells) in rows {
        let cells: Vec<String> = cells.iter().map(|c| format!("{c:>10}")).collect();
        println!("{label:<width$}  {}", cells.join(""));
    }
    if let Some(e) = figures.iter().find_map(|f| f.rss_kib.as_ref().err()) {
        println!("peak memory not measured: {e}");
    }
}

/// Prints one target's line; returns 1 when it was missed, else 0.
fn target_line(name: &str, measured: String, goal: String, met: bool) -> usize {
    println!("target {name}: measured {measured}, goal {goal}, {}", if met { "met" } else { "missed" });
    usize::from(!met)
}

/// Prints one line per target; returns how many were missed.
fn print_targets(figures: &[Figures]) -> usize {
    let at = |size: usize| figures.iter().find(|f| f.size == size);
    let mut missed = 0;
    let mut target =
        |name: &str, measured: String, goal: String, met: bool| missed += target_line(name, measured, goal, met);
    let Some(stress) = at(STRESS) else {
        eprintln!("bench: the targets are judged at {STRESS} entries, which this run did not measure");
        return 0;
    };
    target(
        "load-to-first-frame",
        format!("{} ({} ms vs bare parse {} ms)", times(stress.load_ratio()), ms(stress.first_frame), ms(stress.parse)),
        format!("<= {LOAD_GOAL:.2}x bare parse"),
        stress.load_ratio() <= LOAD_GOAL,
    );
    target(
        "save",
        format!(
            "{} ({} ms vs bare {} + {} ms)",
            times(stress.save_ratio()),
            ms(stress.save),
            ms(stress.serialize),
            ms(stress.write_fsync)
        ),
        format!("<= {SAVE_GOAL:.2}x bare serialization + fsync"),
        stress.save_ratio() <= SAVE_GOAL,
    );
    let outside = ratio(stress.save_outside, stress.save);
    target(
        "save-changed-outside",
        format!("{} ({} ms vs a plain save {} ms)", times(outside), ms(stress.save_outside), ms(stress.save)),
        format!("<= {OUTSIDE_SAVE_GOAL:.1}x a plain save"),
        outside <= OUTSIDE_SAVE_GOAL,
    );
    for (name, took, goal) in [
        ("merge-two-copies", stress.merge, MERGE_GOAL),
        ("conflict-copy-first-frame", stress.copy_frame, COPY_FRAME_GOAL),
    ] {
        let r = ratio(took, stress.parse);
        target(
            name,
            format!("{} ({} ms vs bare parse {} ms)", times(r), ms(took), ms(stress.parse)),
            format!("<= {goal:.1}x bare parse"),
            r <= goal,
        );
    }
    let small = at(SMALL);
    for (t, tab) in Tab::ALL.into_iter().enumerate() {
        for (k, key) in Key::ALL.into_iter().enumerate() {
            let name = format!("keystroke-{}-{}", tab.title().to_lowercase(), key.slug());
            let took = stress.keys[t][k];
            target(&name, format!("{} ms", ms(took)), "< 1 ms".into(), took < KEYSTROKE_GOAL);
            if let Some(small) = small {
                let growth = ratio(took, small.keys[t][k]);
                target(
                    &format!("{name}-vs-1k"),
                    format!("{} ({} µs vs {} µs)", times(growth), us(took), us(small.keys[t][k])),
                    format!("<= {KEYSTROKE_GROWTH_GOAL:.1}x the 1k figure"),
                    growth <= KEYSTROKE_GROWTH_GOAL,
                );
            }
        }
    }
    target(
        "keystroke-note-64kib",
        format!("{} ms", ms(stress.note_key)),
        format!("< {} ms", NOTE_KEY_GOAL.as_millis()),
        stress.note_key < NOTE_KEY_GOAL,
    );
    match stress.rss_ratio() {
        Some(r) => target(
            "peak-memory",
            format!(
                "{} ({:.1} MB for a {:.1} MB file)",
                times(r),
                r * stress.file_bytes as f64 / 1e6,
                stress.file_bytes as f64 / 1e6
            ),
            format!("<= {MEMORY_GOAL:.1}x file size"),
            r <= MEMORY_GOAL,
        ),
        None => {
            target("peak-memory", "nothing (not measured)".into(), format!("<= {MEMORY_GOAL:.1}x file size"), false)
        }
    }
    if let Some(large) = at(LARGE) {
        let load = ratio(large.first_frame, stress.first_frame);
        target(
            "load-growth-200k",
            format!("{} ({} ms vs {} ms)", times(load), ms(large.first_frame), ms(stress.first_frame)),
            format!("<= {GROWTH_GOAL:.1}x the 50k figure"),
            load <= GROWTH_GOAL,
        );
        let save = ratio(large.save, stress.save);
        target(
            "save-growth-200k",
            format!("{} ({} ms vs {} ms)", times(save), ms(large.save), ms(stress.save)),
            format!("<= {GROWTH_GOAL:.1}x the 50k figure"),
            save <= GROWTH_GOAL,
        );
    }
    missed
}

/// Load and Today's keys on the 50k journal with 10% of its entries edited
/// twice, the bare parse of the same file alternating with the load.
fn measure_history(fixture: &Fixture) -> HistoryFigures {
    let edited = measure::Edited::new(fixture);
    measure::parse(&edited.text);
    measure::first_frame(&edited.path);
    let (mut parses, mut frames) = (Vec::new(), Vec::new());
    rounds(3, 21, Duration::from_secs(15), || {
        parses.push(measure::parse(&edited.text));
        frames.push(measure::first_frame(&edited.path).total());
    });
    let mut rig = Rig::new(edited.journal.clone());
    rig.select_tab(Tab::Today);
    let keys = Key::ALL
        .into_iter()
        .map(|key| {
            rig.keystroke(key);
            let mut samples = Vec::new();
            rounds(5, 401, Duration::from_secs(2), || samples.push(rig.keystroke(key)));
            median(samples)
        })
        .collect();
    HistoryFigures {
        versions: edited.versions,
        file_bytes: edited.text.len() as u64,
        bytes_per_version: edited.bytes_per_version(),
        parse: median(parses),
        first_frame: median(frames),
        keys,
    }
}

fn print_history(h: &HistoryFigures) {
    println!();
    println!("50k entries, 10% of them edited twice ({} versions kept)", h.versions);
    println!("  file size (MB)                      {:>10.2}", h.file_bytes as f64 / 1e6);
    println!("  file growth per version (bytes)     {:>10.0}", h.bytes_per_version);
    println!("  bare ron::from_str (ms)             {:>10}", ms(h.parse));
    println!("  load to first frame (ms)            {:>10}", ms(h.first_frame));
    for (key, took) in Key::ALL.into_iter().zip(&h.keys) {
        println!("  key Today {:<26}{:>10} µs", key.label(), us(*took));
    }
}

/// The lines of issue 13's targets; returns how many were missed.
fn history_targets(h: &HistoryFigures) -> usize {
    let mut missed = 0;
    let mut target =
        |name: &str, measured: String, goal: String, met: bool| missed += target_line(name, measured, goal, met);
    let load = ratio(h.first_frame, h.parse);
    target(
        "load-with-history",
        format!("{} ({} ms vs bare parse {} ms of the same file)", times(load), ms(h.first_frame), ms(h.parse)),
        format!("<= {HISTORY_LOAD_GOAL:.1}x bare parse"),
        load <= HISTORY_LOAD_GOAL,
    );
    for (key, took) in Key::ALL.into_iter().zip(&h.keys) {
        target(
            &format!("keystroke-today-{}-with-history", key.slug()),
            format!("{} ms", ms(*took)),
            "< 1 ms".into(),
            *took < KEYSTROKE_GOAL,
        );
    }
    println!(
        "info history-file-growth: {:.0} bytes per version ({} versions, {:.2} MB more)",
        h.bytes_per_version,
        h.versions,
        h.bytes_per_version * h.versions as f64 / 1e6
    );
    missed
}
