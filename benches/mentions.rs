//! The mention scan (`link::mentions::index`) over a generated site, on one thread: every text
//! of every edition searched for resource titles and topic names.
//!
//! Run: `cargo bench --bench mentions`. It reads the gen site at `$GEN_BENCH_CORPUS` when set
//! (e.g. one written by `gen-corpus --roadmaps 100 --seed 1 --out DIR`), else writes that same
//! 100-roadmap corpus into a temporary folder first. The scan runs in a one-thread rayon pool, so
//! the figure is what one core spends and does not depend on how many cores are free on a shared
//! machine.

use criterion::{Criterion, Throughput};
use roadmap_gen::link::mentions;
use roadmap_gen::pipeline::load_site;
use std::hint::black_box;
use std::path::PathBuf;

fn main() {
    let _tmp;
    let root = match std::env::var_os("GEN_BENCH_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => {
            let dir = tempfile::tempdir().expect("temporary folder");
            let root = dir.path().join("gen");
            let opts = roadmap_gen::corpus::Options::default();
            roadmap_gen::corpus::write_gen(&opts, &root, env!("CARGO_MANIFEST_DIR").as_ref()).expect("corpus written");
            _tmp = dir;
            root
        }
    };
    if !root.join("site.toml").is_file() {
        eprintln!("mentions bench: no gen site at {}, skipped", root.display());
        return;
    }
    let (Some(site), _) = load_site(&root) else {
        eprintln!("mentions bench: {} does not load, skipped", root.display());
        return;
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool");
    let idx = pool.install(|| mentions::index(&site));
    let citations: usize = idx.resources.iter().chain(&idx.topics).map(Vec::len).sum();
    eprintln!("mentions bench: {} roadmaps, {citations} citations", site.roadmaps.len());
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("mentions");
    g.sample_size(10);
    g.throughput(Throughput::Elements(site.roadmaps.len() as u64));
    g.bench_function("index, one thread", |b| b.iter(|| pool.install(|| mentions::index(black_box(&site)))));
    g.finish();
    c.final_summary();
}
