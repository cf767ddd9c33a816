//! Stage 6: the model and its links → HTML pages (tera templates + Fluent strings + syntect),
//! plus sitemap, robots.txt and the stylesheet for highlighted code. Pages render in parallel.

pub mod backlinks;
pub mod highlight;
pub mod markdown;
pub mod seo;
pub mod splice;
pub mod templates;
pub mod timeline;

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::link::{Links, Target, relative, urls};
use crate::model::{Edition, Roadmap, Site, Unit, UnitKind};
use crate::translation::{self, Coverage, SiteStatus, UnitState};
use highlight::{Highlighter, escape};
use markdown::{FragmentCache, MdContext};

/// A rendered file of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Site-relative path: a directory (`vi/`, written as `vi/index.html`) or a file (`404.html`).
    pub path: String,
    /// The file's bytes.
    pub body: Vec<u8>,
}

impl Page {
    /// The file the page is written to, relative to the output directory.
    pub fn file(&self) -> String {
        if self.path.is_empty() || self.path.ends_with('/') {
            format!("{}index.html", self.path)
        } else {
            self.path.clone()
        }
    }
}

/// Everything rendering needs, shared by all pages.
pub struct Renderer<'a> {
    /// The model.
    pub site: &'a Site,
    /// Cross-link tables.
    pub links: &'a Links,
    /// Which units of each translation are current, outdated or missing.
    pub translations: &'a SiteStatus,
    /// Templates.
    pub tera: Tera,
    /// The variables the templates print only as `{{ name | safe }}` (see [`splice`]).
    pub safe_vars: splice::SafeVars,
    /// UI strings.
    pub i18n: Arc<I18n>,
    /// Code highlighter.
    pub highlighter: Highlighter,
    /// Per roadmap (by position), its units by id and their document order, computed on first
    /// use by the resource and topic pages that list citations.
    pub unit_index: Vec<std::sync::OnceLock<backlinks::UnitIndex<'a>>>,
}

/// A link in the language switcher / hreflang list.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// Language code.
    pub lang: String,
    /// The language's own name.
    pub name: String,
    /// Relative link from the current page.
    pub href: String,
    /// Absolute URL.
    pub url: String,
    /// How much of this page the language has: `complete`, `partial` (some units are shown from
    /// the source language) or `missing` (all of it is).
    pub status: String,
    /// Whether this is the page being rendered.
    pub current: bool,
}

/// One breadcrumb.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// Visible text.
    pub title: String,
    /// Relative link.
    pub href: String,
}

/// The context every template gets.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    /// UI language of the page.
    pub lang: String,
    /// Language of the main content (differs from `lang` on fallback pages).
    pub content_lang: String,
    /// Relative prefix to the site root ("../../").
    pub root: String,
    /// Site-relative path of the page.
    pub path: String,
    /// Site title in the page's language.
    pub site_title: String,
    /// Page title.
    pub title: String,
    /// Short name of the page for the breadcrumb trail (defaults to the title).
    pub crumb_title: String,
    /// Meta description.
    pub description: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Translations of this page (including itself).
    pub alternates: Vec<Alternate>,
    /// Absolute URL of the x-default page (the language chooser).
    pub x_default: String,
    /// Breadcrumbs, home first.
    pub breadcrumbs: Vec<Crumb>,
    /// og:locale of the page.
    pub og_locale: String,
    /// og:locale:alternate values.
    pub og_locale_alternates: Vec<String>,
    /// JSON-LD script content.
    pub json_ld: String,
    /// When the content is shown in its source language because this language has no edition:
    /// the source language's name.
    pub fallback_from: Option<String>,
    /// Relative links to the language's section pages.
    pub nav: Nav,
}

/// Links to the main sections of the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    /// Home of the language.
    pub home: String,
    /// Resources index.
    pub resources: String,
    /// Topics index.
    pub topics: String,
    /// Career paths.
    pub careers: String,
    /// Stylesheets and scripts folder.
    pub assets: String,
    /// The language's search page; empty when search is disabled.
    pub search: String,
    /// The language's search index (fetched by the search box when it is first used).
    pub search_index: String,
}

/// A page to render; pages are independent, so they render in parallel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// `/`: the language chooser.
    Chooser,
    /// `/{lang}/`.
    Home(String),
    /// `/{lang}/{roadmap}/`.
    Roadmap(String, usize),
    /// `/{lang}/{roadmap}/{phase}/`.
    Phase(String, usize, String),
    /// `/{lang}/{roadmap}/weeks/`.
    Weeks(String, usize),
    /// `/{lang}/{roadmap}/print/`: the whole roadmap on one page, for printing.
    Print(String, usize),
    /// `/{lang}/resources/`.
    Resources(String),
    /// `/{lang}/resources/{id}/`.
    Resource(String, usize),
    /// `/{lang}/topics/`.
    Topics(String),
    /// `/{lang}/topics/{id}/`.
    Topic(String, usize),
    /// `/{lang}/careers/`.
    Careers(String),
    /// `/{lang}/search/`.
    Search(String),
    /// `/404.html`.
    NotFound,
}

/// Lists every page of the site.
pub fn plan(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Chooser, Job::NotFound];
    // Each roadmap's phases (in document order) and whether it has weeks, found with one walk
    // of its source edition rather than once per language (`gen serve` re-plans on every edit).
    let shapes: Vec<(Vec<&str>, bool)> = site
        .roadmaps
        .iter()
        .map(|rm| {
            let (mut phases, mut weeks) = (Vec::new(), false);
            for u in &rm.source().units {
                u.walk(&mut |x| match x.kind {
                    UnitKind::Phase => phases.push(x.id()),
                    UnitKind::Week => weeks = true,
                    _ => {}
                });
            }
            (phases, weeks)
        })
        .collect();
    for lang in &site.config.languages {
        jobs.push(Job::Home(lang.clone()));
        for (i, (phases, weeks)) in shapes.iter().enumerate() {
            jobs.push(Job::Roadmap(lang.clone(), i));
            for p in phases {
                jobs.push(Job::Phase(lang.clone(), i, (*p).to_owned()));
            }
            if *weeks {
                jobs.push(Job::Weeks(lang.clone(), i));
            }
            jobs.push(Job::Print(lang.clone(), i));
        }
        jobs.push(Job::Resources(lang.clone()));
        jobs.extend((0..site.resources.len()).map(|i| Job::Resource(lang.clone(), i)));
        jobs.push(Job::Topics(lang.clone()));
        jobs.extend((0..site.topics.len()).map(|i| Job::Topic(lang.clone(), i)));
        jobs.push(Job::Careers(lang.clone()));
        if site.config.search.enabled {
            jobs.push(Job::Search(lang.clone()));
        }
    }
    jobs
}

impl Job {
    /// The page's site-relative path.
    pub fn path(&self, site: &Site) -> String {
        match self {
            Job::Chooser => String::new(),
            Job::NotFound => "404.html".into(),
            Job::Home(l) => urls::home(l),
            Job::Roadmap(l, i) => urls::roadmap(l, &site.roadmaps[*i].id),
            Job::Phase(l, i, p) => urls::phase(l, &site.roadmaps[*i].id, p),
            Job::Weeks(l, i) => urls::weeks(l, &site.roadmaps[*i].id),
            Job::Print(l, i) => urls::print(l, &site.roadmaps[*i].id),
            Job::Resources(l) => urls::resources(l),
            Job::Resource(l, i) => urls::resource(l, &site.resources[*i].id),
            Job::Topics(l) => urls::topics(l),
            Job::Topic(l, i) => urls::topic(l, &site.topics[*i].id),
            Job::Careers(l) => urls::careers(l),
            Job::Search(l) => urls::search(l),
        }
    }

    /// The same page in another language, if it has per-language versions.
    pub fn in_lang(&self, lang: &str) -> Option<Job> {
        let l = lang.to_owned();
        Some(match self {
            Job::Chooser | Job::NotFound => return None,
            Job::Home(_) => Job::Home(l),
            Job::Roadmap(_, i) => Job::Roadmap(l, *i),
            Job::Phase(_, i, p) => Job::Phase(l, *i, p.clone()),
            Job::Weeks(_, i) => Job::Weeks(l, *i),
            Job::Print(_, i) => Job::Print(l, *i),
            Job::Resources(_) => Job::Resources(l),
            Job::Resource(_, i) => Job::Resource(l, *i),
            Job::Topics(_) => Job::Topics(l),
            Job::Topic(_, i) => Job::Topic(l, *i),
            Job::Careers(_) => Job::Careers(l),
            Job::Search(_) => Job::Search(l),
        })
    }

    /// Whether the page shows anything of the roadmap `id`: its content, its title or facts in a
    /// list, its editions in a language switcher, its units citing a resource or topic. When that
    /// roadmap's sources change, `gen serve` re-renders exactly these pages (with the tables of
    /// before and after the change), so a page that starts reading a roadmap must say so here
    /// (`tests/serve_incremental.rs` compares incremental and full builds after random edits).
    pub fn reads_roadmap(&self, site: &Site, links: &Links, id: &str) -> bool {
        let cites =
            |t: Target| site.roadmaps.iter().position(|r| r.id == id).is_some_and(|p| links.mentions.cites(p, t));
        match self {
            Job::Chooser | Job::NotFound => false,
            // Every roadmap's card, every roadmap's career sections.
            Job::Home(_) | Job::Careers(_) => true,
            Job::Roadmap(_, i) | Job::Phase(_, i, _) | Job::Weeks(_, i) | Job::Print(_, i) => {
                site.roadmaps[*i].id == id
            }
            // Lists of the registry alone; the search page is a form (its index is a site file).
            Job::Resources(_) | Job::Topics(_) | Job::Search(_) => false,
            // The units citing the entry.
            Job::Resource(_, i) => cites(Target::Resource(*i)),
            Job::Topic(_, i) => cites(Target::Topic(*i)),
        }
    }

