//! The translator's workflow through the `gen` binary and the built pages: `gen i18n status`,
//! `gen i18n new`, `gen i18n stamp`, staleness after a source edit (exactly the edited unit goes
//! out of date, and its page says so), and `gen check` on broken translation metadata.

mod common;

use std::path::Path;
use std::process::Command;

use common::{broken_links, build, bundled_copy, repo};

fn run_gen(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gen")).args(args).arg("--root").arg(root).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = read(root, rel);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(root.join(rel), text.replacen(from, to, 1)).unwrap();
}

/// `(roadmap, lang)` → the edition's JSON status.
fn status_json(root: &Path) -> Vec<serde_json::Value> {
    let (code, out, err) = run_gen(root, &["i18n", "status", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["editions"].as_array().unwrap().clone()
}

fn edition<'v>(eds: &'v [serde_json::Value], roadmap: &str, lang: &str) -> &'v serde_json::Value {
    eds.iter().find(|e| e["roadmap"] == roadmap && e["lang"] == lang).unwrap()
}

fn ids_in_state(e: &serde_json::Value, state: &str) -> Vec<String> {
    e["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["state"] == state)
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_bundled_site_has_no_outdated_unit_and_status_counts_every_edition() {
    let eds = status_json(&repo());
    let counts: Vec<(String, String, u64, u64, u64, u64)> = eds
        .iter()
        .map(|e| {
            (
                e["roadmap"].as_str().unwrap().to_owned(),
                e["lang"].as_str().unwrap().to_owned(),
                e["translated"].as_u64().unwrap(),
                e["total"].as_u64().unwrap(),
                e["outdated"].as_u64().unwrap(),
                e["unstamped"].as_u64().unwrap(),
            )
        })
        .collect();
    let c = |r: &str, l: &str, t, n| (r.to_owned(), l.to_owned(), t, n, 0, 0);
    assert_eq!(
        counts,
        [
            c("backend-nestjs-senior", "ru", 11, 56),
            c("backend-nestjs-senior", "en", 56, 56),
            c("backend-zero-to-senior", "vi", 16, 103),
            c("backend-zero-to-senior", "en", 103, 103),
        ]
    );
    let (code, text, _) = run_gen(&repo(), &["i18n", "status"]);
    assert_eq!(code, 0);
    assert!(text.contains("  vi    partial   16/103 translated · 0 outdated · 87 missing"), "{text}");
    assert!(text.contains("missing: phase-2 (+21 inside), phase-3 (+25 inside)"), "{text}");
    assert!(text.contains("  en    complete 103/103 translated · 0 outdated · 0 missing"), "{text}");
}

#[test]
fn changing_one_source_week_outdates_exactly_that_week_until_it_is_stamped() {
    let site = bundled_copy();
    let root = site.path();
    let ru = "content/roadmaps/backend-zero-to-senior/ru.md";
    let en = "content/roadmaps/backend-zero-to-senior/en.md";
    edit(
        root,
        ru,
        "- **JSON**: Работа с данными\n",
        "- **JSON**: Работа с данными и JSON Schema\n- **OpenAPI**: Документация API\n",
    );

    let eds = status_json(root);
    let en_status = edition(&eds, "backend-zero-to-senior", "en");
    assert_eq!(ids_in_state(en_status, "outdated"), ["weeks-9-10"]);
    assert_eq!(en_status["current"], 102);
    // The Vietnamese partial edition translates phase 1 too, so its week 9-10 is outdated as well.
    assert_eq!(ids_in_state(edition(&eds, "backend-zero-to-senior", "vi"), "outdated"), ["weeks-9-10"]);
    assert!(ids_in_state(edition(&eds, "backend-nestjs-senior", "en"), "outdated").is_empty());
    let week = en_status["units"].as_array().unwrap().iter().find(|u| u["id"] == "weeks-9-10").unwrap();
    assert_eq!(
        week["changes"],
        serde_json::json!([{ "line": 60, "removed": 1, "added": [
            [60, "- **JSON**: Работа с данными и JSON Schema"],
            [61, "- **OpenAPI**: Документация API"]
        ]}])
    );

    // The text report names the unit, its source line and heading, and the changed lines.
    let (_, text, _) = run_gen(root, &["i18n", "status"]);
    assert!(
        text.contains(
            "outdated weeks-9-10 — content/roadmaps/backend-zero-to-senior/ru.md:57 “Неделя 9-10: HTTP и веб-основы”"
        ),
        "{text}"
    );
    assert!(text.contains("  60 + - **JSON**: Работа с данными и JSON Schema"), "{text}");
    assert!(text.contains("  60 − 1 line(s) replaced"), "{text}");

    // Staleness is a warning, never an error.
    let (code, out, err) = run_gen(root, &["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 error(s), 2 warning(s)"), "{out}\n{err}");
    assert!(err.contains("en.md:162:1: `weeks-9-10` is outdated: its source"), "{err}");
    assert!(err.contains("gen i18n stamp backend-zero-to-senior en --unit weeks-9-10"), "{err}");

    // The page shows a notice on that week only, linking the same page of the source at the week.
    let report = build(root, None);
    assert!(!report.failed());
    let out = root.join("public");
    let page = read(&out, "en/backend-zero-to-senior/phase-1/index.html");
    assert_eq!(page.matches("notice-outdated").count(), 1, "one outdated notice expected");
    let at = page.find("notice-outdated").unwrap();
    let week_at = page.find("id=\"weeks-9-10\"").unwrap();
    let next_week = page.find("id=\"weeks-11-12\"").unwrap();
    assert!(week_at < at && at < next_week, "the notice belongs to weeks 9-10");
    assert!(page.contains(
        r#"<p class="notice-inline notice-outdated" lang="en" role="note">The original of this section has changed since it was translated. <a href="../../../ru/backend-zero-to-senior/phase-1/#weeks-9-10" hreflang="ru">Read the original in Russian</a></p>"#
    ));
    let weeks = read(&out, "en/backend-zero-to-senior/weeks/index.html");
    assert!(weeks.contains(r#"href="../../../ru/backend-zero-to-senior/weeks/#weeks-9-10""#));
    let vi = read(&out, "vi/backend-zero-to-senior/phase-1/index.html");
    assert!(vi.contains("Bản gốc của phần này đã thay đổi sau khi được dịch."));
    assert!(vi.contains("Đọc bản gốc bằng tiếng Nga"));
    let en_home = read(&out, "en/index.html");
    assert!(en_home.contains("English</span>: translated, 1 section outdated"), "{en_home}");
    let ru_home = read(&out, "ru/index.html");
    assert!(ru_home.contains("English</span>: перевод, 1 раздел устарел"));
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));

    // Stamping the week (after updating the translation) makes it current; the body stays
    // byte for byte and only that record changes.
    let before = read(root, en);
    let (code, msg, err) = run_gen(root, &["i18n", "stamp", "backend-zero-to-senior", "en", "--unit", "weeks-9-10"]);
    assert_eq!(code, 0, "{err}");
    assert!(msg.contains("1 unit(s) stamped (0 already current, 1 were outdated"), "{msg}");
    let after = read(root, en);
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].0.starts_with("weeks-9-10 = \"591675f92be281ab:"));
    assert_eq!(before.lines().count(), after.lines().count());
    let eds = status_json(root);
    assert!(ids_in_state(edition(&eds, "backend-zero-to-senior", "en"), "outdated").is_empty());
    assert_eq!(ids_in_state(edition(&eds, "backend-zero-to-senior", "vi"), "outdated"), ["weeks-9-10"]);
}

