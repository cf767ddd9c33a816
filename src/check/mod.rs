//! `gen check`: everything that can be checked without the network, without writing anything.
//!
//! - Every stage of the build runs (read, encoding, front matter and Markdown, model, links,
//!   render), so its diagnostics — bad ids, unknown front matter keys with "did you mean",
//!   translations whose ids the source lacks, template errors — are reported as `gen build`
//!   would.
//! - Encoding: a source that is not already clean UTF-8 in NFC with LF line endings is an error
//!   (the build repairs it in memory; the repository should hold the repaired text).
//! - Links and anchors: every internal reference in every rendered page (Markdown links as they
//!   end up on the page that shows them, and the templates' own links, assets and search
//!   indexes) must lead to a page or file of the site and, with a fragment, to an id on it. A
//!   broken link that comes from Markdown is reported at its line and column in the source; one
//!   that comes from the theme, at the template folder.
//! - `--external` also asks every external link's host, politely (see [`external`]).

pub mod external;
pub mod html;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, did_you_mean, line_col};
use crate::encoding::{self, RepairKind};
use crate::link::Links;
use crate::model::Site;
use crate::pipeline;
use crate::read;
use crate::render::{Page, seo};

/// Options of `gen check`.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Site root (the folder with site.toml).
    pub root: PathBuf,
    /// Also check external links over the network.
    pub external: bool,
}

/// What `gen check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Every problem, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// HTML pages checked.
    pub pages: usize,
    /// Internal references checked.
    pub links: usize,
    /// Distinct external URLs (checked only with `--external`).
    pub external: usize,
}

impl CheckReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Runs every check on the site at `opts.root`.
pub fn check(opts: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let (site, mut diags) = pipeline::load_site(&opts.root);
    diags.extend(encoding_errors(&opts.root));
    if let Some(site) = &site {
        let (pages, links, d) = pipeline::render_site(&opts.root, site);
        diags.extend(d);
        let statics = static_files(&opts.root, site);
        let found = check_links(&opts.root, site, &links, &pages, &statics);
        report.pages = found.pages;
        report.links = found.checked;
        report.external = found.external.len();
        diags.extend(found.diagnostics);
        // Registry references, registry name clashes and missing structure, from the sources.
        diags.extend(crate::link::check_site(site));
        if opts.external {
            diags.extend(external::check(&found.external));
        }
    }
    // The same problem can be reached twice (e.g. a stage's warning and the check's error).
    let mut seen = HashSet::new();
    diags.retain(|d| seen.insert((d.file.clone(), d.line, d.col, d.message.clone())));
    report.diagnostics = diags;
    report
}

/// An error for every source that is not clean NFC UTF-8 with LF line endings and no BOM.
pub fn encoding_errors(root: &Path) -> Vec<Diagnostic> {
    let Ok((sources, _)) = read::read_site(root) else {
        return Vec::new(); // load_site reports why
    };
    let mut all = vec![&sources.site];
    for rm in &sources.roadmaps {
        all.extend(rm.meta.iter());
        all.extend(rm.editions.iter().map(|(_, s)| s));
    }
    all.extend(sources.resources.iter());
    all.extend(sources.topics.iter());
    all.extend(sources.i18n.iter().map(|(_, s)| s));
    let mut diags = Vec::new();
    for src in all {
        let n = encoding::normalize(&src.bytes);
        if n.text.as_bytes() == src.bytes.as_slice() {
            continue;
        }
        let reason = if n.decoding.had_bom {
            "starts with a byte order mark".to_owned()
        } else if !n.decoding.encoding.eq_ignore_ascii_case("utf-8") {
            format!("is encoded as {}, not UTF-8", n.decoding.encoding)
        } else if std::str::from_utf8(&src.bytes).is_err() {
            "is not valid UTF-8".to_owned()
        } else if n.repairs.iter().any(|r| r.kind != RepairKind::Normalize) {
            format!(
                "contains mojibake ({} repaired spot(s))",
                n.repairs.iter().filter(|r| r.kind != RepairKind::Normalize).count()
            )
        } else if src.bytes.windows(2).any(|w| w == b"\r\n") {
            "has CRLF line endings".to_owned()
        } else {
            "is not in Unicode NFC".to_owned()
        };
        let offset =
            if n.decoding.had_bom { 0 } else { n.text.bytes().zip(&src.bytes).take_while(|(a, b)| a == *b).count() };
        let (line, col) = line_col(&n.text, offset);
        diags.push(
            Diagnostic::error(&src.path, format!("source {reason}; gen expects clean NFC UTF-8 with LF line endings"))
                .at(&n.text, line, col)
                .with_help(format!("run `gen fix --write {}` to store the repaired text", src.path.display())),
        );
    }
    diags
}

