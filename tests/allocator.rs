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
