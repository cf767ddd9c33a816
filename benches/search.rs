//! The search index build alone, on a modelled site: each language's index on one core
//! (`search::build` and its JSON) and all languages as a build makes them (`search::pages`,
//! on every core).
//!
//! Run: `cargo bench --bench search`. The site is `$GEN_BENCH_CORPUS` when set (e.g. one written
//! by `gen-corpus --roadmaps 100 --seed 1 --out DIR`), else that same 100-roadmap corpus written
//! into a temporary folder with the crate's `corpus` module.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use roadmap_gen::{corpus, pipeline, search};

fn site_root(tmp: &mut Option<tempfile::TempDir>) -> PathBuf {
    if let Some(p) = std::env::var_os("GEN_BENCH_CORPUS") {
        return PathBuf::from(p);
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("gen");
    let opts = corpus::Options::default();
    corpus::write_gen(&opts, &root, env!("CARGO_MANIFEST_DIR").as_ref()).expect("corpus written");
    *tmp = Some(dir);
    root
}

fn bench(c: &mut Criterion) {
    let mut tmp = None;
    let root = site_root(&mut tmp);
    let (site, _) = pipeline::load_site(&root);
    let site = site.expect("the bench site loads");
    let (i18n, _) = pipeline::load_i18n(&root, &site.config);
    let mut g = c.benchmark_group("search");
    g.sample_size(10);
    for lang in &site.config.languages {
        g.bench_function(format!("build+json {lang}"), |b| {
            b.iter(|| serde_json::to_vec(&search::build(black_box(&site), &i18n, lang)).unwrap_or_default())
        });
    }
    g.bench_function("pages (all languages)", |b| b.iter(|| search::pages(black_box(&site), &i18n)));
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
