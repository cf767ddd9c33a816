//! Stage 4: parsed documents → the roadmap model: Roadmap → editions → Phases → Months → Weeks →
//! Tasks, plus projects, milestones, skills, KPIs, resources and career sections.
//!
//! Structure comes only from explicit heading ids and classes (see docs/authoring.md); a
//! document without them still builds, its headings just stay plain sections.

pub mod meta;
pub mod outline;
pub mod registry;
pub mod unit;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

pub use meta::{RoadmapMeta, Span};
pub use outline::{OutlineEntry, SkillRow, outline, skill_rows};
pub use registry::{Resource, ResourceKind, Topic};
pub use unit::{NumRange, Task, Unit, UnitKind};

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::parse::events::{Pin, Store};
use crate::parse::{Chunk, Document, Events, FrontMatter};

/// One language edition of a roadmap.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Language code.
    pub lang: String,
    /// Source file, relative to the site root.
    pub path: PathBuf,
    /// Normalised text of the source file (for diagnostics).
    pub text: String,
    /// Front matter.
    pub front: FrontMatter,
    /// Markdown before the first heading, stored compactly.
    pub preamble: Events,
    /// Whether the preamble contains raw HTML.
    pub preamble_has_raw_html: bool,
    /// Top-level units, in document order.
    pub units: Vec<Unit>,
    /// Internal links in the body: (target, line, col).
    pub links: Vec<(String, usize, usize)>,
    /// The compressed store of the preamble's and the units' events (`None` when they have
    /// none); [`Edition::pin_events`] keeps them decompressed while many are read.
    pub events: Option<Arc<Store>>,
}

impl Edition {
    /// Keeps the edition's events decompressed until the pin is dropped: taken by whatever reads
    /// many of its units (rendering its pages, indexing it, scanning it for mentions).
    pub fn pin_events(&self) -> Option<Pin> {
        self.events.as_ref().map(Store::pin)
    }

    /// Every unit, depth first in document order.
    pub fn all_units(&self) -> Vec<&Unit> {
        let mut out = Vec::new();
        for u in &self.units {
            u.walk(&mut |x| out.push(x));
        }
        out
    }

    /// The units of one kind, in document order.
    pub fn units_of(&self, kind: UnitKind) -> Vec<&Unit> {
        self.all_units().into_iter().filter(|u| u.kind == kind).collect()
    }

    /// The unit with this id (explicit id or slug).
    pub fn find(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find_map(|u| u.find(&|x| x.id() == id))
    }

    /// The unit with this explicit id (`None` when `id` is `None`).
    pub fn find_explicit(&self, id: Option<&str>) -> Option<&Unit> {
        let id = id?;
        self.units.iter().find_map(|u| u.find(&|x| x.heading.id() == Some(id)))
    }

    /// The unit whose anchor `anchor` is on the site's pages, and the phase whose page shows it
    /// (`None`: the roadmap's overview). The unit is the last, in document order, whose slug or
    /// id is `anchor` or that has a task with that anchor (`task-<week-id>-<n>`,
    /// [`Unit::task_anchor`]): the anchors of an edition are its units' slug, id and task
    /// anchors in that order, and a later one of the same name takes the place of an earlier.
    /// Its page is [`Edition::phase_of`] its id.
    ///
    /// Found by walking the edition (a few dozen units) rather than kept in a table: a site of
    /// 1,000 roadmaps has a quarter of a million anchors, whose tables were 10 MB of the peak
    /// memory of its build, and pages look up only the few anchors they link to. One walk finds
    /// both when the anchor is the unit's id, as it mostly is; a second finds the page otherwise.
    pub fn anchor_unit(&self, anchor: &str) -> Option<(&Unit, Option<&str>)> {
        /// What one walk finds: the last unit the anchor names, and the phase of the last unit
        /// inside a phase whose id is the anchor.
        struct Found<'a> {
            unit: Option<&'a Unit>,
            phase_of_id: Option<&'a str>,
        }
        fn visit<'a>(u: &'a Unit, phase: Option<&'a str>, anchor: &str, task: Option<&str>, f: &mut Found<'a>) {
            let phase = if u.kind == UnitKind::Phase { Some(u.id()) } else { phase };
            let is_id = u.id() == anchor;
            if is_id && phase.is_some() {
                f.phase_of_id = phase;
            }
            if is_id || u.heading.slug() == anchor || task.is_some_and(|t| u.has_task_anchor(t)) {
                f.unit = Some(u);
            }
            for c in &u.children {
                visit(c, phase, anchor, task, f);
            }
        }
        let task = anchor.strip_prefix("task-");
        let mut f = Found { unit: None, phase_of_id: None };
        for u in &self.units {
            visit(u, None, anchor, task, &mut f);
        }
        let unit = f.unit?;
        let phase = if unit.id() == anchor { f.phase_of_id } else { self.phase_of(unit.id()) };
        Some((unit, phase))
    }

    /// The id of the phase whose page shows the unit `id`: that of the last unit with this id,
    /// in document order, that is a phase or inside one; `None` when none is (the unit is on the
    /// roadmap's overview), as [`Edition::phase_of_units`] has it.
    pub fn phase_of(&self, id: &str) -> Option<&str> {
        fn visit<'a>(u: &'a Unit, phase: Option<&'a str>, id: &str, out: &mut Option<&'a str>) {
            let phase = if u.kind == UnitKind::Phase { Some(u.id()) } else { phase };
            if phase.is_some() && u.id() == id {
                *out = phase;
            }
            for c in &u.children {
                visit(c, phase, id, out);
            }
        }
        let mut out = None;
        for u in &self.units {
            visit(u, None, id, &mut out);
        }
        out
    }

    /// For each unit id, the id of the phase containing it (phases map to themselves); for an
    /// id several units have, that of the last one in a phase, as [`Edition::phase_of`] finds it.
    pub fn phase_of_units(&self) -> rustc_hash::FxHashMap<&str, &str> {
        fn visit<'a>(u: &'a Unit, phase: Option<&'a str>, out: &mut rustc_hash::FxHashMap<&'a str, &'a str>) {
            let phase = if u.kind == UnitKind::Phase { Some(u.id()) } else { phase };
            if let Some(p) = phase {
                out.insert(u.id(), p);
            }
            for c in &u.children {
                visit(c, phase, out);
            }
        }
        let mut out = rustc_hash::FxHashMap::default();
        for u in &self.units {
            visit(u, None, &mut out);
        }
        out
    }
}