/// Files the site serves besides rendered pages: the theme's `static/` under `assets/` and the
/// site's own `static/` at the root.
fn static_files(root: &Path, site: &Site) -> HashSet<String> {
    let mut files = HashSet::new();
    for (dir, prefix) in
        [(pipeline::theme_dir(root, &site.config).join("static"), "assets/"), (root.join("static"), "")]
    {
        for e in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok) {
            if e.file_type().is_file()
                && let Ok(rel) = e.path().strip_prefix(&dir)
            {
                files.insert(format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/")));
            }
        }
    }
    files
}

/// The result of checking the references of every page.
struct LinkFindings {
    diagnostics: Vec<Diagnostic>,
    pages: usize,
    checked: usize,
    /// External URL → the first page that links to it.
    external: BTreeMap<String, String>,
}

/// A broken reference on a rendered page.
struct Broken {
    page: String,
    href: String,
    reason: String,
}

fn check_links(root: &Path, site: &Site, links: &Links, pages: &[Page], statics: &HashSet<String>) -> LinkFindings {
    let mut files: HashSet<String> = pages.iter().map(Page::file).collect();
    files.extend(statics.iter().cloned());
    let html: Vec<(&Page, &str)> = pages
        .iter()
        .filter(|p| p.file().ends_with(".html"))
        .filter_map(|p| std::str::from_utf8(&p.body).ok().map(|h| (p, h)))
        .collect();
    let ids: HashMap<String, HashSet<String>> =
        html.iter().map(|(p, h)| (p.file(), html::attr_values(h, "id").into_iter().collect())).collect();
    let base_path = seo::base_path(&site.config.base_url());
    let mut broken = Vec::new();
    let mut external = BTreeMap::new();
    let mut checked = 0;
    for (page, h) in &html {
        for attr in html::URL_ATTRS {
            for href in html::attr_values(h, attr) {
                if html::is_external(&href) {
                    if href.starts_with("http://") || href.starts_with("https://") {
                        external.entry(href).or_insert_with(|| page.path.clone());
                    }
                    continue;
                }
                checked += 1;
                let reason = match html::resolve(&page.path, &href, &base_path) {
                    None => Some("points outside the site".to_owned()),
                    Some((file, _)) if !files.contains(&file) => Some(format!("leads to no page or file ({file})")),
                    Some((file, Some(frag))) if !frag.is_empty() && file.ends_with(".html") => {
                        (!ids.get(&file).is_some_and(|s| s.contains(&frag)))
                            .then(|| format!("leads to no anchor `{frag}` on {file}"))
                    }
                    Some(_) => None,
                };
                if let Some(reason) = reason {
                    broken.push(Broken { page: page.path.clone(), href, reason });
                }
            }
        }
    }
    let diagnostics = attribute(root, site, links, broken);
    LinkFindings { diagnostics, pages: html.len(), checked, external }
}

