//! `gen serve` never lies: after any series of edits, the incrementally updated site is byte for
//! byte the site a full build makes from the same sources, and it fails exactly when a full build
//! fails. Edits are random but seeded (the seed is printed on failure), and cover documents,
//! structure, front matter, errors and their fixes, new and removed editions and roadmaps,
//! ordering, templates, stylesheets, UI strings and registries.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use roadmap_gen::serve::live::{LiveSite, Rebuild};

/// splitmix64: a tiny deterministic generator, so a failing seed replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A site copied to a temporary folder, with its original files kept for restoring.
struct Fixture {
    dir: tempfile::TempDir,
    originals: BTreeMap<PathBuf, Vec<u8>>,
}

impl Fixture {
    fn bundled() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for name in ["site.toml", "content", "i18n", "themes"] {
            let from = common::repo().join(name);
            if from.is_dir() {
                common::copy_tree(&from, &dir.path().join(name));
            } else {
                std::fs::copy(&from, dir.path().join(name)).unwrap();
            }
        }
        Fixture::from_dir(dir)
    }

    fn mini() -> Fixture {
        Fixture::from_dir(common::fixture_site("site-mini"))
    }

    fn from_dir(dir: tempfile::TempDir) -> Fixture {
        let mut originals = BTreeMap::new();
        for e in walkdir::WalkDir::new(dir.path()) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                originals.insert(e.path().to_path_buf(), std::fs::read(e.path()).unwrap());
            }
        }
        Fixture { dir, originals }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn editions(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in walkdir::WalkDir::new(self.root().join("content/roadmaps")).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") {
                out.push(e.path().to_path_buf());
            }
        }
        out
    }

    fn roadmap_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(self.root().join("content/roadmaps"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        dirs
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

fn write(p: &Path, s: &str) {
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, s).unwrap();
}

/// Line indexes after the front matter.
fn body_lines(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines.iter().skip(1).position(|l| *l == "+++").map_or(0, |i| i + 2);
    (end..lines.len()).collect()
}

fn replace_line(text: &str, i: usize, new: Option<String>) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    match new {
        Some(l) => lines[i] = l,
        None => {
            lines.remove(i);
        }
    }
    lines.join("\n") + "\n"
}

