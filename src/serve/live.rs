//! The site of `gen serve`, built into memory and kept up to date file by file.
//!
//! [`LiveSite::load`] runs the same stages as `gen build` and keeps what each produced: the
//! model (with a hash of the bytes each edition was parsed from), the cross-link tables, the
//! theme, the planned jobs and every output file (compressed, see [`crate::serve::store`]). [`LiveSite::update`] then takes the paths that changed and redoes only what
//! depends on them:
//!
//! | what changed | what is redone |
//! | --- | --- |
//! | `content/roadmaps/<id>/*` | that folder is re-read; only documents whose bytes changed are re-parsed; the roadmap is re-linked; the pages that read it ([`Job::reads_roadmap`]) are re-rendered |
//! | `themes/<theme>/templates/*` | templates reload; every page re-renders; nothing is re-parsed |
//! | `themes/<theme>/static/*`, `static/*` | that folder is re-read; nothing renders |
//! | anything else under `content/`, `i18n/`, `themes/`, or `site.toml` | a full build |
//!
//! The search indexes read every roadmap, so they are rebuilt in a second step,
//! [`LiveSite::finish`], after the changed pages are published. After it, the output equals what
//! `gen build` would write for the same sources, byte for byte (`tests/serve_incremental.rs`
//! checks it after random edits). Errors never replace output that
//! is being served: the caller publishes only when [`LiveSite::failed`] is false, and what it
//! publishes is every file touched since the last publish ([`LiveSite::take_touched`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;

use crate::diagnostic::Diagnostic;
use crate::link::{self, Links, Target};
use crate::model::Site;
use crate::pipeline::{self, EditionResult, Theme};
use crate::read::{self, RoadmapSources, Source};
use crate::render::{self, Job, Page};
use crate::serve::store::Body;
use crate::translation::{self, SiteStatus};

/// What was read from one roadmap folder and what reading and loading it reported.
#[derive(Default)]
struct Folder {
    /// [`fingerprint`] of its sources as last read (`None` when it had none): the sources
    /// themselves are not kept (a large site's are tens of megabytes).
    sources: Option<u128>,
    read: Vec<Diagnostic>,
    load: Vec<Diagnostic>,
}

/// What loading one edition's document gave, and the [`fingerprint`] of the bytes it was
/// loaded from. The edition itself is the one in the model: an edit to another document of its
/// roadmap takes it from there instead of parsing it again.
struct CachedEdition {
    bytes: u128,
    lang: String,
    /// Whether the document could be parsed (the model then has its edition).
    parsed: bool,
    /// The diagnostics of loading it.
    diags: Vec<Diagnostic>,
}

/// A 128-bit hash of some bytes, standing for them when the question is only whether they
/// changed (XXH3: a collision between two versions of a document is out of reach).
fn fingerprint(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The [`fingerprint`] of a roadmap folder's sources: its files' names and bytes.
fn folder_fingerprint(rs: &RoadmapSources) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for src in rs.meta.iter().chain(rs.editions.iter().map(|(_, s)| s)) {
        let path = src.path.to_string_lossy();
        h.update(&(path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        h.update(&(src.bytes.len() as u64).to_le_bytes());
        h.update(&src.bytes);
    }
    h.digest128()
}

/// What one [`LiveSite::update`] did, for the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// Nothing the site depends on changed.
    Nothing,
    /// Everything was read, parsed and rendered again.
    Full,
    /// Templates were reloaded and every page rendered again.
    Templates,
    /// These roadmaps were reloaded (re-parsing only changed documents) and the pages that read
    /// them rendered again.
    Roadmaps(Vec<String>),
    /// Only static files were re-read.
    Static,
    /// The search indexes were rebuilt ([`LiveSite::finish`]).
    Search,
}

/// The outcome of a load or an update.
#[derive(Debug)]
pub struct Report {
    /// What was redone.
    pub rebuild: Rebuild,
    /// Pages rendered.
    pub rendered: usize,
    /// Wall time, in milliseconds (fractional).
    pub millis: f64,
    /// Diagnostics of the sources that were read again (all of them after a full build).
    pub diagnostics: Vec<Diagnostic>,
}

/// The kinds of change in a batch of changed paths, from the cheapest to handle to the dearest.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    full: bool,
    templates: bool,
    roadmaps: BTreeSet<String>,
    statics: bool,
}

