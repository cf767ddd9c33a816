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

impl<'a> Renderer<'a> {
    /// The backlinks of `citations` for a reader of `lang` on the page at `from`, as HTML: one
    /// section per citing roadmap, one item per citing unit; empty when nothing cites.
    /// `citations` are in site order, so each roadmap's are one run: the work is proportional to
    /// the citations, not to the number of roadmaps.
    pub(super) fn backlinks_html(&self, lang: &str, from: &str, citations: &[Citation]) -> String {
        let mut out = String::new();
        let list = List::new(self, lang, from);
        for run in citations.chunk_by(|a, b| a.roadmap == b.roadmap) {
            self.cited_roadmap_into(&mut out, &list, run[0].roadmap, run);
        }
        out
    }

    /// The section of the roadmap at `ri` on a page listing `citations` (in site order, so its
    /// citations are one run, found by binary search); empty when it does not cite. `gen serve`
    /// compares it before and after an edit to decide whether the page changed.
    pub(super) fn cited_roadmap_html(&self, ri: usize, lang: &str, from: &str, citations: &[Citation]) -> String {
        let start = citations.partition_point(|c| c.roadmap < ri);
        let len = citations[start..].partition_point(|c| c.roadmap == ri);
        let mut out = String::new();
        self.cited_roadmap_into(&mut out, &List::new(self, lang, from), ri, &citations[start..start + len]);
        out
    }

    /// Appends the section of the roadmap at `ri`, from its own citations `mine`.
    fn cited_roadmap_into(&self, out: &mut String, list: &List<'_>, ri: usize, mine: &[Citation]) {
        let (Some(rm), Some(slot)) = (self.site.roadmaps.get(ri), self.unit_index.get(ri)) else {
            return;
        };
        if mine.is_empty() {
            return;
        }
        let (lang, from) = (list.lang, list.from);
        let index = slot.get_or_init(|| UnitIndex::of(rm));
        // A unit by id as `Edition::find` gives it, without walking the tree for every item.
        let find = |e: &'a Edition, id: &str| -> Option<&'a Unit> { index.units.get(&(e.lang.as_str(), id)).copied() };
        // Places in document order (anchors the source lacks last, by name), each with its
        // citations from every language: one sort, then runs of the same anchor.
        let mut sorted: Vec<(usize, &Citation)> =
            mine.iter().map(|c| (index.order.get(&*c.anchor).copied().unwrap_or(usize::MAX), c)).collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.anchor.cmp(&b.1.anchor)));
        let (ed, _) = rm.edition_for(lang);
        let map_lang = if rm.editions.contains_key(lang) { lang } else { rm.source().lang.as_str() };
        let pages = self.links.anchor_map(&rm.id, map_lang);
        let overview = urls::roadmap(lang, &rm.id);
        // Shortest relative links (`../../rm/` rather than `../../../en/rm/`): the list repeats
        // them thousands of times.
        let overview_rel = relative_short(from, &overview);

        out.push_str("\n  <section class=\"cited-roadmap\" data-roadmap=\"");
        esc(out, &rm.id);
        out.push_str("\">\n    <h3");
        lang_attr(out, lang, &ed.lang);
        out.push_str("><a href=\"");
        esc(out, &overview_rel);
        out.push_str("\">");
        esc(out, &ed.front.title);
        out.push_str("</a></h3>\n    <ul class=\"cited-places\">");
        // The unit as the reader sees it: their edition's, else the source's, else `fallback`'s.
        let shown = |id: &str, fallback: Option<&'a Edition>| -> Option<(&'a Edition, &'a Unit)> {
            [rm.editions.get(lang), Some(rm.source()), fallback]
                .into_iter()
                .flatten()
                .find_map(|e| find(e, id).map(|u| (e, u)))
        };
        // A link to the unit `id` in the reader's language, with its heading as the text.
        let link = |out: &mut String, id: &str, title: &str, title_lang: &str| {
            out.push_str("<a href=\"");
            esc(out, &overview_rel);
            if let Some(page) = pages.and_then(|p| p.get(id)) {
                esc(out, page);
                out.push('#');
                esc(out, id);
            }
            out.push('"');
            lang_attr(out, lang, title_lang);
            out.push('>');
            esc(out, title);
            out.push_str("</a>");
        };
        // Places inside a phase are listed under it, so the phase is named once, not per place:
        // `open` is the top-level item still open (its id), `nested` whether its sub-list is.
        let mut open: Option<&str> = None;
        let mut nested = false;
        let close = |out: &mut String, open: &mut Option<&str>, nested: &mut bool| {
            if open.take().is_some() {
                out.push_str(if *nested { "</ul></li>" } else { "</li>" });
            }
            *nested = false;
        };
        for run in sorted.chunk_by(|a, b| a.1.anchor == b.1.anchor) {
            let first = run[0].1;
            let anchor: &str = &first.anchor;
            // Whether the place goes under a phase: the open one, or a new group for its phase.
            let in_phase = match first.phase.as_deref().filter(|p| **p != *anchor) {
                Some(p) if open == Some(p) => true,
                Some(p) => {
                    close(out, &mut open, &mut nested);
                    match shown(p, None) {
                        Some((e, u)) => {
                            // The phase itself does not cite the entry: it heads the group as a plain link.
                            out.push_str("\n      <li class=\"cited-phase\">");
                            link(out, p, &u.heading.text, &e.lang);
                            open = Some(p);
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
            let (title, title_lang) = match shown(anchor, rm.editions.get(&*first.lang)) {
                Some((e, u)) => (u.heading.text.as_str(), e.lang.as_str()),
                None => (ed.front.title.as_str(), ed.lang.as_str()),
            };
            link(out, anchor, title, title_lang);
            // The languages whose editions cite the entry there, in the site's order; the legend
            // above the list says what the brackets mean.
            let mut langs: Vec<(usize, &str)> = run.iter().map(|(_, c)| (list.position(&c.lang), &*c.lang)).collect();
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
                open = Some(anchor);
            }
        }
        close(out, &mut open, &mut nested);
        out.push_str("\n    </ul>\n  </section>");
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

/// A roadmap's units by id in each edition, and the document order of its source's units (for
/// sorting places): built once per roadmap, on first use by a resource or topic page.
pub struct UnitIndex<'a> {
    /// Anchor → position in the source edition (0 for the preamble).
    order: HashMap<&'a str, usize>,
    /// (edition language, unit id) → the first unit with that id, as `Edition::find` finds it.
    units: HashMap<(&'a str, &'a str), &'a Unit>,
}

impl<'a> UnitIndex<'a> {
    fn of(rm: &'a Roadmap) -> UnitIndex<'a> {
        let mut order = HashMap::default();
        order.insert("", 0);
        for (i, u) in rm.source().all_units().into_iter().enumerate() {
            order.entry(u.id()).or_insert(i + 1);
        }
        let mut units = HashMap::default();
        for ed in rm.editions.values() {
            for u in ed.all_units() {
                units.entry((ed.lang.as_str(), u.id())).or_insert(u);
            }
        }
        UnitIndex { order, units }
    }
}
