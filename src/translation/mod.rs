//! Translations as a workflow: which units of each roadmap are translated, missing or outdated in
//! each language, checkable from the files alone (no git history: CI checkouts are shallow).
//!
//! A translation records in its front matter, for each unit id, the [`Fingerprint`] of the source
//! unit it was made from (`[translated_from]`, written by `gen i18n stamp`). A unit is
//! - **current** when the recorded fingerprint matches the source unit as it is now,
//! - **outdated** when the source unit changed since (the page shows a notice linking the source),
//! - **unstamped** when it is translated but nothing is recorded,
//! - **missing** when the translation lacks it or still carries the [`MARKER`] that
//!   `gen i18n new` puts under every heading (the reader sees the source text instead).
//!
//! This stage runs after the model; the renderer and `gen check` read its [`SiteStatus`].

pub mod fingerprint;
pub mod scaffold;
pub mod stamp;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use pulldown_cmark::Event;
use serde::Serialize;

pub use fingerprint::{Fingerprint, UnitText, unit_texts};

use crate::diagnostic::Diagnostic;
use crate::model::{Edition, Roadmap, Site, Unit, UnitKind};

/// The line `gen i18n new` puts under each heading of a scaffold; a unit carrying it is not
/// translated yet. Delete it once the unit is translated.
pub const MARKER: &str = "<!-- gen:translate -->";

/// True when the unit's own content carries the [`MARKER`].
pub fn is_marked(unit: &Unit) -> bool {
    // The marker is raw HTML, so a unit without any cannot carry it; most units have none, and
    // decoding every unit's events for this check on every page was 2 % of a large build.
    unit.has_raw_html
        && unit
            .events
            .load()
            .iter()
            .any(|e| matches!(e, Event::Html(h) | Event::InlineHtml(h) if h.contains("gen:translate")))
}

/// The unit with this explicit id in `ed`, unless it is still marked for translation.
pub fn translated_unit<'e>(ed: &'e Edition, id: Option<&str>) -> Option<&'e Unit> {
    ed.find_explicit(id).filter(|u| !is_marked(u))
}

/// Where one source unit stands in one translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitState {
    /// Translated, and the source has not changed since.
    Current,
    /// Translated from an older version of the source unit.
    Outdated,
    /// Translated, but the translation records no fingerprint for it.
    Unstamped,
    /// Not translated (absent, or still marked for translation).
    Missing,
}

/// A run of changed lines in a source unit since the translation was stamped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hunk {
    /// 1-based line in the source file where the change is (for pure removals: the line the
    /// removed lines stood before).
    pub line: usize,
    /// How many recorded lines are gone (removed or replaced).
    pub removed: usize,
    /// Lines that are new or changed, with their 1-based line numbers in the source file.
    pub added: Vec<(usize, String)>,
}

/// One source unit in one translation.
#[derive(Debug, Clone, Serialize)]
pub struct UnitStatus {
    /// The unit id.
    pub id: String,
    /// The id of the nearest enclosing unit with an explicit id (`None` at the top level).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// What the unit is.
    pub kind: UnitKind,
    /// Where it stands.
    pub state: UnitState,
    /// The source unit's heading as it reads now.
    pub source_heading: String,
    /// 1-based line of the source unit's heading in the source file.
    pub source_line: usize,
    /// 1-based line of the unit's heading in the translation, when translated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For outdated units: what changed in the source. Empty when the record carries no line
    /// hashes (then only the fact of the change is known).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Hunk>,
}

/// How much of a page or edition is translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// Every unit is translated (or this is the source language).
    Complete,
    /// Some units are translated.
    Partial,
    /// No unit is translated.
    Missing,
}

impl Coverage {
    /// `complete`, `partial` or `missing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Complete => "complete",
            Coverage::Partial => "partial",
            Coverage::Missing => "missing",
        }
    }
}

/// One roadmap in one language other than its source.
#[derive(Debug, Clone, Serialize)]
pub struct EditionStatus {
    /// The roadmap id.
    pub roadmap: String,
    /// The translation's language.
    pub lang: String,
    /// The roadmap's source language.
    pub source_lang: String,
    /// The source edition's file.
    pub source_path: PathBuf,
    /// The translation's file; `None` when there is no edition in this language.
    pub path: Option<PathBuf>,
    /// Source units with an explicit id.
    pub total: usize,
    /// Units translated (current + outdated + unstamped).
    pub translated: usize,
    /// Units translated from the current source.
    pub current: usize,
    /// Units translated from an older source.
    pub outdated: usize,
    /// Units translated without a record.
    pub unstamped: usize,
    /// Units not translated.
    pub missing: usize,
    /// Every source unit, in document order.
    pub units: Vec<UnitStatus>,
}

