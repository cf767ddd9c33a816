//! Stage timings for people measuring the build: with `GEN_TIMINGS=1` in the environment,
//! `gen build` prints to stderr, after each stage, its wall time, the process's resident memory
//! now and its peak so far (`VmRSS` and `VmHWM`, Linux only) and the allocator's figures
//! ([`crate::memory::stats`]). The figures in bench/README.md that split a build into
//! stages come from here; without the variable nothing is measured or printed.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `GEN_TIMINGS` is set (read once).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GEN_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// A stopwatch for consecutive stages; each [`Stages::mark`] prints the time since the previous
/// mark, and the total since the first stopwatch of the process started (the pipeline starts
/// one per function, so that each stays where its stages are).
pub struct Stages {
    last: Instant,
    start: Instant,
}

impl Stages {
    /// Starts timing now.
    pub fn start() -> Self {
        static FIRST: OnceLock<Instant> = OnceLock::new();
        let now = Instant::now();
        Stages { last: now, start: *FIRST.get_or_init(|| now) }
    }

    /// Ends the stage called `name`: prints its wall time, the total so far and the peak memory
    /// when timings are enabled.
    pub fn mark(&mut self, name: &str) {
        if !enabled() {
            return;
        }
        let now = Instant::now();
        let mb = |field| rss(field).map_or_else(|| "?".to_owned(), |kb| format!("{} MB", kb / 1024));
        // What the allocator holds, when the binary's allocator says: the bytes in use, the
        // pages they take and the pages resident (those and freed ones not yet given back).
        let heap = crate::memory::stats().map_or_else(String::new, |s| {
            let mb = |b: usize| b as f64 / 1048576.0;
            format!("; heap {:.0} in {:.0}, {:.0} resident", mb(s.allocated), mb(s.active), mb(s.resident))
        });
        eprintln!(
            "timing: {name:<12} {:>8.1} ms  (total {:>8.1} ms, RSS {}, peak RSS {}{heap})",
            (now - self.last).as_secs_f64() * 1e3,
            (now - self.start).as_secs_f64() * 1e3,
            mb("VmRSS:"),
            mb("VmHWM:"),
        );
        self.last = now;
    }
}

/// A resident set size of the process in KiB from `/proc/self/status`: `VmRSS:` (now) or
/// `VmHWM:` (the peak).
fn rss(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Time and output spent per kind of page during rendering, summed over threads (so the sum is
/// CPU time, not wall time). Only filled when timings are enabled.
pub struct Tally {
    names: &'static [&'static str],
    nanos: Vec<std::sync::atomic::AtomicU64>,
    bytes: Vec<std::sync::atomic::AtomicU64>,
    count: Vec<std::sync::atomic::AtomicU64>,
}

impl Tally {
    /// A tally with one row per name.
    pub fn new(names: &'static [&'static str]) -> Self {
        let zeros = || names.iter().map(|_| std::sync::atomic::AtomicU64::new(0)).collect();
        Tally { names, nanos: zeros(), bytes: zeros(), count: zeros() }
    }

    /// Adds one item of row `row` that took `elapsed` and produced `bytes`.
    pub fn add(&self, row: usize, elapsed: std::time::Duration, bytes: usize) {
        use std::sync::atomic::Ordering::Relaxed;
        self.nanos[row].fetch_add(elapsed.as_nanos() as u64, Relaxed);
        self.bytes[row].fetch_add(bytes as u64, Relaxed);
        self.count[row].fetch_add(1, Relaxed);
    }

    /// Prints the rows that have items, most expensive first.
    pub fn print(&self, what: &str) {
        use std::sync::atomic::Ordering::Relaxed;
        let mut rows: Vec<usize> = (0..self.names.len()).filter(|&i| self.count[i].load(Relaxed) > 0).collect();
        rows.sort_by_key(|&i| std::cmp::Reverse(self.nanos[i].load(Relaxed)));
        let total: u64 = rows.iter().map(|&i| self.nanos[i].load(Relaxed)).sum();
        for i in rows {
            let (ns, n, b) = (self.nanos[i].load(Relaxed), self.count[i].load(Relaxed), self.bytes[i].load(Relaxed));
            eprintln!(
                "timing:   {what} {:<10} {:>8.1} ms CPU ({:>4.1} %)  {n:>6} × {:>7.1} µs  {:>7.1} MB out",
                self.names[i],
                ns as f64 / 1e6,
                100.0 * ns as f64 / total.max(1) as f64,
                ns as f64 / 1e3 / n as f64,
                b as f64 / 1e6,
            );
        }
    }
}