/// A roadmap with all its editions.
#[derive(Debug, Clone)]
pub struct Roadmap {
    /// The roadmap id (folder name).
    pub id: String,
    /// `roadmap.toml`.
    pub meta: RoadmapMeta,
    /// Editions by language code ([`Roadmap::edition`] reads one). Boxed: a B-tree node has
    /// room for eleven values, and a roadmap has two or three editions of 264 bytes each (unboxed,
    /// 3 MB of nodes at 1,000 roadmaps, two thirds of it empty).
    pub editions: BTreeMap<String, Box<Edition>>,
}

impl Roadmap {
    /// Pins the events of every edition (see [`Edition::pin_events`]).
    pub fn pin_events(&self) -> Vec<Pin> {
        self.editions.values().filter_map(|e| e.pin_events()).collect()
    }

    /// The edition in `lang`, when the roadmap has one.
    pub fn edition(&self, lang: &str) -> Option<&Edition> {
        self.editions.get(lang).map(|e| &**e)
    }

    /// The source edition (always present in a built model).
    pub fn source(&self) -> &Edition {
        self.editions
            .get(&self.meta.source_lang)
            .or_else(|| self.editions.values().next())
            .expect("a roadmap in the model has at least its source edition")
    }

    /// The edition shown to readers of `lang`: that language's, or the source as fallback.
    pub fn edition_for(&self, lang: &str) -> (&Edition, bool) {
        match self.editions.get(lang) {
            Some(e) => (e, false),
            None => (self.source(), true),
        }
    }
}

/// The whole site's model.
#[derive(Debug, Clone)]
pub struct Site {
    /// `site.toml`.
    pub config: SiteConfig,
    /// Roadmaps, in home-page order.
    pub roadmaps: Vec<Roadmap>,
    /// The resource registry.
    pub resources: Vec<Resource>,
    /// The topic glossary.
    pub topics: Vec<Topic>,
}

/// The last month a plan may name: fifty years. Larger numbers are typing mistakes, and the
/// timeline's month and week arithmetic must stay far from overflow.
pub const MAX_MONTH: u32 = 600;
/// The last week a plan may name: four weeks a month up to [`MAX_MONTH`].
pub const MAX_WEEK: u32 = MAX_MONTH * 4;