    /// Names of the kinds of page, for timings; the last one is the writing of any page.
    const KINDS: &'static [&'static str] = &[
        "chooser",
        "404",
        "home",
        "roadmap",
        "phase",
        "weeks",
        "print",
        "resources",
        "resource",
        "topics",
        "topic",
        "careers",
        "search",
        "(write)",
    ];

    /// Where a page of this kind goes in the order of rendering: the kinds that take longest
    /// (measured at 1,000 roadmaps: a home page 30 ms, a topic page 4 ms, a resource page 1 ms,
    /// a roadmap's pages together 1.3 ms) first, so that the last pages left are short ones that
    /// both threads share. Careers pages (50 ms) are made as soon as their language's roadmap
    /// pages are done (see [`Renderer::render_into`]), and the topic and resource pages come
    /// after the roadmaps' so that the last careers page has them to share the cores with.
    fn length_rank(&self) -> u8 {
        match self {
            Job::Careers(_) => 0,
            Job::Home(_) => 1,
            Job::Roadmap(..) | Job::Phase(..) | Job::Weeks(..) | Job::Print(..) => 2,
            Job::Topic(..) => 3,
            Job::Resource(..) => 4,
            Job::Chooser | Job::NotFound | Job::Resources(_) | Job::Topics(_) | Job::Search(_) => 5,
        }
    }

    /// For a page of a roadmap (overview, phase, weekly plan, print view): its language and the
    /// roadmap's position in the site. These pages are rendered in bundles (see [`bundles`]).
    fn roadmap_page(&self) -> Option<(&str, usize)> {
        match self {
            Job::Roadmap(l, i) | Job::Phase(l, i, _) | Job::Weeks(l, i) | Job::Print(l, i) => Some((l, *i)),
            _ => None,
        }
    }

    /// This page's row in [`Job::KINDS`].
    fn kind(&self) -> usize {
        match self {
            Job::Chooser => 0,
            Job::NotFound => 1,
            Job::Home(_) => 2,
            Job::Roadmap(..) => 3,
            Job::Phase(..) => 4,
            Job::Weeks(..) => 5,
            Job::Print(..) => 6,
            Job::Resources(_) => 7,
            Job::Resource(..) => 8,
            Job::Topics(_) => 9,
            Job::Topic(..) => 10,
            Job::Careers(_) => 11,
            Job::Search(_) => 12,
        }
    }

    fn lang(&self) -> Option<&str> {
        match self {
            Job::Chooser | Job::NotFound => None,
            Job::Home(l)
            | Job::Roadmap(l, _)
            | Job::Phase(l, _, _)
            | Job::Weeks(l, _)
            | Job::Print(l, _)
            | Job::Resources(l)
            | Job::Resource(l, _)
            | Job::Topics(l)
            | Job::Topic(l, _)
            | Job::Careers(l)
            | Job::Search(l) => Some(l),
        }
    }
}

/// Summary of a roadmap for lists (home page, chooser).
#[derive(Debug, Clone, Serialize)]
struct RoadmapCard {
    id: String,
    href: String,
    title: String,
    subtitle: String,
    description: String,
    lang: String,
    fallback: bool,
    editions: Vec<EditionState>,
    phases: usize,
    weeks: usize,
    tasks: usize,
    months_min: u32,
    months_max: u32,
    level: String,
    target_level: String,
    tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct EditionState {
    lang: String,
    name: String,
    /// `source`, `complete`, `partial` or `missing`.
    status: String,
    /// Units translated, of `total`.
    translated: usize,
    total: usize,
    /// Translated units whose source changed since.
    outdated: usize,
}

#[derive(Debug, Clone, Serialize)]
struct PhaseLink {
    id: String,
    title: String,
    href: String,
    lang: String,
}

/// A page's template variables while they are gathered: Tera's context, which holds its own
/// copy of each value (turned into Tera's values once, as they are inserted), the long texts
/// kept out of it to be spliced into the page ([`splice`]), and the length of their text, from
/// which the page's buffer is sized.
pub(crate) struct Vars<'t> {
    ctx: Context,
    holes: splice::Holes,
    safe_vars: &'t splice::SafeVars,
    text_len: usize,
}

impl<'t> Vars<'t> {
    /// The variables every page has.
    fn of(common: &Common, safe_vars: &'t splice::SafeVars) -> tera::TeraResult<Vars<'t>> {
        let ctx = Context::from_serialize(common)?;
        Ok(Vars { ctx, holes: splice::Holes::default(), safe_vars, text_len: 0 })
    }

    /// Sets `key` to `value` (a copy, serialised).
    pub(crate) fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        // Our page data always serialises; a value that could not would be left out.
        if let Ok(v) = tera::Value::try_from_serializable(value) {
            self.insert_value(key, v);
        }
    }

    /// Sets `key` to a string (a page's content): a long one that the templates print only as
    /// `{{ key | safe }}` is spliced into the rendered page rather than given to Tera.
    pub(crate) fn insert_string(&mut self, key: &str, value: String) {
        if value.len() >= splice::MIN_LEN && self.safe_vars.contains(key) {
            self.text_len += value.len();
            let marker = self.holes.take(key, value);
            self.ctx.insert_value(key.to_owned(), tera::Value::from(marker));
            return;
        }
        self.insert_value(key, tera::Value::from(value));
    }

    fn insert_value(&mut self, key: &str, value: tera::Value) {
        self.text_len += text_len(&value);
        self.ctx.insert_value(key.to_owned(), value);
    }

    /// Room for the page: its variables' text and the theme's markup around it. Grown by
    /// doubling instead, the 2 MB careers page of 1,000 roadmaps was copied into a 4 MB buffer,
    /// which showed in the build's peak memory.
    fn capacity(&self) -> usize {
        self.text_len + 16 * 1024
    }
}

/// The total length of the strings in `v`.
fn text_len(v: &tera::Value) -> usize {
    if let Some(s) = v.as_str() {
        s.len()
    } else if let Some(a) = v.as_array() {
        a.iter().map(text_len).sum()
    } else if let Some(m) = v.as_map() {
        m.values().map(text_len).sum()
    } else {
        0
    }
}