/// Turns broken references into diagnostics: at the Markdown link they come from when one
/// matches, otherwise at the theme's templates, one per distinct reference.
fn attribute(root: &Path, site: &Site, links: &Links, broken: Vec<Broken>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut reported: HashSet<(PathBuf, usize, usize)> = HashSet::new();
    let mut theme: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for b in broken {
        let mut from_markdown = false;
        let page_lang = b.page.split('/').next().unwrap_or_default();
        for rm in &site.roadmaps {
            if !b.page.starts_with(&format!("{page_lang}/{}/", rm.id))
                && !b.page.starts_with(&format!("{page_lang}/careers/"))
            {
                continue;
            }
            for ed in rm.editions.values().filter(|e| e.lang == page_lang || e.lang == rm.meta.source_lang) {
                for (target, line, col) in &ed.links {
                    let t = html::percent_decode(target);
                    let h = html::percent_decode(&b.href);
                    let same = t == h || t.strip_prefix('#').is_some_and(|f| h.ends_with(&format!("#{f}")));
                    if !same {
                        continue;
                    }
                    from_markdown = true;
                    if !reported.insert((ed.path.clone(), *line, *col)) {
                        continue;
                    }
                    let mut d = Diagnostic::error(
                        &ed.path,
                        format!(
                            "link `{target}` {} (on page {})",
                            b.reason,
                            if b.page.is_empty() { "/" } else { &b.page }
                        ),
                    )
                    .at(&ed.text, *line, *col);
                    if let Some(frag) = t.strip_prefix('#') {
                        let anchors = links.anchors(site, &rm.id, &ed.lang).unwrap_or_default();
                        let hint = did_you_mean(frag, anchors.iter().map(String::as_str));
                        d = d.with_help(match hint {
                            Some(h) => format!("did you mean `#{h}`?"),
                            None => "link to a heading's id ({#id}) or its GitHub-style anchor in this roadmap".into(),
                        });
                    }
                    diags.push(d);
                }
            }
        }
        if !from_markdown {
            theme.entry((b.href, b.reason)).or_default().push(b.page);
        }
    }
    let templates_dir = format!("themes/{}/templates", site.config.theme);
    let mut grouped: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for ((href, reason), pages) in theme {
        let entry = grouped.entry(href).or_insert_with(|| (reason, Vec::new()));
        entry.1.extend(pages);
    }
    for (href, (reason, pages)) in grouped {
        let first = if pages[0].is_empty() { "/" } else { pages[0].as_str() };
        let more = if pages.len() > 1 { format!(" and {} other page(s)", pages.len() - 1) } else { String::new() };
        let msg = format!("`{href}` {reason} (on page {first}{more})");
        // A literal link is found in the template that holds it; a computed one is reported at
        // the templates folder.
        let d = match find_in_templates(root, &templates_dir, &href) {
            Some((file, text, offset)) => Diagnostic::error(file, msg).at_offset(&text, offset),
            None => Diagnostic::error(&templates_dir, msg),
        };
        diags.push(d.with_help("fix the link in the theme's templates, or add the file to the theme's static/ folder"));
    }
    diags
}

/// The template file, its text and the offset where `href` is written literally, if any.
fn find_in_templates(root: &Path, dir: &str, href: &str) -> Option<(PathBuf, String, usize)> {
    let needle = format!("\"{href}\"");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(root.join(dir)).ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files.into_iter().find_map(|p| {
        let text = std::fs::read_to_string(&p).ok()?;
        let offset = text.find(&needle)? + 1;
        Some((Path::new(dir).join(p.file_name()?), text, offset))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclean_sources_are_errors_with_a_position() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.toml"), "languages = [\"en\"]\r\n").unwrap();
        std::fs::create_dir_all(root.join("i18n")).unwrap();
        // "é" as e + combining acute: valid UTF-8, not NFC.
        std::fs::write(root.join("i18n/en.ftl"), "a = b\nc = cafe\u{301}\n").unwrap();
        let d = encoding_errors(root);
        assert_eq!(d.len(), 2, "{d:#?}");
        let site = d.iter().find(|d| d.file == Path::new("site.toml")).unwrap();
        assert!(site.message.contains("CRLF"), "{}", site.message);
        assert_eq!((site.line, site.col), (1, 19));
        let ftl = d.iter().find(|d| d.file == Path::new("i18n/en.ftl")).unwrap();
        assert!(ftl.message.contains("NFC"), "{}", ftl.message);
        assert_eq!((ftl.line, ftl.col), (2, 8));
        assert!(ftl.help.as_deref().unwrap().contains("gen fix --write i18n/en.ftl"));
    }
}