/// Builds one edition from its parsed document.
pub fn build_edition(lang: &str, doc: Document) -> (Edition, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Document { path, text, front, chunks, links } = doc;
    let mut preamble = Events::new();
    let mut preamble_has_raw_html = false;
    let mut flat: Vec<Unit> = Vec::new();
    for Chunk { heading, events, has_raw_html } in chunks {
        match heading {
            None => {
                preamble = events;
                preamble_has_raw_html = has_raw_html;
            }
            Some(h) => {
                let kind = UnitKind::from_heading(&h);
                let mut unit = Unit {
                    kind,
                    heading: h,
                    events,
                    has_raw_html,
                    span: None,
                    task_count: 0,
                    children: Box::default(),
                };
                check_unit(&path, &text, &mut unit, &mut diags);
                flat.push(unit);
            }
        }
    }
    // Duplicate explicit ids.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for u in &flat {
        if let Some(id) = u.heading.id() {
            if let Some(first) = seen.get(id) {
                diags.push(
                    Diagnostic::error(&path, format!("duplicate id `{id}` (first used on line {first})"))
                        .at(&text, u.heading.line(), 1)
                        .with_help("every unit needs its own id; week ids carry absolute week numbers"),
                );
            } else {
                seen.insert(id.to_string(), u.heading.line());
            }
        }
    }
    // The units' events (most of a large site's memory) are joined and compressed; see `Events`.
    let events =
        crate::parse::events::share(std::iter::once(&mut preamble).chain(flat.iter_mut().map(|u| &mut u.events)));
    let units = nest(flat);
    check_nesting(&path, &text, &units, None, &mut diags);
    (Edition { lang: lang.to_owned(), path, text, front, preamble, preamble_has_raw_html, units, links, events }, diags)
}

fn check_unit(path: &PathBuf, text: &str, unit: &mut Unit, diags: &mut Vec<Diagnostic>) {
    let h = &unit.heading;
    if unit.kind == UnitKind::Section {
        return;
    }
    let Some(id) = h.id().map(str::to_owned) else {
        diags.push(
            Diagnostic::error(path, format!("a .{} heading needs an explicit id", unit.kind.class()))
                .at(text, h.line(), 1)
                .with_help(format!("add one, e.g. {{#{}-1 .{}}}", unit.kind.class(), unit.kind.class())),
        );
        unit.kind = UnitKind::Section;
        return;
    };
    let bad_id = |expected: &str| {
        Diagnostic::error(path, format!("`{id}` is not a valid id for a .{} heading", unit.kind.class()))
            .at(text, h.line(), 1)
            .with_help(format!("use {expected}"))
    };
    // A span beyond any plan is reported and dropped.
    let within = |r: NumRange, what: &str, max: u32, diags: &mut Vec<Diagnostic>| {
        if r.end <= max {
            return Some(r);
        }
        diags.push(
            Diagnostic::error(path, format!("{what} {} is beyond the last {what} of a plan ({max})", r.end))
                .at(text, h.line(), 1)
                .with_help(format!("{what}s are counted from the start of the roadmap; check the number")),
        );
        None
    };
    match unit.kind {
        UnitKind::Phase => {
            if NumRange::from_id(&id, "phase", "phases").is_none_or(|r| r.start != r.end) {
                diags.push(bad_id("phase-N, e.g. {#phase-2 .phase}"));
            }
            if let Some(m) = h.attr("months") {
                match NumRange::parse(m) {
                    Some(r) => unit.span = within(r, "month", MAX_MONTH, diags),
                    None => diags.push(
                        Diagnostic::error(path, format!("months=`{m}` is not a month range"))
                            .at(text, h.line(), 1)
                            .with_help("write months=3 or months=3-4"),
                    ),
                }
            }
        }
        UnitKind::Month => match NumRange::from_id(&id, "month", "months") {
            Some(r) => unit.span = within(r, "month", MAX_MONTH, diags),
            None => diags.push(bad_id("month-N or months-A-B")),
        },
        UnitKind::Week => {
            match NumRange::from_id(&id, "week", "weeks") {
                Some(r) => unit.span = within(r, "week", MAX_WEEK, diags),
                None => diags.push(bad_id("week-N or weeks-A-B with absolute week numbers")),
            }
            unit.task_count =
                u32::try_from(unit::top_level_items(&unit.events.load().to_vec()).len()).unwrap_or(u32::MAX);
        }
        _ => {}
    }
}

/// Nests a flat list of units by heading level.
///
/// Each list of children becomes a boxed slice of its length once complete: a site of 1,000
/// roadmaps holds over 100,000 units, and the room left by lists grown by doubling was 15 MB of
/// its peak memory when they were kept as grown.
fn nest(flat: Vec<Unit>) -> Vec<Unit> {
    let mut roots: Vec<Unit> = Vec::new();
    // Units still open, each with the children found so far.
    let mut stack: Vec<(Unit, Vec<Unit>)> = Vec::new();
    let place = |stack: &mut Vec<(Unit, Vec<Unit>)>, roots: &mut Vec<Unit>| {
        let (mut done, children) = stack.pop().expect("non-empty");
        done.children = children.into_boxed_slice();
        match stack.last_mut() {
            Some((_, siblings)) => siblings.push(done),
            None => roots.push(done),
        }
    };
    for u in flat {
        while stack.last().is_some_and(|(top, _)| top.heading.level >= u.heading.level) {
            place(&mut stack, &mut roots);
        }
        stack.push((u, Vec::new()));
    }
    while !stack.is_empty() {
        place(&mut stack, &mut roots);
    }
    roots.shrink_to_fit();
    roots
}

