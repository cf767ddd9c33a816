//! Helpers shared by the integration tests: fixture sites in temporary folders, builds, and a
//! link checker over the written HTML.
#![allow(dead_code)]

pub mod browser;
pub mod serve;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use roadmap_gen::pipeline::{self, BuildOptions, BuildReport};

/// The repository root (where the bundled site lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A copy of `tests/fixtures/<name>` in a temporary folder, with the repository's theme and UI
/// strings beside it (fixture sites do not carry their own copies).
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
    if !dir.path().join("themes").exists() {
        copy_tree(&repo().join("themes"), &dir.path().join("themes"));
    }
    if !dir.path().join("i18n").exists() {
        copy_tree(&repo().join("i18n"), &dir.path().join("i18n"));
    }
    dir
}

/// A copy of the bundled site (site.toml, content, UI strings, themes) in a temporary folder, for
/// tests that change its sources.
pub fn bundled_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
    for sub in ["content", "i18n", "themes"] {
        copy_tree(&repo().join(sub), &dir.path().join(sub));
    }
    dir
}

/// Builds the site at `root` into `root/public`.
pub fn build(root: &Path, base_url: Option<&str>) -> BuildReport {
    pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        output: PathBuf::from("public"),
        base_url: base_url.map(str::to_owned),
    })
}

/// Builds the bundled site (repository root) into a temporary output folder.
pub fn build_bundled(base_url: Option<&str>) -> (tempfile::TempDir, BuildReport) {
    let out = tempfile::tempdir().unwrap();
    let report = pipeline::build(&BuildOptions {
        root: repo(),
        output: out.path().join("public"),
        base_url: base_url.map(str::to_owned),
    });
    (out, report)
}

/// Every HTML file under `out`, by site-relative path.
pub fn html_files(out: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(out) {
        let e = e.unwrap();
        if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html") {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read_to_string(e.path()).unwrap());
        }
    }
    files
}

/// Values of an attribute (`href`, `id`, …) in an HTML text. A tiny scanner: the HTML is ours and
/// always quotes attributes with `"`.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(decode_entities(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Percent-decodes a URL part, as a browser does before matching a fragment to an id.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Checks that every relative link (and its fragment) in every page resolves to a written file
/// and an existing id. Returns the broken ones as "page → href".
pub fn broken_links(out: &Path) -> Vec<String> {
    let files = html_files(out);
    let ids: BTreeMap<&str, HashSet<String>> =
        files.iter().map(|(p, h)| (p.as_str(), attr_values(h, "id").into_iter().collect())).collect();
    let mut broken = Vec::new();
    for (page, html) in &files {
        if page == "404.html" {
            continue; // absolute links by design; checked separately
        }
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        for href in attr_values(html, "href").into_iter().chain(attr_values(html, "src")) {
            if href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let (path, frag) = match href.split_once('#') {
                Some((p, f)) => (percent_decode(p), Some(percent_decode(f))),
                None => (href.clone(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else {
                let joined = normalize(&dir.join(&path));
                if path.ends_with('/') || joined.is_empty() {
                    format!("{}{}index.html", joined, if joined.is_empty() { "" } else { "/" })
                } else {
                    joined
                }
            };
            if !out.join(&target).is_file() {
                broken.push(format!("{page} → {href} (no file {target})"));
                continue;
            }
            if let Some(f) = frag
                && !f.is_empty()
                && target.ends_with(".html")
                && !ids.get(target.as_str()).is_some_and(|s| s.contains(&f))
            {
                broken.push(format!("{page} → {href} (no id {f:?} in {target})"));
            }
        }
    }
    broken
}

/// Resolves `..` in a relative path, as a browser does for a relative URL.
fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}