impl Renderer<'_> {
    fn lang_name(&self, lang: &str) -> String {
        self.i18n.msg(lang, "language-name", &[])
    }

    fn t(&self, lang: &str, key: &str) -> String {
        self.i18n.msg(lang, key, &[])
    }

    fn abs(&self, path: &str) -> String {
        format!("{}{}", self.site.config.base_url(), path)
    }

    /// Renders every job in parallel, plus the site-wide files; template errors are collected.
    pub fn render_all(&self, jobs: &[Job]) -> (Vec<Page>, Vec<Diagnostic>) {
        let results = self.render_each(jobs);
        let mut pages = Vec::with_capacity(results.len());
        let mut diags = Vec::new();
        for r in results {
            match r {
                Ok(p) => pages.push(p),
                Err(d) => diags.push(d),
            }
        }
        pages.extend(self.site_files(jobs));
        (pages, diags)
    }

    /// Renders the given jobs in parallel, one result per job in the same order. `gen serve`
    /// renders only the jobs a change touches (see [`Job::reads_roadmap`]).
    pub fn render_each(&self, jobs: &[Job]) -> Vec<Result<Page, Diagnostic>> {
        self.render_each_with(jobs, &|p| p)
    }

    /// [`Renderer::render_each`], handing each page to `f` on the thread that rendered it and
    /// keeping what `f` returns: `gen serve` compresses its pages there, so that the whole site
    /// is never held uncompressed.
    pub fn render_each_with<T: Send>(
        &self,
        jobs: &[Job],
        f: &(dyn Fn(Page) -> T + Sync),
    ) -> Vec<Result<T, Diagnostic>> {
        bundles(jobs)
            .par_iter()
            .flat_map_iter(|b| {
                let shared = Shared::default();
                let _pins = self.pin_bundle(b);
                b.iter().map(|j| self.render_job(j, Some(&shared)).map(f)).collect::<Vec<_>>()
            })
            .collect()
    }

    /// Keeps the events of the roadmap whose pages `bundle` renders decompressed while they are
    /// rendered (see `parse::Events`).
    fn pin_bundle(&self, bundle: &[Job]) -> Vec<crate::parse::events::Pin> {
        match bundle.first().and_then(Job::roadmap_page) {
            Some((l, i)) => {
                let Some(rm) = self.site.roadmaps.get(i) else {
                    return Vec::new();
                };
                // The pages of one language read that language's edition and, where it falls
                // back, the source's; the other translations only through the status (pinning
                // every edition decompressed each roadmap's three times as often).
                let source = rm.source();
                let own = rm.edition(l).filter(|ed| !std::ptr::eq(*ed, source));
                [Some(source), own].into_iter().flatten().filter_map(Edition::pin_events).collect()
            }
            None => Vec::new(),
        }
    }

    /// Renders every job in parallel and hands each page to `sink` as soon as it is rendered
    /// (the sink is called from several threads at once), so that a build never holds the whole
    /// site in memory. Returns template errors and the sink's errors. The site-wide files
    /// ([`site_files`]) are the caller's: `gen build` makes them once the tables that only
    /// rendering needs are freed.
    pub fn render_into(&self, jobs: &[Job], sink: &(dyn Fn(Page) -> Result<(), Diagnostic> + Sync)) -> Vec<Diagnostic> {
        // With `GEN_TIMINGS`, each page's rendering and writing are timed by the kind of page.
        let tally = crate::timings::enabled().then(|| crate::timings::Tally::new(Job::KINDS));
        let write = Job::KINDS.len() - 1;
        let mut order: Vec<(usize, &[Job])> = bundles(jobs).into_iter().enumerate().collect();
        // The longest pages first: a page is never split between threads, so a careers page
        // (a tenth of a second at 1,000 roadmaps) or a run of topic pages left for the end kept
        // one core busy alone for 0.4 s while the other had nothing left to take.
        order.sort_by_key(|(_, b)| b.first().map_or(u8::MAX, Job::length_rank));
        // A careers page shows a section of every roadmap, read from its editions. Each
        // roadmap's pages in that language have those editions decompressed (pinned) already,
        // so they make its section, and the careers page is made by whichever thread finishes
        // the language's last roadmap (in the middle of the render: languages come one after
        // another). Made by the careers pages themselves, the sections decompressed 5,000
        // editions at 1,000 roadmaps.
        let careers = CareerSections::new(self.site, &order);
        let (later, first): (Vec<_>, Vec<_>) =
            order.into_iter().partition(|(_, b)| careers.is_some() && matches!(b.first(), Some(Job::Careers(_))));
        let render_jobs = |at: usize, b: &[Job], shared: &Shared| -> Vec<(usize, Diagnostic)> {
            b.iter()
                .filter_map(|j| {
                    let Some(tally) = &tally else {
                        return self.render_job(j, Some(shared)).and_then(sink).err();
                    };
                    let t = std::time::Instant::now();
                    let page = self.render_job(j, Some(shared));
                    let bytes = page.as_ref().map_or(0, |p| p.body.len());
                    let t2 = std::time::Instant::now();
                    tally.add(j.kind(), t2 - t, bytes);
                    let done = page.and_then(sink);
                    tally.add(write, t2.elapsed(), bytes);
                    done.err()
                })
                .map(|d| (at, d))
                .collect()
        };
        let render_careers = |careers: &CareerSections<'_>, &(at, b): &(usize, &[Job])| {
            let shared = Shared::default();
            if let Some(Job::Careers(l)) = b.first() {
                shared.careers.set(careers.take(l));
            }
            render_jobs(at, b, &shared)
        };
        // Every bundle can be handed to an idle thread: left to itself, rayon stops splitting
        // the list once each thread has a share, and the last share runs alone.
        let mut diags: Vec<(usize, Diagnostic)> = first
            .par_iter()
            .with_max_len(1)
            .flat_map_iter(|&(at, b)| {
                let roadmap = b.first().and_then(Job::roadmap_page);
                let shared = Shared::default();
                let pins = self.pin_bundle(b);
                if let (Some(careers), Some((l, i))) = (&careers, roadmap) {
                    careers.prepare(self, l, i);
                }
                let mut out = render_jobs(at, b, &shared);
                drop((pins, shared));
                if let (Some(careers), Some((l, _))) = (&careers, roadmap)
                    && let Some(page) = careers.finish(l)
                {
                    out.extend(render_careers(careers, &page));
                }
                out
            })
            .collect();
        // Careers pages of languages with no roadmap pages in this render (`gen serve` renders
        // only the pages an edit changed).
        if let Some(careers) = &careers {
            let left: Vec<_> = later.iter().filter(|(_, b)| careers.claim(b)).collect();
            diags.extend(
                left.par_iter().with_max_len(1).flat_map_iter(|b| render_careers(careers, b)).collect::<Vec<_>>(),
            );
        }
        // Reported in the order of the jobs, whatever order they were rendered in.
        diags.sort_by_key(|(at, _)| *at);
        let diags: Vec<Diagnostic> = diags.into_iter().map(|(_, d)| d).collect();
        if let Some(tally) = tally {
            tally.print("page");
        }
        diags
    }

    /// Renders one page on its own, without the units already rendered for its roadmap's other
    /// pages: the reference that `tests/shared_units.rs` holds the shared rendering to.
    pub fn render_alone(&self, job: &Job) -> Result<Page, Diagnostic> {
        self.render_job(job, None)
    }

    /// The files that describe the whole list of pages, `jobs`: see [`site_files`].
    pub fn site_files(&self, jobs: &[Job]) -> Vec<Page> {
        site_files(self.site, jobs)
    }

    fn common(&self, job: &Job, title: String, description: String, content_lang: &str, crumbs: Vec<Crumb>) -> Common {
        let site = self.site;
        let path = job.path(site);
        let lang = job.lang().unwrap_or(site.config.default_language()).to_owned();
        let alternates: Vec<Alternate> = site
            .config
            .languages
            .iter()
            .filter_map(|l| {
                let other = job.in_lang(l)?;
                let p = other.path(site);
                Some(Alternate {
                    lang: l.clone(),
                    name: self.lang_name(l),
                    href: relative(&path, &p),
                    url: self.abs(&p),
                    status: self.status_of(&other),
                    current: *l == lang,
                })
            })
            .collect();
        let og_locale = seo::og_locale(&lang);
        let og_locale_alternates = alternates.iter().filter(|a| !a.current).map(|a| seo::og_locale(&a.lang)).collect();
        let fallback_from =
            (content_lang != lang).then(|| self.i18n.msg(&lang, &format!("language-{content_lang}"), &[]));
        let nav = Nav {
            home: relative(&path, &urls::home(&lang)),
            resources: relative(&path, &urls::resources(&lang)),
            topics: relative(&path, &urls::topics(&lang)),
            careers: relative(&path, &urls::careers(&lang)),
            assets: relative(&path, "assets/"),
            search: if site.config.search.enabled { relative(&path, &urls::search(&lang)) } else { String::new() },
            search_index: relative(&path, &crate::search::index_path(&lang)),
        };
        let mut common = Common {
            root: relative(&path, ""),
            canonical: self.abs(&path),
            x_default: self.abs(""),
            site_title: site.config.title(&lang).to_owned(),
            path,
            lang,
            content_lang: content_lang.to_owned(),
            crumb_title: title.clone(),
            title,
            description,
            alternates,
            breadcrumbs: crumbs,
            og_locale,
            og_locale_alternates,
            json_ld: String::new(),
            fallback_from,
            nav,
        };
        common.json_ld = seo::json_ld(self, job, &common);
        common
    }

    fn status_of(&self, job: &Job) -> String {
        let site = self.site;
        let tr = self.translations;
        let all = |cs: Vec<Coverage>| {
            if cs.iter().all(|c| *c == Coverage::Complete) {
                Coverage::Complete
            } else if cs.iter().all(|c| *c == Coverage::Missing) {
                Coverage::Missing
            } else {
                Coverage::Partial
            }
        };
        let of_units = |l: &str, rm: &Roadmap, units: Vec<&Unit>| {
            tr.coverage(&rm.id, l, units.into_iter().flat_map(translation::subtree_ids))
        };
        match job {
            Job::Home(_) | Job::Careers(_) => {
                all(site.roadmaps.iter().filter_map(|rm| self.roadmap_coverage(job, rm)).collect())
            }
            Job::Roadmap(l, i) | Job::Print(l, i) => {
                let rm = &site.roadmaps[*i];
                tr.edition(&rm.id, l).map_or(Coverage::Complete, |e| e.coverage())
            }
            Job::Phase(l, i, p) => {
                let rm = &site.roadmaps[*i];
                of_units(l, rm, rm.source().find(p).into_iter().collect())
            }
            Job::Weeks(l, i) => {
                let rm = &site.roadmaps[*i];
                of_units(l, rm, rm.source().units_of(UnitKind::Week))
            }
            _ => Coverage::Complete,
        }
        .as_str()
        .into()
    }

    /// On a page whose status sums up every roadmap (home, careers), what one roadmap adds.
    fn roadmap_coverage(&self, job: &Job, rm: &Roadmap) -> Option<Coverage> {
        match job {
            Job::Home(l) => Some(if rm.editions.contains_key(l) { Coverage::Complete } else { Coverage::Missing }),
            Job::Careers(l) => Some(self.translations.coverage(
                &rm.id,
                l,
                rm.source().units_of(UnitKind::Career).into_iter().flat_map(translation::subtree_ids),
            )),
            _ => None,
        }
    }

    fn render_template(&self, name: &str, common: &Common, extra: impl FnOnce(&mut Vars)) -> Result<Page, Diagnostic> {
        let mut vars = Vars::of(common, &self.safe_vars).map_err(|e| Diagnostic::error(name, e.to_string()))?;
        extra(&mut vars);
        self.render_vars(name, common, vars)
    }

    /// [`Renderer::render_template`] with one more variable, a list given as JSON values, each
    /// turned into Tera's value and freed in turn: the careers page of a large site holds every
    /// roadmap's career section, and a second copy of the whole list was 4 MB at the build's
    /// peak.
    fn render_template_with(
        &self,
        name: &str,
        common: &Common,
        key: &str,
        items: Vec<serde_json::Value>,
    ) -> Result<Page, Diagnostic> {
        let mut vars = Vars::of(common, &self.safe_vars).map_err(|e| Diagnostic::error(name, e.to_string()))?;
        let items = items
            .into_iter()
            .map(|v| tera::Value::try_from_serializable(&v))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Diagnostic::error(name, e.to_string()))?;
        vars.insert_value(key, tera::Value::from(items));
        self.render_vars(name, common, vars)
    }

    /// Renders the template `name` with the variables `vars`.
    fn render_vars(&self, name: &str, common: &Common, vars: Vars<'_>) -> Result<Page, Diagnostic> {
        let capacity = vars.capacity();
        let Vars { mut ctx, holes, .. } = vars;
        let mut holes = (!holes.is_empty()).then_some(holes);
        // The highlighting stylesheet is linked only where there is highlighted code, which keeps
        // every other page lighter. Whether there is shows in the page itself: a page with code
        // is rendered a second time, with `has_code` set (no page of the benchmark's corpus has
        // any; looking through every string of every context cost as much as this search of
        // the page).
        static CODE: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
        let code = CODE.get_or_init(|| memchr::memmem::Finder::new("<pre class=\"code\""));
        let render = |ctx: &Context, capacity: usize| {
            let mut body = Vec::with_capacity(capacity);
            self.tera.render_to(name, ctx, &mut body).map(|()| body).map_err(|e| {
                Diagnostic::error(
                    format!("themes/{}/templates/{name}", self.site.config.theme),
                    templates::tera_chain(&e),
                )
            })
        };
        // Rendered with the markers of the texts kept out of the context, which are then put
        // in their place; should the page not show each marker once, in order (see
        // `splice::Holes::splice`), the texts go into the context and the page is rendered again
        // as Tera renders it.
        let render_page = |ctx: &mut Context, holes: &mut Option<splice::Holes>| {
            let Some(h) = holes.as_ref() else {
                return render(ctx, capacity);
            };
            if let Some(page) = h.splice(&render(ctx, capacity.saturating_sub(h.len_of_texts()))?) {
                return Ok(page);
            }
            for (key, text) in holes.take().map(splice::Holes::into_texts).unwrap_or_default() {
                ctx.insert_value(key, tera::Value::from(text));
            }
            render(ctx, capacity)
        };
        ctx.insert("has_code", &false);
        let mut body = render_page(&mut ctx, &mut holes)?;
        if code.find(&body).is_some() {
            ctx.insert("has_code", &true);
            body = render_page(&mut ctx, &mut holes)?;
        }
        Ok(Page { path: common.path.clone(), body })
    }

    fn home_crumb(&self, lang: &str, from: &str) -> Crumb {
        Crumb { title: self.t(lang, "nav-home"), href: relative(from, &urls::home(lang)) }
    }

    /// Renders one page; `shared` holds what was already rendered for the other pages of the same
    /// roadmap in the same language (see [`bundles`]).
    fn render_job(&self, job: &Job, shared: Option<&Shared>) -> Result<Page, Diagnostic> {
        let site = self.site;
        let path = job.path(site);
        match job {
            Job::Chooser => {
                let lang = site.config.default_language().to_owned();
                let common = self.common(
                    job,
                    site.config.title(&lang).to_owned(),
                    site.config.description(&lang).to_owned(),
                    &lang,
                    vec![],
                );
                let choices: Vec<serde_json::Value> = site
                    .config
                    .languages
                    .iter()
                    .map(|l| {
                        serde_json::json!({
                            "lang": l,
                            "name": self.lang_name(l),
                            "href": relative(&path, &urls::home(l)),
                            "site_title": site.config.title(l),
                            "description": site.config.description(l),
                            "enter": self.t(l, "chooser-enter"),
                        })
                    })
                    .collect();
                self.render_template("chooser.html", &common, |c| c.insert("choices", &choices))
            }
            Job::NotFound => {
                let lang = site.config.default_language().to_owned();
                let mut common = self.common(job, "404".into(), String::new(), &lang, vec![]);
                // GitHub Pages serves 404.html at any depth, so its links are absolute paths.
                let base_path = seo::base_path(&site.config.base_url());
                common.root = base_path.clone();
                common.nav = Nav {
                    home: format!("{base_path}{}", urls::home(&lang)),
                    resources: format!("{base_path}{}", urls::resources(&lang)),
                    topics: format!("{base_path}{}", urls::topics(&lang)),
                    careers: format!("{base_path}{}", urls::careers(&lang)),
                    assets: format!("{base_path}assets/"),
                    search: if site.config.search.enabled {
                        format!("{base_path}{}", urls::search(&lang))
                    } else {
                        String::new()
                    },
                    search_index: format!("{base_path}{}", crate::search::index_path(&lang)),
                };
                let choices: Vec<serde_json::Value> = site
                    .config
                    .languages
                    .iter()
                    .map(|l| {
                        serde_json::json!({
                            "lang": l, "name": self.lang_name(l),
                            "href": format!("{base_path}{}", urls::home(l)),
                            "title": self.t(l, "not-found-title"),
                            "text": self.t(l, "not-found-text"),
                            "home": self.t(l, "nav-home"),
                            "search": if site.config.search.enabled {
                                format!("{base_path}{}", urls::search(l))
                            } else {
                                String::new()
                            },
                            "search_index": format!("{base_path}{}", crate::search::index_path(l)),
                        })
                    })
                    .collect();
                self.render_template("404.html", &common, |c| c.insert("choices", &choices))
            }
            Job::Home(lang) => {
                // Each card becomes its JSON value as it is made, and the list is moved into the
                // context: a list of cards, then its copy as JSON, were both held at once.
                let cards = site
                    .roadmaps
                    .iter()
                    .map(|rm| serde_json::to_value(self.card(rm, lang, &path)))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| Diagnostic::error("home.html", e.to_string()))?;
                let common = self.common(
                    job,
                    site.config.title(lang).to_owned(),
                    site.config.description(lang).to_owned(),
                    lang,
                    vec![],
                );
                self.render_template_with("home.html", &common, "roadmaps", cards)
            }
            Job::Roadmap(lang, i) => self.roadmap_page(job, lang, &site.roadmaps[*i], shared),
            Job::Phase(lang, i, phase) => self.phase_page(job, lang, &site.roadmaps[*i], phase, shared),
            Job::Weeks(lang, i) => self.weeks_page(job, lang, &site.roadmaps[*i], shared),
            Job::Print(lang, i) => self.print_page(job, lang, *i, shared),
            Job::Resources(lang) => {
                let items: Vec<serde_json::Value> = site
                    .resources
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id, "title": r.title, "kind": r.kind, "authors": r.authors, "year": r.year,
                            "href": relative(&path, &urls::resource(lang, &r.id)),
                            "description": r.description.get(lang).or_else(|| r.description.get("en")),
                        })
                    })
                    .collect();
                let crumbs = vec![self.home_crumb(lang, &path)];
                let common = self.common(job, self.t(lang, "resources-title"), String::new(), lang, crumbs);
                self.render_template("resources.html", &common, |c| c.insert("resources", &items))
            }
            Job::Resource(lang, i) => {
                let r = &site.resources[*i];
                let crumbs = vec![
                    self.home_crumb(lang, &path),
                    Crumb { title: self.t(lang, "resources-title"), href: relative(&path, &urls::resources(lang)) },
                ];
                let desc = r.description.get(lang).or_else(|| r.description.get("en")).cloned().unwrap_or_default();
                let common = self.common(job, r.title.clone(), desc.clone(), lang, crumbs);
                let cited = self.backlinks(lang, &path, self.links.mentions.citations(Target::Resource(*i)));
                self.render_template("resource.html", &common, |c| {
                    c.insert("resource", r);
                    c.insert("resource_description", &desc);
                    cited.insert_into(c);
                })
            }
            Job::Topics(lang) => {
                let items: Vec<serde_json::Value> = site
                    .topics
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "id": t.id, "name": t.name_in(lang),
                            "href": relative(&path, &urls::topic(lang, &t.id)),
                            "summary": t.summary.get(lang).or_else(|| t.summary.get("en")),
                        })
                    })
                    .collect();
                let crumbs = vec![self.home_crumb(lang, &path)];
                let common = self.common(job, self.t(lang, "topics-title"), String::new(), lang, crumbs);
                self.render_template("topics.html", &common, |c| c.insert("topics", &items))
            }
            Job::Topic(lang, i) => {
                let t = &site.topics[*i];
                let crumbs = vec![
                    self.home_crumb(lang, &path),
                    Crumb { title: self.t(lang, "topics-title"), href: relative(&path, &urls::topics(lang)) },
                ];
                let summary = t.summary.get(lang).or_else(|| t.summary.get("en")).cloned().unwrap_or_default();
                let common = self.common(job, t.name_in(lang).to_owned(), summary.clone(), lang, crumbs);
                let cited = self.backlinks(lang, &path, self.links.mentions.citations(Target::Topic(*i)));
                self.render_template("topic.html", &common, |c| {
                    c.insert("topic", t);
                    c.insert("topic_summary", &summary);
                    cited.insert_into(c);
                })
            }
            Job::Careers(lang) => {
                let mut prepared = shared.and_then(|s| s.careers.take()).unwrap_or_default();
                let sections: Vec<serde_json::Value> = (site.roadmaps.iter().enumerate())
                    .filter_map(|(i, rm)| match prepared.get_mut(i).and_then(Option::take) {
                        Some(html) => html.map(|h| self.career_section_with(rm, lang, &path, h.into())),
                        None => self.career_section(rm, lang, &path),
                    })
                    .collect();
                let crumbs = vec![self.home_crumb(lang, &path)];
                let common = self.common(job, self.t(lang, "careers-title"), String::new(), lang, crumbs);
                self.render_template_with("careers.html", &common, "sections", sections)
            }
            Job::Search(lang) => {
                let crumbs = vec![self.home_crumb(lang, &path)];
                let common = self.common(job, self.t(lang, "search-title"), String::new(), lang, crumbs);
                self.render_template("search.html", &common, |_| {})
            }
        }
    }

    /// A roadmap's section on the careers page at `path`; `None` when it has no career unit.
    fn career_section(&self, rm: &Roadmap, lang: &str, path: &str) -> Option<serde_json::Value> {
        let html = self.career_html(rm, lang, path)?;
        Some(self.career_section_with(rm, lang, path, html.into()))
    }

    /// The HTML of a roadmap's career units on the careers page at `path`, the part of its
    /// section read from its editions; `None` when it has no career unit.
    fn career_html(&self, rm: &Roadmap, lang: &str, path: &str) -> Option<Box<str>> {
        let careers = rm.source().units_of(UnitKind::Career);
        if careers.is_empty() {
            return None;
        }
        let (ed, _) = rm.edition_for(lang);
        let roadmap_path = urls::roadmap(lang, &rm.id);
        let mut view = UnitView::new(rm, lang, "", &roadmap_path, path, None);
        // Both roadmaps have a `career` unit: keep ids on this page unique.
        view.id_prefix = format!("{}--", rm.id);
        // A career unit and its sub-units are read one after another, with their translations
        // in the reader's edition: one decompression of each of the two editions.
        let source = rm.source();
        let _pins = [source.pin_events(), (!std::ptr::eq(ed, source)).then(|| ed.pin_events()).flatten()];
        let html: String = careers.iter().map(|u| self.unit_html(u, &view, 3)).collect();
        Some(html.into_boxed_str())
    }

    /// A roadmap's section on the careers page at `path`, around its [`Renderer::career_html`].
    fn career_section_with(&self, rm: &Roadmap, lang: &str, path: &str, html: String) -> serde_json::Value {
        let (ed, fallback) = rm.edition_for(lang);
        let roadmap_path = urls::roadmap(lang, &rm.id);
        let first = rm.source().units_of(UnitKind::Career).first().map(|u| u.id().to_owned()).unwrap_or_default();
        serde_json::json!({
            "id": rm.id,
            "roadmap_title": ed.front.title,
            "roadmap_href": relative(path, &roadmap_path),
            "career_href": relative(path, &format!("{roadmap_path}#{first}")),
            "lang": ed.lang, "fallback": fallback, "html": html,
            "milestones": self.milestones(rm, lang, path),
        })
    }

    /// What the page of `job` shows of the roadmap at `position` in `site.roadmaps`, as text to
    /// compare, for pages that list roadmaps: its card on a home page, its section on the careers
    /// page, its citing units on a resource or topic page (`"null"` when it shows nothing).
    /// `None` for every other page. Such a list page is made of these contributions in site order
    /// and of nothing else that depends on roadmaps, so `gen serve` re-renders it after an edit
    /// only when the edited roadmap's contribution differs (keep it so when changing these pages).
    pub fn contribution(&self, job: &Job, position: usize) -> Option<String> {
        let site = self.site;
        let rm = site.roadmaps.get(position)?;
        let path = job.path(site);
        // What it adds to the page's status in every language's switcher.
        let statuses: Vec<Option<&str>> = (site.config.languages.iter())
            .map(|l| job.in_lang(l).and_then(|j| self.roadmap_coverage(&j, rm)).map(Coverage::as_str))
            .collect();
        let json = match job {
            Job::Home(lang) => serde_json::to_string(&self.card(rm, lang, &path)),
            Job::Careers(lang) => serde_json::to_string(&self.career_section(rm, lang, &path)),
            Job::Resource(lang, i) => {
                Ok(self.cited_roadmap_html(position, lang, &path, self.links.mentions.citations(Target::Resource(*i))))
            }
            Job::Topic(lang, i) => {
                Ok(self.cited_roadmap_html(position, lang, &path, self.links.mentions.citations(Target::Topic(*i))))
            }
            _ => return None,
        };
        Some(format!("{}{statuses:?}", json.unwrap_or_default()))
    }

    fn md<'b>(&'b self, rm: &'b Roadmap, ed: &'b Edition, view: &'b UnitView<'b>) -> MdContext<'b> {
        MdContext {
            links: self.links,
            roadmap: &rm.id,
            lang: &ed.lang,
            page_suffix: view.page_suffix,
            highlighter: &self.highlighter,
            site: self.site,
            page_path: view.page_path,
            ui_lang: view.ui_lang,
            linked_topics: &view.linked_topics,
            cache: view.cache,
        }
    }

    /// Mentions in the own events of unit `u` of edition `ed`.
    fn mentions(&self, rm: &Roadmap, ed: &Edition, u: &Unit) -> crate::link::mentions::UnitMentions {
        self.links.mentions.unit(&rm.id, &ed.lang, u.heading.line())
    }

    fn card(&self, rm: &Roadmap, lang: &str, from: &str) -> RoadmapCard {
        let (ed, fallback) = rm.edition_for(lang);
        let src = rm.source();
        let weeks = src.units_of(UnitKind::Week);
        RoadmapCard {
            id: rm.id.clone(),
            href: relative(from, &urls::roadmap(lang, &rm.id)),
            title: ed.front.title.clone(),
            subtitle: ed.front.subtitle.clone().unwrap_or_default(),
            description: ed.front.description.clone().unwrap_or_default(),
            lang: ed.lang.clone(),
            fallback,
            editions: self
                .site
                .config
                .languages
                .iter()
                .map(|l| {
                    let st = self.translations.edition(&rm.id, l);
                    EditionState {
                        lang: l.clone(),
                        name: self.lang_name(l),
                        status: st.map_or("source", |e| e.coverage().as_str()).into(),
                        translated: st.map_or(0, |e| e.translated),
                        total: st.map_or(0, |e| e.total),
                        outdated: st.map_or(0, |e| e.outdated),
                    }
                })
                .collect(),
            phases: src.units_of(UnitKind::Phase).len(),
            weeks: weeks.iter().filter_map(|w| w.span).map(|s| (s.end - s.start + 1) as usize).sum(),
            tasks: weeks.iter().map(|w| w.task_count()).sum(),
            months_min: rm.meta.duration_months.map_or(0, |d| d.min()),
            months_max: rm.meta.duration_months.map_or(0, |d| d.max()),
            level: rm.meta.level.clone().unwrap_or_default(),
            target_level: rm.meta.target_level.clone().unwrap_or_default(),
            tags: rm.meta.tags.clone(),
        }
    }

    /// HTML of a source unit and its children as a reader of `view.ui_lang` sees it: each unit
    /// from the translation when it has one (matched by id), otherwise from the source edition,
    /// marked with the source language. `page_level` is the heading level the unit gets.
    fn unit_html(&self, src_unit: &Unit, view: &UnitView<'_>, page_level: u8) -> String {
        let mut out = String::new();
        self.push_unit_html(&mut out, src_unit, view, page_level);
        out
    }

    /// Appends [`Renderer::unit_html`] to `out`.
    fn push_unit_html(&self, out: &mut String, src_unit: &Unit, view: &UnitView<'_>, page_level: u8) {
        let shift = i16::from(page_level) - i16::from(src_unit.heading.level);
        // The page around the unit is in the reader's language when a translation exists.
        let container = if view.translation.is_some() { view.ui_lang } else { view.source.lang.as_str() };
        let (u, ed) = match view
            .translation
            .and_then(|t| translation::translated_unit(t, src_unit.heading.id()).map(|tu| (tu, t)))
        {
            Some(found) => found,
            None => (src_unit, view.source),
        };
        self.unit_html_into(out, src_unit, u, ed, container, view, shift);
    }

    /// Renders `u` (the translation of `src_unit`, or `src_unit` itself when it falls back) from
    /// edition `ed` inside an element whose language is `container_lang`.
    #[allow(clippy::too_many_arguments)]
    fn unit_html_into(
        &self,
        out: &mut String,
        src_unit: &Unit,
        u: &Unit,
        ed: &Edition,
        container_lang: &str,
        view: &UnitView<'_>,
        shift: i16,
    ) {
        let fell_back = view.translation.is_some() && std::ptr::eq(ed, view.source);
        let md = self.md(view.rm, ed, view);
        let md = &md;
        let level = (i16::from(u.heading.level) + shift).clamp(2, 6);
        let id = u.id();
        let kind = u.kind.class();
        let title = markdown::render_heading(&u.heading, md);
        let title = title.trim().trim_start_matches("<p>").trim_end_matches("</p>");
        // Pieces are joined with `concat` and `push_str` rather than `format!` here and below:
        // every unit of every page goes through this function, and the formatting machinery
        // cost several times the copying.
        let slug_anchor = if u.heading.id().is_some() && u.heading.slug() != id {
            [" id=\"", &view.id_prefix, &escape(u.heading.slug()), "\""].concat()
        } else {
            String::new()
        };
        let anchor = [view.id_prefix.as_str(), &escape(id)].concat();
        let lang_attr = if ed.lang != container_lang { [" lang=\"", &ed.lang, "\""].concat() } else { String::new() };
        let fallback_note = if fell_back && ed.lang != container_lang {
            format!(
                "<p class=\"notice-inline\" lang=\"{}\">{}</p>\n",
                view.ui_lang,
                escape(&self.t(view.ui_lang, "fallback-short"))
            )
        } else if std::ptr::eq(ed, view.source) {
            String::new()
        } else {
            self.outdated_note(view, u)
        };
        if view.collapse_phases && u.kind == UnitKind::Phase {
            let href = relative(view.page_path, &format!("{}{id}/", view.roadmap_path));
            out.push_str(&format!(
                "<div class=\"unit unit-phase phase-card\"{slug_anchor}{lang_attr}>\n<h{level} id=\"{anchor}\"><a href=\"{href}\">{title}</a></h{level}>\n{fallback_note}"
            ));
            let ui = view.ui_lang;
            let mut facts = Vec::new();
            if let Some(span) = u.span {
                facts.push(self.i18n.msg(ui, "months-range", &range_args(span)));
            }
            let mut weeks = Vec::new();
            src_unit.walk(&mut |x| {
                if x.kind == UnitKind::Week {
                    weeks.push(x)
                }
            });
            if !weeks.is_empty() {
                let n: i64 = weeks.iter().filter_map(|w| w.span).map(|s| i64::from(s.end - s.start + 1)).sum();
                facts.push(self.i18n.msg(ui, "weeks-count", &[("n", n.into())]));
                let t: usize = weeks.iter().map(|w| w.task_count()).sum();
                facts.push(self.i18n.msg(ui, "tasks-count", &[("n", (t as i64).into())]));
            }
            if !facts.is_empty() {
                out.push_str(&format!("<p class=\"facts\" lang=\"{ui}\">{}</p>\n", escape(&facts.join(" · "))));
            }
            let kids: Vec<&Unit> =
                u.children.iter().filter(|c| c.kind != UnitKind::Section || c.heading.id().is_some()).collect();
            if !kids.is_empty() {
                out.push_str("<ul class=\"phase-contents\">\n");
                for c in kids {
                    let ct = markdown::render_heading(&c.heading, md);
                    let ct = ct.trim().trim_start_matches("<p>").trim_end_matches("</p>");
                    out.push_str(&format!("<li><a href=\"{href}#{}\">{ct}</a></li>\n", c.id()));
                }
                out.push_str("</ul>\n");
            }
            out.push_str("</div>\n");
            return;
        }
        let level = char::from(b'0' + level as u8);
        for piece in ["<div class=\"unit unit-", kind, "\"", &slug_anchor, &lang_attr, ">\n<h"] {
            out.push_str(piece);
        }
        out.push(level);
        for piece in [" id=\"", &anchor, "\">", title] {
            out.push_str(piece);
        }
        if u.kind == UnitKind::Week
            && let Some(span) = u.span
        {
            let label = self.i18n.msg(view.ui_lang, "week-badge", &range_args(span));
            for piece in [
                " <span class=\"badge\" lang=\"",
                view.ui_lang,
                "\">",
                &escape(&label),
                "</span> <input type=\"checkbox\" class=\"progress week-done\" data-key=\"",
                &view.rm.id,
                ":",
                id,
                "\" aria-label=\"",
                &escape(u.heading.text()),
                "\">",
            ] {
                out.push_str(piece);
            }
        }
        out.push_str("</h");
        out.push(level);
        out.push_str(">\n");
        out.push_str(&fallback_note);
        markdown::render_into(out, &u.events, u.has_raw_html, || u.tasks(), || self.mentions(view.rm, ed, u), md);
        // Children follow the source's structure; each comes from the translation when it has it,
        // even inside a unit that is not translated itself.
        let mut unnamed = u.children.iter().filter(|c| c.heading.id().is_none());
        for c in &src_unit.children {
            let (tc, ted) = match view.translation {
                None => (c, view.source),
                Some(t) => {
                    let found = match c.heading.id() {
                        Some(id) => translation::translated_unit(t, Some(id)),
                        None if !fell_back => unnamed.next(),
                        None => None,
                    };
                    match found {
                        Some(x) => (x, t),
                        None => (c, view.source),
                    }
                }
            };
            self.unit_html_into(out, c, tc, ted, &ed.lang, view, shift);
        }
        out.push_str("</div>\n");
    }

    /// The "outdated translation" notice for a translated unit whose source changed since it was
    /// translated, linking the same page in the source language at the unit's anchor; empty
    /// otherwise.
    fn outdated_note(&self, view: &UnitView<'_>, u: &Unit) -> String {
        let Some(id) = u.heading.id() else {
            return String::new();
        };
        if self.translations.state(&view.rm.id, view.ui_lang, id) != Some(UnitState::Outdated) {
            return String::new();
        }
        let src = &view.source.lang;
        let target = format!("{}{}#{id}", urls::roadmap(src, &view.rm.id), view.page_suffix);
        let ui = view.ui_lang;
        let language = self.i18n.msg(ui, &format!("language-{src}"), &[]);
        format!(
            "<p class=\"notice-inline notice-outdated\" lang=\"{ui}\" role=\"note\">{} <a href=\"{}\" hreflang=\"{src}\">{}</a></p>\n",
            escape(&self.t(ui, "outdated-notice")),
            escape(&relative(view.page_path, &target)),
            escape(&self.i18n.msg(ui, "outdated-source", &[("language", language.into())])),
        )
    }

    fn roadmap_page(&self, job: &Job, lang: &str, rm: &Roadmap, shared: Option<&Shared>) -> Result<Page, Diagnostic> {
        let path = job.path(self.site);
        let (ed, _) = rm.edition_for(lang);
        let roadmap_path = urls::roadmap(lang, &rm.id);
        let mut view = UnitView::new(rm, lang, "", &roadmap_path, &path, shared);
        view.collapse_phases = true;
        let html = self.whole_roadmap_html(rm, ed, &view);
        let phases = self.phase_links(rm, lang, &path);
        let card = self.card(rm, lang, &path);
        let crumbs = vec![self.home_crumb(lang, &path)];
        let common = self.common(
            job,
            ed.front.title.clone(),
            ed.front.description.clone().unwrap_or_default(),
            &ed.lang,
            crumbs,
        );
        let weeks_href =
            (!rm.source().units_of(UnitKind::Week).is_empty()).then(|| relative(&path, &urls::weeks(lang, &rm.id)));
        let timeline = self.timeline(rm, lang, &path, shared);
        let print_href = relative(&path, &urls::print(lang, &rm.id));
        self.render_template("roadmap.html", &common, |c| {
            c.insert("timeline", &timeline);
            c.insert("print_href", &print_href);
            c.insert_string("content", html);
            c.insert("roadmap", &card);
            c.insert("subtitle", &ed.front.subtitle);
            c.insert("phases", &phases);
            c.insert("weeks_href", &weeks_href);
        })
    }

    /// The overview's timeline: both drawings and the rows of its table.
    fn timeline(&self, rm: &Roadmap, lang: &str, from: &str, shared: Option<&Shared>) -> Option<serde_json::Value> {
        let translation = rm.editions.get(lang);
        let mut t = timeline::build(rm.source(), |p| match translation.and_then(|e| e.find(p.id())) {
            Some(u) => (u.heading.text().to_string(), lang.to_owned()),
            None => (p.heading.text().to_string(), rm.source().lang.clone()),
        })?;
        for p in &mut t.phases {
            p.href = relative(from, &urls::phase(lang, &rm.id, &p.id));
        }
        let months_label = |r: crate::model::NumRange| self.i18n.msg(lang, "months-range", &range_args(r));
        let weeks_label = |r: crate::model::NumRange| self.i18n.msg(lang, "week-badge", &range_args(r));
        // The drawings have no links: the overview and the print view of a roadmap in a language
        // show the same two, drawn once when the pages are rendered together.
        let draw = || {
            let mut desc = self.i18n.msg(
                lang,
                "timeline-desc",
                &[
                    ("phases", (t.phases.len() as i64).into()),
                    ("months", i64::from(t.months).into()),
                    ("weeks", i64::from(t.weeks).into()),
                ],
            );
            for p in &t.phases {
                desc.push_str(&format!(" {}: {}, {}.", p.title, months_label(p.months), weeks_label(p.weeks)));
            }
            let labels = timeline::Labels {
                title: self.t(lang, "timeline-title"),
                desc,
                months: self.t(lang, "timeline-months"),
                weeks: self.t(lang, "timeline-weeks"),
            };
            Rc::new((timeline::svg_wide(&t, &labels), timeline::svg_narrow(&t, &labels)))
        };
        let drawings = match shared {
            Some(s) => Rc::clone(s.timeline.get_or_init(draw)),
            None => draw(),
        };
        let rows: Vec<serde_json::Value> = t
            .phases
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id, "title": p.title, "lang": p.lang, "href": p.href,
                    "months": months_label(p.months), "weeks": weeks_label(p.weeks),
                    "tasks": self.i18n.msg(lang, "tasks-count", &[("n", (p.tasks as i64).into())]),
                })
            })
            .collect();
        Some(serde_json::json!({
            "wide": drawings.0,
            "narrow": drawings.1,
            "rows": rows,
        }))
    }

    /// The milestones of a roadmap that belong to a phase (by nesting or `phase=`), in order, as
    /// the steps that lead to its career paths.
    fn milestones(&self, rm: &Roadmap, lang: &str, from: &str) -> Vec<serde_json::Value> {
        let src = rm.source();
        let phase_of = src.phase_of_units();
        let reader = rm.editions.get(lang);
        let shown = |id: &str| -> (String, String) {
            match reader.and_then(|e| e.find(id)) {
                Some(u) => (u.heading.text().to_string(), lang.to_owned()),
                None => (src.find(id).map(|u| u.heading.text().to_string()).unwrap_or_default(), src.lang.clone()),
            }
        };
        let map_lang = if reader.is_some() { lang } else { src.lang.as_str() };
        src.units_of(UnitKind::Milestone)
            .into_iter()
            .filter_map(|m| {
                let phase = phase_of.get(m.id()).copied().or_else(|| m.heading.attr("phase"))?;
                let (title, title_lang) = shown(m.id());
                let (phase_title, phase_lang) = shown(phase);
                let page = crate::link::anchor_page(rm, map_lang, m.id()).map(|p| p.suffix()).unwrap_or_default();
                Some(serde_json::json!({
                    "id": m.id(), "title": title, "lang": title_lang,
                    "phase_title": phase_title, "phase_lang": phase_lang,
                    "href": format!("{}#{}", relative(from, &format!("{}{page}", urls::roadmap(lang, &rm.id))), m.id()),
                }))
            })
            .collect()
    }

    fn phase_links(&self, rm: &Roadmap, lang: &str, from: &str) -> Vec<PhaseLink> {
        rm.source()
            .units_of(UnitKind::Phase)
            .into_iter()
            .map(|p| {
                let translated = rm.editions.get(lang).and_then(|e| translation::translated_unit(e, Some(p.id())));
                let (unit, unit_lang) = match translated {
                    Some(u) => (u, lang),
                    None => (p, rm.source().lang.as_str()),
                };
                PhaseLink {
                    lang: unit_lang.to_owned(),
                    id: p.id().to_owned(),
                    title: unit.heading.text().to_string(),
                    href: relative(from, &urls::phase(lang, &rm.id, p.id())),
                }
            })
            .collect()
    }

    fn phase_page(
        &self,
        job: &Job,
        lang: &str,
        rm: &Roadmap,
        phase_id: &str,
        shared: Option<&Shared>,
    ) -> Result<Page, Diagnostic> {
        let path = job.path(self.site);
        let translated = rm.edition(lang).and_then(|e| translation::translated_unit(e, Some(phase_id)).map(|u| (e, u)));
        let (ed, unit) = match translated {
            Some(found) => found,
            None => {
                let src = rm.source();
                (
                    src,
                    src.find(phase_id)
                        .ok_or_else(|| Diagnostic::error(&src.path, format!("phase `{phase_id}` vanished")))?,
                )
            }
        };
        let suffix = format!("{phase_id}/");
        let roadmap_path = urls::roadmap(lang, &rm.id);
        // The phase heading is the page's h1; its content starts at h2.
        let mut view = UnitView::new(rm, lang, &suffix, &roadmap_path, &path, shared);
        let src_phase = rm.source().find(phase_id).unwrap_or(unit);
        // When nothing of the phase is translated, the whole phase is shown in the source language
        // under the page's banner. When only the phase's own text is missing, the page stays the
        // reader's: the heading and introduction come from the source, marked with its `lang`,
        // and each sub-unit from the translation where it has one.
        let nothing_translated =
            self.translations.coverage(&rm.id, lang, translation::subtree_ids(src_phase)) == Coverage::Missing;
        if ed.lang != lang && nothing_translated {
            view.translation = None;
        }
        let md = self.md(rm, ed, &view);
        let own_fell_back = view.translation.is_some() && ed.lang != lang;
        let mut own = String::new();
        markdown::render_into(
            &mut own,
            &unit.events,
            unit.has_raw_html,
            || unit.tasks(),
            || self.mentions(rm, ed, unit),
            &md,
        );
        let mut body = String::new();
        if own_fell_back {
            body.push_str(&format!(
                "<p class=\"notice-inline\" lang=\"{lang}\">{}</p>\n<div class=\"unit-intro\" lang=\"{}\">\n{own}</div>\n",
                escape(&self.t(lang, "fallback-short")),
                ed.lang
            ));
        } else {
            if ed.lang == lang {
                body.push_str(&self.outdated_note(&view, unit));
            }
            body.push_str(&own);
        }
        for c in &src_phase.children {
            self.push_unit_html(&mut body, c, &view, 2);
        }
        let phases = self.phase_links(rm, lang, &path);
        let pos = phases.iter().position(|p| p.id == phase_id).unwrap_or(0);
        let prev = pos.checked_sub(1).and_then(|i| phases.get(i)).cloned();
        let next = phases.get(pos + 1).cloned();
        let (main_ed, _) = rm.edition_for(lang);
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb { title: main_ed.front.title.clone(), href: relative(&path, &roadmap_path) },
        ];
        let title_html = markdown::render_heading(&unit.heading, &md);
        let mut title_html = title_html.trim().trim_start_matches("<p>").trim_end_matches("</p>").to_owned();
        if own_fell_back {
            title_html = format!("<span lang=\"{}\">{title_html}</span>", ed.lang);
        }
        let mut common = self.common(
            job,
            format!("{} — {}", unit.heading.text(), main_ed.front.title),
            main_ed.front.description.clone().unwrap_or_default(),
            if own_fell_back { lang } else { &ed.lang },
            crumbs,
        );
        common.crumb_title = unit.heading.text().to_string();
        let months = unit.span.map(|s| {
            self.i18n.msg(
                lang,
                "months-range",
                &[
                    ("from", s.start.into()),
                    ("to", s.end.into()),
                    ("kind", (if s.start == s.end { "single" } else { "range" }).into()),
                ],
            )
        });
        self.render_template("phase.html", &common, |c| {
            c.insert_string("content", body);
            c.insert("phase_id", phase_id);
            c.insert("phase_title", &title_html);
            c.insert("phase_slug", unit.heading.slug());
            c.insert("months", &months);
            c.insert("phases", &phases);
            c.insert("prev", &prev);
            c.insert("next", &next);
            c.insert("roadmap_title", &main_ed.front.title);
            c.insert("roadmap_href", &relative(&path, &roadmap_path));
        })
    }

    fn weeks_page(&self, job: &Job, lang: &str, rm: &Roadmap, shared: Option<&Shared>) -> Result<Page, Diagnostic> {
        let path = job.path(self.site);
        let roadmap_path = urls::roadmap(lang, &rm.id);
        let src = rm.source();
        let view = UnitView::new(rm, lang, "weeks/", &roadmap_path, &path, shared);
        let mut weeks = Vec::new();
        for w in src.units_of(UnitKind::Week) {
            weeks.push(serde_json::json!({ "id": w.id(), "html": self.unit_html(w, &view, 2) }));
        }
        let (main_ed, _) = rm.edition_for(lang);
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb { title: main_ed.front.title.clone(), href: relative(&path, &roadmap_path) },
        ];
        let title = format!("{} — {}", self.t(lang, "weeks-title"), main_ed.front.title);
        let mut common =
            self.common(job, title, main_ed.front.description.clone().unwrap_or_default(), &main_ed.lang, crumbs);
        common.crumb_title = self.t(lang, "weeks-title");
        self.render_template("weeks.html", &common, |c| {
            c.insert("weeks", &weeks);
            c.insert("roadmap_title", &main_ed.front.title);
            c.insert("roadmap_id", &rm.id);
        })
    }
}

