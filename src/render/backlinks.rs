//! Backlinks on resource and topic pages: every roadmap unit that cites the entry, in every
//! language, grouped by roadmap and linked to the exact anchor in the reader's language.
//!
//! The list is written here as HTML rather than looped over in a template: a registry entry of a
//! large site is cited tens of thousands of times, and building a JSON value per citation for
//! Tera to walk cost more than the rest of the page by two orders of magnitude. Themes style it
//! through its classes (`cited-roadmap`, `cited-places`, `cited-phase`, `tag`, `cited-langs`)
//! and place it with `{{ cited_html | safe }}`.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use pulldown_cmark_escape::escape_html;

use super::Renderer;
use crate::link::{Citation, relative_short, urls};
use crate::model::{Edition, Roadmap, Unit, UnitKind};

/// Above this many citing roadmaps, a resource or topic page lists each roadmap once (its phases
/// that cite the entry, and how many places) instead of every place. At 1,000 roadmaps a topic
/// such as "caching" is cited in some 16,000 places: listed one by one that is a 4 MB page with
/// 16,000 list items, which no reader scrolls and browsers lay out slowly, and it was a fifth of
/// the build's time. Up to this many roadmaps the full list stays (at most a few hundred items);
/// past it, each phase page still links every mention in place.
pub const FULL_LIST_MAX_ROADMAPS: usize = 50;

/// How many roadmaps `citations` (in site order) come from.
fn citing_roadmaps(citations: &[Citation]) -> usize {
    citations.chunk_by(|a, b| a.roadmap == b.roadmap).count()
}

/// Whether a page listing `citations` shows the digest (one item per roadmap) rather than every
/// place; see [`FULL_LIST_MAX_ROADMAPS`].
pub fn is_digest(citations: &[Citation]) -> bool {
    // The same rule as `citing_roadmaps(citations) > FULL_LIST_MAX_ROADMAPS`, but it stops at
    // the first roadmap past the limit: `gen serve` asks this for every page an edit
    // may change, and a common topic has tens of thousands of citations.
    citations.chunk_by(|a, b| a.roadmap == b.roadmap).nth(FULL_LIST_MAX_ROADMAPS).is_some()
}

/// The backlinks of a resource or topic page, as its template gets them.
pub(super) struct Backlinks {
    /// The list as HTML (`cited_html`); empty when nothing cites.
    html: String,
    /// How many roadmaps cite (`cited_roadmaps`).
    roadmaps: usize,
}

impl Backlinks {
    /// Puts `cited_html` (moved: a topic's list is hundreds of kilobytes at 1,000 roadmaps),
    /// `cited_roadmaps` and `cited_digest` into a page's context.
    pub(super) fn insert_into(self, c: &mut super::Vars) {
        c.insert_string("cited_html", self.html);
        c.insert("cited_roadmaps", &self.roadmaps);
        c.insert("cited_digest", &(self.roadmaps > FULL_LIST_MAX_ROADMAPS));
    }
}

impl<'a> Renderer<'a> {
    /// The backlinks of `citations` for a reader of `lang` on the page at `from`: one section
    /// per citing roadmap, one item per citing unit (or, past [`FULL_LIST_MAX_ROADMAPS`], one
    /// digest item per roadmap). `citations` are in site order, so each roadmap's are one run:
    /// the work is proportional to the citations, not to the number of roadmaps.
    pub(super) fn backlinks(&self, lang: &str, from: &str, citations: &[Citation]) -> Backlinks {
        let mut html = String::new();
        let roadmaps = citing_roadmaps(citations);
        if roadmaps == 0 {
            return Backlinks { html, roadmaps };
        }
        let list = List::new(self, lang, from);
        let digest = roadmaps > FULL_LIST_MAX_ROADMAPS;
        if digest {
            html.push_str("\n  <ul class=\"cited-digest\">");
        }
        for run in citations.chunk_by(|a, b| a.roadmap == b.roadmap) {
            self.cited_roadmap_into(&mut html, &list, run[0].roadmap(), run, digest);
        }
        if digest {
            html.push_str("\n  </ul>");
        }
        Backlinks { html, roadmaps }
    }

