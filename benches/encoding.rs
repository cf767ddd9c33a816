//! Throughput of the encoding stage on one core: clean text (the fast path that proves there
//! is nothing to fix) and mojibake text (seed 004, UTF-8 read as Mac Roman; a Vietnamese
//! roadmap read as Windows-1252). Run: `cargo bench --bench encoding`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use roadmap_gen::encoding::{codepages::Codepage, normalize};
use std::hint::black_box;

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))).expect("bench input")
}

fn repeat(doc: &[u8], target: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(target + doc.len());
    while v.len() < target {
        v.extend_from_slice(doc);
        v.push(b'\n');
    }
    v
}

fn bench(c: &mut Criterion) {
    let vi = read("tests/fixtures/seeds/000.expected.md");
    let ru = read("tests/fixtures/seeds/004.expected.md");
    let mut clean_doc = vi.clone();
    clean_doc.extend_from_slice(&ru);
    let clean = repeat(&clean_doc, 1 << 20);
    let mojibake_ru = read("tests/fixtures/seeds/004_a6409e90a987143a.txt");
    let vi_text = String::from_utf8(vi.clone()).unwrap();
    let mojibake_vi = Codepage::Cp1252.decode(vi_text.as_bytes()).into_bytes();

    let mut g = c.benchmark_group("encoding");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.bench_function("clean vi+ru 1 MiB", |b| b.iter(|| normalize(black_box(&clean))));
    g.throughput(Throughput::Bytes(mojibake_ru.len() as u64));
    g.bench_function("mojibake seed 004 (mac-roman)", |b| b.iter(|| normalize(black_box(&mojibake_ru))));
    g.throughput(Throughput::Bytes(mojibake_vi.len() as u64));
    g.bench_function("mojibake vi (cp1252)", |b| b.iter(|| normalize(black_box(&mojibake_vi))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