impl Renderer<'_> {
    /// The edition's preamble and every unit of the roadmap, in the source's order, with
    /// headings shifted so the top level is `<h2>`: the body of the overview and of the print view.
    fn whole_roadmap_html(&self, rm: &Roadmap, ed: &Edition, view: &UnitView<'_>) -> String {
        let md = self.md(rm, ed, view);
        let mut html = String::new();
        markdown::render_into(
            &mut html,
            &ed.preamble,
            ed.preamble_has_raw_html,
            Vec::new,
            || self.links.mentions.unit(&rm.id, &ed.lang, 0),
            &md,
        );
        let src = rm.source();
        let min_level = src.units.iter().map(|u| u.heading.level).min().unwrap_or(2);
        for u in &src.units {
            let level = (2 + u.heading.level - min_level).min(6);
            self.push_unit_html(&mut html, u, view, level);
        }
        html
    }

    /// The whole roadmap on one page: every phase with its months, weeks and projects expanded,
    /// and an appendix of the resources it cites (titles, authors and addresses, for paper).
    fn print_page(&self, job: &Job, lang: &str, index: usize, shared: Option<&Shared>) -> Result<Page, Diagnostic> {
        let rm = &self.site.roadmaps[index];
        let path = job.path(self.site);
        let (ed, _) = rm.edition_for(lang);
        let roadmap_path = urls::roadmap(lang, &rm.id);
        let view = UnitView::new(rm, lang, "print/", &roadmap_path, &path, shared);
        let html = self.whole_roadmap_html(rm, ed, &view);
        // `cites` is a binary search (citations are in site order); scanning every citation of
        // every resource for every print page made these pages quadratic in the site's size.
        let cited: Vec<serde_json::Value> = (0..self.site.resources.len())
            .filter(|i| self.links.mentions.cites(index, Target::Resource(*i)))
            .map(|i| {
                let r = &self.site.resources[i];
                serde_json::json!({
                    "title": r.title, "kind": r.kind, "authors": r.authors, "year": r.year, "url": r.url,
                    "href": relative(&path, &urls::resource(lang, &r.id)),
                })
            })
            .collect();
        let card = self.card(rm, lang, &path);
        let crumbs = vec![
            self.home_crumb(lang, &path),
            Crumb { title: ed.front.title.clone(), href: relative(&path, &roadmap_path) },
        ];
        let mut common = self.common(
            job,
            format!("{} — {}", ed.front.title, self.t(lang, "print-title")),
            ed.front.description.clone().unwrap_or_default(),
            &ed.lang,
            crumbs,
        );
        common.crumb_title = self.t(lang, "print-title");
        let timeline = self.timeline(rm, lang, &path, shared);
        self.render_template("print.html", &common, |c| {
            c.insert_string("content", html);
            c.insert("roadmap", &card);
            c.insert("subtitle", &ed.front.subtitle);
            c.insert("timeline", &timeline);
            c.insert("cited", &cited);
        })
    }
}

