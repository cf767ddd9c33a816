//! Mentions of registry entries in running text: every title or alias of a resource
//! (`content/resources.toml`) and every name or alias of a topic (`content/topics.toml`) in every
//! roadmap edition, found once for the whole site.
//!
//! Matching is case-insensitive at word boundaries, the longest match wins ("Grokking the System
//! Design Interview" over "System Design Interview"), and nothing inside code, code blocks, links
//! or images is linked. One Aho–Corasick automaton per language scans each text once, so the cost
//! is linear in the size of the site. The result serves both directions: the renderer turns
//! mentions into links, and resource and topic pages list the units that cite them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{Event, Tag, TagEnd};
use rayon::prelude::*;

use crate::model::{Edition, Roadmap, Site, Unit, UnitKind};

/// What a mention refers to: an index into `Site::resources` or `Site::topics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A resource of the registry.
    Resource(usize),
    /// A topic of the glossary.
    Topic(usize),
}

/// A run of consecutive text events, the unit in which mentions are searched. The renderer
/// merges the same runs before splitting them at mentions, so both sides agree on offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Index of the run's first `Event::Text`.
    pub first: usize,
    /// Index one past the run's last `Event::Text`.
    pub end: usize,
    /// The concatenated text.
    pub text: String,
    /// False inside links and images: mentions there are cited but not linked.
    pub linkable: bool,
}

/// The text runs of a list of events (code blocks, inline code and raw HTML are skipped).
pub fn text_runs(events: &[Event<'_>]) -> Vec<TextRun> {
    let mut runs = Vec::new();
    let mut in_code = 0usize;
    let mut in_link = 0usize;
    let mut current: Option<TextRun> = None;
    for (i, e) in events.iter().enumerate() {
        if let Event::Text(t) = e
            && in_code == 0
        {
            match current.as_mut() {
                Some(r) => {
                    r.text.push_str(t);
                    r.end = i + 1;
                }
                None => current = Some(TextRun { first: i, end: i + 1, text: t.to_string(), linkable: in_link == 0 }),
            }
            continue;
        }
        runs.extend(current.take());
        match e {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            _ => {}
        }
    }
    runs.extend(current);
    runs
}

/// Mentions found in one text run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunMentions {
    /// The run (same boundaries as [`text_runs`] gives).
    pub first: usize,
    /// One past the run's last event.
    pub end: usize,
    /// (start, end, target), byte offsets into the run's concatenated text, in order, disjoint.
    pub spans: Vec<(usize, usize, Target)>,
}

/// Where one roadmap unit cites a resource or topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Index of the roadmap in `Site::roadmaps`.
    pub roadmap: usize,
    /// Language of the edition the mention is in (shared by the edition's citations: a large
    /// site has hundreds of thousands of them).
    pub lang: Arc<str>,
    /// Anchor of the citing unit: the innermost unit with an explicit id (language-neutral), else
    /// the innermost unit's slug; empty for text before the first heading. Shared by the
    /// unit's citations.
    pub anchor: Arc<str>,
    /// Kind of that unit.
    pub kind: UnitKind,
    /// The phase containing it by nesting, when there is one (the page it lives on).
    pub phase: Option<Arc<str>>,
    /// 1-based line of the mention's unit heading in the edition's file.
    pub line: usize,
}

/// Every mention of the site: per unit for rendering, per entry for backlinks.
#[derive(Debug, Default, Clone)]
pub struct MentionIndex {
    /// (roadmap id, language, heading line; 0 = preamble) → mentions in that unit's own events.
    units: HashMap<(String, String, usize), Vec<RunMentions>>,
    /// Citations per resource index, in site order (roadmap, then document order), one per unit
    /// and language.
    pub resources: Vec<Vec<Citation>>,
    /// Citations per topic index.
    pub topics: Vec<Vec<Citation>>,
}

impl MentionIndex {
    /// Mentions in the own events of the unit whose heading is at `line` (0 = the preamble).
    pub fn unit(&self, roadmap: &str, lang: &str, line: usize) -> &[RunMentions] {
        self.units.get(&(roadmap.to_owned(), lang.to_owned(), line)).map_or(&[], Vec::as_slice)
    }

    /// Citations of a target.
    pub fn citations(&self, target: Target) -> &[Citation] {
        match target {
            Target::Resource(i) => self.resources.get(i),
            Target::Topic(i) => self.topics.get(i),
        }
        .map_or(&[], Vec::as_slice)
    }
}

