//! The pipeline, stage by stage: read → normalise encoding → parse → model → cross-link →
//! render → write. `gen build`, `gen check` and `gen serve` all run it; each stage has a typed
//! boundary and reports problems as diagnostics rather than stopping at the first.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use tera::Tera;

use crate::config::{SiteConfig, validate_language};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::encoding;
use crate::i18n::I18n;
use crate::link::{self, Links};
use crate::model::{self, Edition, Resource, Roadmap, RoadmapMeta, Site, Topic};
use crate::parse;
use crate::read::{self, Source};
use crate::render::{self, Page, Renderer};
use crate::translation::{self, IndexedStatus, SiteStatus};
use crate::write;

/// Options of `gen build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Site root (the folder with site.toml).
    pub root: PathBuf,
    /// Output directory; relative paths are taken from the root.
    pub output: PathBuf,
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Every warning and error, in stage order.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of HTML pages written (0 when the build failed).
    pub pages: usize,
    /// Where the site was written.
    pub output: PathBuf,
    /// Wall time of the whole build, in milliseconds.
    pub millis: u128,
}

impl BuildReport {
    /// True when any diagnostic is an error.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Stage 2 for one source: bytes → clean text, with warnings for what was repaired.
pub fn normalize_source(src: &Source, diags: &mut Vec<Diagnostic>) -> String {
    let n = encoding::normalize(&src.bytes);
    for r in &n.repairs {
        if r.kind == encoding::RepairKind::Normalize {
            continue;
        }
        let (msg, line, col) = if r.kind == encoding::RepairKind::Transcode {
            // Point at the first byte that is not UTF-8: that is where the author's editor went wrong.
            let (line, col) = match std::str::from_utf8(&src.bytes) {
                Err(e) => {
                    let prefix = String::from_utf8_lossy(&src.bytes[..e.valid_up_to()]);
                    crate::diagnostic::line_col(&prefix, prefix.len())
                }
                Ok(_) => (r.line, r.col),
            };
            (format!("not UTF-8: the file was read as {}", n.decoding.encoding), line, col)
        } else {
            let kind = match r.kind {
                encoding::RepairKind::LostBytes => "restored lost bytes",
                _ => "repaired mojibake",
            };
            (format!("{kind}: {:?} → {:?} (confidence {:.2})", r.before, r.after, r.confidence), r.line, r.col)
        };
        diags.push(
            Diagnostic::warning(&src.path, msg)
                .at(&n.text, line, col)
                .with_help("run `gen fix --write` on the file to store the repaired text"),
        );
    }
    for (line, col, msg) in &n.unresolved {
        diags.push(
            Diagnostic::warning(&src.path, msg.clone()).at(&n.text, *line, *col).with_help(
                "the file is damaged here; restore the character by hand or run `gen fix` to see candidates",
            ),
        );
    }
    n.text
}

/// Stages 1–4: reads and models the site at `root`. Returns the model (if config could be read)
/// and every diagnostic.
pub fn load_site(root: &Path) -> (Option<Site>, Vec<Diagnostic>) {
    let (loaded, diags) = load_site_status(root, true);
    (loaded.map(|(site, _)| site), diags)
}

/// [`load_site`], with the translation status of every edition it computed on the way. Without
/// `keep_text`, each edition's text and its list of internal links, and the per-unit detail of
/// its translation status ([`translation::EditionStatus::units`]), are freed as soon as its
/// roadmap's translation status and diagnostics are made (rendering needs none of them; the
/// links are checked by `gen check`): `gen build` passes `false`, which takes the texts, a
/// quarter of the parse stage's memory, the links (about 5 MB at 1,000 roadmaps) and the detail
/// (15 MB) out of its peak.
pub fn load_site_status(root: &Path, keep_text: bool) -> (Option<(Site, SiteStatus)>, Vec<Diagnostic>) {
    let mut stages = crate::timings::Stages::start();
    let mut listing = match read::list_site(root) {
        Ok(x) => x,
        Err(d) => return (None, d),
    };
    let mut config_diags = Vec::new();
    let Some(config) = load_config(&listing.site, &mut config_diags) else {
        let (_, mut diags) = listing.into_sources();
        diags.append(&mut config_diags);
        return (None, diags);
    };
    stages.mark("read");

    // Each roadmap's files are read and modelled, then its translations' status is made and
    // checked, on every core. Its raw bytes are freed as soon as it is modelled, and (without
    // `keep_text`) its text once it is checked, so a large site's sources are never all in memory.
    let dirs = std::mem::take(&mut listing.roadmap_dirs);
    let mut loaded: Vec<LoadedRoadmap> = dirs
        .into_par_iter()
        .map(|name| {
            let (rs, read) = read::read_roadmap(root, &name);
            let Some(rs) = rs else {
                return LoadedRoadmap { read, roadmap: None, status: Vec::new(), load: Vec::new(), check: Vec::new() };
            };
            // Its events stay as they were before compression until its status is made.
            let ((rm, load), load_pins) = crate::parse::events::keeping_pinned(|| load_roadmap(&rs, &config));
            drop(rs);
            let Some(mut rm) = rm else {
                return LoadedRoadmap { read, roadmap: None, status: Vec::new(), load, check: Vec::new() };
            };
            let pins = rm.pin_events();
            let status = translation::roadmap_status(&rm, &config.languages);
            let check = translation::check_roadmap_with(&rm, |l| status.iter().find(|e| e.lang == l));
            drop(pins);
            drop(load_pins);
            let mut status: Vec<IndexedStatus> = status.into_iter().map(IndexedStatus::new).collect();
            if !keep_text {
                for ed in rm.editions.values_mut() {
                    ed.text = String::new();
                    ed.links = Vec::new();
                }
                // Freed here rather than once the whole site is loaded, so that the copy below
                // fills their room: freed after it, among the copies, they left 13 MB of holes
                // that stayed resident for the rest of the build.
                for s in &mut status {
                    s.forget_unit_details();
                }
            }
            // The model is copied once its sources and parse temporaries are freed: made among
            // them, its many small blocks were spread over memory pages that the temporaries
            // had shared, and freeing those left the pages partly used and so still resident;
            // the copy packs it into the holes. About 5 MB less resident at 1,000 roadmaps, for
            // a millisecond or two per roadmap.
            let packed = rm.clone();
            drop(rm);
            LoadedRoadmap { read, roadmap: Some(packed), status, load, check }
        })
        .collect();
    crate::memory::release();
    stages.mark("parse+model+translation");
    // Diagnostics in the order of the stages over the whole site: reading (the listing, the
    // roadmap folders, the other files), the config, loading in the order the files were read,
    // the registries, then the translation checks in site order.
    let mut diags = std::mem::take(&mut listing.listing_diags);
    for l in &mut loaded {
        diags.append(&mut l.read);
    }
    diags.append(&mut listing.other_diags);
    diags.append(&mut config_diags);
    let mut loaded: Vec<(Roadmap, Vec<IndexedStatus>, Vec<Diagnostic>)> = loaded
        .into_iter()
        .filter_map(|mut l| {
            diags.append(&mut l.load);
            Some((l.roadmap?, l.status, l.check))
        })
        .collect();
    loaded.sort_by(|a, b| roadmap_order(&a.0, &b.0));
    let (resources, topics) = load_registries(listing.resources.as_ref(), listing.topics.as_ref(), &mut diags);
    let mut roadmaps = Vec::with_capacity(loaded.len());
    let mut editions = Vec::new();
    for (rm, status, check) in loaded {
        diags.extend(check);
        editions.extend(status);
        roadmaps.push(rm);
    }
    let site = Site { config, roadmaps, resources, topics };
    let status = SiteStatus::from_indexed(editions);
    stages.mark("status");
    if crate::timings::enabled() {
        let stores = site.roadmaps.iter().flat_map(|rm| rm.editions.values()).filter_map(|ed| ed.events.as_ref());
        let (size, compressed) = stores.fold((0, 0), |(s, c), st| (s + st.len(), c + st.compressed_len()));
        eprintln!(
            "timing: events     {:.2} MB, kept compressed in {:.2} MB",
            size as f64 / 1e6,
            compressed as f64 / 1e6
        );
    }
    (Some((site, status)), diags)
}

/// One roadmap as [`load_site_status`] loads it: the diagnostics of reading its folder, the model, its translations' status, and the
/// diagnostics of loading it and of checking its translations.
struct LoadedRoadmap {
    read: Vec<Diagnostic>,
    roadmap: Option<Roadmap>,
    status: Vec<IndexedStatus>,
    load: Vec<Diagnostic>,
    check: Vec<Diagnostic>,
}

/// `site.toml` of a read site; `None` (with errors in `diags`) when it cannot be used.
pub fn load_config(site: &Source, diags: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let site_text = normalize_source(site, diags);
    match SiteConfig::parse(&site.path, &site_text) {
        Ok(c) => Some(c),
        Err(d) => {
            diags.extend(d);
            None
        }
    }
}

/// The shared registries: `content/resources.toml` and `content/topics.toml`.
pub fn load_registries(
    resources_src: Option<&Source>,
    topics_src: Option<&Source>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Resource>, Vec<Topic>) {
    let mut resources = Vec::new();
    if let Some(src) = resources_src {
        let text = normalize_source(src, diags);
        let (r, d) = model::registry::parse_resources(&src.path, &text);
        resources = r;
        diags.extend(d);
    }
    let mut topics = Vec::new();
    if let Some(src) = topics_src {
        let text = normalize_source(src, diags);
        let (t, d) = model::registry::parse_topics(&src.path, &text);
        topics = t;
        diags.extend(d);
    }
    (resources, topics)
}

/// Puts roadmaps in home-page order: `order` of roadmap.toml, then id.
pub fn sort_roadmaps(roadmaps: &mut [Roadmap]) {
    roadmaps.sort_by(roadmap_order);
}

/// The order of roadmaps on the home page: by `order` in roadmap.toml, then by id.
fn roadmap_order(a: &Roadmap, b: &Roadmap) -> std::cmp::Ordering {
    a.meta.order.cmp(&b.meta.order).then_with(|| a.id.cmp(&b.id))
}

/// One edition loaded from its source: the edition (`None` when its document cannot be parsed)
/// and the diagnostics of its file.
pub type EditionResult = (Option<Edition>, Vec<Diagnostic>);

/// Stages 2–4 for one `<lang>.md`: normalise, parse, model.
pub fn load_edition(lang: &str, src: &Source) -> EditionResult {
    let mut diags = Vec::new();
    let text = normalize_source(src, &mut diags);
    match parse::parse_document(&src.path, text) {
        Ok((doc, d)) => {
            diags.extend(d);
            let (ed, d) = model::build_edition(lang, doc);
            diags.extend(d);
            (Some(ed), diags)
        }
        Err(d) => {
            diags.push(d);
            (None, diags)
        }
    }
}

/// Stages 2–4 for one roadmap folder: its editions parsed and modelled, with their diagnostics.
/// `None` when the roadmap cannot be modelled (no roadmap.toml or no source edition).
pub fn load_roadmap(rs: &read::RoadmapSources, config: &SiteConfig) -> (Option<Roadmap>, Vec<Diagnostic>) {
    load_roadmap_with(rs, config, &load_edition)
}

/// [`load_roadmap`], taking each edition from `edition` (which `gen serve` answers from a cache
/// for documents that did not change, so an edit re-parses only the edited document).
pub fn load_roadmap_with(
    rs: &read::RoadmapSources,
    config: &SiteConfig,
    edition: &dyn Fn(&str, &Source) -> EditionResult,
) -> (Option<Roadmap>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let dir = Path::new("content/roadmaps").join(&rs.id);
    let Some(meta_src) = &rs.meta else {
        diags.push(
            Diagnostic::error(dir.join("roadmap.toml"), "missing roadmap.toml")
                .with_help("every roadmap folder needs roadmap.toml with at least source_lang = \"…\""),
        );
        return (None, diags);
    };
    let meta_text = normalize_source(meta_src, &mut diags);
    let meta = match RoadmapMeta::parse(&meta_src.path, &meta_text) {
        Ok(m) => m,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let mut editions = std::collections::BTreeMap::new();
    for (lang, src) in &rs.editions {
        if let Err(msg) = validate_language(lang) {
            diags.push(
                Diagnostic::error(&src.path, msg).with_help("name the file after a language code listed in site.toml"),
            );
            continue;
        }
        if !config.languages.contains(lang) {
            let hint = did_you_mean(lang, config.languages.iter().map(String::as_str))
                .map(|l| format!("did you mean `{l}.md`? or add `{lang}` to languages in site.toml"))
                .unwrap_or_else(|| format!("add `{lang}` to languages in site.toml"));
            diags.push(
                Diagnostic::error(&src.path, format!("language `{lang}` is not one of the site's languages"))
                    .with_help(hint),
            );
            continue;
        }
        let (ed, d) = edition(lang, src);
        diags.extend(d);
        if let Some(ed) = ed {
            editions.insert(lang.clone(), Box::new(ed));
        }
    }
    if !editions.contains_key(&meta.source_lang) {
        let present = rs.editions.iter().any(|(l, _)| *l == meta.source_lang);
        if !present {
            diags.push(
                Diagnostic::error(&meta_src.path, format!("source edition `{}.md` is missing", meta.source_lang))
                    .at_offset(&meta_text, meta_text.find("source_lang").unwrap_or(0))
                    .with_help(format!("add {}/{}.md or change source_lang", dir.display(), meta.source_lang)),
            );
        }
        return (None, diags);
    }
    let rm = Roadmap { id: rs.id.clone(), meta, editions };
    diags.extend(model::check_translations(&rm));
    (Some(rm), diags)
}

/// The theme folder of a site.
pub fn theme_dir(root: &Path, config: &SiteConfig) -> PathBuf {
    root.join("themes").join(&config.theme)
}

/// The folders copied into the output as they are: (source folder, destination under the
/// output). Later ones win when both have a file.
pub fn static_dirs(root: &Path, config: &SiteConfig) -> Vec<(PathBuf, &'static str)> {
    vec![(theme_dir(root, config).join("static"), "assets"), (root.join("static"), "")]
}

/// What rendering needs besides the model: UI strings, templates and the code highlighter.
/// `gen serve` keeps one between rebuilds.
pub struct Theme {
    /// The theme's templates.
    pub tera: Tera,
    /// The variables its templates print only as `{{ name | safe }}`.
    pub safe_vars: render::splice::SafeVars,
    /// UI strings (theme's, overridden by the site's).
    pub i18n: Arc<I18n>,
    /// Code highlighter (loads syntect's data once, on first use).
    pub highlighter: render::highlight::Highlighter,
}

impl Theme {
    /// A renderer for `site` that owns this theme until [`Theme::from_renderer`] takes it back.
    pub fn renderer<'a>(self, site: &'a Site, links: &'a Links, translations: &'a SiteStatus) -> Renderer<'a> {
        let unit_index = site.roadmaps.iter().map(|_| std::sync::OnceLock::new()).collect();
        Renderer {
            site,
            links,
            translations,
            tera: self.tera,
            safe_vars: self.safe_vars,
            i18n: self.i18n,
            highlighter: self.highlighter,
            unit_index,
        }
    }