/// A site built into memory, updated incrementally. See the module documentation.
pub struct LiveSite {
    root: PathBuf,
    base_url: Option<String>,
    /// The model, shared with the background search build ([`LiveSite::start_search`]) rather
    /// than copied for it; an edit made while that build runs copies it then.
    site: Option<Arc<Site>>,
    theme: Option<Theme>,
    /// The cross-link tables, shared like the model.
    links: Arc<Links>,
    /// Translation status of every roadmap × language (outdated notices, switcher states).
    translations: SiteStatus,
    jobs: Vec<Job>,
    /// Output file of each job, in `jobs` order.
    job_files: Vec<String>,
    editions: HashMap<PathBuf, CachedEdition>,
    /// Per roadmap folder: what was read last, and the diagnostics of reading and loading it.
    folders: BTreeMap<String, Folder>,
    /// Diagnostics of site.toml, the registries, reading the site and `--base-url`.
    site_diags: Vec<Diagnostic>,
    /// Diagnostics of the theme (UI strings, templates).
    theme_diags: Vec<Diagnostic>,
    /// Diagnostics of the last render as a whole: site-wide files, missing UI strings.
    render_wide_diags: Vec<Diagnostic>,
    /// Diagnostics of the site-wide files when they were last made.
    site_file_diags: Vec<Diagnostic>,
    /// Render errors by output file.
    render_diags: BTreeMap<String, Diagnostic>,
    /// Rendered pages and site-wide files, by output file, compressed ([`Body`]).
    generated: HashMap<String, Body>,
    /// Static files by output file: theme's then site's (the site's win).
    statics: [HashMap<String, Bytes>; 2],
    /// Output files whose content may differ from the last publish.
    touched: BTreeSet<String>,
    /// Registry entries cited by roadmaps before they changed, since the last render.
    cited_before: HashSet<(String, Target)>,
    /// What list pages showed of roadmaps before they changed, since the last render:
    /// (roadmap id, output file) → [`Renderer::contribution`](crate::render::Renderer::contribution).
    before: HashMap<(String, String), String>,
    /// Roadmaps added, removed or moved in the order since the last render: every list page that
    /// shows them re-renders.
    moved: HashSet<String>,
    /// Whether the search indexes lag behind the roadmaps ([`LiveSite::finish`] catches up).
    search_stale: bool,
    /// Counts changes of the model, so a search index built from a snapshot can be discarded.
    model_generation: u64,
    /// A search index being built in the background: the model generation of its snapshot and
    /// where its files arrive.
    search_job: Option<(u64, std::sync::mpsc::Receiver<Vec<(String, Body)>>)>,
}

impl LiveSite {
    /// Builds the site at `root` into memory, as `gen build --base-url` would.
    pub fn load(root: &Path, base_url: Option<String>) -> (LiveSite, Report) {
        let mut live = LiveSite {
            root: root.to_path_buf(),
            base_url,
            site: None,
            theme: None,
            links: Arc::default(),
            translations: SiteStatus::default(),
            jobs: Vec::new(),
            job_files: Vec::new(),
            editions: HashMap::new(),
            folders: BTreeMap::new(),
            site_diags: Vec::new(),
            theme_diags: Vec::new(),
            render_wide_diags: Vec::new(),
            site_file_diags: Vec::new(),
            render_diags: BTreeMap::new(),
            generated: HashMap::new(),
            statics: [HashMap::new(), HashMap::new()],
            touched: BTreeSet::new(),
            cited_before: HashSet::new(),
            before: HashMap::new(),
            moved: HashSet::new(),
            search_stale: false,
            model_generation: 0,
            search_job: None,
        };
        let start = Instant::now();
        let rendered = live.full();
        let report = Report {
            rebuild: Rebuild::Full,
            rendered,
            millis: start.elapsed().as_secs_f64() * 1000.0,
            diagnostics: live.diagnostics(),
        };
        (live, report)
    }