impl EditionStatus {
    /// How much of the edition is translated.
    pub fn coverage(&self) -> Coverage {
        coverage_of(self.translated, self.total)
    }

    /// The units in one state.
    pub fn in_state(&self, state: UnitState) -> impl Iterator<Item = &UnitStatus> {
        self.units.iter().filter(move |u| u.state == state)
    }
}

fn coverage_of(translated: usize, total: usize) -> Coverage {
    if translated >= total {
        Coverage::Complete
    } else if translated == 0 {
        Coverage::Missing
    } else {
        Coverage::Partial
    }
}

/// Translation status of a whole site: every roadmap in every site language but its source.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SiteStatus {
    /// By roadmap (home-page order), then by site language order.
    pub editions: Vec<EditionStatus>,
    /// roadmap id → language → (position in `editions`, each unit's state); nested so that a
    /// lookup, made for every unit a page shows, allocates no key.
    #[serde(skip)]
    index: HashMap<String, HashMap<String, (usize, UnitStates)>>,
}

/// The status of one edition with each unit's state by id, which is what a [`SiteStatus`]
/// looks up: made as soon as the status is, so that the per-unit detail
/// ([`EditionStatus::units`]) can be freed right then ([`IndexedStatus::forget_unit_details`]),
/// before the roadmap's model is packed (see `pipeline::load_site_status`).
#[derive(Debug, Clone)]
pub struct IndexedStatus {
    status: EditionStatus,
    states: UnitStates,
}

impl IndexedStatus {
    /// Indexes the units' states of `status`.
    pub fn new(status: EditionStatus) -> IndexedStatus {
        let states = UnitStates::of(&status.units);
        IndexedStatus { status, states }
    }

    /// Frees the per-unit detail ([`EditionStatus::units`]: headings, lines, changes), keeping
    /// the counts and each unit's state, which is all rendering reads: `gen build` does this
    /// once the roadmap's translation diagnostics are made (about 15 MB at 1,000 roadmaps).
    pub fn forget_unit_details(&mut self) {
        self.status.units = Vec::new();
    }
}

/// The state of each source unit in one translation, by id: the ids in one string and a table
/// sorted by id, looked up by binary search. At 1,000 roadmaps a map with a `String` per id held
/// 77,000 ids in about 5 MB for the whole build; this holds them in about 2.
#[derive(Debug, Clone, Default)]
struct UnitStates {
    /// Every id, one after the other.
    ids: String,
    /// (start, end) of an id in `ids`, and its state; sorted by id.
    table: Box<[(u32, u32, UnitState)]>,
}

impl UnitStates {
    fn of(units: &[UnitStatus]) -> UnitStates {
        let mut sorted: Vec<(&str, UnitState)> = units.iter().map(|u| (u.id.as_str(), u.state)).collect();
        // Stable, so that of two units with one id the later stays later: it is the one kept, as
        // a map would have kept it.
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        sorted.reverse();
        sorted.dedup_by(|later, earlier| later.0 == earlier.0);
        sorted.reverse();
        let mut ids = String::with_capacity(sorted.iter().map(|(id, _)| id.len()).sum());
        let table = sorted
            .into_iter()
            .map(|(id, state)| {
                let start = ids.len();
                ids.push_str(id);
                // An edition's ids are far below 4 GiB.
                (start as u32, ids.len() as u32, state)
            })
            .collect();
        UnitStates { ids, table }
    }

    fn get(&self, id: &str) -> Option<UnitState> {
        let key = |&(s, e, _): &(u32, u32, UnitState)| self.ids.get(s as usize..e as usize).unwrap_or_default();
        let i = self.table.binary_search_by(|entry| key(entry).cmp(id)).ok()?;
        Some(self.table[i].2)
    }
}