/// One random edit. Returns the paths it touched and a description.
fn random_edit(fx: &Fixture, rng: &mut Rng, step: usize) -> (Vec<PathBuf>, String) {
    let editions = fx.editions();
    let doc = rng.pick(&editions).clone();
    let text = read(&doc);
    let name = doc.strip_prefix(fx.root()).unwrap().display().to_string();
    match rng.below(21) {
        0..=3 => {
            // Edit a line of the body.
            let lines = body_lines(&text);
            if lines.is_empty() {
                return (vec![], "nothing".into());
            }
            let i = *rng.pick(&lines);
            let line = text.lines().nth(i).unwrap_or("").to_owned();
            let new = if line.starts_with('#') {
                // Before the attributes, so the heading keeps its id.
                match line.find(" {") {
                    Some(at) => format!("{} edit{step}{}", &line[..at], &line[at..]),
                    None => format!("{line} edit{step}"),
                }
            } else {
                format!("{line} edit{step} [Designing Data-Intensive Applications](#goal)")
            };
            write(&doc, &replace_line(&text, i, Some(new)));
            (vec![doc], format!("edit line {} of {name}", i + 1))
        }
        4 => {
            let new = text.replacen("title = \"", &format!("title = \"T{step} "), 1);
            write(&doc, &new);
            (vec![doc], format!("retitle {name}"))
        }
        5 => {
            write(&doc, &text.replacen("+++", "++", 1));
            (vec![doc], format!("break the front matter of {name}"))
        }
        6 => {
            // Drop a heading: units merge, phases and their pages may disappear.
            let heads: Vec<usize> =
                body_lines(&text).into_iter().filter(|&i| text.lines().nth(i).unwrap().starts_with('#')).collect();
            if heads.is_empty() {
                return (vec![], "nothing".into());
            }
            let i = *rng.pick(&heads);
            write(&doc, &replace_line(&text, i, None));
            (vec![doc], format!("drop heading line {} of {name}", i + 1))
        }
        7 => {
            // A duplicate id: an error.
            let head = text.lines().find(|l| l.starts_with("## ") && l.contains("{#")).map(str::to_owned);
            match head {
                Some(h) => {
                    write(&doc, &format!("{text}\n{h}\n"));
                    (vec![doc], format!("duplicate a heading of {name}"))
                }
                None => (vec![], "nothing".into()),
            }
        }
        8 | 9 => {
            // Restore a file (or everything of a roadmap) to its original.
            let dir = doc.parent().unwrap();
            let mut touched = Vec::new();
            for (p, bytes) in &fx.originals {
                if p.starts_with(dir) {
                    std::fs::write(p, bytes).unwrap();
                    touched.push(p.clone());
                }
            }
            (touched, format!("restore {}", dir.display()))
        }
        10 => {
            // Remove an edition that is not the source, or add one in a missing language.
            let dir = doc.parent().unwrap().to_path_buf();
            let meta = read(&dir.join("roadmap.toml"));
            let langs = ["vi", "ru", "en"];
            let missing: Vec<&str> = langs.iter().copied().filter(|l| !dir.join(format!("{l}.md")).exists()).collect();
            if let Some(l) = missing.first() {
                let p = dir.join(format!("{l}.md"));
                std::fs::copy(&doc, &p).unwrap();
                (vec![p], format!("add {l}.md in {}", dir.display()))
            } else if !meta.contains(&format!("\"{}\"", doc.file_stem().unwrap().to_string_lossy())) {
                std::fs::remove_file(&doc).unwrap();
                (vec![doc], format!("remove {name}"))
            } else {
                (vec![], "nothing".into())
            }
        }
        11 => {
            let dir = rng.pick(&fx.roadmap_dirs()).clone();
            let p = dir.join("roadmap.toml");
            let t = read(&p);
            let order = rng.below(5);
            let new: String = t
                .lines()
                .map(|l| if l.starts_with("order") { format!("order = {order}") } else { l.to_owned() })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
            write(&p, &new);
            (vec![p], format!("order = {order} in {}", dir.display()))
        }
        12 => {
            // A new roadmap copied from another, or remove one such copy.
            let dirs = fx.roadmap_dirs();
            if let Some(extra) = dirs.iter().find(|d| d.file_name().unwrap().to_string_lossy().starts_with("extra")) {
                let files: Vec<PathBuf> = std::fs::read_dir(extra).unwrap().map(|e| e.unwrap().path()).collect();
                std::fs::remove_dir_all(extra).unwrap();
                let mut touched = files;
                touched.push(extra.clone());
                (touched, format!("remove {}", extra.display()))
            } else {
                let from = rng.pick(&dirs).clone();
                let to = fx.root().join(format!("content/roadmaps/extra-{step}"));
                common::copy_tree(&from, &to);
                let mut touched: Vec<PathBuf> = std::fs::read_dir(&to).unwrap().map(|e| e.unwrap().path()).collect();
                touched.push(to.clone());
                (touched, format!("copy {} to {}", from.display(), to.display()))
            }
        }
        13 => {
            let p = fx.root().join("themes/default/templates/base.html");
            let t = read(&p);
            write(
                &p,
                &t.replacen(
                    "<meta charset=\"utf-8\">",
                    &format!("<meta charset=\"utf-8\"><meta name=\"t\" content=\"{step}\">"),
                    1,
                ),
            );
            (vec![p], "template edit".into())
        }
        14 => {
            let p = fx.root().join("themes/default/static/style.css");
            let t = read(&p);
            write(&p, &format!("{t}\n/* {step} */\n"));
            (vec![p], "stylesheet edit".into())
        }
        15 => {
            let p = fx.root().join("i18n/en.ftl");
            let t = read(&p);
            write(&p, &format!("{t}\nextra-{step} = x\n"));
            let changed = t.replacen("nav-home = ", &format!("nav-home = H{step} "), 1);
            write(&p, &changed);
            (vec![p], "UI string edit".into())
        }
        16 => {
            let p = fx.root().join("content/resources.toml");
            let t = read(&p);
            write(&p, &t.replacen("title = \"", &format!("title = \"R{step} "), 1));
            (vec![p], "resource edit".into())
        }
        17 => {
            // A stray file, or a document in a language the site does not have (an error).
            let dir = doc.parent().unwrap();
            let p = if rng.below(2) == 0 { dir.join("notes.txt") } else { dir.join("xx.md") };
            if p.exists() {
                std::fs::remove_file(&p).unwrap();
                (vec![p], "remove a stray file".into())
            } else {
                write(&p, "+++\ntitle = \"x\"\n+++\n");
                (vec![p.clone()], format!("add {}", p.display()))
            }
        }
        18 => {
            // A career section (careers pages list them).
            write(&doc, &format!("{text}\n## Careers {step} {{#career-{step} .career}}\n\n- Backend engineer\n"));
            (vec![doc], format!("add a career section to {name}"))
        }
        19 => {
            // Damage a translation record (an error), or stamp a unit as translated from nothing.
            if let Some(at) = text.find("[translated_from]\n") {
                let line_start = at + "[translated_from]\n".len();
                let new = format!("{}{}", &text[..line_start], text[line_start..].replacen("= \"", "= \"zz", 1));
                write(&doc, &new);
                (vec![doc], format!("damage a translation record of {name}"))
            } else {
                (vec![], "nothing".into())
            }
        }
        _ => {
            // Touch without changing anything.
            write(&doc, &text);
            (vec![doc], format!("rewrite {name} unchanged"))
        }
    }
}