    /// The section (or digest item) of the roadmap at `ri` on a page listing `citations` (in
    /// site order, so its citations are one run, found by binary search); empty when it does not
    /// cite. `gen serve` compares it before and after an edit to decide whether the page changed;
    /// the list switches form only when a roadmap starts or stops citing, which changes that
    /// roadmap's part, so the comparison still sees it.
    pub(super) fn cited_roadmap_html(&self, ri: usize, lang: &str, from: &str, citations: &[Citation]) -> String {
        let start = citations.partition_point(|c| c.roadmap() < ri);
        let len = citations[start..].partition_point(|c| c.roadmap() == ri);
        let mut out = String::new();
        let list = List::new(self, lang, from);
        self.cited_roadmap_into(&mut out, &list, ri, &citations[start..start + len], is_digest(citations));
        out
    }

    /// Appends the part of the roadmap at `ri`, from its own citations `mine`: its section of
    /// places, or its digest item.
    fn cited_roadmap_into(&self, out: &mut String, list: &List<'_>, ri: usize, mine: &[Citation], digest: bool) {
        let (Some(rm), Some(slot)) = (self.site.roadmaps.get(ri), self.unit_index.get(ri)) else {
            return;
        };
        if mine.is_empty() {
            return;
        }
        let index = slot.get_or_init(|| UnitIndex::of(rm, self.links.mentions.places(ri)));
        let (ed, _) = rm.edition_for(list.lang);
        let map_lang = if rm.editions.contains_key(list.lang) { list.lang } else { rm.source().lang.as_str() };
        let cited = Cited {
            rm,
            index,
            ed,
            lang: list.lang,
            map_lang,
            reader_slot: index.slot(list.lang),
            source_slot: index.slot(&rm.source().lang),
            map_slot: index.slot(map_lang),
            // Shortest relative links (`../../rm/` rather than `../../../en/rm/`): the list
            // repeats them thousands of times.
            overview_rel: relative_short(list.from, &urls::roadmap(list.lang, &rm.id)),
        };
        if digest {
            self.digest_item_into(out, list, &cited, mine);
        } else {
            self.places_into(out, list, &cited, mine);
        }
    }

    /// Appends the digest item of one roadmap: its title, how many places cite, and links to the
    /// phases they are in, in document order.
    fn digest_item_into(&self, out: &mut String, list: &List<'_>, cited: &Cited<'_, 'a>, mine: &[Citation]) {
        let m = &self.links.mentions;
        // Places and phases by their names' numbers in the index, which sort as the names do.
        let mut places: Vec<(usize, u32)> = mine
            .iter()
            .map(|c| {
                let k = cited.index.place(m.place_index(c));
                (k.anchor_pos, k.anchor)
            })
            .collect();
        places.sort_unstable();
        places.dedup();
        let mut phases: Vec<(usize, u32, &str)> = mine
            .iter()
            .filter_map(|c| {
                let k = cited.index.place(m.place_index(c));
                match m.phase(c) {
                    Some(p) => Some((k.phase_pos, k.phase, p)),
                    None => (c.kind == UnitKind::Phase).then_some((k.anchor_pos, k.anchor, m.anchor(c))),
                }
            })
            .collect();
        phases.sort_unstable_by_key(|&(pos, name, _)| (pos, name));
        phases.dedup_by_key(|&mut (pos, name, _)| (pos, name));
        out.push_str("\n    <li data-roadmap=\"");
        esc(out, &cited.rm.id);
        out.push_str("\"><a href=\"");
        esc(out, &cited.overview_rel);
        out.push('"');
        lang_attr(out, list.lang, &cited.ed.lang);
        out.push('>');
        esc(out, &cited.ed.front.title);
        out.push_str("</a> <span class=\"cited-count\">(");
        esc(out, &list.places_label(places.len()));
        out.push_str(")</span>");
        let mut first = true;
        for (_, name, p) in phases {
            let Some((e, u)) = cited.shown(name, None) else { continue };
            out.push_str(if first { ": " } else { " · " });
            first = false;
            cited.link(out, name, p, u.heading.text(), &e.lang);
        }
        out.push_str("</li>");
    }