impl SiteStatus {
    /// Computes the status of every roadmap × language of the site.
    pub fn of(site: &Site) -> SiteStatus {
        use rayon::prelude::*;
        // Per roadmap on every core, then joined in site order (at 1,000 roadmaps this took
        // 150 ms on one core while the other waited).
        let editions: Vec<EditionStatus> =
            site.roadmaps.par_iter().flat_map_iter(|rm| roadmap_status(rm, &site.config.languages)).collect();
        SiteStatus::from_editions(editions)
    }

    /// The status of the given editions: every roadmap's, in site order, as [`roadmap_status`]
    /// gives them.
    pub fn from_editions(editions: Vec<EditionStatus>) -> SiteStatus {
        use rayon::prelude::*;
        SiteStatus::from_indexed(editions.into_par_iter().map(IndexedStatus::new).collect())
    }

    /// The status of the given editions, their units' states already made: every roadmap's, in
    /// site order.
    pub fn from_indexed(indexed: Vec<IndexedStatus>) -> SiteStatus {
        let mut editions = Vec::with_capacity(indexed.len());
        let mut index: HashMap<String, HashMap<String, (usize, UnitStates)>> = HashMap::new();
        for (i, IndexedStatus { status, states }) in indexed.into_iter().enumerate() {
            index.entry(status.roadmap.clone()).or_default().insert(status.lang.clone(), (i, states));
            editions.push(status);
        }
        SiteStatus { editions, index }
    }

    /// Brings the status up to date after the roadmap `id` changed in `site`, was added or was
    /// removed; `old_position` is where it was in `site.roadmaps` before. Gives what
    /// [`SiteStatus::of`] gives: only that roadmap is recomputed when it kept its position and its
    /// number of languages, otherwise everything is.
    pub fn update_roadmap(&mut self, site: &Site, id: &str, old_position: Option<usize>) {
        let position = site.roadmaps.iter().position(|r| r.id == id);
        let (Some(old), Some(new)) = (old_position, position) else {
            if old_position.is_some() || position.is_some() {
                *self = SiteStatus::of(site);
            }
            return;
        };
        let rm = &site.roadmaps[new];
        let fresh: Vec<EditionStatus> =
            site.config.languages.iter().filter(|l| **l != rm.source().lang).map(|l| edition_status(rm, l)).collect();
        let slots: Vec<usize> =
            self.editions.iter().enumerate().filter(|(_, e)| e.roadmap == id).map(|(i, _)| i).collect();
        if old != new || slots.len() != fresh.len() || slots.windows(2).any(|w| w[1] != w[0] + 1) {
            *self = SiteStatus::of(site);
            return;
        }
        self.index.remove(id);
        for (slot, e) in slots.into_iter().zip(fresh) {
            let states = UnitStates::of(&e.units);
            self.index.entry(e.roadmap.clone()).or_default().insert(e.lang.clone(), (slot, states));
            self.editions[slot] = e;
        }
    }

    /// The status of one roadmap in one language (`None` for its source language).
    pub fn edition(&self, roadmap: &str, lang: &str) -> Option<&EditionStatus> {
        self.index.get(roadmap).and_then(|l| l.get(lang)).map(|(i, _)| &self.editions[*i])
    }

    /// Where one unit stands (`None` for the source language or an id the source lacks).
    pub fn state(&self, roadmap: &str, lang: &str, id: &str) -> Option<UnitState> {
        self.index.get(roadmap).and_then(|l| l.get(lang)).and_then(|(_, s)| s.get(id))
    }

    /// How much of the given units (e.g. the units one page shows) is translated into `lang`.
    pub fn coverage<'i>(&self, roadmap: &str, lang: &str, ids: impl IntoIterator<Item = &'i str>) -> Coverage {
        let Some((_, states)) = self.index.get(roadmap).and_then(|l| l.get(lang)) else {
            return Coverage::Complete;
        };
        let (mut total, mut done) = (0, 0);
        for id in ids {
            if let Some(s) = states.get(id) {
                total += 1;
                done += usize::from(s != UnitState::Missing);
            }
        }
        coverage_of(done, total)
    }
}

/// The explicit ids of a unit and all its sub-units.
pub fn subtree_ids(unit: &Unit) -> Vec<&str> {
    let mut ids = Vec::new();
    unit.walk(&mut |u| {
        if let Some(id) = u.heading.id() {
            ids.push(id);
        }
    });
    ids
}