fn check_nesting(path: &PathBuf, text: &str, units: &[Unit], phase: Option<&Unit>, diags: &mut Vec<Diagnostic>) {
    for u in units {
        if u.kind == UnitKind::Phase && phase.is_some() {
            diags.push(
                Diagnostic::error(path, "a phase cannot be inside another phase")
                    .at(text, u.heading.line(), 1)
                    .with_help("give phases the same heading level"),
            );
        }
        if matches!(u.kind, UnitKind::Week | UnitKind::Month) && phase.is_none() {
            diags.push(
                Diagnostic::warning(path, format!("this .{} is not inside a .phase", u.kind.class()))
                    .at(text, u.heading.line(), 1)
                    .with_help("put it under a phase heading of a higher level, so it appears on a phase page"),
            );
        }
        let next = if u.kind == UnitKind::Phase { Some(u) } else { phase };
        check_nesting(path, text, &u.children, next, diags);
    }
}

/// Checks that translations carry the same structural ids as the source edition.
pub fn check_translations(roadmap: &Roadmap) -> Vec<Diagnostic> {
    let source = roadmap.source();
    let source_ids: HashMap<&str, UnitKind> =
        source.all_units().into_iter().filter(|u| u.heading.id().is_some()).map(|u| (u.id(), u.kind)).collect();
    let mut diags = Vec::new();
    for (lang, ed) in &roadmap.editions {
        if lang == &source.lang {
            continue;
        }
        for u in ed.all_units() {
            let Some(id) = u.heading.id() else {
                continue;
            };
            match source_ids.get(id) {
                None => diags.push(
                    Diagnostic::error(
                        &ed.path,
                        format!("id `{id}` does not exist in the source edition ({})", source.lang),
                    )
                    .at(&ed.text, u.heading.line(), 1)
                    .with_help(
                        "translations carry the ids of the source; fix the id or add the unit to the source first",
                    ),
                ),
                Some(kind) if *kind != u.kind => diags.push(
                    Diagnostic::error(
                        &ed.path,
                        format!("`{id}` is a .{} in the source but a .{} here", kind.class(), u.kind.class()),
                    )
                    .at(&ed.text, u.heading.line(), 1),
                ),
                _ => {}
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_document;
    use std::path::Path;

    fn edition(md: &str) -> (Edition, Vec<Diagnostic>) {
        let (doc, mut d) = parse_document(Path::new("x/vi.md"), format!("+++\ntitle = \"T\"\n+++\n{md}")).unwrap();
        let (e, d2) = build_edition("vi", doc);
        d.extend(d2);
        (e, d)
    }

    #[test]
    fn builds_phases_weeks_and_tasks() {
        let (e, d) = edition(
            "## Plan {#plan}\n### Tháng 3-4 {#phase-2 .phase months=3-4}\n#### Tuần 1-2 {#weeks-9-10 .week}\n- Đọc sách\n  - chi tiết\n- Viết code\n#### Tuần 3-4 {#weeks-11-12 .week}\n- X\n## Kết luận {#conclusion}\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(e.units.len(), 2);
        let phases = e.units_of(UnitKind::Phase);
        assert_eq!(phases.len(), 1);
        assert_eq!(phases[0].span, Some(NumRange { start: 3, end: 4 }));
        let weeks = e.units_of(UnitKind::Week);
        assert_eq!(weeks[0].span, Some(NumRange { start: 9, end: 10 }));
        assert_eq!(weeks[0].task_count, 2);
        let tasks = weeks[0].tasks();
        assert_eq!(tasks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["weeks-9-10.1", "weeks-9-10.2"]);
        assert_eq!(tasks[0].text, "Đọc sách");
        assert_eq!(e.phase_of_units().get("weeks-11-12").copied(), Some("phase-2"));
    }

    #[test]
    fn structural_mistakes_are_located() {
        let (_, d) = edition("## A {#phase-1 .phase}\n### W {.week}\n### W2 {#weeks-x .week}\n## B {#phase-1}\n");
        let msgs: Vec<_> = d.iter().map(|d| (d.line, d.message.clone())).collect();
        assert!(msgs.iter().any(|(l, m)| *l == 5 && m.contains("needs an explicit id")), "{msgs:?}");
        assert!(msgs.iter().any(|(l, m)| *l == 6 && m.contains("not a valid id")), "{msgs:?}");
        assert!(msgs.iter().any(|(l, m)| *l == 7 && m.contains("duplicate id")), "{msgs:?}");
    }

    #[test]
    fn plain_markdown_still_builds() {
        let (e, d) = edition("# Hello\n\nSome text.\n\n## More\n");
        assert!(d.is_empty());
        assert_eq!(e.all_units().len(), 2);
        assert!(e.all_units().iter().all(|u| u.kind == UnitKind::Section));
    }
}
