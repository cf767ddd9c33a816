//! Resource and topic pages of a large site: past `FULL_LIST_MAX_ROADMAPS` citing roadmaps the
//! backlinks become one digest item per roadmap (its places counted, its citing phases linked);
//! below it every place is listed. Built from a generated site of 60 roadmaps × vi/ru/en.

mod common;

use common::*;
use roadmap_gen::corpus::{self, Options};
use roadmap_gen::render::backlinks::FULL_LIST_MAX_ROADMAPS;

fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    corpus::write_gen(&Options { roadmaps: 60, seed: 7, ..Options::default() }, &root, &repo()).unwrap();
    let report = build(&root, None);
    assert!(!report.failed(), "{:#?}", report.diagnostics.iter().filter(|d| d.is_error()).collect::<Vec<_>>());
    let out = root.join("public");
    (dir, out)
}

/// The text between `start` and the next `end` after it.
fn between<'h>(html: &'h str, start: &str, end: &str) -> Option<&'h str> {
    let i = html.find(start)? + start.len();
    Some(&html[i..i + html[i..].find(end)?])
}

#[test]
fn large_lists_become_one_item_per_roadmap_and_small_ones_stay_whole() {
    let (_dir, out) = site();
    let files = html_files(&out);
    let (mut digests, mut full) = (0, 0);
    for (page, html) in &files {
        let is_entry = ["/topics/", "/resources/"].iter().any(|k| page.contains(k))
            && page.matches('/').count() == 3
            && page.ends_with("/index.html");
        if !is_entry {
            continue;
        }
        let Some(cited) = between(html, "<section class=\"cited\"", "</article>") else {
            panic!("{page}: no backlinks section");
        };
        if let Some(list) = between(cited, "<ul class=\"cited-digest\">", "\n  </ul>") {
            digests += 1;
            let items: Vec<&str> = list.split("\n    <li data-roadmap=\"").skip(1).collect();
            assert!(items.len() > FULL_LIST_MAX_ROADMAPS, "{page}: digest of only {} roadmaps", items.len());
            // The legend counts the same roadmaps as the list holds.
            let legend = between(cited, "cited-legend\">", "</p>").unwrap();
            assert!(legend.contains(&items.len().to_string()), "{page}: legend {legend:?} for {} items", items.len());
            for item in &items {
                let count = between(item, "<span class=\"cited-count\">(", ")</span>").unwrap();
                let n: usize = count.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap();
                assert!(n >= 1, "{page}: {count}");
                // Every phase link goes to that roadmap's phase page, at the phase's heading.
                let id = &item[..item.find('"').unwrap()];
                for href in attr_values(item, "href").iter().skip(1) {
                    assert!(href.contains(&format!("{id}/phase-")), "{page}: {href} in the item of {id}");
                    assert!(
                        href.ends_with(&format!(
                            "#{}",
                            &href[href.rfind("/phase-").unwrap() + 1..href.rfind("/#").unwrap()]
                        )),
                        "{page}: {href}"
                    );
                }
            }
            assert!(!cited.contains("cited-places"), "{page}: digest and full list at once");
        } else {
            let sections = cited.matches("<section class=\"cited-roadmap\"").count();
            assert!(sections <= FULL_LIST_MAX_ROADMAPS, "{page}: {sections} roadmaps listed in full");
            if sections > 0 {
                full += 1;
            }
        }
    }
    // A generated site of 60 roadmaps has both kinds: common topics cited by nearly all of them,
    // rarer resources by fewer than 50.
    assert!(digests > 0 && full > 0, "digests {digests}, full lists {full}");
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "{} broken links, e.g. {:?}", broken.len(), &broken[..broken.len().min(5)]);
}