/// Case-folded patterns of one language and what each stands for.
struct LangMatcher {
    ac: AhoCorasick,
    /// Pattern index → (candidates, whether the pattern starts / ends with a word character).
    patterns: Vec<(Vec<Target>, bool, bool)>,
}

/// The registry compiled for matching, one automaton per language.
pub struct Matcher {
    langs: HashMap<String, LangMatcher>,
}

fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Matcher {
    /// Compiles the registry for `langs`. Resource titles and aliases apply to every language; a
    /// topic's names and aliases apply to their own language and, since technical English is
    /// written in every language, English ones everywhere.
    pub fn new(site: &Site, langs: &[String]) -> Matcher {
        let mut out = HashMap::new();
        for lang in langs {
            let mut by_pattern: Vec<(String, Vec<Target>)> = Vec::new();
            let mut index: HashMap<String, usize> = HashMap::new();
            let mut add = |s: &str, t: Target| {
                let f = fold(s.trim());
                if f.is_empty() {
                    return;
                }
                let i = *index.entry(f.clone()).or_insert_with(|| {
                    by_pattern.push((f, Vec::new()));
                    by_pattern.len() - 1
                });
                if !by_pattern[i].1.contains(&t) {
                    by_pattern[i].1.push(t);
                }
            };
            for (i, r) in site.resources.iter().enumerate() {
                add(&r.title, Target::Resource(i));
                for a in &r.aliases {
                    add(a, Target::Resource(i));
                }
            }
            for (i, t) in site.topics.iter().enumerate() {
                for l in [lang.as_str(), "en"] {
                    if let Some(n) = t.name.get(l) {
                        add(n, Target::Topic(i));
                    }
                    for a in t.aliases.get(l).into_iter().flatten() {
                        add(a, Target::Topic(i));
                    }
                }
            }
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(by_pattern.iter().map(|(p, _)| p.as_str()))
                .expect("registry patterns are plain strings");
            let patterns = by_pattern
                .into_iter()
                .map(|(p, t)| {
                    let starts = p.chars().next().is_some_and(is_word);
                    let ends = p.chars().last().is_some_and(is_word);
                    (t, starts, ends)
                })
                .collect();
            out.insert(lang.clone(), LangMatcher { ac, patterns });
        }
        Matcher { langs: out }
    }

    /// Mentions in `text` written in `lang`: (start, end, candidates), disjoint, in order, the
    /// longest match winning at each place.
    pub fn find<'m>(&'m self, lang: &str, text: &str) -> Vec<(usize, usize, &'m [Target])> {
        let Some(m) = self.langs.get(lang) else {
            return Vec::new();
        };
        // Fold case, remembering for every folded byte the original byte offset of its char, so
        // that matches map back onto the original text.
        let mut folded = String::with_capacity(text.len());
        let mut origin: Vec<usize> = Vec::with_capacity(text.len() + 1);
        for (off, c) in text.char_indices() {
            for lc in c.to_lowercase() {
                let before = folded.len();
                folded.push(lc);
                origin.extend(std::iter::repeat_n(off, folded.len() - before));
            }
        }
        origin.push(text.len());
        let char_start = |i: usize| i == 0 || i == folded.len() || origin[i] != origin[i - 1];
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for mat in m.ac.find_overlapping_iter(&folded) {
            let (fs, fe) = (mat.start(), mat.end());
            if !char_start(fs) || !char_start(fe) {
                continue;
            }
            let (s, e) = (origin[fs], origin[fe]);
            let (_, needs_start, needs_end) = &m.patterns[mat.pattern().as_usize()];
            if *needs_start && text[..s].chars().next_back().is_some_and(is_word) {
                continue;
            }
            if *needs_end && text[e..].chars().next().is_some_and(is_word) {
                continue;
            }
            found.push((s, e, mat.pattern().as_usize()));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut pos = 0;
        for (s, e, p) in found {
            if s >= pos {
                out.push((s, e, m.patterns[p].0.as_slice()));
                pos = e;
            }
        }
        out
    }
}

/// Picks one target for a mention: inside a `.resources` section a name shared by a resource and
/// a topic (Kafka, Domain-Driven Design) means the resource; elsewhere it means the topic.
fn choose(candidates: &[Target], in_resources: bool) -> Target {
    let resource = candidates.iter().find(|t| matches!(t, Target::Resource(_)));
    let topic = candidates.iter().find(|t| matches!(t, Target::Topic(_)));
    match (resource, topic) {
        (Some(r), Some(_)) if in_resources => *r,
        (_, Some(t)) => *t,
        (Some(r), None) => *r,
        (None, None) => candidates[0],
    }
}

