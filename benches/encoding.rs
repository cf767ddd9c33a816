//! Throughput of the encoding stage on one core: clean text (the fast path that proves there
//! is nothing to fix) and mojibake text (seed 004, UTF-8 read as Mac Roman; a Vietnamese
//! roadmap read as Windows-1252; a document where only some paragraphs are garbled).
//!
//! Run: `cargo bench --bench encoding`. On a machine shared with other work, wall time says
//! more about the load than about the code: `GEN_BENCH_CPU_TIME=1 cargo bench --bench encoding`
//! measures the benchmark thread's CPU time instead (what one core spends), so figures taken
//! under different loads compare.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput};
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

/// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in nanoseconds.
struct ThreadCpuTime;

fn thread_cpu_nanos() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_nanos()
    }
    fn end(&self, i: u64) -> u64 {
        thread_cpu_nanos().saturating_sub(i)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, like wall time: the same formatting (and throughput) applies.
        WallTime.formatter()
    }
}

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    let vi = read("tests/fixtures/seeds/000.expected.md");
    let ru = read("tests/fixtures/seeds/004.expected.md");
    let mut clean_doc = vi.clone();
    clean_doc.extend_from_slice(&ru);
    let clean = repeat(&clean_doc, 1 << 20);
    let mojibake_ru = read("tests/fixtures/seeds/004_a6409e90a987143a.txt");
    let vi_text = String::from_utf8(vi.clone()).unwrap_or_default();
    let mojibake_vi = Codepage::Cp1252.decode(vi_text.as_bytes()).into_bytes();
    let partial: Vec<String> = vi_text
        .split("\n\n")
        .enumerate()
        .map(|(i, p)| if i % 3 == 1 { Codepage::Cp1252.decode(p.as_bytes()) } else { p.to_string() })
        .collect();
    vec![
        ("clean vi+ru 1 MiB", clean),
        ("mojibake seed 004 (mac-roman)", mojibake_ru),
        ("mojibake vi (cp1252)", mojibake_vi),
        ("mojibake vi, every third paragraph (cp1252)", partial.join("\n\n").into_bytes()),
    ]
}

fn bench<M: Measurement>(c: &mut Criterion<M>) {
    let mut g = c.benchmark_group("encoding");
    g.sample_size(20);
    for (name, input) in inputs() {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(name, |b| b.iter(|| normalize(black_box(&input))));
    }
    g.finish();
}

fn main() {
    if std::env::var_os("GEN_BENCH_CPU_TIME").is_some() {
        let mut c = Criterion::default().with_measurement(ThreadCpuTime).configure_from_args();
        bench(&mut c);
        c.final_summary();
    } else {
        let mut c = Criterion::default().configure_from_args();
        bench(&mut c);
        c.final_summary();
    }
}
