//! The `gen` binary's allocator settings: mimalloc commits its arena lazily and purges freed
//! memory after 25 ms, unless the environment says otherwise (see `src/main.rs`). mimalloc
//! prints every option it uses when `MIMALLOC_VERBOSE=1`.

#![cfg(target_os = "linux")]

use std::process::Command;

/// The line mimalloc prints for `option`, with `env` set to the value given (or unset).
fn reported(option: &str, env: &str, value: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gen"));
    cmd.arg("--version").env("MIMALLOC_VERBOSE", "1").env_remove(env);
    if let Some(v) = value {
        cmd.env(env, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let prefix = format!("option '{option}'");
    let line = stderr.lines().find(|l| l.starts_with(&prefix));
    line.unwrap_or_else(|| panic!("mimalloc did not report {option}:\n{stderr}")).trim().to_owned()
}

#[test]
fn the_arena_is_committed_lazily_unless_the_environment_says_otherwise() {
    let eager = |v| reported("arena_eager_commit", "MIMALLOC_ARENA_EAGER_COMMIT", v);
    assert_eq!(eager(None), "option 'arena_eager_commit': 0");
    assert_eq!(eager(Some("1")), "option 'arena_eager_commit': 1");
}

#[test]
fn freed_memory_is_purged_after_25_ms_unless_the_environment_says_otherwise() {
    let delay = |v| reported("purge_delay", "MIMALLOC_PURGE_DELAY", v);
    assert_eq!(delay(None), "option 'purge_delay': 25");
    assert_eq!(delay(Some("1000")), "option 'purge_delay': 1000");
}
