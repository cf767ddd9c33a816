//! `gen serve` treats its sources as things that change under it: a document caught half
//! written, files deleted, even the whole site folder deleted. It keeps serving the last good
//! site, says what is wrong, and recovers when the files come back.

mod common;

use std::time::{Duration, Instant};

use common::serve::{Serve, raw_get};

/// The body without the live-reload script (its version number changes with every build).
fn page_text(body: &[u8]) -> String {
    let s = String::from_utf8_lossy(body).into_owned();
    match s.find("<script data-gen-serve>") {
        Some(start) => s[..start].to_owned(),
        None => s,
    }
}

/// Waits until `needle` has been printed `n` times in all.
fn wait_for_nth(serve: &Serve, needle: &str, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while serve.printed().matches(needle).count() < n {
        assert!(Instant::now() < deadline, "never printed {needle:?} {n} times:\n{}", serve.printed());
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_half_written_file_deleted_files_and_a_deleted_root_never_take_the_site_down() {
    let site = common::fixture_site("site-mini");
    let root = site.path().to_path_buf();
    let serve = Serve::start(&root, &[]);
    let auth = serve.authority();
    let page = "/repo/vi/mini/phase-1/";
    let (status, _, good) = raw_get(&auth, page);
    assert_eq!(status, 200);
    let good = page_text(&good);

    // Half written: the document stops inside its front matter, as an editor's save that the
    // watcher caught midway would.
    let doc = root.join("content/roadmaps/mini/vi.md");
    let full = std::fs::read(&doc).unwrap();
    let cut = String::from_utf8_lossy(&full).find("description").unwrap();
    std::fs::write(&doc, &full[..cut]).unwrap();
    wait_for_nth(&serve, "gen serve: ", 1);
    assert!(serve.printed().contains("vi.md"), "the error names the file:\n{}", serve.printed());
    let (status, _, body) = raw_get(&auth, page);
    assert_eq!(status, 200);
    assert_eq!(page_text(&body), good, "the last good page is still served");
    // The rest of the save arrives: the error goes, the page is the same as before.
    std::fs::write(&doc, &full).unwrap();
    serve.wait_for("errors fixed", Duration::from_secs(60));
    assert_eq!(page_text(&raw_get(&auth, page).2), good);

    // Deleted files: the English edition goes; its pages fall back to the source, and come
    // back with it.
    let en = root.join("content/roadmaps/mini/en.md");
    let en_text = std::fs::read(&en).unwrap();
    let en_good = page_text(&raw_get(&auth, "/repo/en/mini/").2);
    let vi_title = "Lộ trình thử nghiệm";
    assert!(!en_good.contains(vi_title));
    std::fs::remove_file(&en).unwrap();
    let wait_until = |what: &str, done: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let (status, _, body) = raw_get(&auth, "/repo/en/mini/");
            assert_eq!(status, 200, "{what}: the page is still served");
            if done(&page_text(&body)) {
                break;
            }
            assert!(Instant::now() < deadline, "{what}: never happened:\n{}", serve.printed());
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_until("fall back to the Vietnamese source", &|t| t.contains(vi_title));
    std::fs::write(&en, &en_text).unwrap();
    wait_until("the English edition back", &|t| t == en_good);

    // The whole site folder deleted: the server stays up with the last good site.
    let printed_before = serve.printed().lines().count();
    let moved = tempfile::tempdir().unwrap();
    let aside = moved.path().join("site");
    common::copy_tree(&root, &aside);
    std::fs::remove_dir_all(&root).unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while serve.printed().lines().count() == printed_before {
        assert!(Instant::now() < deadline, "gen serve said nothing about its deleted root");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    let (status, _, body) = raw_get(&auth, page);
    assert_eq!(status, 200, "still serving after the root was deleted:\n{}", serve.printed());
    assert_eq!(page_text(&body), good);
    let (status, _, _) = raw_get(&auth, "/repo/en/");
    assert_eq!(status, 200);
    // No crash: the process answers and has printed no panic.
    assert!(!serve.printed().contains("panicked"), "{}", serve.printed());
}