/// The status of roadmap `rm` in language `lang` (which is not its source language).
pub fn edition_status(rm: &Roadmap, lang: &str) -> EditionStatus {
    let source = rm.source();
    let translation = rm.editions.get(lang);
    let mut parents: HashMap<&str, &str> = HashMap::new();
    fn visit<'u>(u: &'u Unit, parent: Option<&'u str>, out: &mut HashMap<&'u str, &'u str>) {
        let id = u.heading.id();
        if let (Some(id), Some(p)) = (id, parent) {
            out.insert(id, p);
        }
        for c in &u.children {
            visit(c, id.or(parent), out);
        }
    }
    for u in &source.units {
        visit(u, None, &mut parents);
    }
    let mut units = Vec::new();
    for text in unit_texts(source) {
        let su = text.unit;
        let id = su.id().to_owned();
        let tu = translation.and_then(|t| translated_unit(t, Some(&id)));
        let recorded = translation.and_then(|t| t.front.translated_from.get(&id));
        let (state, changes) = match (tu, recorded) {
            (None, _) => (UnitState::Missing, Vec::new()),
            (Some(_), None) => (UnitState::Unstamped, Vec::new()),
            (Some(_), Some(rec)) => {
                let now = text.fingerprint();
                match rec.parse::<Fingerprint>() {
                    Ok(old) if old.hash == now.hash => (UnitState::Current, Vec::new()),
                    Ok(old) => (UnitState::Outdated, diff(&old, &now, &text)),
                    // Malformed records are errors of `check`; treat the unit as unstamped.
                    Err(_) => (UnitState::Unstamped, Vec::new()),
                }
            }
        };
        units.push(UnitStatus {
            parent: parents.get(id.as_str()).map(|p| (*p).to_owned()),
            id,
            kind: su.kind,
            state,
            source_heading: su.heading.text().to_string(),
            source_line: su.heading.line(),
            line: tu.map(|u| u.heading.line()),
            changes,
        });
    }
    // Held for the whole build, for every edition of every roadmap: without growth slack.
    units.shrink_to_fit();
    let count = |s: UnitState| units.iter().filter(|u| u.state == s).count();
    let (current, outdated, unstamped, missing) =
        (count(UnitState::Current), count(UnitState::Outdated), count(UnitState::Unstamped), count(UnitState::Missing));
    EditionStatus {
        roadmap: rm.id.clone(),
        lang: lang.to_owned(),
        source_lang: source.lang.clone(),
        source_path: source.path.clone(),
        path: translation.map(|t| t.path.clone()),
        total: units.len(),
        translated: current + outdated + unstamped,
        current,
        outdated,
        unstamped,
        missing,
        units,
    }
}

/// The changed lines between a recorded fingerprint and the current unit text.
fn diff(old: &Fingerprint, now: &Fingerprint, text: &UnitText<'_>) -> Vec<Hunk> {
    use similar::{Algorithm, DiffOp, capture_diff_slices};
    if old.lines.is_empty() {
        return Vec::new();
    }
    let line_at = |i: usize| text.lines.get(i).map_or_else(|| text.lines.last().map_or(0, |l| l.0 + 1), |l| l.0);
    let added = |from: usize, len: usize| -> Vec<(usize, String)> {
        text.lines[from..from + len].iter().map(|(n, l)| (*n, (*l).to_owned())).collect()
    };
    let mut hunks = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old.lines, &now.lines) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_len, new_index, .. } => {
                hunks.push(Hunk { line: line_at(new_index), removed: old_len, added: Vec::new() })
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                hunks.push(Hunk { line: line_at(new_index), removed: 0, added: added(new_index, new_len) })
            }
            DiffOp::Replace { old_len, new_index, new_len, .. } => {
                hunks.push(Hunk { line: line_at(new_index), removed: old_len, added: added(new_index, new_len) })
            }
        }
    }
    hunks
}

/// The status of a roadmap's translations into each of the site's `languages` other than its
/// source language, in that order: its part of [`SiteStatus::of`].
pub fn roadmap_status(rm: &Roadmap, languages: &[String]) -> Vec<EditionStatus> {
    let source = &rm.source().lang;
    languages.iter().filter(|l| *l != source).map(|l| edition_status(rm, l)).collect()
}

