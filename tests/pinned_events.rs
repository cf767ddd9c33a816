//! A page or stage that reads the Markdown of several units of an edition pins the edition's
//! compressed events first, so that it is decompressed once (`parse::events`). One that forgets
//! still renders the same HTML, only slower: each read decompresses the whole edition again (the
//! careers page did so for every roadmap in another language than its source, 2,000 times at
//! 1,000 roadmaps). This test sees it through the process's count of reads outside a pin. It is
//! alone in its test binary, so no other test's builds add to the count.

mod common;

use common::*;
use roadmap_gen::corpus::{self, Options};
use roadmap_gen::parse::events::unpinned_loads;

#[test]
fn a_build_reads_every_edition_through_a_pin() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    corpus::write_gen(&Options { roadmaps: 12, seed: 3, ..Options::default() }, &root, &repo()).unwrap();
    let before = unpinned_loads();
    let report = build(&root, None);
    assert!(!report.failed(), "{:#?}", report.diagnostics.iter().filter(|d| d.is_error()).collect::<Vec<_>>());
    // The pages that read many roadmaps are there: the careers page (career units of every
    // roadmap, in each reader's language), topic and resource pages, the home page.
    let out = root.join("public");
    for page in ["en/careers/index.html", "ru/careers/index.html", "vi/index.html", "en/topics/index.html"] {
        assert!(out.join(page).is_file(), "{page} was not built");
    }
    let careers = std::fs::read_to_string(out.join("ru/careers/index.html")).unwrap();
    assert!(careers.matches("<section").count() >= 2, "the careers page shows no career sections");
    assert_eq!(unpinned_loads() - before, 0, "events were decompressed outside a pin");
}