    /// Brings the site up to date after `changed` paths (absolute, or relative to the root) were
    /// created, modified or removed.
    pub fn update(&mut self, changed: &[PathBuf]) -> Report {
        let start = Instant::now();
        let plan = self.plan(changed);
        let mut report = Report { rebuild: Rebuild::Nothing, rendered: 0, millis: 0.0, diagnostics: Vec::new() };
        if plan.full {
            report.rendered = self.full();
            report.rebuild = Rebuild::Full;
            report.diagnostics = self.diagnostics();
        } else {
            let mut changed_roadmaps = Vec::new();
            for name in &plan.roadmaps {
                if self.reload_folder(name) {
                    changed_roadmaps.push(name.clone());
                }
                if let Some(f) = self.folders.get(name) {
                    report.diagnostics.extend(f.read.iter().chain(&f.load).cloned());
                }
            }
            if plan.templates {
                self.reload_templates();
                report.diagnostics.extend(self.theme_diags.iter().cloned());
            }
            if plan.templates || !changed_roadmaps.is_empty() {
                report.rendered = self.rerender(plan.templates, &changed_roadmaps);
                report.diagnostics.extend(self.render_diags.values().cloned());
            }
            if plan.statics {
                self.reload_statics();
            }
            report.rebuild = if plan.templates {
                Rebuild::Templates
            } else if !changed_roadmaps.is_empty() {
                Rebuild::Roadmaps(changed_roadmaps)
            } else if plan.statics {
                Rebuild::Static
            } else {
                Rebuild::Nothing
            };
        }
        report.millis = start.elapsed().as_secs_f64() * 1000.0;
        report
    }

    /// Whether [`LiveSite::finish`] has work to do.
    pub fn search_pending(&self) -> bool {
        self.search_stale && self.theme.is_some()
    }

    /// Rebuilds the search indexes after roadmaps changed. [`LiveSite::update`] leaves this out,
    /// so that the pages an edit changed can be published at once: the indexes read every
    /// roadmap, which takes long on a large site. Until this runs, the indexes describe the
    /// roadmaps as they were before the edit.
    pub fn finish(&mut self) -> Report {
        let start = Instant::now();
        let mut report = Report { rebuild: Rebuild::Nothing, rendered: 0, millis: 0.0, diagnostics: Vec::new() };
        if self.search_pending()
            && let (Some(site), Some(theme)) = (&self.site, self.theme.take())
        {
            let renderer = theme.renderer(site, &self.links, &self.translations);
            let files = pipeline::search_files(&renderer);
            self.theme = Some(Theme::from_renderer(renderer));
            for page in files {
                self.put_generated(page.file(), page.body);
            }
            self.search_stale = false;
            report.rebuild = Rebuild::Search;
        }
        report.millis = start.elapsed().as_secs_f64() * 1000.0;
        report
    }