/// The files that describe the whole list of pages, `jobs`: sitemap.xml and robots.txt. They
/// need the site and the jobs only, not a renderer.
pub fn site_files(site: &Site, jobs: &[Job]) -> Vec<Page> {
    vec![
        Page { path: "sitemap.xml".into(), body: seo::sitemap(site, jobs).into_bytes() },
        Page {
            path: "robots.txt".into(),
            body: format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", site.config.base_url()).into_bytes(),
        },
    ]
}

/// What one page shows of a roadmap: the source's structure, translated units where they exist.
struct UnitView<'v> {
    rm: &'v Roadmap,
    source: &'v Edition,
    /// The reader's edition, when it exists and is not the source.
    translation: Option<&'v Edition>,
    /// The reader's language.
    ui_lang: &'v str,
    page_suffix: &'v str,
    roadmap_path: &'v str,
    page_path: &'v str,
    collapse_phases: bool,
    /// Prefix for element ids, for pages that show units of several roadmaps (whose ids may clash).
    id_prefix: String,
    /// Topics already linked on the page (only the first mention of each is linked).
    linked_topics: RefCell<rustc_hash::FxHashSet<usize>>,
    /// Units rendered for the roadmap's other pages in this language, when the page is rendered
    /// with them.
    cache: Option<&'v FragmentCache>,
}