/// Finds every mention in every edition of every roadmap.
pub fn index(site: &Site) -> MentionIndex {
    let mut langs: Vec<String> = site.config.languages.clone();
    for rm in &site.roadmaps {
        for l in rm.editions.keys() {
            if !langs.contains(l) {
                langs.push(l.clone());
            }
        }
    }
    let matcher = Matcher::new(site, &langs);
    let resource_ids: HashMap<&str, usize> =
        site.resources.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let topic_ids: HashMap<&str, usize> = site.topics.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    // Each roadmap is scanned on its own (in parallel), then the parts are joined in site order,
    // which keeps every citation list in roadmap order.
    let parts: Vec<MentionIndex> = site
        .roadmaps
        .par_iter()
        .enumerate()
        .map(|(ri, rm)| scan_roadmap(site, &matcher, &resource_ids, &topic_ids, ri, rm))
        .collect();
    let mut idx = MentionIndex {
        units: HashMap::new(),
        resources: vec![Vec::new(); site.resources.len()],
        topics: vec![Vec::new(); site.topics.len()],
    };
    // Exact sizes first: growing the lists by doubling would leave up to half of them unused.
    idx.units.reserve(parts.iter().map(|p| p.units.len()).sum());
    for (i, list) in idx.resources.iter_mut().enumerate() {
        list.reserve_exact(parts.iter().map(|p| p.resources[i].len()).sum());
    }
    for (i, list) in idx.topics.iter_mut().enumerate() {
        list.reserve_exact(parts.iter().map(|p| p.topics[i].len()).sum());
    }
    for part in parts {
        idx.units.extend(part.units);
        for (list, new) in idx.resources.iter_mut().zip(part.resources).chain(idx.topics.iter_mut().zip(part.topics)) {
            list.extend(new);
        }
    }
    idx
}

/// The mentions and citations of one roadmap (at `position` in `site.roadmaps`), all editions.
fn scan_roadmap(
    site: &Site,
    matcher: &Matcher,
    resource_ids: &HashMap<&str, usize>,
    topic_ids: &HashMap<&str, usize>,
    position: usize,
    rm: &Roadmap,
) -> MentionIndex {
    let mut fresh = MentionIndex {
        units: HashMap::new(),
        resources: vec![Vec::new(); site.resources.len()],
        topics: vec![Vec::new(); site.topics.len()],
    };
    let mut seen = HashSet::new();
    for (lang, ed) in &rm.editions {
        let lang_arc: Arc<str> = lang.as_str().into();
        let mut w = Walker {
            lang_arc,
            anchor_arc: Arc::from(""),
            phase_arc: None,
            matcher,
            resource_ids,
            topic_ids,
            roadmap: position,
            roadmap_id: &rm.id,
            lang,
            idx: &mut fresh,
            seen: &mut seen,
        };
        w.edition(ed);
    }
    fresh
}

impl MentionIndex {
    /// Re-scans the roadmap at `position` in `site.roadmaps`, which changed but kept its
    /// position: its unit mentions and its citations are replaced, the rest stays. The result is
    /// what [`index`] gives for the whole site (a matcher depends only on the registry and its
    /// language, and citations are kept in site order). `gen serve` calls this on every edit.
    pub fn reindex_roadmap(&mut self, site: &Site, position: usize) {
        let rm = &site.roadmaps[position];
        self.units.retain(|(r, _, _), _| r != &rm.id);
        let langs: Vec<String> = rm.editions.keys().cloned().collect();
        let matcher = Matcher::new(site, &langs);
        let resource_ids: HashMap<&str, usize> =
            site.resources.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let topic_ids: HashMap<&str, usize> = site.topics.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
        let fresh = scan_roadmap(site, &matcher, &resource_ids, &topic_ids, position, rm);
        self.units.extend(fresh.units);
        // Each list is in roadmap order, so the roadmap's citations are one run: replace it in
        // place (when an edit keeps the number of citations, nothing after it moves).
        for (list, new) in
            self.resources.iter_mut().zip(fresh.resources).chain(self.topics.iter_mut().zip(fresh.topics))
        {
            let start = list.partition_point(|c| c.roadmap < position);
            let end = start + list[start..].partition_point(|c| c.roadmap == position);
            list.splice(start..end, new);
        }
    }

