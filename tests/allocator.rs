//! The `gen` binary's allocator settings: mimalloc commits its arena lazily unless the
//! environment says otherwise (see `src/main.rs`). mimalloc prints every option it uses when
//! `MIMALLOC_VERBOSE=1`.

#![cfg(target_os = "linux")]

use std::process::Command;

fn arena_eager_commit(env: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gen"));
    cmd.arg("--version").env("MIMALLOC_VERBOSE", "1").env_remove("MIMALLOC_ARENA_EAGER_COMMIT");
    if let Some(v) = env {
        cmd.env("MIMALLOC_ARENA_EAGER_COMMIT", v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let line = stderr.lines().find(|l| l.starts_with("option 'arena_eager_commit'"));
    line.unwrap_or_else(|| panic!("mimalloc did not report the option:\n{stderr}")).trim().to_owned()
}

#[test]
fn the_arena_is_committed_lazily_unless_the_environment_says_otherwise() {
    assert_eq!(arena_eager_commit(None), "option 'arena_eager_commit': 0");
    assert_eq!(arena_eager_commit(Some("1")), "option 'arena_eager_commit': 1");
}