    /// Appends the full section of one roadmap: every place that cites, places inside a phase
    /// nested under it, each with the editions that cite there.
    fn places_into(&self, out: &mut String, list: &List<'_>, cited: &Cited<'_, 'a>, mine: &[Citation]) {
        let (rm, ed, lang) = (cited.rm, cited.ed, list.lang);
        // Places in document order (anchors the source lacks last, by name), each with its
        // citations from every language: one sort, then runs of the same anchor.
        let m = &self.links.mentions;
        // By the anchors' names' numbers in the index, which sort as the names do.
        let mut sorted: Vec<(usize, u32, &Citation)> = mine
            .iter()
            .map(|c| {
                let k = cited.index.place(m.place_index(c));
                (k.anchor_pos, k.anchor, c)
            })
            .collect();
        sorted.sort_by_key(|&(pos, name, _)| (pos, name));

        out.push_str("\n  <section class=\"cited-roadmap\" data-roadmap=\"");
        esc(out, &rm.id);
        out.push_str("\">\n    <h3");
        lang_attr(out, lang, &ed.lang);
        out.push_str("><a href=\"");
        esc(out, &cited.overview_rel);
        out.push_str("\">");
        esc(out, &ed.front.title);
        out.push_str("</a></h3>\n    <ul class=\"cited-places\">");
        // Places inside a phase are listed under it, so the phase is named once, not per place:
        // `open` is the top-level item still open (its name in the index), `nested` whether its
        // sub-list is.
        let mut open: Option<u32> = None;
        let mut nested = false;
        let close = |out: &mut String, open: &mut Option<u32>, nested: &mut bool| {
            if open.take().is_some() {
                out.push_str(if *nested { "</ul></li>" } else { "</li>" });
            }
            *nested = false;
        };
        for run in sorted.chunk_by(|a, b| a.1 == b.1) {
            let (_, anchor_name, first) = run[0];
            let anchor = m.anchor(first);
            let phase_name = cited.index.place(m.place_index(first)).phase;
            // Whether the place goes under a phase: the open one, or a new group for its phase.
            let in_phase = match m.phase(first).filter(|_| phase_name != anchor_name) {
                Some(_) if open == Some(phase_name) => true,
                Some(p) => {
                    close(out, &mut open, &mut nested);
                    match cited.shown(phase_name, None) {
                        Some((e, u)) => {
                            // The phase itself does not cite the entry: it heads the group as a plain link.
                            out.push_str("\n      <li class=\"cited-phase\">");
                            cited.link(out, phase_name, p, u.heading.text(), &e.lang);
                            open = Some(phase_name);
                            true
                        }
                        None => false,
                    }
                }
                None => {
                    close(out, &mut open, &mut nested);
                    false
                }
            };
            if in_phase && !nested {
                out.push_str("<ul>");
                nested = true;
            }
            out.push_str(if in_phase { "\n        <li>" } else { "\n      <li>" });
            if first.kind != UnitKind::Section {
                out.push_str("<span class=\"tag\">");
                esc(out, &list.kind_label(first.kind));
                out.push_str("</span> ");
            }
            let (title, title_lang) = match cited.shown(anchor_name, cited.index.slot(m.lang(first))) {
                Some((e, u)) => (u.heading.text(), e.lang.as_str()),
                None => (ed.front.title.as_str(), ed.lang.as_str()),
            };
            cited.link(out, anchor_name, anchor, title, title_lang);
            // The languages whose editions cite the entry there, in the site's order; the legend
            // above the list says what the brackets mean.
            let mut langs: Vec<(usize, &str)> =
                run.iter().map(|(_, _, c)| (list.position(m.lang(c)), m.lang(c))).collect();
            langs.sort_unstable();
            langs.dedup();
            out.push_str(" <span class=\"cited-langs\">(");
            for (i, &(pos, l)) in langs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str("<span lang=\"");
                esc(out, l);
                out.push_str("\">");
                match list.names.get(pos) {
                    Some(name) => esc(out, name),
                    None => esc(out, &self.i18n.label(l, "language-name")),
                }
                out.push_str("</span>");
            }
            out.push_str(")</span>");
            if in_phase {
                out.push_str("</li>");
            } else {
                open = Some(anchor_name);
            }
        }
        close(out, &mut open, &mut nested);
        out.push_str("\n    </ul>\n  </section>");
    }
}