    /// Whether the roadmap at `position` cites `target`.
    pub fn cites(&self, position: usize, target: Target) -> bool {
        let list = self.citations(target);
        list.get(list.partition_point(|c| c.roadmap < position)).is_some_and(|c| c.roadmap == position)
    }
}

/// The context of the unit being scanned.
struct Scope<'u> {
    anchor: &'u str,
    kind: UnitKind,
    phase: Option<&'u str>,
    line: usize,
    in_resources: bool,
}

struct Walker<'a> {
    matcher: &'a Matcher,
    resource_ids: &'a HashMap<&'a str, usize>,
    topic_ids: &'a HashMap<&'a str, usize>,
    roadmap: usize,
    roadmap_id: &'a str,
    lang: &'a str,
    idx: &'a mut MentionIndex,
    /// Citations made so far, per (target, language, anchor): a unit cites an entry once.
    seen: &'a mut HashSet<(Target, Arc<str>, Arc<str>)>,
    /// `lang`, and the anchor and phase of the last citation, shared with the citations.
    lang_arc: Arc<str>,
    anchor_arc: Arc<str>,
    phase_arc: Option<Arc<str>>,
}

impl Walker<'_> {
    fn edition(&mut self, ed: &Edition) {
        let scope = Scope { anchor: "", kind: UnitKind::Section, phase: None, line: 0, in_resources: false };
        self.events(&ed.preamble.to_vec(), &scope, true);
        for u in &ed.units {
            self.unit(u, None, None, false);
        }
    }

    fn unit<'u>(&mut self, u: &'u Unit, anchor: Option<&'u str>, phase: Option<&'u str>, in_resources: bool) {
        let anchor = match &u.heading.id {
            Some(id) => id.as_str(),
            None => anchor.unwrap_or(&u.heading.slug),
        };
        let phase = if u.kind == UnitKind::Phase { Some(u.id()) } else { phase };
        let in_resources = in_resources || u.kind == UnitKind::Resources;
        let kind = if u.heading.id.is_some() { u.kind } else { UnitKind::Section };
        let scope = Scope { anchor, kind, phase, line: u.heading.line, in_resources };
        // Headings cite but are not linked (a heading may itself be a link on overview cards).
        self.events(&u.heading.inline.to_vec(), &scope, false);
        self.events(&u.events.to_vec(), &scope, true);
        for c in &u.children {
            self.unit(c, u.heading.id.as_deref().or(Some(anchor)), phase, in_resources);
        }
    }

    fn cite(&mut self, target: Target, scope: &Scope<'_>) {
        if *self.anchor_arc != *scope.anchor {
            self.anchor_arc = scope.anchor.into();
        }
        if self.phase_arc.as_deref() != scope.phase {
            self.phase_arc = scope.phase.map(Arc::from);
        }
        let key = (target, Arc::clone(&self.lang_arc), Arc::clone(&self.anchor_arc));
        if !self.seen.insert(key) {
            return;
        }
        let c = Citation {
            roadmap: self.roadmap,
            lang: Arc::clone(&self.lang_arc),
            anchor: Arc::clone(&self.anchor_arc),
            kind: scope.kind,
            phase: self.phase_arc.clone(),
            line: scope.line,
        };
        match target {
            Target::Resource(i) => self.idx.resources[i].push(c),
            Target::Topic(i) => self.idx.topics[i].push(c),
        }
    }

    fn events(&mut self, events: &[Event<'_>], scope: &Scope<'_>, record: bool) {
        // Explicit references: [text](resource:id) and [text](topic:id).
        for e in events {
            if let Event::Start(Tag::Link { dest_url, .. }) = e
                && let Some(t) = explicit_target(dest_url, self.resource_ids, self.topic_ids)
            {
                self.cite(t, scope);
            }
        }
        let mut unit_mentions = Vec::new();
        for run in text_runs(events) {
            let mut spans = Vec::new();
            for (s, e, cands) in self.matcher.find(self.lang, &run.text) {
                let t = choose(cands, scope.in_resources);
                self.cite(t, scope);
                spans.push((s, e, t));
            }
            if record && run.linkable && !spans.is_empty() {
                unit_mentions.push(RunMentions { first: run.first, end: run.end, spans });
            }
        }
        if record && !unit_mentions.is_empty() {
            self.idx.units.insert((self.roadmap_id.to_owned(), self.lang.to_owned(), scope.line), unit_mentions);
        }
    }
}