/// Problems with one roadmap's translations that `gen check`, `gen build` and `gen serve` report:
/// malformed or unknown `translated_from` records are errors; outdated and unstamped units are
/// warnings (a translation may lag behind its source; that must never block a release).
pub fn check_roadmap(rm: &Roadmap, status: &SiteStatus) -> Vec<Diagnostic> {
    check_roadmap_with(rm, |lang| status.edition(&rm.id, lang))
}

/// [`check_roadmap`] with the roadmap's status given by language, before the site's is joined.
pub fn check_roadmap_with<'s>(rm: &Roadmap, status: impl Fn(&str) -> Option<&'s EditionStatus>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let source = rm.source();
    let source_ids: HashMap<&str, &Unit> =
        source.all_units().into_iter().filter_map(|u| u.heading.id().map(|id| (id, u))).collect();
    for (lang, ed) in &rm.editions {
        let records = &ed.front.translated_from;
        if *lang == source.lang {
            if !records.is_empty() {
                diags.push(
                    Diagnostic::warning(&ed.path, "the source edition has `translated_from` records; they are ignored")
                        .at(&ed.text, record_line(&ed.text, records.keys().next().map_or("", String::as_str)), 1)
                        .with_help(format!(
                            "`{}.md` is the source of `{}` (roadmap.toml); remove [translated_from]",
                            source.lang, rm.id
                        )),
                );
            }
            continue;
        }
        check_records(rm, ed, &source_ids, &mut diags);
        let Some(st) = status(lang) else { continue };
        for u in st.in_state(UnitState::Outdated) {
            let changed: usize = u.changes.iter().map(|h| h.added.len().max(h.removed)).sum();
            let what = if changed > 0 { format!(" ({changed} line(s) changed)") } else { String::new() };
            diags.push(
                Diagnostic::warning(
                    &ed.path,
                    format!(
                        "`{}` is outdated: its source ({}:{}) changed since it was translated{what}",
                        u.id,
                        source.path.display(),
                        u.source_line
                    ),
                )
                .at(&ed.text, u.line.unwrap_or(0), 1)
                .with_help(format!(
                    "`gen i18n status` shows what changed; update the translation, then run `gen i18n stamp {} {lang} --unit {}`",
                    rm.id, u.id
                )),
            );
        }
        if st.unstamped > 0 {
            let ids: Vec<&str> = st.in_state(UnitState::Unstamped).map(|u| u.id.as_str()).take(5).collect();
            let more = if st.unstamped > ids.len() { ", …" } else { "" };
            diags.push(
                Diagnostic::warning(
                    &ed.path,
                    format!(
                        "{} translated unit(s) record no source version ({}{more}), so gen cannot tell when they go out of date",
                        st.unstamped,
                        ids.join(", ")
                    ),
                )
                .with_help(format!("once they match the source, run `gen i18n stamp {} {lang}`", rm.id)),
            );
        }
    }
    diags
}

fn check_records(rm: &Roadmap, ed: &Edition, source_ids: &HashMap<&str, &Unit>, diags: &mut Vec<Diagnostic>) {
    let source = rm.source();
    for (id, value) in &ed.front.translated_from {
        let line = record_line(&ed.text, id);
        if let Err(msg) = value.parse::<Fingerprint>() {
            diags.push(
                Diagnostic::error(&ed.path, format!("`translated_from` of `{id}`: {msg}"))
                    .at(&ed.text, line, 1)
                    .with_help(format!(
                        "these records are written by `gen i18n stamp {} {}`; do not edit them by hand",
                        rm.id, ed.lang
                    )),
            );
            continue;
        }
        if !source_ids.contains_key(id.as_str()) {
            let hint = crate::diagnostic::did_you_mean(id, source_ids.keys().copied())
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    &ed.path,
                    format!(
                        "`translated_from` names `{id}`, which is not a unit of the source edition ({})",
                        source.lang
                    ),
                )
                .at(&ed.text, line, 1)
                .with_help(format!("{hint}run `gen i18n stamp {} {}` to rewrite the records", rm.id, ed.lang)),
            );
        } else if translated_unit(ed, Some(id)).is_none() {
            diags.push(
                Diagnostic::warning(
                    &ed.path,
                    format!("`translated_from` records `{id}`, but this edition does not translate it"),
                )
                .at(&ed.text, line, 1)
                .with_help(format!("run `gen i18n stamp {} {}` to drop the stale record", rm.id, ed.lang)),
            );
        }
    }
}