/// One citing roadmap as a list shows it to a reader of `lang`.
struct Cited<'c, 'a> {
    rm: &'a Roadmap,
    index: &'c UnitIndex<'a>,
    /// The edition the reader sees (theirs, else the source).
    ed: &'a Edition,
    lang: &'c str,
    /// The language of the edition whose pages the reader's links go to (theirs, else the
    /// source's).
    map_lang: &'c str,
    /// The reader's edition's place in `index` (none when the roadmap lacks their language).
    reader_slot: Option<usize>,
    /// The source's place in `index`.
    source_slot: Option<usize>,
    /// The place in `index` of the edition of `map_lang`.
    map_slot: Option<usize>,
    /// The roadmap's overview, relative to the page of the list.
    overview_rel: String,
}

impl<'a> Cited<'_, 'a> {
    /// The unit named `name` in the index as the reader sees it: their edition's, else the
    /// source's, else that of the edition at `fallback`.
    fn shown(&self, name: u32, fallback: Option<usize>) -> Option<(&'a Edition, &'a Unit)> {
        [self.reader_slot, self.source_slot, fallback]
            .into_iter()
            .flatten()
            .find_map(|slot| self.index.unit(slot, name))
    }

    /// Appends a link to the unit `id` (named `name` in the index) in the reader's language, with
    /// `title` as the text.
    fn link(&self, out: &mut String, name: u32, id: &str, title: &str, title_lang: &str) {
        out.push_str("<a href=\"");
        esc(out, &self.overview_rel);
        if let Some(page) = self.index.page(self.rm, self.map_slot, self.map_lang, name, id) {
            if let Some(phase) = page.phase {
                esc(out, phase);
                out.push('/');
            }
            out.push('#');
            esc(out, id);
        }
        out.push('"');
        lang_attr(out, self.lang, title_lang);
        out.push('>');
        esc(out, title);
        out.push_str("</a>");
    }
}

/// The page a list is written for: its reader's language, its path, and what every item says
/// the same way.
struct List<'p> {
    lang: &'p str,
    from: &'p str,
    languages: &'p [String],
    i18n: &'p crate::i18n::I18n,
    /// The labels of unit kinds in `lang`, as asked for: a list says the same few words
    /// thousands of times, and each `I18n::label` takes a shared lock and formats its key.
    kinds: std::cell::RefCell<Vec<(UnitKind, Arc<str>)>>,
    /// Each site language's name in that language ("Русский"), in the order of `languages`.
    names: Vec<Arc<str>>,
    /// "16 places" in `lang`, by count, as asked for (a digest says it once per roadmap).
    places: std::cell::RefCell<HashMap<usize, Arc<str>>>,
}

impl<'p> List<'p> {
    fn new(r: &'p Renderer<'_>, lang: &'p str, from: &'p str) -> List<'p> {
        List {
            lang,
            from,
            languages: &r.site.config.languages,
            i18n: &r.i18n,
            kinds: Default::default(),
            names: r.site.config.languages.iter().map(|l| r.i18n.label(l, "language-name")).collect(),
            places: Default::default(),
        }
    }

    /// "Week", "Phase", … in the reader's language.
    fn kind_label(&self, kind: UnitKind) -> Arc<str> {
        if let Some((_, l)) = self.kinds.borrow().iter().find(|(k, _)| *k == kind) {
            return Arc::clone(l);
        }
        let l = self.i18n.label(self.lang, &format!("unit-kind-{}", kind.class()));
        self.kinds.borrow_mut().push((kind, Arc::clone(&l)));
        l
    }

    /// "16 places" in the reader's language.
    fn places_label(&self, n: usize) -> Arc<str> {
        if let Some(l) = self.places.borrow().get(&n) {
            return Arc::clone(l);
        }
        let l: Arc<str> = self.i18n.msg(self.lang, "cited-places-count", &[("n", (n as f64).into())]).into();
        self.places.borrow_mut().insert(n, Arc::clone(&l));
        l
    }

    /// Where a language comes in the site's list (unknown ones last).
    fn position(&self, lang: &str) -> usize {
        self.languages.iter().position(|x| x == lang).unwrap_or(usize::MAX)
    }
}