#[test]
fn a_new_language_goes_from_scaffold_to_a_stamped_unit() {
    let site = bundled_copy();
    let root = site.path();
    // Not in site.toml yet: the command says what to add.
    let (code, _, err) = run_gen(root, &["i18n", "new", "backend-zero-to-senior", "de"]);
    assert_eq!(code, 1);
    assert!(err.contains("`de` is not one of the site's languages"), "{err}");
    assert!(err.contains(r#"languages = ["vi", "ru", "en", "de"]"#), "{err}");
    let (code, _, err) = run_gen(root, &["i18n", "new", "backend-zero-to-senior", "vn"]);
    assert_eq!(code, 1);
    assert!(err.contains("Vietnamese is `vi`"), "{err}");

    edit(root, "site.toml", r#"languages = ["vi", "ru", "en"]"#, r#"languages = ["vi", "ru", "en", "de"]"#);
    let (code, out, err) = run_gen(root, &["i18n", "new", "backend-zero-to-senior", "de"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("content/roadmaps/backend-zero-to-senior/de.md from content/roadmaps/backend-zero-to-senior/ru.md: 103 units"), "{out}");
    let de = "content/roadmaps/backend-zero-to-senior/de.md";
    let scaffold = read(root, de);
    assert_eq!(scaffold.matches("<!-- gen:translate -->\n").count(), 103);
    assert!(
        scaffold.contains("#### Неделя 1-2: Системные основы {#weeks-1-2 .week}\n<!-- gen:translate -->\n- **Linux**")
    );
    // A second `new` does not overwrite the work.
    let (code, _, err) = run_gen(root, &["i18n", "new", "backend-zero-to-senior", "de"]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");

    let eds = status_json(root);
    let st = edition(&eds, "backend-zero-to-senior", "de");
    assert_eq!((st["translated"].as_u64(), st["missing"].as_u64()), (Some(0), Some(103)));
    // The scaffold builds: every unit still shows the Russian source, marked as such.
    let (code, _, err) = run_gen(root, &["check"]);
    assert_eq!(code, 0, "{err}");
    let report = build(root, None);
    assert!(!report.failed());
    let page = read(&root.join("public"), "de/backend-zero-to-senior/phase-1/index.html");
    assert!(page.contains(r#"<article class="phase" lang="ru""#), "{page}");
    assert!(page.contains("notice notice-fallback"));

    // Translate one week, drop its marker, stamp: one current unit, the rest still missing.
    edit(
        root,
        de,
        "#### Неделя 1-2: Системные основы {#weeks-1-2 .week}\n<!-- gen:translate -->\n",
        "#### Woche 1-2: Systemgrundlagen {#weeks-1-2 .week}\n",
    );
    let (code, msg, err) = run_gen(root, &["i18n", "stamp", "backend-zero-to-senior", "de"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        msg.contains("1 unit(s) stamped (0 already current, 0 were outdated, 1 were unstamped); 102 not translated"),
        "{msg}"
    );
    let eds = status_json(root);
    let st = edition(&eds, "backend-zero-to-senior", "de");
    assert_eq!(ids_in_state(st, "current"), ["weeks-1-2"]);
    assert_eq!(st["missing"], 102);
    let text = read(root, de);
    assert!(text.contains("\n[translated_from]\nweeks-1-2 = \""), "{}", &text[..800]);
    // The phase page now mixes the translated week (in the page's language) with the rest.
    let report = build(root, None);
    assert!(!report.failed());
    let page = read(&root.join("public"), "de/backend-zero-to-senior/phase-1/index.html");
    // The phase page now mixes the translated week with the rest, which keeps showing the source:
    // the page is German, fallback units carry `lang="ru"` (nested ones inherit it) and one note
    // each, and the translated week inside an untranslated month says it is German again.
    assert!(page.contains(r#"<article class="phase" lang="de""#), "{page}");
    assert!(!page.contains("notice notice-fallback"));
    assert!(
        page.contains(
            r#"<h1 id="phase-1"><span id="фаза-1-основы-программирования-месяцы-1-3"></span><span lang="ru">"#
        ),
        "{page}"
    );
    assert!(page.contains(r#"<div class="unit unit-month" id="месяц-1-фундаментальные-навыки" lang="ru">"#));
    assert!(page.contains(r#"<div class="unit unit-week" id="woche-1-2-systemgrundlagen" lang="de">"#), "{page}");
    assert!(page.contains(r#"<div class="unit unit-week" id="неделя-3-4-основы-программирования">"#));
    assert_eq!(page.matches("not translated yet").count(), 1 + 3 + 1, "phase intro, 3 months, milestone");
    assert!(
        page.contains(r#"data-lang-link="de" data-status="partial""#)
            || page.contains(r#"lang="de" data-status="partial""#)
    );
}

#[test]
fn check_fails_on_broken_translation_metadata_and_stamp_repairs_it() {
    let site = bundled_copy();
    let root = site.path();
    let en = "content/roadmaps/backend-nestjs-senior/en.md";
    edit(root, en, "\ntoc = \"", "\ntoc = \"zz");
    edit(root, en, "\n[translated_from]\n", "\n[translated_from]\nphase-9 = \"0123456789abcdef\"\n");
    let (code, _, err) = run_gen(root, &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("en.md:6:1: `translated_from` names `phase-9`, which is not a unit of the source edition (vi)"),
        "{err}"
    );
    assert!(err.contains("en.md:7:1: `translated_from` of `toc`: `zz"), "{err}");
    assert!(err.contains("is not a unit fingerprint"), "{err}");
    // A build fails the same way, so broken metadata never reaches the site.
    assert!(build(root, None).failed());
    let (code, msg, err) = run_gen(root, &["i18n", "stamp", "backend-nestjs-senior", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(msg.contains("dropped records: phase-9"), "{msg}");
    let (code, out, err) = run_gen(root, &["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}{err}");
}

#[test]
fn i18n_commands_explain_usage_mistakes() {
    let root = repo();
    let (code, _, err) = run_gen(&root, &["i18n", "stamp", "backend-zero-to-senor", "en"]);
    assert_eq!(code, 1);
    assert!(err.contains("no roadmap `backend-zero-to-senor`"), "{err}");
    assert!(err.contains("did you mean `backend-zero-to-senior`?"), "{err}");
    let (code, _, err) = run_gen(&root, &["i18n", "stamp", "backend-zero-to-senior", "ru"]);
    assert_eq!(code, 1);
    assert!(err.contains("`ru` is the source language of `backend-zero-to-senior`"), "{err}");
    let (code, _, err) = run_gen(&root, &["i18n", "stamp", "backend-zero-to-senior", "vi", "--unit", "weeks-13-14"]);
    assert_eq!(code, 1);
    assert!(err.contains("`weeks-13-14` is not translated in this edition"), "{err}");
    let (code, _, err) = run_gen(&root, &["i18n", "stamp", "backend-zero-to-senior", "vi", "--unit", "week-1-2"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `weeks-1-2`?"), "{err}");
    let missing = tempfile::tempdir().unwrap();
    let (code, _, _) = run_gen(missing.path(), &["i18n", "status"]);
    assert_eq!(code, 2);
}