impl<'v> UnitView<'v> {
    /// The view of page `page_path` of `rm` for a reader of `lang`; `shared`, what the page's
    /// group (see [`bundles`]) already rendered, when it is rendered with one.
    fn new(
        rm: &'v Roadmap,
        lang: &'v str,
        suffix: &'v str,
        roadmap_path: &'v str,
        page_path: &'v str,
        shared: Option<&'v Shared>,
    ) -> Self {
        let source = rm.source();
        let translation = rm.edition(lang).filter(|e| e.lang != source.lang);
        UnitView {
            rm,
            source,
            translation,
            ui_lang: lang,
            page_suffix: suffix,
            roadmap_path,
            page_path,
            collapse_phases: false,
            id_prefix: String::new(),
            linked_topics: RefCell::default(),
            cache: shared.map(|s| &s.units),
        }
    }
}

/// What the pages of one roadmap in one language (see [`bundles`]) render once and share.
#[derive(Default)]
struct Shared {
    /// Each unit's rendering.
    units: FragmentCache,
    /// The timeline's two drawings (wide and narrow), which have no links.
    timeline: std::cell::OnceCell<Rc<(String, String)>>,
    /// For a careers page: the roadmaps' sections that their own pages made, by roadmap.
    careers: std::cell::Cell<Option<Vec<Option<CareerSection>>>>,
}

