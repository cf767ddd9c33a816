//! Stage timings for people measuring the build: with `GEN_TIMINGS=1` in the environment,
//! `gen build` prints to stderr, after each stage, its wall time, the process's resident memory
//! now and its peak so far (`VmRSS` and `VmHWM`, Linux only). The figures in bench/README.md that split a build into
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
        eprintln!(
            "timing: {name:<12} {:>8.1} ms  (total {:>8.1} ms, RSS {}, peak RSS {})",
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
