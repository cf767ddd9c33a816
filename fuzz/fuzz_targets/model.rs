//! Markdown → parsed document → roadmap model → cross-links → HTML, for one edition: any text
//! never panics; every position the stages report (headings, links, diagnostics) is inside the
//! text; task ids are unique; rendered HTML carries no script.
#![no_main]

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use roadmap_gen::config::SiteConfig;
use roadmap_gen::diagnostic::Diagnostic;
use roadmap_gen::link;
use roadmap_gen::model::{self, Roadmap, RoadmapMeta, Site, UnitKind};
use roadmap_gen::parse::parse_document;
use roadmap_gen::render::highlight::Highlighter;
use roadmap_gen::render::markdown::{MdContext, render, render_inline};
use roadmap_gen::render::timeline;

/// (line, column) lies inside `text` (column at most one past the line's last character).
fn inside(text: &str, line: usize, col: usize) -> bool {
    let Some(l) = text.split('\n').nth(line.wrapping_sub(1)) else {
        return false;
    };
    col >= 1 && col <= l.chars().count() + 1
}

fn check_diag(text: &str, d: &Diagnostic) {
    if d.line > 0 {
        let col = d.col.max(1);
        assert!(inside(text, d.line, col), "diagnostic at {}:{} outside the text: {d:?}", d.line, d.col);
    }
    let _ = d.to_string();
}

/// No tag of the HTML is a script or carries a `javascript:` URL. Text is escaped (`<` → `&lt;`),
/// so every `<` starts a tag; quotes in text stay as they are, so only tags are looked at.
fn check_html(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or(tag);
        assert!(!tag.starts_with("script"), "script in rendered HTML: {html}");
        let squeezed: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            !squeezed.contains("=\"javascript:") && !squeezed.contains("='javascript:"),
            "javascript: URL in rendered HTML: {html}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    // Most inputs lack front matter; give them some so the body reaches the model.
    let text = if raw.starts_with("+++\n") { raw.into_owned() } else { format!("+++\ntitle = \"T\"\n+++\n{raw}") };
    let path = Path::new("content/roadmaps/x/en.md");
    let (doc, diags) = match parse_document(path, text.clone()) {
        Ok(x) => x,
        Err(d) => {
            check_diag(&text, &d);
            return;
        }
    };
    for d in &diags {
        check_diag(&text, d);
    }
    for (target, line, col) in &doc.links {
        assert!(inside(&text, *line, *col), "link {target:?} at {line}:{col} outside the text");
    }
    for c in &doc.chunks {
        if let Some(h) = &c.heading {
            assert!((1..=6).contains(&h.level));
            assert!(inside(&text, h.line, 1), "heading on line {} outside the text", h.line);
        }
    }
    let (ed, diags) = model::build_edition("en", doc);
    for d in &diags {
        check_diag(&text, d);
    }
    let mut task_ids = HashSet::new();
    let mut explicit = HashSet::new();
    let has_duplicate_error = diags.iter().any(|d| d.message.starts_with("duplicate id"));
    for u in ed.all_units() {
        for t in &u.tasks() {
            assert!(task_ids.insert(t.id.clone()) || has_duplicate_error, "task id {} twice", t.id);
        }
        if let Some(s) = u.span {
            assert!(s.start >= 1 && s.start <= s.end, "bad span {s:?}");
        }
        if let Some(id) = &u.heading.id {
            assert!(explicit.insert(id.clone()) || has_duplicate_error, "id {id} twice, unreported");
        }
        if u.kind != UnitKind::Section {
            assert!(u.heading.id.is_some(), "structural unit without an id");
        }
    }
    let _ = model::outline(&ed);

    // The link and render stages, for a site holding this one edition.
    let config = SiteConfig::parse(Path::new("site.toml"), "languages = [\"en\"]\n").expect("site.toml");
    let meta = RoadmapMeta::parse(Path::new("roadmap.toml"), "source_lang = \"en\"\n").expect("roadmap.toml");
    let rm = Roadmap { id: "x".into(), meta, editions: BTreeMap::from([("en".to_owned(), ed)]) };
    let site = Site { config, roadmaps: vec![rm], resources: Vec::new(), topics: Vec::new() };
    let links = link::link(&site);
    for d in link::check_site(&site) {
        check_diag(&text, &d);
    }
    let rm = &site.roadmaps[0];
    let ed = rm.source();
    if let Some(t) = timeline::build(ed, |p| (p.heading.text.to_string(), "en".to_owned())) {
        let labels = timeline::Labels {
            title: "t".into(),
            desc: "d".into(),
            months: "m".into(),
            weeks: "w".into(),
        };
        let _ = timeline::svg_wide(&t, &labels);
        let _ = timeline::svg_narrow(&t, &labels);
    }
    let highlighter = Highlighter::new(false);
    let linked_topics = RefCell::new(Default::default());
    for u in ed.all_units() {
        let page = link::has_own_page(u.kind).then(|| format!("{}/", u.id())).unwrap_or_default();
        let page_path = format!("en/x/{page}");
        let ctx = MdContext {
            links: &links,
            roadmap: "x",
            lang: "en",
            page_suffix: &page,
            highlighter: &highlighter,
            site: &site,
            page_path: &page_path,
            ui_lang: "en",
            linked_topics: &linked_topics,
            cache: None,
        };
        check_html(&render_inline(&u.heading.inline.load().to_vec(), &ctx));
        let mentions = links.mentions.unit("x", "en", u.heading.line);
        check_html(&render(&u.events.load().to_vec(), u.has_raw_html, &u.tasks(), mentions, &ctx));
    }
    let ctx = MdContext {
        links: &links,
        roadmap: "x",
        lang: "en",
        page_suffix: "",
        highlighter: &highlighter,
        site: &site,
        page_path: "en/x/",
        ui_lang: "en",
        linked_topics: &linked_topics,
        cache: None,
    };
    let mentions = links.mentions.unit("x", "en", 0);
    check_html(&render(&ed.preamble.load().to_vec(), ed.preamble_has_raw_html, &[], mentions, &ctx));
});