/// Appends ` lang="…"` when `text_lang` differs from the page's language `page_lang` (the page's
/// `<html lang>` covers the rest: repeating it on every item of a list cited 15,000 times was a
/// sixth of the page).
fn lang_attr(out: &mut String, page_lang: &str, text_lang: &str) {
    if text_lang != page_lang {
        out.push_str(" lang=\"");
        esc(out, text_lang);
        out.push('"');
    }
}

/// Appends `s` escaped as the templates escape text and attributes (so the same bytes).
fn esc(out: &mut String, s: &str) {
    let _ = escape_html(&mut *out, s);
}

/// Where a place of a roadmap's citations is (see [`UnitIndex::place`]).
#[derive(Clone, Copy)]
struct PlaceKey {
    /// The position of its anchor in the source's document order (0 for the preamble; anchors
    /// the source lacks last).
    anchor_pos: usize,
    /// The position of its phase likewise (places without a phase last).
    phase_pos: usize,
    /// Its anchor's name in the index.
    anchor: u32,
    /// Its phase's name in the index ([`NO_NAME`] for none).
    phase: u32,
}

/// In a [`PlaceKey`]: the place has no phase.
const NO_NAME: u32 = u32::MAX;

/// A roadmap's units by id in each edition, and where each place its citations are in comes in
/// the document order of its source (for sorting places): built once per roadmap, on first use
/// by a resource or topic page.
///
/// The anchors and phases of the places are numbered in the order of their names (their
/// *names* here), so that lists sort, group and look up places by number: comparing the
/// strings and searching sorted lists of them for each of the hundreds of thousands of
/// citations a large site's lists show was 3 % of a build's time at 1,000 roadmaps.
pub struct UnitIndex<'a> {
    /// Per place of the roadmap's citations (by [`MentionIndex::place_index`]).
    ///
    /// [`MentionIndex::place_index`]: crate::link::mentions::MentionIndex::place_index
    places: Vec<PlaceKey>,
    /// Per edition, its language and, per name, its first unit with that id in document order
    /// (as `Edition::find` finds it). Every roadmap's index lives until the last resource or
    /// topic page is rendered, so it is kept small: a pointer per name and edition.
    units: Vec<(&'a Edition, Box<[Option<&'a Unit>]>)>,
    /// Per edition (in the order of `units`), the page each name is shown on, as
    /// [`crate::link::anchor_page`] finds it: an index into `phases`, [`OVERVIEW`],
    /// [`NO_ANCHOR`] or [`UNINDEXED`]. Found once per roadmap here rather than by walking the
    /// edition for each of the tens of thousands of links a large site's lists make (4 % of a
    /// build's instructions).
    pages: Vec<Box<[u16]>>,
    /// The phases pages are on.
    phases: Vec<&'a str>,
}

/// In [`UnitIndex::pages`]: the id is on the roadmap's overview.
const OVERVIEW: u16 = u16::MAX - 1;
/// In [`UnitIndex::pages`]: no anchor of the edition has the id.
const NO_ANCHOR: u16 = u16::MAX;
/// In [`UnitIndex::pages`]: the page is a phase past the first 65,533, looked up when asked.
const UNINDEXED: u16 = u16::MAX - 2;

impl<'a> UnitIndex<'a> {
    /// The place `i`: where its anchor and its phase come in the source's document order, and
    /// their names.
    fn place(&self, i: usize) -> PlaceKey {
        self.places.get(i).copied().unwrap_or(PlaceKey {
            anchor_pos: usize::MAX,
            phase_pos: usize::MAX,
            anchor: NO_NAME,
            phase: NO_NAME,
        })
    }

