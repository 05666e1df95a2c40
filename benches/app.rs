//! The project's benchmark (SPEC §8, issue 7), on generated journals of
//! 200 commitments and 5 years of check-ins with 1k, 10k, 50k and 200k
//! entries: the bare RON parse against trustbank's load to first frame, the
//! bare serialization against `Store::save`, one keystroke's update and
//! render on every tab, and the peak memory of `trustbank status`.
//!
//! - `cargo bench --bench app` runs it under criterion (the sizes in
//!   `TRUSTBANK_BENCH_SIZES`, default `1000,50000`; criterion's own
//!   arguments, like a name filter, work as usual).
//! - `cargo bench --bench app -- --table [--sizes 1000,50000]` takes the
//!   medians itself, prints one table and one line per target, and exits 1
//!   if a target is missed. `scripts/bench` runs this.
//! - `cargo bench --bench app -- --profile WHAT [--sizes N] [--seconds S]`
//!   repeats one measurement, for a profiler (see `app/profile.rs`).

// A crate root finds its modules beside it; these live in `benches/app/`.
#[path = "app/measure.rs"]
mod measure;
#[path = "app/profile.rs"]
mod profile;
#[path = "app/table.rs"]
mod table;

use std::time::Duration;

use criterion::Criterion;
use trustbank::app::Tab;

use measure::{Fixture, Key, Rig};

fn main() {
    // Cargo adds `--bench` when it runs a benchmark.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    let sizes = value("--sizes").map(|list| parse_sizes(list));
    if let Some(what) = value("--profile") {
        let size = sizes.and_then(|s| s.first().copied()).unwrap_or(50_000);
        let seconds = value("--seconds").and_then(|s| s.parse().ok()).unwrap_or(10);
        std::process::exit(profile::run(what, size, seconds));
    }
    if args.iter().any(|a| a == "--table") {
        std::process::exit(table::run(&sizes.unwrap_or_else(|| table::SIZES.to_vec())));
    }
    let sizes = parse_sizes(&std::env::var("TRUSTBANK_BENCH_SIZES").unwrap_or_else(|_| "1000,50000".into()));
    run_criterion(&sizes);
}

fn parse_sizes(list: &str) -> Vec<usize> {
    let sizes: Vec<usize> = list.split(',').filter_map(|s| s.trim().replace('_', "").parse().ok()).collect();
    if sizes.is_empty() {
        eprintln!("bench: no sizes in {list:?}; expected a list like 1000,50000");
        std::process::exit(2);
    }
    sizes
}

fn run_criterion(sizes: &[usize]) {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for &entries in sizes {
        let fixture = Fixture::new(entries);
        let mut group = c.benchmark_group(entries.to_string());
        group.bench_function("bare_parse", |b| b.iter_custom(|n| (0..n).map(|_| measure::parse(&fixture.text)).sum()));
        group.bench_function("load_to_first_frame", |b| {
            b.iter_custom(|n| (0..n).map(|_| measure::first_frame(&fixture.path).total()).sum())
        });
        group.bench_function("bare_serialize", |b| {
            b.iter_custom(|n| (0..n).map(|_| measure::serialize(&fixture.journal)).sum())
        });
        group.bench_function("bare_write_fsync", |b| {
            b.iter_custom(|n| (0..n).map(|_| measure::write_fsync(&fixture.bare_path, fixture.text.as_bytes())).sum())
        });
        let mut store = measure::store(&fixture);
        group.bench_function("save", |b| {
            b.iter_custom(|n| (0..n).map(|_| measure::save(&mut store, &fixture.journal)).sum())
        });
        let mut rig = Rig::new(fixture.journal.clone());
        for tab in Tab::ALL {
            rig.select_tab(tab);
            for key in Key::ALL {
                let name = format!("keystroke/{}/{}", tab.title().to_lowercase(), key.slug());
                group.bench_function(name, |b| b.iter_custom(|n| (0..n).map(|_| rig.keystroke(key)).sum()));
            }
        }
        rig.select_tab(Tab::Today);
        group.bench_function("keystroke/note-64kib", |b| b.iter_custom(|n| (0..n).map(|_| rig.note_keystroke()).sum()));
        group.finish();
    }
    c.final_summary();
}
