//! A build killed at any moment leaves the previous site whole: the output folder is always
//! either the complete old site or the complete new one, and the next build cleans up.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{copy_tree, repo};
use sha2::{Digest, Sha256};

fn digest(dir: &Path) -> BTreeMap<String, [u8; 32]> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            out.insert(rel, Sha256::digest(std::fs::read(e.path()).unwrap()).into());
        }
    }
    out
}

fn gen_build(root: &Path, output: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gen"))
        .args(["build", "--output", output, "--root"])
        .arg(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn killing_the_build_at_random_points_never_damages_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for p in ["content", "themes", "i18n"] {
        copy_tree(&repo().join(p), &root.join(p));
    }
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();

    // Old site (A).
    assert!(gen_build(root, "public").wait().unwrap().success());
    let a = digest(&root.join("public"));
    // New content (B), built once elsewhere for reference; measure how long a build takes.
    let en = root.join("content/roadmaps/backend-zero-to-senior/en.md");
    let text = std::fs::read_to_string(&en).unwrap().replace("PHASE 1", "PHASE ONE");
    std::fs::write(&en, text).unwrap();
    let t = Instant::now();
    assert!(gen_build(root, "reference-b").wait().unwrap().success());
    let full = t.elapsed().max(Duration::from_millis(20));
    let b = digest(&root.join("reference-b"));
    assert_ne!(a, b);

    // Kill builds at spread-out moments across the whole build (deterministic spread, no RNG).
    let runs = 16;
    let mut killed = 0;
    for i in 0..runs {
        let delay = full.mul_f64(i as f64 / runs as f64 * 1.2);
        let mut child = gen_build(root, "public");
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let now = digest(&root.join("public"));
        assert!(now == a || now == b, "run {i} (killed after {delay:?}) left a partial site: {} files", now.len());
    }
    assert!(killed > 0, "no build was interrupted; the test measured nothing");
    // A normal build afterwards succeeds and removes what killed builds left behind.
    assert!(gen_build(root, "public").wait().unwrap().success());
    assert_eq!(digest(&root.join("public")), b);
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") && n != ".public.gen")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // In the work folder: the lock, the state and the previous site (reused by the next build).
    let mut work: Vec<_> = std::fs::read_dir(root.join(".public.gen"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    work.sort();
    assert_eq!(work, ["lock", "prev", "state"]);
    eprintln!("fault injection: {runs} runs, {killed} killed mid-build, site always whole");
}