    /// Where the edition in `lang` is in the index.
    fn slot(&self, lang: &str) -> Option<usize> {
        self.units.iter().position(|(ed, _)| ed.lang == lang)
    }

    /// The index of `rm`, whose citations are in `places` (anchor and phase of each place).
    fn of<'m>(rm: &'a Roadmap, places: impl Iterator<Item = (&'m str, Option<&'m str>)>) -> UnitIndex<'a> {
        let mut order: HashMap<&str, usize> = HashMap::default();
        order.insert("", 0);
        for (i, u) in rm.source().all_units().into_iter().enumerate() {
            order.entry(u.id()).or_insert(i + 1);
        }
        let position = |anchor: &str| order.get(anchor).copied().unwrap_or(usize::MAX);
        let places: Vec<(&str, Option<&str>)> = places.collect();
        let mut names: Vec<&str> = places.iter().flat_map(|(a, p)| std::iter::once(*a).chain(*p)).collect();
        names.sort_unstable();
        names.dedup();
        let name = |s: &str| names.binary_search(&s).map_or(NO_NAME, |i| i as u32);
        let places = places
            .iter()
            .map(|&(anchor, phase)| PlaceKey {
                anchor_pos: position(anchor),
                phase_pos: phase.map_or(usize::MAX, position),
                anchor: name(anchor),
                phase: phase.map_or(NO_NAME, name),
            })
            .collect();
        let units = rm
            .editions
            .values()
            .map(|ed| {
                let mut first: Box<[Option<&Unit>]> = vec![None; names.len()].into_boxed_slice();
                for u in &ed.units {
                    u.walk(&mut |x| {
                        if let Ok(i) = names.binary_search(&x.id())
                            && first[i].is_none()
                        {
                            first[i] = Some(x);
                        }
                    });
                }
                (&**ed, first)
            })
            .collect::<Vec<_>>();
        let mut phases: Vec<&'a str> = Vec::new();
        let pages = rm
            .editions
            .values()
            .map(|ed| {
                crate::link::anchor_pages(rm, &ed.lang, &names)
                    .into_iter()
                    .map(|page| match page {
                        None => NO_ANCHOR,
                        Some(crate::link::AnchorPage { phase: None }) => OVERVIEW,
                        Some(crate::link::AnchorPage { phase: Some(p) }) => {
                            let i = phases.iter().position(|q| *q == p).unwrap_or_else(|| {
                                phases.push(p);
                                phases.len() - 1
                            });
                            u16::try_from(i).ok().filter(|&i| i < UNINDEXED).unwrap_or(UNINDEXED)
                        }
                    })
                    .collect()
            })
            .collect();
        UnitIndex { places, units, pages, phases }
    }

    /// The page the anchor `id`, named `name` in the index, is on in the edition at `slot` (in
    /// `lang`), as [`crate::link::anchor_page`] finds it (`None` when no anchor has it).
    fn page(
        &self,
        rm: &'a Roadmap,
        slot: Option<usize>,
        lang: &str,
        name: u32,
        id: &str,
    ) -> Option<crate::link::AnchorPage<'a>> {
        let code = slot.and_then(|s| self.pages.get(s)?.get(name as usize).copied());
        match code {
            Some(NO_ANCHOR) => None,
            Some(OVERVIEW) => Some(crate::link::AnchorPage { phase: None }),
            Some(i) if i != UNINDEXED => {
                self.phases.get(i as usize).map(|p| crate::link::AnchorPage { phase: Some(*p) })
            }
            // Not named in the index (or past the phases a code can name): looked up in the
            // edition.
            _ => crate::link::anchor_page(rm, lang, id),
        }
    }

    /// The first unit, in document order, named `name` in the edition at `slot`.
    fn unit(&self, slot: usize, name: u32) -> Option<(&'a Edition, &'a Unit)> {
        let (ed, first) = self.units.get(slot)?;
        first.get(name as usize).copied().flatten().map(|u| (*ed, u))
    }
}