/// The 1-based line of the `translated_from` record for `id` in the front matter (0 if not found).
fn record_line(text: &str, id: &str) -> usize {
    let mut in_table = false;
    for (i, line) in text.lines().enumerate().skip(1) {
        let t = line.trim();
        if t == "+++" {
            break;
        }
        if t.starts_with('[') {
            in_table = t.trim_start_matches('[').trim_start().starts_with("translated_from");
            continue;
        }
        let key = t.split('=').next().unwrap_or("").trim().trim_matches(['"', '\'']);
        let dotted = key.strip_prefix("translated_from.").map(|k| k.trim_matches(['"', '\'']));
        if (in_table && key == id) || dotted == Some(id) {
            return i + 1;
        }
    }
    0
}

/// Status of every roadmap × language in a compact text report for people.
pub fn report_text(status: &SiteStatus) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut by_roadmap: BTreeMap<usize, Vec<&EditionStatus>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for e in &status.editions {
        let i = order.iter().position(|r| *r == e.roadmap).unwrap_or_else(|| {
            order.push(&e.roadmap);
            order.len() - 1
        });
        by_roadmap.entry(i).or_default().push(e);
    }
    for (i, eds) in by_roadmap {
        let first = eds[0];
        let _ = writeln!(
            out,
            "{} — source {} ({}), {} units",
            order[i],
            first.source_lang,
            first.source_path.display(),
            first.total
        );
        for e in eds {
            let file = e.path.as_ref().map_or_else(|| "no edition".to_owned(), |p| p.display().to_string());
            let _ = writeln!(
                out,
                "  {:<5} {:<8} {:>3}/{} translated · {} outdated · {} missing{} — {file}",
                e.lang,
                e.coverage().as_str(),
                e.translated,
                e.total,
                e.outdated,
                e.missing,
                if e.unstamped > 0 { format!(" · {} unstamped", e.unstamped) } else { String::new() },
            );
            for u in e.in_state(UnitState::Outdated) {
                let _ = writeln!(
                    out,
                    "        outdated {} — {}:{} “{}”",
                    u.id,
                    e.source_path.display(),
                    u.source_line,
                    u.source_heading
                );
                if u.changes.is_empty() {
                    let _ = writeln!(out, "            (the record has no line hashes; compare the whole unit)");
                }
                for h in &u.changes {
                    for (n, l) in &h.added {
                        let _ = writeln!(out, "            {n:>4} + {l}");
                    }
                    if h.removed > 0 {
                        let what = if h.added.is_empty() { "removed" } else { "replaced" };
                        let _ = writeln!(out, "            {:>4} − {} line(s) {what}", h.line, h.removed);
                    }
                }
            }
            for (state, label) in [(UnitState::Unstamped, "unstamped"), (UnitState::Missing, "missing")] {
                let n = e.in_state(state).count();
                if n > 0 && !(state == UnitState::Missing && e.translated == 0) {
                    let _ = writeln!(out, "        {label}: {}", wrap_ids(&collapsed(e, state)));
                }
            }
        }
    }
    out
}

/// The ids of the units in `state`, where a unit whose enclosing unit is in the same state is
/// folded into it: `phase-2 (+21 inside)`.
fn collapsed(e: &EditionStatus, state: UnitState) -> Vec<String> {
    let states: HashMap<&str, UnitState> = e.units.iter().map(|u| (u.id.as_str(), u.state)).collect();
    let parent: HashMap<&str, &str> =
        e.units.iter().filter_map(|u| u.parent.as_deref().map(|p| (u.id.as_str(), p))).collect();
    // The outermost ancestor chain of units in the same state.
    let top = |id: &str| -> Option<String> {
        let mut cur = parent.get(id).copied();
        let mut found = None;
        while let Some(p) = cur {
            if states.get(p) == Some(&state) {
                found = Some(p.to_owned());
            } else {
                break;
            }
            cur = parent.get(p).copied();
        }
        found
    };
    let mut folded: HashMap<String, usize> = HashMap::new();
    for u in e.in_state(state) {
        if let Some(t) = top(&u.id) {
            *folded.entry(t).or_default() += 1;
        }
    }
    e.in_state(state)
        .filter(|u| top(&u.id).is_none())
        .map(|u| match folded.get(&u.id) {
            Some(n) => format!("{} (+{n} inside)", u.id),
            None => u.id.clone(),
        })
        .collect()
}

