//! Backlinks on resource and topic pages: every roadmap unit that cites the entry, in every
//! language, grouped by roadmap and linked to the exact anchor in the reader's language.

use std::collections::HashMap;

use serde::Serialize;

use super::Renderer;
use crate::link::{Citation, relative, urls};
use crate::model::{Roadmap, UnitKind};

/// A roadmap that cites an entry, with the places that do.
#[derive(Debug, Clone, Serialize)]
pub struct CitedRoadmap {
    /// Roadmap id.
    pub id: String,
    /// Its title in the reader's language (or its source language).
    pub title: String,
    /// Language of `title`.
    pub lang: String,
    /// Relative link to its overview.
    pub href: String,
    /// The citing units, in document order.
    pub places: Vec<CitedPlace>,
}

/// One citing unit.
#[derive(Debug, Clone, Serialize)]
pub struct CitedPlace {
    /// The unit's heading text.
    pub title: String,
    /// Language of `title`.
    pub lang: String,
    /// The phase the unit belongs to, when it is not the phase itself.
    pub context: Option<String>,
    /// Relative link to the unit on its page, in the reader's language.
    pub href: String,
    /// The unit's class (`week`, `phase`, `resources`, …).
    pub kind: String,
    /// The languages whose editions cite the entry there.
    pub langs: Vec<CitedLang>,
}

/// A language an entry is cited in.
#[derive(Debug, Clone, Serialize)]
pub struct CitedLang {
    /// Language code.
    pub lang: String,
    /// The language's own name (as in the language switcher).
    pub name: String,
}

impl Renderer<'_> {
    /// Groups `citations` by roadmap and unit for a reader of `lang` on the page at `from`.
    /// `citations` are in site order, so each roadmap's are one run: the work is proportional
    /// to the citations, not to the number of roadmaps.
    pub(super) fn backlinks(&self, lang: &str, from: &str, citations: &[Citation]) -> Vec<CitedRoadmap> {
        citations
            .chunk_by(|a, b| a.roadmap == b.roadmap)
            .filter_map(|run| {
                let ri = run[0].roadmap;
                self.site.roadmaps.get(ri).and_then(|rm| self.cited_roadmap_run(ri, rm, lang, from, run))
            })
            .collect()
    }

    /// The entry of the roadmap at `ri` on a page listing `citations` (in site order, so its
    /// citations are one run, found by binary search); `None` when it does not cite.
    pub(super) fn cited_roadmap(
        &self,
        ri: usize,
        rm: &Roadmap,
        lang: &str,
        from: &str,
        citations: &[Citation],
    ) -> Option<CitedRoadmap> {
        let start = citations.partition_point(|c| c.roadmap < ri);
        let len = citations[start..].partition_point(|c| c.roadmap == ri);
        self.cited_roadmap_run(ri, rm, lang, from, &citations[start..start + len])
    }

    /// The entry of the roadmap at `ri`, from its own citations `mine`.
    fn cited_roadmap_run(
        &self,
        ri: usize,
        rm: &Roadmap,
        lang: &str,
        from: &str,
        mine: &[Citation],
    ) -> Option<CitedRoadmap> {
        if mine.is_empty() {
            return None;
        }
        let order = self.unit_orders.get(ri).map(|o| o.get_or_init(|| unit_order(rm)));
        let mut by_anchor: Vec<(&str, Vec<&Citation>)> = Vec::new();
        for c in mine {
            match by_anchor.iter_mut().find(|(a, _)| *a == c.anchor) {
                Some((_, v)) => v.push(c),
                None => by_anchor.push((&c.anchor, vec![c])),
            }
        }
        by_anchor.sort_by_key(|(a, _)| order.and_then(|o| o.get(*a)).copied().unwrap_or(usize::MAX));
        let (ed, _) = rm.edition_for(lang);
        let places = by_anchor.into_iter().map(|(anchor, cs)| self.place(rm, lang, from, anchor, &cs)).collect();
        Some(CitedRoadmap {
            id: rm.id.clone(),
            title: ed.front.title.clone(),
            lang: ed.lang.clone(),
            href: relative(from, &urls::roadmap(lang, &rm.id)),
            places,
        })
    }

    fn place(&self, rm: &Roadmap, lang: &str, from: &str, anchor: &str, cs: &[&Citation]) -> CitedPlace {
        let first = cs[0];
        // The unit as the reader sees it: their edition's, else the source's, else the citing one's.
        let candidates = [rm.editions.get(lang), Some(rm.source()), rm.editions.get(&first.lang)];
        let found = candidates.into_iter().flatten().find_map(|e| e.find(anchor).map(|u| (e, u)));
        let (title, title_lang) = match found {
            Some((e, u)) => (u.heading.text.clone(), e.lang.clone()),
            None => (rm.edition_for(lang).0.front.title.clone(), rm.edition_for(lang).0.lang.clone()),
        };
        let context = first.phase.as_deref().filter(|p| *p != anchor).and_then(|p| {
            let e = [rm.editions.get(lang), Some(rm.source())].into_iter().flatten().find(|e| e.find(p).is_some())?;
            Some(e.find(p)?.heading.text.clone())
        });
        let overview = urls::roadmap(lang, &rm.id);
        let map_lang = if rm.editions.contains_key(lang) { lang } else { rm.source().lang.as_str() };
        let href = match self.links.anchors.get(&(rm.id.clone(), map_lang.to_owned())).and_then(|m| m.pages.get(anchor))
        {
            Some(page) => format!("{}#{anchor}", relative(from, &format!("{overview}{page}"))),
            None => relative(from, &overview),
        };
        let mut langs: Vec<CitedLang> = cs
            .iter()
            .map(|c| CitedLang { lang: c.lang.clone(), name: self.i18n.msg(&c.lang, "language-name", &[]) })
            .collect();
        let pos = |l: &str| self.site.config.languages.iter().position(|x| x == l).unwrap_or(usize::MAX);
        langs.sort_by_key(|l| pos(&l.lang));
        langs.dedup_by(|a, b| a.lang == b.lang);
        CitedPlace {
            title,
            lang: title_lang,
            context,
            href,
            kind: if first.kind == UnitKind::Section { String::new() } else { first.kind.class().to_owned() },
            langs,
        }
    }
}

/// Position of every anchor in the source edition (document order), for sorting places.
fn unit_order(rm: &Roadmap) -> HashMap<String, usize> {
    let mut order = HashMap::new();
    order.insert(String::new(), 0);
    for (i, u) in rm.source().all_units().into_iter().enumerate() {
        order.entry(u.id().to_owned()).or_insert(i + 1);
    }
    order
}