/// The HTML of a roadmap's section of a careers page (`None`: it has none), made exactly as
/// long as it is: the sections of every roadmap are held until the careers pages are made.
type CareerSection = Option<Box<str>>;

/// The sections of the careers pages a render makes (their [`Renderer::career_html`], the part
/// read from the editions), made by each roadmap's pages in the page's language while they hold
/// its editions decompressed, and when each careers page can be made.
struct CareerSections<'j> {
    langs: Vec<CareersPage<'j>>,
}

/// One careers page of a render, for [`CareerSections`].
struct CareersPage<'j> {
    lang: String,
    path: String,
    /// Its bundle, with its place in the jobs.
    bundle: (usize, &'j [Job]),
    /// The section of each roadmap, by roadmap, once made.
    slots: Vec<std::sync::Mutex<Option<CareerSection>>>,
    /// The bundles of roadmap pages in its language not yet rendered.
    left: std::sync::atomic::AtomicUsize,
    /// Whether some thread has taken the page to render.
    claimed: std::sync::atomic::AtomicBool,
}

impl<'j> CareerSections<'j> {
    /// Slots for the careers pages among `bundles`; `None` when there are none.
    fn new(site: &Site, bundles: &[(usize, &'j [Job])]) -> Option<CareerSections<'j>> {
        let langs: Vec<_> = bundles
            .iter()
            .filter_map(|&(at, b)| match b.first() {
                Some(j @ Job::Careers(l)) => Some(CareersPage {
                    lang: l.clone(),
                    path: j.path(site),
                    bundle: (at, b),
                    slots: (0..site.roadmaps.len()).map(|_| std::sync::Mutex::new(None)).collect(),
                    left: bundles
                        .iter()
                        .filter(|(_, b)| b.first().and_then(Job::roadmap_page).is_some_and(|(x, _)| x == l))
                        .count()
                        .into(),
                    claimed: false.into(),
                }),
                _ => None,
            })
            .collect();
        (!langs.is_empty()).then_some(CareerSections { langs })
    }

    fn page(&self, lang: &str) -> Option<&CareersPage<'j>> {
        self.langs.iter().find(|p| p.lang == lang)
    }

    /// Makes roadmap `index`'s section of the careers page in `lang`, when there is one and it
    /// is not made yet.
    fn prepare(&self, r: &Renderer<'_>, lang: &str, index: usize) {
        let Some(page) = self.page(lang) else { return };
        let (Some(rm), Some(slot)) = (r.site.roadmaps.get(index), page.slots.get(index)) else { return };
        let lock = || slot.lock().unwrap_or_else(|e| e.into_inner());
        if lock().is_none() {
            let html = r.career_html(rm, lang, &page.path);
            lock().get_or_insert(html);
        }
    }

    /// Counts one bundle of roadmap pages in `lang` done; the careers page in `lang`, to render
    /// now, when it was the last.
    fn finish(&self, lang: &str) -> Option<(usize, &'j [Job])> {
        let page = self.page(lang)?;
        let was = page.left.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
        (was == 1 && !page.claimed.swap(true, std::sync::atomic::Ordering::AcqRel)).then_some(page.bundle)
    }

    /// Whether the careers page `bundle` is still to render (and is now the caller's).
    fn claim(&self, bundle: &[Job]) -> bool {
        let Some(Job::Careers(l)) = bundle.first() else { return false };
        self.page(l).is_some_and(|p| !p.claimed.swap(true, std::sync::atomic::Ordering::AcqRel))
    }

    /// The sections made for the careers page in `lang`, taken out.
    fn take(&self, lang: &str) -> Option<Vec<Option<CareerSection>>> {
        let page = self.page(lang)?;
        Some(page.slots.iter().map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).take()).collect())
    }
}

/// `jobs` cut into groups rendered one after another on one thread: the pages of one roadmap in
/// one language (overview, phases, weekly plan, print view, which [`plan`] lists together) share
/// a [`Shared`], so each unit and the timeline are rendered once for all of them; every other
/// page is a group of its own.
fn bundles(jobs: &[Job]) -> Vec<&[Job]> {
    jobs.chunk_by(|a, b| a.roadmap_page().is_some() && a.roadmap_page() == b.roadmap_page()).collect()
}

fn range_args(span: crate::model::NumRange) -> [(&'static str, fluent_bundle::FluentValue<'static>); 3] {
    [
        ("from", span.start.into()),
        ("to", span.end.into()),
        ("kind", (if span.start == span.end { "single" } else { "range" }).into()),
    ]
}

/// The CSS for highlighted code, written to `assets/syntax.css`.
pub fn syntax_css(site: &Site) -> Result<String, Diagnostic> {
    let h = &site.config.highlighting;
    highlight::stylesheet(&h.light_theme, &h.dark_theme).map_err(|m| Diagnostic::error(Path::new("site.toml"), m))
}