    /// The theme a renderer was made from.
    pub fn from_renderer(r: Renderer<'_>) -> Theme {
        Theme { tera: r.tera, safe_vars: r.safe_vars, i18n: r.i18n, highlighter: r.highlighter }
    }
}

/// The Fluent UI strings: `themes/<theme>/i18n/*.ftl`, overridden by the site's `i18n/*.ftl`.
pub fn load_i18n(root: &Path, config: &SiteConfig) -> (Arc<I18n>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let theme = theme_dir(root, config);
    let mut ftl_texts: Vec<(String, PathBuf, String)> = Vec::new();
    for dir in [theme.join("i18n"), root.join("i18n")] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for p in files {
            if p.extension().is_some_and(|e| e == "ftl")
                && let Some(lang) = p.file_stem().map(|s| s.to_string_lossy().into_owned())
            {
                let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
                match read::read_source(root, &rel) {
                    Ok(src) => {
                        let text = normalize_source(&src, &mut diags);
                        ftl_texts.push((lang, rel, text));
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
    }
    let ftl: Vec<(&str, &Path, &str)> =
        ftl_texts.iter().map(|(l, p, t)| (l.as_str(), p.as_path(), t.as_str())).collect();
    let (i18n, d) = I18n::load(&config.languages, config.default_language(), &config.i18n.fallback, &ftl);
    diags.extend(d);
    (Arc::new(i18n), diags)
}

/// UI strings and templates of the site's theme; `None` when the templates cannot be loaded.
pub fn load_theme(root: &Path, config: &SiteConfig) -> (Option<Theme>, Vec<Diagnostic>) {
    let (i18n, mut diags) = load_i18n(root, config);
    match render::templates::load(&theme_dir(root, config), Arc::clone(&i18n)) {
        Ok(render::templates::Templates { tera, safe_vars }) => {
            let highlighter = render::highlight::Highlighter::new(config.highlighting.enabled);
            (Some(Theme { tera, safe_vars, i18n, highlighter }), diags)
        }
        Err(d) => {
            diags.extend(d);
            (None, diags)
        }
    }
}

/// Files that are not pages of a job: sitemap.xml, robots.txt, the highlighting stylesheet,
/// `.nojekyll` and `CNAME`. They depend on the list of jobs and the config only (`gen serve`
/// makes them again only when those change; what depends on content goes elsewhere, like
/// [`search_files`]).
pub fn site_files(site: &Site, jobs: &[render::Job]) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut pages = render::site_files(site, jobs);
    match render::syntax_css(site) {
        Ok(css) => pages.push(Page { path: "assets/syntax.css".into(), body: css.into_bytes() }),
        Err(d) => diags.push(d),
    }
    pages.push(Page { path: ".nojekyll".into(), body: Vec::new() });
    if let Some(cname) = &site.config.cname {
        pages.push(Page { path: "CNAME".into(), body: format!("{cname}\n").into_bytes() });
    }
    (pages, diags)
}

/// The search indexes, one per language. They read every roadmap; `gen serve` rebuilds them
/// right after publishing the pages an edit changed.
pub fn search_files(renderer: &Renderer<'_>) -> Vec<Page> {
    crate::search::pages(renderer.site, &renderer.i18n)
}

/// Stages 5–6, handing every file to `sink` as soon as it is rendered (from several threads at
/// once), so that a build never holds the whole site in memory. Takes the translation status so
/// as to free it, with the cross-link tables, as soon as rendering no longer needs them. Returns
/// every diagnostic, the sink's errors included.
pub fn render_site_with(
    root: &Path,
    site: &Site,
    translations: SiteStatus,
    sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync),
) -> Vec<Diagnostic> {
    let mut stages = crate::timings::Stages::start();
    // The site-wide files first, while only the model is in memory: the sitemap is one string of
    // 9 MB at 1,000 roadmaps, which made after rendering sat on top of the memory rendering had
    // just freed and not yet given back. Their diagnostics still come after rendering's.
    let jobs = render::plan(site);
    let (files, mut site_diags) = site_files(site, &jobs);
    site_diags.extend(files.into_iter().filter_map(|p| sink(p).err()));
    crate::memory::release();
    // The theme is loaded while the site is cross-linked: parsing its templates is one thread's
    // work (about 20 ms, whatever the size of the site), which made the other core wait.
    let (links, (theme, mut diags)) = rayon::join(|| link::link(site), || load_theme(root, &site.config));
    crate::memory::release();
    stages.mark("cross-link");
    let Some(theme) = theme else {
        return diags;
    };
    let renderer = theme.renderer(site, &links, &translations);
    diags.extend(renderer.render_into(&jobs, sink));
    stages.mark("render+write");
    // The renderer's templates and per-roadmap unit indexes, the cross-link tables and the
    // translation status are not needed for search (which reads the model alone): freed first,
    // they make room for the index being built.
    let i18n = Arc::clone(&renderer.i18n);
    drop(renderer);
    drop(links);
    drop(translations);
    drop(jobs);
    crate::memory::release();
    diags.append(&mut site_diags);
    crate::search::for_each_page(site, &i18n, |p| diags.extend(sink(p).err()));
    stages.mark("search");
    diags.extend(i18n.missing_warnings());
    diags
}

/// Stages 5–6: links and renders a modelled site. Returns pages and diagnostics.
pub fn render_site(root: &Path, site: &Site) -> (Vec<Page>, Links, Vec<Diagnostic>) {
    let links = link::link(site);
    let (theme, mut diags) = load_theme(root, &site.config);
    let Some(theme) = theme else {
        return (Vec::new(), links, diags);
    };
    let translations = SiteStatus::of(site);
    let renderer = theme.renderer(site, &links, &translations);
    let jobs = render::plan(site);
    let mut pages = Vec::with_capacity(jobs.len() + 8);
    for r in renderer.render_each(&jobs) {
        match r {
            Ok(p) => pages.push(p),
            Err(d) => diags.push(d),
        }
    }
    let (files, d) = site_files(site, &jobs);
    pages.extend(files);
    pages.extend(search_files(&renderer));
    diags.extend(d);
    diags.extend(renderer.i18n.missing_warnings());
    (pages, links, diags)
}

/// `gen build`: the whole pipeline, writing the site atomically when there is no error.
pub fn build(opts: &BuildOptions) -> BuildReport {
    let start = Instant::now();
    let output = if opts.output.is_absolute() { opts.output.clone() } else { opts.root.join(&opts.output) };
    let mut report = BuildReport { output: output.clone(), ..Default::default() };
    let (loaded, mut diags) = load_site_status(&opts.root, false);
    // Rendering works from the model and the translation status: the documents' text, needed
    // for diagnostics and fingerprints, and the status's per-unit detail are already freed.
    let Some((mut site, translations)) = loaded else {
        report.diagnostics = diags;
        return report;
    };
    if let Some(url) = &opts.base_url
        && let Err(msg) = site.config.set_base_url(url)
    {
        diags.push(Diagnostic::error("--base-url", msg));
    }
    if output.starts_with(opts.root.join("content")) {
        diags.push(
            Diagnostic::error(&opts.output, "the output directory is inside content/")
                .with_help("choose another --output, e.g. public"),
        );
    }
    if diags.iter().any(Diagnostic::is_error) {
        report.diagnostics = diags;
        return report;
    }
    let cannot_write = |e: std::io::Error| Diagnostic::error(&opts.output, format!("cannot write the site: {e}"));
    // Pages go to a staging folder as they are rendered; it replaces the output only when the
    // whole build succeeded (dropping it otherwise removes it).
    let staging = match write::Staging::new(&output) {
        Ok(s) => s,
        Err(e) => {
            diags.push(cannot_write(e));
            report.diagnostics = diags;
            return report;
        }
    };
    let html_pages = std::sync::atomic::AtomicUsize::new(0);
    // The first write error (a full disk, say) is reported once; later pages are not attempted.
    let write_error = std::sync::OnceLock::new();
    let d = render_site_with(&opts.root, &site, translations, &|page| {
        if write_error.get().is_some() {
            return Ok(());
        }
        if page.file().ends_with(".html") {
            html_pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        if let Err(e) = staging.write_page(&page) {
            let _ = write_error.set(e);
        }
        Ok(())
    });
    diags.extend(d);
    if let Some(e) = write_error.into_inner() {
        diags.push(cannot_write(e));
    }
    let mut stages = crate::timings::Stages::start();
    if !diags.iter().any(Diagnostic::is_error) {
        let statics = static_dirs(&opts.root, &site.config);
        match staging.copy_static(&statics).and_then(|()| staging.commit()) {
            Ok(()) => report.pages = html_pages.into_inner(),
            Err(e) => diags.push(cannot_write(e)),
        }
    }
    stages.mark("commit");
    if crate::timings::enabled() {
        eprintln!("timing: editions decompressed outside a pin: {}", crate::parse::events::unpinned_loads());
    }
    // Freeing the model of a large site takes a while (50 ms at 1,000 roadmaps)
    // and nothing waits for it: `gen build` exits right after.
    std::thread::spawn(move || drop(site));
    report.diagnostics = diags;
    report.millis = start.elapsed().as_millis();
    report
}
