//! The search index as the browser uses it: gen.js (run in Node) must cut and fold words exactly
//! as src/search/analyze.rs does, and rank sections as the design says — toneless Vietnamese finds
//! toned text, a toned query ranks the exact tones first, Russian and English are stemmed, ё = е.

mod common;

use std::path::Path;
use std::process::Command;

use roadmap_gen::search::{self, analyze};

fn node() -> bool {
    let ok = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "node is required in CI");
        eprintln!("skipping: node is not installed");
    }
    ok
}

fn run_node(args: &[&str]) -> Vec<serde_json::Value> {
    let out = Command::new("node").arg(common::repo().join("tests/js/query.cjs")).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Titles of the ranked results of each query against an index file.
fn ranked(index: &Path, queries: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec![index.to_str().unwrap()];
    args.extend_from_slice(queries);
    run_node(&args)
        .into_iter()
        .map(|v| v.as_array().unwrap().iter().map(|r| r[0].as_str().unwrap().to_owned()).collect())
        .collect()
}

fn write_index(dir: &Path, lang: &str, sections: &[(&str, &str, &str, &str)]) -> std::path::PathBuf {
    let p = dir.join(format!("{lang}.json"));
    std::fs::write(&p, serde_json::to_vec(&search::index_sections(lang, sections)).unwrap()).unwrap();
    p
}

#[test]
fn browser_and_builder_cut_and_fold_words_alike() {
    if !node() {
        return;
    }
    let samples = [
        "Học lập trình: con đường trở thành Senior",
        "Ho\u{0323}c (combining dot) ĐƯỜNG Người",
        "Ёлка, ёж и мой айфон — микросервисы",
        "Node.js/NestJS, C# & Go 1.22; café naïve",
        "ASP.NET Core 8 — Kubernetes (K8s) и Kafka",
    ];
    let js = run_node(&[&["--words"][..], &samples[..]].concat());
    for (text, js) in samples.iter().zip(js) {
        let rust: Vec<(String, String)> =
            analyze::words(text).into_iter().map(|w| (analyze::fold(&w), w)).map(|(f, w)| (w, f)).collect();
        let js: Vec<(String, String)> = serde_json::from_value(js).unwrap();
        assert_eq!(rust, js, "{text}");
    }
}

#[test]
fn toneless_vietnamese_finds_toned_text_and_toned_queries_rank_exact_tones_first() {
    if !node() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ix = write_index(
        dir.path(),
        "vi",
        &[
            ("a/", "Bài toán hóc búa", "", "một câu hỏi khó"),
            ("b/", "Học tập mỗi ngày", "", "con đường phía trước"),
            ("c/", "Không liên quan", "", "nội dung khác"),
        ],
    );
    let r = ranked(&ix, &["hoc", "học", "hóc", "duong", "đuòng", "hoc tap", "ho"]);
    assert_eq!(r[0].len(), 2, "hoc finds both tones: {:?}", r[0]);
    assert_eq!(r[1][0], "Học tập mỗi ngày", "học ranks the exact tone first: {:?}", r[1]);
    assert_eq!(r[2][0], "Bài toán hóc búa", "hóc ranks the exact tone first: {:?}", r[2]);
    assert_eq!(r[3], ["Học tập mỗi ngày"], "duong finds đường");
    assert_eq!(r[4], ["Học tập mỗi ngày"], "a wrong tone still finds the word");
    assert_eq!(r[5], ["Học tập mỗi ngày"], "every word must match");
    assert!(r[6].len() >= 2, "a word being typed matches by prefix: {:?}", r[6]);
}

#[test]
fn russian_is_stemmed_with_yo_as_ye_and_english_is_stemmed() {
    if !node() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ru = write_index(
        dir.path(),
        "ru",
        &[
            ("a/", "Ёлка и праздник", "", "нарядная ёлка"),
            ("b/", "Курсы по микросервисам", "", "онлайн курсы"),
            ("c/", "Базы данных", "", "PostgreSQL и индексы"),
        ],
    );
    let r = ranked(&ru, &["елка", "ёлки", "курс", "курсами", "микросервисы", "database"]);
    assert_eq!(r[0], ["Ёлка и праздник"]);
    assert_eq!(r[1], ["Ёлка и праздник"], "an unseen inflection finds the stem");
    assert_eq!(r[2], ["Курсы по микросервисам"]);
    assert_eq!(r[3], ["Курсы по микросервисам"]);
    assert_eq!(r[4], ["Курсы по микросервисам"]);
    assert!(r[5].is_empty());
    let en = write_index(
        dir.path(),
        "en",
        &[("a/", "Deploying services", "", "containers and pods"), ("b/", "Databases", "", "indexes")],
    );
    let r = ranked(&en, &["deployment", "service", "container", "database indexing"]);
    assert_eq!(r[0], ["Deploying services"]);
    assert_eq!(r[1], ["Deploying services"]);
    assert_eq!(r[2], ["Deploying services"]);
    assert_eq!(r[3], ["Databases"]);
}

#[test]
fn bundled_site_indexes_are_small_and_find_the_seed_text() {
    let (out, report) = common::build_bundled(None);
    assert!(!report.failed());
    let dir = out.path().join("public/search");
    for lang in ["vi", "ru", "en"] {
        let size = std::fs::metadata(dir.join(format!("{lang}.json"))).unwrap().len();
        eprintln!("search index {lang}: {size} bytes");
        assert!(size < 150_000, "{lang} index is {size} bytes");
    }
    if !node() {
        return;
    }
    let r = ranked(&dir.join("vi.json"), &["hoc", "duong", "kafka"]);
    assert!(r[0].iter().any(|t| t.contains("học")), "{:?}", r[0]);
    assert!(r[1].iter().any(|t| t.contains("đường")), "{:?}", r[1]);
    assert!(!r[2].is_empty());
    let r = ranked(&dir.join("ru.json"), &["микросервисами", "ёмкость"]);
    assert!(r[0].iter().any(|t| t.to_lowercase().contains("микросервис")), "{:?}", r[0]);
}