/// The registry entry an explicit `resource:ID` / `topic:ID` link points to, if it exists.
pub fn explicit_target(dest: &str, resources: &HashMap<&str, usize>, topics: &HashMap<&str, usize>) -> Option<Target> {
    if let Some(id) = dest.strip_prefix("resource:") {
        return resources.get(id).map(|&i| Target::Resource(i));
    }
    if let Some(id) = dest.strip_prefix("topic:") {
        return topics.get(id).map(|&i| Target::Topic(i));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::model::{Resource, ResourceKind, Topic};
    use std::collections::BTreeMap;
    use std::path::Path;

    fn site() -> Site {
        let config = SiteConfig::parse(Path::new("site.toml"), "languages = [\"vi\", \"ru\", \"en\"]\n").unwrap();
        let res = |id: &str, title: &str, aliases: &[&str]| Resource {
            id: id.into(),
            kind: ResourceKind::Book,
            title: title.into(),
            authors: vec![],
            year: None,
            url: None,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            description: BTreeMap::new(),
        };
        let topic = |id: &str, en: &str, ru: &[&str]| Topic {
            id: id.into(),
            name: BTreeMap::from([("en".to_owned(), en.to_owned())]),
            aliases: BTreeMap::from([("ru".to_owned(), ru.iter().map(|s| s.to_string()).collect())]),
            summary: BTreeMap::new(),
        };
        Site {
            config,
            roadmaps: vec![],
            resources: vec![
                res("sdi", "System Design Interview", &[]),
                res("grokking", "Grokking the System Design Interview", &[]),
                res("kafka", "Apache Kafka", &["Kafka"]),
                res("cka", "Certified Kubernetes Administrator", &["CKA"]),
            ],
            topics: vec![topic("kafka", "Kafka", &[]), topic("microservices", "Microservices", &["Микросервисов"])],
        }
    }

    fn found(m: &Matcher, lang: &str, text: &str) -> Vec<(String, Vec<Target>)> {
        m.find(lang, text).into_iter().map(|(s, e, t)| (text[s..e].to_owned(), t.to_vec())).collect()
    }

    #[test]
    fn longest_match_wins_case_insensitively_at_word_boundaries() {
        let s = site();
        let m = Matcher::new(&s, &["ru".into(), "en".into()]);
        assert_eq!(
            found(&m, "en", "Read grokking the system design interview, then System Design Interview."),
            vec![
                ("grokking the system design interview".into(), vec![Target::Resource(1)]),
                ("System Design Interview".into(), vec![Target::Resource(0)])
            ]
        );
        // Not inside words.
        assert!(found(&m, "en", "Kafkaesque CKAD").is_empty());
        // A name shared by a resource and a topic keeps both candidates.
        assert_eq!(
            found(&m, "en", "Apache Kafka and Kafka"),
            vec![
                ("Apache Kafka".into(), vec![Target::Resource(2)]),
                ("Kafka".into(), vec![Target::Resource(2), Target::Topic(0)])
            ]
        );
    }

    #[test]
    fn cyrillic_aliases_match_in_any_case_and_map_back_to_the_original_text() {
        let s = site();
        let m = Matcher::new(&s, &["ru".into()]);
        let text = "Ёж: МИКРОСЕРВИСОВ много, microservices тоже; CKA/CKAD";
        assert_eq!(
            found(&m, "ru", text),
            vec![
                ("МИКРОСЕРВИСОВ".into(), vec![Target::Topic(1)]),
                ("microservices".into(), vec![Target::Topic(1)]),
                ("CKA".into(), vec![Target::Resource(3)]),
            ]
        );
    }

    #[test]
    fn runs_skip_code_and_mark_link_text() {
        let md = "Use `Kafka` and [Kafka](https://kafka.apache.org) or Kafka.\n\n```\nKafka\n```\n";
        let events: Vec<_> = pulldown_cmark::Parser::new(md).collect();
        let runs = text_runs(&events);
        let texts: Vec<(&str, bool)> = runs.iter().map(|r| (r.text.as_str(), r.linkable)).collect();
        assert_eq!(texts, vec![("Use ", true), (" and ", true), ("Kafka", false), (" or Kafka.", true)]);
    }

    #[test]
    fn the_same_name_is_the_resource_in_a_resources_section_and_the_topic_elsewhere() {
        let c = [Target::Resource(2), Target::Topic(0)];
        assert_eq!(choose(&c, true), Target::Resource(2));
        assert_eq!(choose(&c, false), Target::Topic(0));
        assert_eq!(choose(&[Target::Resource(1)], false), Target::Resource(1));
    }
}