    /// Starts rebuilding the search indexes on another thread, from a snapshot of the model, so
    /// that edits go on being served meanwhile (a large site's indexes take seconds). Does
    /// nothing when they are current or already being built. [`LiveSite::search_done`] collects
    /// the result.
    pub fn start_search(&mut self) {
        if !self.search_pending() || self.search_job.is_some() || self.failed() {
            return;
        }
        let (Some(site), Some(theme)) = (&self.site, &self.theme) else {
            return;
        };
        let (site, i18n) = (Arc::clone(site), theme.i18n.clone());
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("gen-serve-search".into()).spawn(move || {
            // Its own one-thread pool: on the shared pool, the parallel parts of the index would
            // queue the next edit's pages behind them.
            let pages = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
                Ok(pool) => pool.install(|| crate::search::pages(&site, &i18n)),
                Err(_) => crate::search::pages(&site, &i18n),
            };
            // Compressed here, so that taking them in does not hold up the next edit.
            let _ = tx.send(pages.into_iter().map(|p| (p.file(), Body::compress(p.body))).collect::<Vec<_>>());
        });
        if spawned.is_ok() {
            self.search_job = Some((self.model_generation, rx));
        }
    }

    /// Whether a background search build is running.
    pub fn search_running(&self) -> bool {
        self.search_job.is_some()
    }

    /// Takes the background search build's files if it finished: they are used when the model
    /// did not change since its snapshot, otherwise dropped (a new build starts later).
    pub fn search_done(&mut self) -> Option<Report> {
        let start = Instant::now();
        let (generation, rx) = self.search_job.as_ref()?;
        let files = match rx.try_recv() {
            Ok(files) => files,
            Err(std::sync::mpsc::TryRecvError::Empty) => return None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Vec::new(),
        };
        let current = *generation == self.model_generation;
        self.search_job = None;
        if !current || files.is_empty() {
            return None;
        }
        for (file, body) in files {
            self.put_body(file, body);
        }
        self.search_stale = false;
        Some(Report {
            rebuild: Rebuild::Search,
            rendered: 0,
            millis: start.elapsed().as_secs_f64() * 1000.0,
            diagnostics: Vec::new(),
        })
    }

    /// True when the sources have an error; the output is then not fit to publish.
    pub fn failed(&self) -> bool {
        self.site.is_none() || self.theme.is_none() || self.diagnostics_iter().any(Diagnostic::is_error)
    }

    /// Every current diagnostic of the site.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics_iter().cloned().collect()
    }

    fn diagnostics_iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.site_diags
            .iter()
            .chain(self.folders.values().flat_map(|f| f.read.iter().chain(&f.load)))
            .chain(self.theme_diags.iter())
            .chain(self.render_wide_diags.iter())
            .chain(self.render_diags.values())
    }

    /// The base URL the site is built for (site.toml's, or `--base-url`), once a config loaded.
    pub fn base_url(&self) -> Option<String> {
        self.site.as_ref().map(|s| s.config.base_url())
    }

    /// The content of an output file (`vi/index.html`, `assets/style.css`), as `gen build`
    /// would write it.
    pub fn file(&self, file: &str) -> Option<Body> {
        match self.statics[1].get(file).or_else(|| self.statics[0].get(file)) {
            Some(b) => Some(Body::raw(b.clone())),
            None => self.generated.get(file).cloned(),
        }
    }

    /// Every output file and its content, as `gen build` would write them.
    pub fn files(&self) -> BTreeMap<String, Bytes> {
        let mut out: BTreeMap<String, Bytes> = self.generated.iter().map(|(k, v)| (k.clone(), v.content())).collect();
        for layer in &self.statics {
            out.extend(layer.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
    }

    /// The output files that may have changed since the last call, each with its content
    /// (`None` when it no longer exists).
    pub fn take_touched(&mut self) -> Vec<(String, Option<Body>)> {
        let touched = std::mem::take(&mut self.touched);
        touched.into_iter().map(|f| (f.clone(), self.file(&f))).collect()
    }

    /// Sorts changed paths into the work they need.
    fn plan(&self, changed: &[PathBuf]) -> Plan {
        let mut plan = Plan::default();
        let Some(site) = &self.site else {
            plan.full = true;
            return plan;
        };
        let theme = site.config.theme.as_str();
        for path in changed {
            let rel = path.strip_prefix(&self.root).unwrap_or(path);
            let parts: Vec<&str> = rel
                .components()
                .filter_map(|c| match c {
                    Component::Normal(s) => s.to_str(),
                    _ => None,
                })
                .collect();
            match parts.as_slice() {
                [] => plan.full = true,
                ["site.toml"] => plan.full = true,
                ["content", "roadmaps", name, ..] => {
                    plan.roadmaps.insert((*name).to_owned());
                }
                ["content", ..] | ["i18n", ..] => plan.full = true,
                ["themes", t, "templates", ..] if *t == theme => plan.templates = true,
                ["themes", t, "static", ..] if *t == theme => plan.statics = true,
                ["themes", t, ..] if *t == theme => plan.full = true,
                ["themes"] => plan.full = true,
                ["static", ..] => plan.statics = true,
                _ => {}
            }
        }
        if self.theme.is_none() && (plan.templates || !plan.roadmaps.is_empty()) {
            // Without a loaded theme there is nothing to re-render incrementally.
            plan.full = true;
        }
        plan
    }

    /// Reads, models and renders everything. Returns the number of pages rendered.
    fn full(&mut self) -> usize {
        // The names only: `files()` would decompress every page.
        let old_files: HashSet<String> =
            self.generated.keys().chain(self.statics.iter().flat_map(HashMap::keys)).cloned().collect();
        self.touched.extend(old_files);
        self.site = None;
        self.theme = None;
        self.links = Arc::default();
        self.translations = SiteStatus::default();
        self.jobs.clear();
        self.job_files.clear();
        // Parsed documents are dropped too: a config or registry change may change how they model.
        self.editions.clear();
        self.folders.clear();
        self.site_diags.clear();
        self.theme_diags.clear();
        self.render_wide_diags.clear();
        self.site_file_diags.clear();
        self.render_diags.clear();
        self.generated.clear();
        self.statics = [HashMap::new(), HashMap::new()];
        self.cited_before.clear();
        self.before.clear();
        self.moved.clear();

        let (sources, mut diags) = match read::read_site(&self.root) {
            Ok(x) => x,
            Err(d) => {
                self.site_diags = d;
                return 0;
            }
        };
        let Some(mut config) = pipeline::load_config(&sources.site, &mut diags) else {
            self.site_diags = diags;
            return 0;
        };
        if let Some(url) = &self.base_url
            && let Err(msg) = config.set_base_url(url)
        {
            diags.push(Diagnostic::error("--base-url", msg));
        }
        // Read diagnostics of roadmap folders belong to their folder (re-reading one replaces
        // them); the rest to the site.
        for d in diags {
            match roadmap_folder(&d.file) {
                Some(name) => self.folders.entry(name).or_default().read.push(d),
                None => self.site_diags.push(d),
            }
        }
        let mut roadmaps = Vec::new();
        for rs in &sources.roadmaps {
            let (rm, d) = self.load_roadmap(rs, &config, None);
            let entry = self.folders.entry(rs.id.clone()).or_default();
            entry.sources = Some(folder_fingerprint(rs));
            entry.load = d;
            roadmaps.extend(rm);
        }
        pipeline::sort_roadmaps(&mut roadmaps);
        let (resources, topics) =
            pipeline::load_registries(sources.resources.as_ref(), sources.topics.as_ref(), &mut self.site_diags);
        let site = Site { config, roadmaps, resources, topics };
        self.translations = SiteStatus::of(&site);
        for rm in &site.roadmaps {
            let d = translation::check_roadmap(rm, &self.translations);
            self.folders.entry(rm.id.clone()).or_default().load.extend(d);
        }
        self.links = Arc::new(link::link(&site));
        let (theme, d) = pipeline::load_theme(&self.root, &site.config);
        self.theme = theme;
        self.theme_diags = d;
        self.site = Some(Arc::new(site));
        self.reload_statics();
        if self.theme.is_none() {
            return 0;
        }
        let rendered = self.rerender(true, &[]);
        self.model_generation += 1;
        self.search_stale = true;
        self.finish();
        rendered
    }

    /// Loads one roadmap, parsing only documents that changed since `old` (the roadmap as the
    /// model had it) was loaded: the others' editions are taken from `old`.
    fn load_roadmap(
        &mut self,
        rs: &RoadmapSources,
        config: &crate::config::SiteConfig,
        old: Option<crate::model::Roadmap>,
    ) -> (Option<crate::model::Roadmap>, Vec<Diagnostic>) {
        let fresh: std::cell::RefCell<Vec<(PathBuf, CachedEdition)>> = Default::default();
        let old_editions = std::cell::RefCell::new(old.map(|rm| rm.editions).unwrap_or_default());
        let cache = &self.editions;
        let load = |lang: &str, src: &Source| -> EditionResult {
            let bytes = fingerprint(&src.bytes);
            if let Some(c) = cache.get(&src.path)
                && c.bytes == bytes
                && c.lang == lang
            {
                match (c.parsed, old_editions.borrow_mut().remove(lang)) {
                    (true, Some(ed)) => return (Some(*ed), c.diags.clone()),
                    (false, _) => return (None, c.diags.clone()),
                    (true, None) => {}
                }
            }
            let result = pipeline::load_edition(lang, src);
            fresh.borrow_mut().push((
                src.path.clone(),
                CachedEdition { bytes, lang: lang.to_owned(), parsed: result.0.is_some(), diags: result.1.clone() },
            ));
            result
        };
        let out = pipeline::load_roadmap_with(rs, config, &load);
        // Forget editions of this folder that are gone, remember the fresh ones.
        let dir = Path::new("content/roadmaps").join(&rs.id);
        let present: HashSet<&Path> = rs.editions.iter().map(|(_, s)| s.path.as_path()).collect();
        self.editions.retain(|p, _| !p.starts_with(&dir) || present.contains(p.as_path()));
        self.editions.extend(fresh.into_inner());
        out
    }

    /// Re-reads one roadmap folder and updates the model and links. Returns whether the model
    /// changed (false when the folder's sources are byte for byte what they were).
    fn reload_folder(&mut self, name: &str) -> bool {
        let (rs, read_diags) = read::read_roadmap(&self.root, name);
        let folder = self.folders.entry(name.to_owned()).or_default();
        folder.read = read_diags;
        if folder.sources == rs.as_ref().map(folder_fingerprint) {
            if rs.is_none() && folder.read.is_empty() && folder.load.is_empty() {
                self.folders.remove(name);
            }
            return false;
        }
        let mut shared = self.site.take().expect("an incremental update has a model");
        let site = Arc::make_mut(&mut shared);
        let old_position = site.roadmaps.iter().position(|r| r.id == name);
        let mut old = None;
        if let Some(p) = old_position {
            // Resource and topic pages it cited list it: they change even if it cites them no more.
            let targets: Vec<Target> = (0..site.resources.len())
                .map(Target::Resource)
                .chain((0..site.topics.len()).map(Target::Topic))
                .filter(|t| self.links.mentions.cites(p, *t))
                .collect();
            self.remember_contributions(&site, name, p, &targets);
            self.cited_before.extend(targets.into_iter().map(|t| (name.to_owned(), t)));
            old = Some(site.roadmaps.remove(p));
        }
        let mut load_diags = Vec::new();
        match &rs {
            Some(rs) => {
                let (rm, d) = self.load_roadmap(rs, &site.config, old);
                load_diags = d;
                if let Some(rm) = rm {
                    let key = (rm.meta.order, rm.id.as_str());
                    let pos = site.roadmaps.partition_point(|r| (r.meta.order, r.id.as_str()) < key);
                    site.roadmaps.insert(pos, rm);
                }
            }
            None => {
                let dir = Path::new("content/roadmaps").join(name);
                self.editions.retain(|p, _| !p.starts_with(&dir));
            }
        }
        if site.roadmaps.iter().position(|r| r.id == name) != old_position {
            self.moved.insert(name.to_owned());
        }
        Arc::make_mut(&mut self.links).relink_roadmap(site, name, old_position);
        self.translations.update_roadmap(site, name, old_position);
        if let Some(rm) = site.roadmaps.iter().find(|r| r.id == name) {
            load_diags.extend(translation::check_roadmap(rm, &self.translations));
        }
        self.site = Some(shared);
        let folder = self.folders.entry(name.to_owned()).or_default();
        folder.sources = rs.as_ref().map(folder_fingerprint);
        folder.load = load_diags;
        if folder.sources.is_none() && folder.read.is_empty() {
            self.folders.remove(name);
        }
        true
    }

    /// Records what the list pages showing the roadmap at `position` show of it now, before it
    /// changes: home and careers pages, and the pages of the registry entries it cites.
    fn remember_contributions(&mut self, site: &Site, name: &str, position: usize, cited: &[Target]) {
        let Some(theme) = self.theme.take() else {
            return;
        };
        let renderer = theme.renderer(site, &self.links, &self.translations);
        for lang in &site.config.languages {
            let mut jobs = vec![Job::Home(lang.clone()), Job::Careers(lang.clone())];
            jobs.extend(cited.iter().map(|t| match t {
                Target::Resource(i) => Job::Resource(lang.clone(), *i),
                Target::Topic(i) => Job::Topic(lang.clone(), *i),
            }));
            for job in jobs {
                let file = Page { path: job.path(site), body: Vec::new() }.file();
                if let Some(c) = renderer.contribution(&job, position) {
                    self.before.entry((name.to_owned(), file)).or_insert(c);
                }
            }
        }
        self.theme = Some(Theme::from_renderer(renderer));
    }

    fn reload_templates(&mut self) {
        let (Some(site), Some(theme)) = (&self.site, &mut self.theme) else {
            return;
        };
        let dir = pipeline::theme_dir(&self.root, &site.config);
        // Template diagnostics are replaced; UI string diagnostics stay (the strings did not change).
        self.theme_diags.retain(|d| !d.file.starts_with(dir.join("templates")));
        match render::templates::load(&dir, theme.i18n.clone()) {
            Ok(t) => (theme.tera, theme.safe_vars) = (t.tera, t.safe_vars),
            Err(d) => {
                self.theme_diags.extend(d);
                self.theme = None;
            }
        }
    }

    /// Re-plans the jobs and renders all of them (`all`) or those that read a changed roadmap.
    /// Removes the pages of jobs that no longer exist. Returns the number of pages rendered.
    fn rerender(&mut self, all: bool, changed_roadmaps: &[String]) -> usize {
        let (Some(site), Some(theme)) = (&self.site, self.theme.take()) else {
            return 0;
        };
        // An edit that keeps every changed roadmap in place with the same phases and weekly plan
        // keeps the list of pages: no need to plan 18,000 pages again.
        let keep_jobs = !all
            && self.moved.is_empty()
            && !self.jobs.is_empty()
            && changed_roadmaps.iter().all(|id| same_shape(&self.jobs, site, id));
        let jobs = if keep_jobs { std::mem::take(&mut self.jobs) } else { render::plan(site) };
        let moved = std::mem::take(&mut self.moved);
        // Paths are those of before when the same jobs point at the same roadmaps.
        let same_pages = keep_jobs || (!all && moved.is_empty() && jobs == self.jobs);
        let job_files: Vec<String> = if same_pages {
            std::mem::take(&mut self.job_files)
        } else {
            jobs.iter().map(|j| Page { path: j.path(site), body: Vec::new() }.file()).collect()
        };
        if !same_pages {
            let still: HashSet<&str> = job_files.iter().map(String::as_str).collect();
            for gone in self.job_files.iter().filter(|f| !still.contains(f.as_str())) {
                self.generated.remove(gone);
                self.render_diags.remove(gone);
                self.touched.insert(gone.clone());
            }
        }
        let cited_before = std::mem::take(&mut self.cited_before);
        let before = std::mem::take(&mut self.before);
        let renderer = theme.renderer(site, &self.links, &self.translations);
        let positions: HashMap<&str, usize> = site
            .roadmaps
            .iter()
            .enumerate()
            .filter(|(_, r)| changed_roadmaps.contains(&r.id))
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let needs = |i: usize| -> bool {
            let job = &jobs[i];
            changed_roadmaps.iter().any(|id| {
                let cited = match job {
                    Job::Resource(_, r) => cited_before.contains(&(id.clone(), Target::Resource(*r))),
                    Job::Topic(_, t) => cited_before.contains(&(id.clone(), Target::Topic(*t))),
                    _ => false,
                };
                if !cited && !job.reads_roadmap(site, &self.links, id) {
                    return false;
                }
                let Some(&position) = positions.get(id.as_str()) else {
                    return true;
                };
                if moved.contains(id) {
                    return true;
                }
                // A list page re-renders only if what it shows of the roadmap changed.
                match renderer.contribution(job, position) {
                    None => true,
                    Some(now) => before.get(&(id.clone(), job_files[i].clone())) != Some(&now),
                }
            })
        };
        let selected: Vec<usize> =
            if all { (0..jobs.len()).collect() } else { (0..jobs.len()).filter(|&i| needs(i)).collect() };
        let subset: Vec<Job> = selected.iter().map(|&i| jobs[i].clone()).collect();

        let results = renderer.render_each_with(&subset, &|p| Body::compress(p.body));
        // Site-wide files depend on the list of pages and the config only.
        let files = (!same_pages).then(|| pipeline::site_files(renderer.site, &jobs));
        let missing = renderer.i18n.missing_warnings();
        self.theme = Some(Theme::from_renderer(renderer));

        for (&i, result) in selected.iter().zip(results) {
            let file = &job_files[i];
            match result {
                Ok(body) => {
                    self.render_diags.remove(file);
                    self.put_body(file.clone(), body);
                }
                Err(d) => {
                    self.render_diags.insert(file.clone(), d);
                    if self.generated.remove(file).is_some() {
                        self.touched.insert(file.clone());
                    }
                }
            }
        }
        if let Some((files, file_diags)) = files {
            for page in files {
                self.put_generated(page.file(), page.body);
            }
            self.site_file_diags = file_diags;
        }
        self.render_wide_diags = self.site_file_diags.iter().cloned().chain(missing).collect();
        if !changed_roadmaps.is_empty() {
            self.search_stale = true;
            self.model_generation += 1;
        }
        self.jobs = jobs;
        self.job_files = job_files;
        selected.len()
    }

    fn put_generated(&mut self, file: String, body: Vec<u8>) {
        self.put_body(file, Body::compress(body));
    }

    /// [`LiveSite::put_generated`] for a body already compressed.
    fn put_body(&mut self, file: String, body: Body) {
        if self.generated.get(&file).is_some_and(|old| *old == body) {
            return;
        }
        self.touched.insert(file.clone());
        self.generated.insert(file, body);
    }

    /// Re-reads both static folders.
    fn reload_statics(&mut self) {
        let Some(site) = &self.site else {
            return;
        };
        for (layer, (dir, dest)) in pipeline::static_dirs(&self.root, &site.config).into_iter().enumerate() {
            let mut files = HashMap::new();
            match crate::write::static_files(&dir) {
                Ok(list) => {
                    for (rel, path) in list {
                        let key = if dest.is_empty() { rel } else { format!("{dest}/{rel}") };
                        // A file that vanished between listing and reading is simply not there.
                        if let Ok(bytes) = std::fs::read(&path) {
                            files.insert(key, Bytes::from(bytes));
                        }
                    }
                }
                Err(e) => {
                    self.site_diags.push(Diagnostic::warning(&dir, format!("cannot read static files: {e}")));
                }
            }
            let old = std::mem::take(&mut self.statics[layer]);
            for (k, v) in &old {
                if files.get(k) != Some(v) {
                    self.touched.insert(k.clone());
                }
            }
            for k in files.keys() {
                if !old.contains_key(k) {
                    self.touched.insert(k.clone());
                }
            }
            self.statics[layer] = files;
        }
    }
}

/// The roadmap folder a diagnostic's file belongs to (`content/roadmaps/<name>/…`).
/// Whether the roadmap `id` still has, in `site`, the phase and weekly-plan pages `jobs` plan
/// for it at its position (the first language's jobs stand for all: every language has the same).
fn same_shape(jobs: &[Job], site: &Site, id: &str) -> bool {
    let Some(p) = site.roadmaps.iter().position(|r| r.id == id) else {
        return false;
    };
    let Some(lang) = site.config.languages.first() else {
        return false;
    };
    let (mut phases, mut weeks) = (Vec::new(), false);
    for u in &site.roadmaps[p].source().units {
        u.walk(&mut |x| match x.kind {
            crate::model::UnitKind::Phase => phases.push(x.id()),
            crate::model::UnitKind::Week => weeks = true,
            _ => {}
        });
    }
    let mut planned = Vec::new();
    let mut planned_weeks = false;
    let mut found = false;
    for j in jobs {
        match j {
            Job::Roadmap(l, i) if l == lang && *i == p => found = true,
            Job::Phase(l, i, ph) if l == lang && *i == p => planned.push(ph.as_str()),
            Job::Weeks(l, i) if l == lang && *i == p => planned_weeks = true,
            _ => {}
        }
    }
    found && planned == phases && planned_weeks == weeks
}

fn roadmap_folder(file: &Path) -> Option<String> {
    let rest = file.strip_prefix("content/roadmaps").ok()?;
    match rest.components().next()? {
        Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
        _ => None,
    }
}