fn first_difference(a: &BTreeMap<String, Bytes>, b: &BTreeMap<String, Bytes>) -> String {
    for (k, v) in a {
        match b.get(k) {
            None => return format!("{k} only in the incremental site"),
            Some(w) if v != w => {
                let (x, y) = (String::from_utf8_lossy(v), String::from_utf8_lossy(w));
                let at = x.bytes().zip(y.bytes()).position(|(p, q)| p != q).unwrap_or(x.len().min(y.len()));
                let from = at.saturating_sub(80);
                return format!(
                    "{k} differs at byte {at}:\n incremental: {:?}\n full:        {:?}",
                    x.get(from..(at + 80).min(x.len())).unwrap_or(""),
                    y.get(from..(at + 80).min(y.len())).unwrap_or("")
                );
            }
            _ => {}
        }
    }
    for k in b.keys() {
        if !a.contains_key(k) {
            return format!("{k} only in the full build");
        }
    }
    "no difference".into()
}

fn run(fx: &Fixture, seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let (mut live, report) = LiveSite::load(fx.root(), None);
    assert!(!live.failed(), "{:?}", report.diagnostics);
    let mut log = Vec::new();
    let mut incremental_steps = 0;
    for step in 0..steps {
        let (paths, what) = random_edit(fx, &mut rng, step);
        log.push(what);
        let report = live.update(&paths);
        live.finish();
        if matches!(report.rebuild, Rebuild::Roadmaps(_) | Rebuild::Templates | Rebuild::Static | Rebuild::Nothing) {
            incremental_steps += 1;
        }
        let (full, _) = LiveSite::load(fx.root(), None);
        let context = || format!("seed {seed}, after:\n  {}", log.join("\n  "));
        assert_eq!(live.failed(), full.failed(), "failure differs from a full build; {}", context());
        let (a, b) = (live.files(), full.files());
        assert!(a == b, "{}\n{}", first_difference(&a, &b), context());
        // What the incremental site reports as touched covers every change since the last look.
        let _ = live.take_touched();
    }
    assert!(
        incremental_steps * 2 >= steps,
        "too few steps were incremental ({incremental_steps}/{steps}) to test anything"
    );
}

#[test]
fn incremental_equals_full_on_the_mini_site() {
    for seed in [1, 2] {
        run(&Fixture::mini(), seed, 30);
    }
}

#[test]
fn incremental_equals_full_on_the_bundled_site() {
    run(&Fixture::bundled(), 7, 16);
}

/// The in-memory site is what `gen build` writes, file for file.
#[test]
fn the_served_site_is_the_built_site() {
    let fx = Fixture::bundled();
    let report = common::build(fx.root(), Some("https://user.github.io/repo/"));
    assert!(!report.failed());
    let (live, _) = LiveSite::load(fx.root(), Some("https://user.github.io/repo/".into()));
    let out = fx.root().join("public");
    let mut built = BTreeMap::new();
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
            built.insert(rel, Bytes::from(std::fs::read(e.path()).unwrap()));
        }
    }
    let served = live.files();
    assert!(served == built, "{}", first_difference(&served, &built));
}

/// A changed document is the only one parsed again, and only the pages that show its roadmap
/// are rendered.
#[test]
fn an_edit_renders_only_the_pages_of_its_roadmap() {
    let fx = Fixture::bundled();
    let (mut live, full) = LiveSite::load(fx.root(), None);
    let _ = live.take_touched();
    let doc = fx.root().join("content/roadmaps/backend-zero-to-senior/en.md");
    let text = read(&doc).replacen("## 🎯 Program goal", "## 🎯 Program goal, edited", 1);
    write(&doc, &text);
    let report = live.update(&[doc]);
    assert_eq!(report.rebuild, Rebuild::Roadmaps(vec!["backend-zero-to-senior".into()]));
    assert!(report.rendered > 0 && report.rendered < 40, "{} of {}", report.rendered, full.rendered);
    eprintln!("an edit rendered {} of {} pages", report.rendered, full.rendered);
    let touched: Vec<String> = live.take_touched().into_iter().map(|(f, _)| f).collect();
    assert!(touched.contains(&"en/backend-zero-to-senior/index.html".to_owned()), "{touched:?}");
    // The other roadmap's pages, and pages that do not change, are not touched.
    assert!(touched.iter().all(|f| !f.contains("backend-nestjs-senior")), "{touched:?}");
    assert!(!touched.contains(&"vi/topics/index.html".to_owned()), "{touched:?}");
    // A template change renders everything without reading any document.
    let tpl = fx.root().join("themes/default/templates/phase.html");
    write(&tpl, &(read(&tpl) + "\n"));
    let report = live.update(&[tpl]);
    assert_eq!(report.rebuild, Rebuild::Templates);
    // An unrelated path does nothing.
    let report = live.update(&[fx.root().join("public/index.html"), fx.root().join("README.md")]);
    assert_eq!(report.rebuild, Rebuild::Nothing);
}