fn wrap_ids(ids: &[String]) -> String {
    const INDENT: usize = 17;
    let mut out = String::new();
    let mut width = INDENT;
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            if width + 2 + id.len() > 110 {
                out.push_str(",\n");
                out.push_str(&" ".repeat(INDENT));
                width = INDENT;
            } else {
                out.push_str(", ");
                width += 2;
            }
        }
        out.push_str(id);
        width += id.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RoadmapMeta, build_edition};
    use crate::parse::parse_document;
    use std::path::Path;

    #[test]
    fn unit_states_are_found_by_id_and_a_repeated_id_keeps_its_last_state() {
        let unit = |id: &str, state| UnitStatus {
            id: id.into(),
            parent: None,
            kind: UnitKind::Section,
            state,
            source_heading: String::new(),
            source_line: 1,
            line: None,
            changes: Vec::new(),
        };
        let units = [
            unit("phase-2", UnitState::Missing),
            unit("month-1", UnitState::Current),
            unit("phase-10", UnitState::Outdated),
            unit("month-1", UnitState::Unstamped),
            unit("đánh-giá", UnitState::Current),
        ];
        let states = UnitStates::of(&units);
        assert_eq!(states.get("phase-2"), Some(UnitState::Missing));
        assert_eq!(states.get("phase-10"), Some(UnitState::Outdated));
        assert_eq!(states.get("month-1"), Some(UnitState::Unstamped));
        assert_eq!(states.get("đánh-giá"), Some(UnitState::Current));
        assert_eq!(states.get("phase-1"), None);
        assert_eq!(states.get(""), None);
        assert_eq!(UnitStates::default().get("phase-2"), None);
    }

    const SOURCE: &str = "## Фаза 1 {#phase-1 .phase}\nО фазе.\n\n### Неделя 1-2 {#weeks-1-2 .week}\n- Linux\n- Git\n\n### Неделя 3-4 {#weeks-3-4 .week}\n- Python\n\n## Итог {#conclusion}\nВсё.\n";
    const EN: &str = "## Phase 1 {#phase-1 .phase}\nAbout.\n\n### Weeks 1-2 {#weeks-1-2 .week}\n- Linux\n- Git\n\n### Weeks 3-4 {#weeks-3-4 .week}\n- Python\n";

    fn edition(lang: &str, front: &str, body: &str) -> Edition {
        let path = format!("content/roadmaps/r/{lang}.md");
        let (doc, _) = parse_document(Path::new(&path), format!("+++\ntitle = \"T\"\n{front}+++\n{body}")).unwrap();
        build_edition(lang, doc).0
    }

    fn roadmap(source_body: &str, en_front: &str, en_body: &str) -> Roadmap {
        let meta = RoadmapMeta::parse(Path::new("roadmap.toml"), "source_lang = \"ru\"").unwrap();
        let mut editions = BTreeMap::new();
        editions.insert("ru".to_owned(), Box::new(edition("ru", "", source_body)));
        editions.insert("en".to_owned(), Box::new(edition("en", en_front, en_body)));
        Roadmap { id: "r".into(), meta, editions }
    }

    /// `[translated_from]` for every unit of `source_body` that `en_body` has.
    fn stamps(source_body: &str) -> String {
        let src = edition("ru", "", source_body);
        let mut s = String::from("[translated_from]\n");
        for t in unit_texts(&src) {
            if EN.contains(&format!("{{#{} ", t.unit.id())) {
                s.push_str(&format!("{} = \"{}\"\n", t.unit.id(), t.fingerprint()));
            }
        }
        s
    }

    fn states(st: &EditionStatus) -> Vec<(&str, UnitState)> {
        st.units.iter().map(|u| (u.id.as_str(), u.state)).collect()
    }

    #[test]
    fn changing_one_source_unit_makes_exactly_that_unit_outdated() {
        let rm = roadmap(SOURCE, &stamps(SOURCE), EN);
        let st = edition_status(&rm, "en");
        use UnitState::*;
        assert_eq!(
            states(&st),
            [("phase-1", Current), ("weeks-1-2", Current), ("weeks-3-4", Current), ("conclusion", Missing)]
        );
        assert_eq!(st.coverage(), Coverage::Partial);

        let changed = SOURCE.replace("- Git\n", "- Git и GitHub\n- SSH\n");
        let rm = roadmap(&changed, &stamps(SOURCE), EN);
        let st = edition_status(&rm, "en");
        assert_eq!(
            states(&st),
            [("phase-1", Current), ("weeks-1-2", Outdated), ("weeks-3-4", Current), ("conclusion", Missing)]
        );
        let w = &st.units[1];
        assert_eq!(w.source_heading, "Неделя 1-2");
        assert_eq!(
            w.changes,
            [Hunk { line: 9, removed: 1, added: vec![(9, "- Git и GitHub".into()), (10, "- SSH".into())] }]
        );
        assert_eq!((st.translated, st.current, st.outdated, st.missing), (3, 2, 1, 1));
    }

    #[test]
    fn a_changed_phase_heading_does_not_touch_its_weeks() {
        let changed = SOURCE.replace("## Фаза 1 {", "## Фаза 1: основы {");
        let st = edition_status(&roadmap(&changed, &stamps(SOURCE), EN), "en");
        assert_eq!(st.units[0].state, UnitState::Outdated);
        assert!(st.units[1..3].iter().all(|u| u.state == UnitState::Current));
    }

    #[test]
    fn marked_and_unstamped_units_are_told_apart() {
        let body = EN.replace(
            "### Weeks 3-4 {#weeks-3-4 .week}\n",
            "### Неделя 3-4 {#weeks-3-4 .week}\n<!-- gen:translate -->\n",
        );
        let st = edition_status(&roadmap(SOURCE, "", &body), "en");
        use UnitState::*;
        assert_eq!(
            states(&st),
            [("phase-1", Unstamped), ("weeks-1-2", Unstamped), ("weeks-3-4", Missing), ("conclusion", Missing)]
        );
    }

    #[test]
    fn check_reports_bad_records_as_errors_and_staleness_as_warnings() {
        let front = format!(
            "{}weeks-5-6 = \"0123456789abcdef\"\nconclusion = \"not-a-hash\"\n",
            stamps(&SOURCE.replace("- Python", "- Go"))
        );
        let rm = roadmap(SOURCE, &front, EN);
        let meta_site = Site {
            config: crate::config::SiteConfig::parse(Path::new("site.toml"), "languages = [\"ru\", \"en\"]").unwrap(),
            roadmaps: vec![rm],
            resources: vec![],
            topics: vec![],
        };
        let status = SiteStatus::of(&meta_site);
        let d = check_roadmap(&meta_site.roadmaps[0], &status);
        // What `gen build` makes per roadmap, before the site's status is joined, is the same.
        let own = roadmap_status(&meta_site.roadmaps[0], &meta_site.config.languages);
        assert_eq!(check_roadmap_with(&meta_site.roadmaps[0], |l| own.iter().find(|e| e.lang == l)), d);
        assert_eq!(
            serde_json::to_string(&SiteStatus::from_editions(own)).unwrap(),
            serde_json::to_string(&status).unwrap()
        );
        let summary: Vec<(bool, usize, &str)> = d.iter().map(|d| (d.is_error(), d.line, d.message.as_str())).collect();
        assert_eq!(d.iter().filter(|d| d.is_error()).count(), 2, "{summary:#?}");
        assert!(d.iter().any(|d| d.is_error() && d.line == 7 && d.message.contains("`weeks-5-6`")), "{summary:#?}");
        assert!(
            d.iter().any(|d| d.is_error() && d.line == 8 && d.message.contains("not a unit fingerprint")),
            "{summary:#?}"
        );
        let outdated: Vec<_> = d.iter().filter(|d| d.message.contains("is outdated")).collect();
        assert_eq!(outdated.len(), 1, "{summary:#?}");
        assert!(!outdated[0].is_error());
        assert!(outdated[0].message.contains("`weeks-3-4`"));
        assert_eq!(outdated[0].source_line.as_deref(), Some("### Weeks 3-4 {#weeks-3-4 .week}"));
        assert_eq!(status.coverage("r", "en", ["weeks-1-2", "weeks-3-4"]), Coverage::Complete);
        assert_eq!(status.coverage("r", "en", ["weeks-1-2", "conclusion"]), Coverage::Partial);
        assert_eq!(status.coverage("r", "en", ["conclusion"]), Coverage::Missing);
        assert_eq!(status.coverage("r", "ru", ["conclusion"]), Coverage::Complete);
    }
}
