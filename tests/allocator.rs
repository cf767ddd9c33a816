//! The `gen` binary's allocator settings: jemalloc gives freed pages back to the system within
//! 250 ms and without a lazy second stage, unless the environment says otherwise (see
//! `src/main.rs`). jemalloc prints every option it uses, and where each value came from, when
//! `_RJEM_MALLOC_CONF` asks for `stats_print:true`.

#![cfg(target_os = "linux")]

use std::process::Command;

/// The line jemalloc prints for `option` (`opt.<option>: …`), with `extra` added to the
/// environment's configuration.
fn reported(option: &str, extra: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gen"))
        .arg("--version")
        .env("_RJEM_MALLOC_CONF", format!("stats_print:true{extra}"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let prefix = format!("opt.{option}:");
    let line = stderr.lines().map(str::trim).find(|l| l.starts_with(&prefix));
    line.unwrap_or_else(|| panic!("jemalloc did not report {option}:\n{stderr}")).to_owned()
}

#[test]
fn freed_pages_go_back_within_250_ms_unless_the_environment_says_otherwise() {
    assert_eq!(reported("dirty_decay_ms", ""), "opt.dirty_decay_ms: 250 (arenas.dirty_decay_ms: 250)");
    assert_eq!(
        reported("dirty_decay_ms", ",dirty_decay_ms:1000"),
        "opt.dirty_decay_ms: 1000 (arenas.dirty_decay_ms: 1000)"
    );
}

#[test]
fn freed_pages_are_not_kept_lazily_unless_the_environment_says_otherwise() {
    assert_eq!(reported("muzzy_decay_ms", ""), "opt.muzzy_decay_ms: 0 (arenas.muzzy_decay_ms: 0)");
    assert_eq!(
        reported("muzzy_decay_ms", ",muzzy_decay_ms:500"),
        "opt.muzzy_decay_ms: 500 (arenas.muzzy_decay_ms: 500)"
    );
}

/// The binary hands jemalloc to the library (`roadmap_gen::memory`): with `GEN_TIMINGS`, every
/// stage's line ends with jemalloc's figures, which only a registered allocator with its
/// statistics compiled in gives, and they are in the order they must be (what is in use fits in
/// the pages that hold it, which are resident).
#[test]
fn a_build_reports_the_allocators_figures_at_every_stage() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gen"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(out_dir.path().join("site"))
        .env("GEN_TIMINGS", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stages: Vec<&str> = stderr.lines().filter(|l| l.starts_with("timing: ") && l.contains("peak RSS")).collect();
    assert!(stages.len() >= 6, "{stderr}");
    for line in stages {
        // `…, peak RSS 9 MB; heap 3 in 4, 7 resident)`
        let heap = line.split("; heap ").nth(1).unwrap_or_else(|| panic!("no allocator figures: {line}"));
        let numbers: Vec<u64> = heap
            .trim_end_matches(')')
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        let [allocated, active, resident] = numbers[..] else { panic!("{line}") };
        assert!(allocated <= active && active <= resident, "{line}");
    }
}
