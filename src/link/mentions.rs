//! Mentions of registry entries in running text: every title or alias of a resource
//! (`content/resources.toml`) and every name or alias of a topic (`content/topics.toml`) in every
//! roadmap edition, found once for the whole site.
//!
//! Matching is case-insensitive at word boundaries, the longest match wins ("Grokking the System
//! Design Interview" over "System Design Interview"), and nothing inside code, code blocks, links
//! or images is linked. One leftmost-longest Aho–Corasick automaton per language scans each text
//! once, so the cost is linear in the size of the site; every match at a place is looked at only
//! where the longest one there fails a word boundary. The result serves both directions: the renderer turns
//! mentions into links, and resource and topic pages list the units that cite them.

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Edition, Roadmap, Site, Unit, UnitKind};
use crate::parse::Events;

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
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunMentions<'a> {
    /// The run (same boundaries as [`text_runs`] gives).
    pub first: u32,
    /// One past the run's last event.
    pub end: u32,
    /// (start, end, target), byte offsets into the run's concatenated text, in order, disjoint.
    pub spans: &'a [(u32, u32, PackedTarget)],
}

/// The mentions in one unit's own events, run by run, as the renderer reads them (see
/// [`MentionIndex::unit`], which decodes them from the index's compact form).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitMentions {
    /// (first event, one past the last event, end of the run's spans in `spans`), in order.
    runs: Vec<(u32, u32, u32)>,
    /// The spans of every run, one run after the other.
    spans: Vec<(u32, u32, PackedTarget)>,
}

impl UnitMentions {
    /// The mentions, borrowed for the renderer.
    pub fn view(&self) -> UnitMentionsRef<'_> {
        UnitMentionsRef { runs: &self.runs, spans: &self.spans }
    }
}

/// The mentions of every unit of one edition, in one buffer of variable-length integers: a site
/// of 1,000 roadmaps keeps about half a million runs and a million spans for rendering, which
/// took 18 MB as 12-byte entries in two allocations a unit and take about a third of that so.
/// Written by hand: it is a few LEB128 integers per span, which no crate would make smaller.
#[derive(Debug, Clone, PartialEq, Default)]
struct EditionMentions {
    /// (heading line, offset of the unit's record in `bytes`), by line (0 = the preamble).
    units: Vec<(u32, u32)>,
    /// Per unit: the number of runs, then per run its first event (after the last run's end),
    /// its length in events and its number of spans, then per span its start (after the last
    /// span's end), its length and its target (see [`EditionMentions::push`]).
    bytes: Vec<u8>,
}

/// Appends `v` (see [`crate::parse::events::put_varint`]).
fn put_varint(out: &mut Vec<u8>, v: u32) {
    crate::parse::events::put_varint(u64::from(v), out);
}

/// Reads what [`put_varint`] wrote at `*at`.
fn get_varint(bytes: &[u8], at: &mut usize) -> u32 {
    crate::parse::events::get_varint(bytes, at) as u32
}

impl EditionMentions {
    /// Records the mentions of the unit whose heading is at `line`. Units come in document order,
    /// so lines ascend; differences are taken with wrapping arithmetic and undone the same way,
    /// so any order would still read back.
    fn push(&mut self, line: u32, m: &UnitMentions) {
        let offset = u32::try_from(self.bytes.len()).unwrap_or(u32::MAX);
        self.units.push((line, offset));
        let out = &mut self.bytes;
        put_varint(out, m.runs.len() as u32);
        let (mut prev_end, mut start) = (0u32, 0usize);
        for &(first, end, stop) in &m.runs {
            put_varint(out, first.wrapping_sub(prev_end));
            put_varint(out, end.wrapping_sub(first));
            let spans = m.spans.get(start..stop as usize).unwrap_or_default();
            put_varint(out, spans.len() as u32);
            let mut prev = 0u32;
            for &(s, e, target) in spans {
                put_varint(out, s.wrapping_sub(prev));
                put_varint(out, e.wrapping_sub(s));
                // The topic bit (the top one) moved to the bottom: registry indexes are small.
                put_varint(out, target.0.rotate_left(1));
                prev = e;
            }
            prev_end = end;
            start = stop as usize;
        }
    }

    /// The mentions of the unit whose heading is at `line`; none when it has none.
    fn get(&self, line: usize) -> UnitMentions {
        let mut m = UnitMentions::default();
        let Ok(line) = u32::try_from(line) else {
            return m;
        };
        let Ok(i) = self.units.binary_search_by_key(&line, |&(l, _)| l) else {
            return m;
        };
        let (bytes, mut at) = (&self.bytes[..], self.units[i].1 as usize);
        let runs = get_varint(bytes, &mut at) as usize;
        m.runs.reserve_exact(runs);
        let mut prev_end = 0u32;
        for _ in 0..runs {
            let first = prev_end.wrapping_add(get_varint(bytes, &mut at));
            let end = first.wrapping_add(get_varint(bytes, &mut at));
            let spans = get_varint(bytes, &mut at);
            let mut prev = 0u32;
            for _ in 0..spans {
                let s = prev.wrapping_add(get_varint(bytes, &mut at));
                let e = s.wrapping_add(get_varint(bytes, &mut at));
                m.spans.push((s, e, PackedTarget(get_varint(bytes, &mut at).rotate_right(1))));
                prev = e;
            }
            m.runs.push((first, end, m.spans.len() as u32));
            prev_end = end;
        }
        m
    }

    /// Sorts the units by line (they come sorted) and drops the buffers' growth slack: every
    /// edition's record is kept for the whole build.
    fn finish(&mut self) {
        if !self.units.is_sorted_by_key(|&(l, _)| l) {
            self.units.sort_by_key(|&(l, _)| l);
        }
        self.units.shrink_to_fit();
        self.bytes.shrink_to_fit();
    }
}

/// The mentions of one unit as the renderer reads them: its runs, in order.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnitMentionsRef<'a> {
    runs: &'a [(u32, u32, u32)],
    spans: &'a [(u32, u32, PackedTarget)],
}

impl<'a> UnitMentionsRef<'a> {
    /// The number of mentions, over all runs.
    pub fn count(self) -> usize {
        self.spans.len()
    }

    /// The runs with mentions, in document order.
    pub fn runs(self) -> impl Iterator<Item = RunMentions<'a>> {
        let mut start = 0usize;
        self.runs.iter().map(move |&(first, end, stop)| {
            let spans = self.spans.get(start..stop as usize).unwrap_or_default();
            start = stop as usize;
            RunMentions { first, end, spans }
        })
    }
}

/// A [`Target`] in four bytes: the index, with the top bit set for a topic. A registry has far
/// fewer than two billion entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackedTarget(u32);

impl PackedTarget {
    const TOPIC: u32 = 1 << 31;

    /// Packs `t`.
    pub fn new(t: Target) -> PackedTarget {
        match t {
            Target::Resource(i) => PackedTarget(u32::try_from(i).unwrap_or(u32::MAX) & !Self::TOPIC),
            Target::Topic(i) => PackedTarget(u32::try_from(i).unwrap_or(u32::MAX) | Self::TOPIC),
        }
    }

    /// The target.
    pub fn get(self) -> Target {
        let i = (self.0 & !Self::TOPIC) as usize;
        if self.0 & Self::TOPIC != 0 { Target::Topic(i) } else { Target::Resource(i) }
    }
}

/// Where one roadmap unit cites a resource or topic. Kept to 12 bytes: a site of 1,000 roadmaps
/// has about half a million, held through rendering (83 MB when each held its strings' pointers;
/// the line of the citing heading, which nothing read, was 2 MB more). The strings live once in the
/// [`MentionIndex`]: [`MentionIndex::anchor`], [`MentionIndex::phase`] and
/// [`MentionIndex::lang`] read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Index of the roadmap in `Site::roadmaps` (see [`Citation::roadmap`]).
    pub roadmap: u32,
    /// Index of the citing place (anchor and phase) among the roadmap's places.
    place: u32,
    /// Index of the edition's language among the index's languages.
    lang: u16,
    /// Kind of the citing unit.
    pub kind: UnitKind,
}

impl Citation {
    /// Index of the roadmap in `Site::roadmaps`.
    pub fn roadmap(&self) -> usize {
        self.roadmap as usize
    }
}

/// A place of a roadmap that cites: the same for all its citations, in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    /// Anchor of the citing unit: the innermost unit with an explicit id (language-neutral), else
    /// the innermost unit's slug; empty for text before the first heading.
    anchor: Arc<str>,
    /// The phase containing it by nesting, when there is one (the page it lives on).
    phase: Option<Arc<str>>,
}

/// roadmap id → language → the mentions in each unit's own events.
type UnitsIndex = HashMap<String, HashMap<String, EditionMentions>>;

/// Every mention of the site: per unit for rendering, per entry for backlinks.
#[derive(Debug, Default, Clone)]
pub struct MentionIndex {
    /// roadmap id → language → the mentions in each unit's own events; nested so that the
    /// renderer's lookup, once per unit of a roadmap's pages, allocates no key.
    units: UnitsIndex,
    /// Citations per resource index, in site order (roadmap, then document order), one per unit
    /// and language.
    pub resources: Vec<Vec<Citation>>,
    /// Citations per topic index.
    pub topics: Vec<Vec<Citation>>,
    /// The citing places of each roadmap (by position in `Site::roadmaps`).
    places: Vec<Vec<Place>>,
    /// The languages citations are in.
    langs: Vec<Arc<str>>,
    /// The matcher [`MentionIndex::reindex_roadmap`] made, for the next edit: it depends only on
    /// the registries and the languages, and takes 10–13 ms to make (six automatons, 6.9 MB),
    /// a third of what `gen serve` took to show an edit. A changed registry or `site.toml` makes
    /// a new index (see `serve::live`), so it never outlives them. `gen build` never makes one.
    matcher: Option<Arc<Matcher>>,
}

impl MentionIndex {
    /// Mentions in the own events of the unit whose heading is at `line` (0 = the preamble),
    /// decoded from the index's compact form (see [`UnitMentions::view`]).
    pub fn unit(&self, roadmap: &str, lang: &str, line: usize) -> UnitMentions {
        self.units.get(roadmap).and_then(|l| l.get(lang)).map_or_else(UnitMentions::default, |e| e.get(line))
    }

    /// Anchor of the unit that cites: the innermost unit with an explicit id (language-neutral),
    /// else the innermost unit's slug; empty for text before the first heading.
    pub fn anchor(&self, c: &Citation) -> &str {
        self.place(c).map_or("", |p| &p.anchor)
    }

    /// The phase containing the citing unit by nesting, when there is one (the page it lives on).
    pub fn phase(&self, c: &Citation) -> Option<&str> {
        self.place(c).and_then(|p| p.phase.as_deref())
    }

    /// Language of the edition the mention is in.
    pub fn lang(&self, c: &Citation) -> &str {
        self.langs.get(usize::from(c.lang)).map_or("", |l| l)
    }

    /// Which of its roadmap's places (see [`MentionIndex::places`]) the citation is in.
    pub fn place_index(&self, c: &Citation) -> usize {
        c.place as usize
    }

    /// The places citations of the roadmap at `roadmap` (by position) are in, by index: the
    /// anchor of each and the phase containing it (see [`MentionIndex::anchor`] and
    /// [`MentionIndex::phase`]). Lets a list of citations look up per place what it would
    /// otherwise look up per citation.
    pub fn places(&self, roadmap: usize) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.places.get(roadmap).into_iter().flatten().map(|p| (&*p.anchor, p.phase.as_deref()))
    }

    fn place(&self, c: &Citation) -> Option<&Place> {
        self.places.get(c.roadmap())?.get(c.place as usize)
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
#[derive(Debug)]
struct LangMatcher {
    /// Leftmost-longest automaton: at each place it gives the longest pattern, which is the
    /// mention unless it fails a word boundary.
    longest: AhoCorasick,
    /// The same patterns with every match reported, asked only when the longest match at a place
    /// fails a word boundary and a shorter one there may not ("system design" in "system design
    /// interviews", where "system design interview" fails). Built the first time it is asked
    /// (see [`LangMatcher::all`]): most sites never need it, and it was half of the time spent
    /// compiling the registry.
    all: std::sync::OnceLock<AhoCorasick>,
    /// The folded patterns, in pattern order, for building `all`.
    folded: Vec<String>,
    /// Length in bytes of the longest pattern.
    max_len: usize,
    /// Pattern index → (candidates, whether the pattern starts / ends with a word character).
    patterns: Vec<(Vec<Target>, bool, bool)>,
}

/// The registry compiled for matching, one automaton per language.
#[derive(Debug)]
pub struct Matcher {
    langs: HashMap<String, LangMatcher>,
}

fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the char of `text` that ends at byte `at` (a char boundary) is a word character.
fn word_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        None => false,
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text.get(..at).and_then(|t| t.chars().next_back()).is_some_and(is_word),
    }
}

/// Whether the char of `text` that starts at byte `at` (a char boundary) is a word character.
fn word_after(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text.get(at..).and_then(|t| t.chars().next()).is_some_and(is_word),
    }
}

/// Buffers [`LangMatcher::find_into`] reuses from one text to the next.
#[derive(Default)]
struct Scratch {
    /// The text, lowercased.
    folded: String,
    /// For every byte of `folded`, the offset in the text of the char it comes from, and the
    /// text's length at the end; left empty when the offsets are the same (see [`fold_into`]).
    origin: Vec<usize>,
    /// Matches that start where the longest one failed: (end, pattern).
    shorter: Vec<(usize, usize)>,
}

/// Lowercases `text` into `scratch.folded`. When every char lowercases to one char of the same
/// length in UTF-8 — ASCII, Cyrillic and Vietnamese do — a byte offset in the folded text is the
/// same offset in `text` and `scratch.origin` stays empty; otherwise ('İ' becomes two chars, 'Ⱥ'
/// grows a byte) `origin` maps the folded bytes back.
fn fold_into(text: &str, scratch: &mut Scratch) {
    let Scratch { folded, origin, .. } = scratch;
    folded.clear();
    origin.clear();
    if text.is_ascii() {
        folded.push_str(text);
        folded.make_ascii_lowercase();
        return;
    }
    // Runs of characters that are their own lowercase (most of a text: a capital starts a
    // sentence or a name) are copied whole; only the others are pushed one by one.
    folded.reserve(text.len());
    let mut run = 0;
    for (i, c) in text.char_indices() {
        let l = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else if let Some(l) = crate::text::lower_one(c) {
            l
        } else {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => return fold_with_origins(text, folded, origin),
            }
        };
        if l != c {
            folded.push_str(&text[run..i]);
            folded.push(l);
            run = i + c.len_utf8();
        }
    }
    folded.push_str(&text[run..]);
}

/// `text` lowercased into `folded`, with `origin[i]` the offset in `text` of the character that
/// folded byte `i` came from (and `text.len()` one past the end): the general case, for
/// characters whose lowercase has another length.
fn fold_with_origins(text: &str, folded: &mut String, origin: &mut Vec<usize>) {
    folded.clear();
    origin.clear();
    for (off, c) in text.char_indices() {
        for lc in c.to_lowercase() {
            let before = folded.len();
            folded.push(lc);
            origin.extend(std::iter::repeat_n(off, folded.len() - before));
        }
    }
    origin.push(text.len());
}

impl LangMatcher {
    /// The registry's patterns for `lang`, folded, with the leftmost-longest automaton.
    fn new(site: &Site, lang: &str) -> LangMatcher {
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
            for l in [lang, "en"] {
                if let Some(n) = t.name.get(l) {
                    add(n, Target::Topic(i));
                }
                for a in t.aliases.get(l).into_iter().flatten() {
                    add(a, Target::Topic(i));
                }
            }
        }
        let folded: Vec<String> = by_pattern.iter().map(|(p, _)| p.clone()).collect();
        let longest = build(&folded, MatchKind::LeftmostLongest);
        let max_len = folded.iter().map(String::len).max().unwrap_or(0);
        let patterns = by_pattern
            .into_iter()
            .map(|(p, t)| {
                let starts = p.chars().next().is_some_and(is_word);
                let ends = p.chars().last().is_some_and(is_word);
                (t, starts, ends)
            })
            .collect();
        LangMatcher { longest, all: std::sync::OnceLock::new(), folded, max_len, patterns }
    }

    /// The automaton that reports every match, built on first use.
    fn all(&self) -> &AhoCorasick {
        self.all.get_or_init(|| build(&self.folded, MatchKind::Standard))
    }

    /// The mention the pattern `p` found at folded bytes `fs..fe` stands for, as byte offsets
    /// into `text`: none when it starts or ends inside what one char of `text` folded to, or a
    /// word character of `text` continues it past a word-character end.
    fn accept(&self, text: &str, scratch: &Scratch, fs: usize, fe: usize, p: usize) -> Option<(usize, usize)> {
        let (s, e) = if scratch.origin.is_empty() {
            (fs, fe)
        } else {
            let origin = &scratch.origin;
            let char_start = |i: usize| i == 0 || i == scratch.folded.len() || origin[i] != origin[i - 1];
            if !char_start(fs) || !char_start(fe) {
                return None;
            }
            (origin[fs], origin[fe])
        };
        let (_, needs_start, needs_end) = &self.patterns[p];
        if *needs_start && word_before(text, s) {
            return None;
        }
        if *needs_end && word_after(text, e) {
            return None;
        }
        Some((s, e))
    }

    /// Appends the mentions in `text` to `out`: (start, end, candidates), disjoint, in order, the
    /// longest acceptable match winning at the first place that has one, then the search going on
    /// after it.
    ///
    /// The leftmost-longest search gives exactly that when its match is acceptable; when it is
    /// not, the shorter matches at the same place are tried longest first and, if none is
    /// acceptable either, the search goes on one byte further. So the result is the one of taking
    /// every (overlapping) acceptable match, sorted by start and then longest first, and keeping
    /// those that start after the last one kept — without finding every overlap.
    fn find_into<'m>(&'m self, text: &str, scratch: &mut Scratch, out: &mut Vec<(usize, usize, &'m [Target])>) {
        fold_into(text, scratch);
        let len = scratch.folded.len();
        let mut pos = 0;
        while pos < len {
            let Some(mat) = self.longest.find(Input::new(&scratch.folded).span(pos..len)) else {
                break;
            };
            let (fs, fe, p) = (mat.start(), mat.end(), mat.pattern().as_usize());
            if let Some((s, e)) = self.accept(text, scratch, fs, fe, p) {
                out.push((s, e, &self.patterns[p].0));
                pos = fe;
                continue;
            }
            let mut shorter = std::mem::take(&mut scratch.shorter);
            shorter.clear();
            let window = fs..len.min(fs + self.max_len);
            for m in self.all().find_overlapping_iter(Input::new(&scratch.folded).span(window)) {
                if m.start() == fs && m.end() < fe {
                    shorter.push((m.end(), m.pattern().as_usize()));
                }
            }
            shorter.sort_unstable_by(|a, b| b.0.cmp(&a.0));
            let next = shorter.iter().find_map(|&(fe, p)| Some((self.accept(text, scratch, fs, fe, p)?, fe, p)));
            scratch.shorter = shorter;
            match next {
                Some(((s, e), fe, p)) => {
                    out.push((s, e, &self.patterns[p].0));
                    pos = fe;
                }
                None => pos = fs + 1,
            }
        }
    }
}

/// A DFA of `patterns`: a few hundred patterns make a small one, and it searches several times
/// faster than the NFA the builder picks for that many.
fn build(patterns: &[String], kind: MatchKind) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(kind)
        .build(patterns)
        .expect("registry patterns are plain strings")
}

impl Matcher {
    /// Compiles the registry for `langs`. Resource titles and aliases apply to every language; a
    /// topic's names and aliases apply to their own language and, since technical English is
    /// written in every language, English ones everywhere.
    pub fn new(site: &Site, langs: &[String]) -> Matcher {
        // One language per task: compiling an automaton is a serial step of the build's
        // cross-linking, the same work whatever the number of roadmaps.
        let langs = langs.par_iter().map(|lang| (lang.clone(), LangMatcher::new(site, lang))).collect();
        Matcher { langs }
    }

    /// Mentions in `text` written in `lang`: (start, end, candidates), disjoint, in order, the
    /// longest match winning at each place.
    pub fn find<'m>(&'m self, lang: &str, text: &str) -> Vec<(usize, usize, &'m [Target])> {
        let mut out = Vec::new();
        if let Some(m) = self.langs.get(lang) {
            m.find_into(text, &mut Scratch::default(), &mut out);
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
    let langs: Vec<Arc<str>> = langs.iter().map(|l| Arc::from(l.as_str())).collect();
    let mut idx = MentionIndex {
        units: HashMap::default(),
        resources: vec![Vec::new(); site.resources.len()],
        topics: vec![Vec::new(); site.topics.len()],
        places: Vec::with_capacity(site.roadmaps.len()),
        langs: langs.clone(),
        matcher: None,
    };
    // Each roadmap is scanned on its own (in parallel), then the parts are joined in site order,
    // which keeps every citation list in roadmap order. Runs of roadmaps are scanned and joined
    // one after another: held until the end, every roadmap's part (its citations as found) sat
    // next to the joined lists, a second copy of them (10 MB at 1,000 roadmaps, the peak of
    // cross-linking).
    // 64 roadmaps a run on two cores: at the end of each run a core waits for the last roadmap.
    let run = (32 * rayon::current_num_threads()).max(64);
    for (first, roadmaps) in site.roadmaps.chunks(run).enumerate().map(|(i, c)| (i * run, c)) {
        let parts: Vec<Part> = roadmaps
            .par_iter()
            .enumerate()
            .map(|(i, rm)| scan_roadmap(&matcher, &resource_ids, &topic_ids, &langs, first + i, rm))
            .collect();
        for part in parts {
            idx.units.extend(part.units);
            idx.places.push(part.places);
            for (t, c) in part.cited {
                idx.list_mut(t.get()).push(c);
            }
        }
    }
    // Without their growth slack: the lists are held through rendering.
    for list in idx.resources.iter_mut().chain(idx.topics.iter_mut()) {
        list.shrink_to_fit();
    }
    idx.units.shrink_to_fit();
    idx
}

/// The mentions and citations of one roadmap (at `position` in `site.roadmaps`), all editions.
fn scan_roadmap(
    matcher: &Matcher,
    resource_ids: &HashMap<&str, usize>,
    topic_ids: &HashMap<&str, usize>,
    langs: &[Arc<str>],
    position: usize,
    rm: &Roadmap,
) -> Part {
    let mut fresh = Part::default();
    let mut seen = FxHashSet::default();
    let mut places = Places::default();
    for (lang, ed) in &rm.editions {
        let _pin = ed.pin_events();
        // `langs` holds every edition's language (see `index` and `reindex_roadmap`).
        let lang_id = langs.iter().position(|l| **l == **lang).unwrap_or(0);
        let mut w = Walker {
            lang_id: u16::try_from(lang_id).unwrap_or(u16::MAX),
            anchor_arc: Arc::from(""),
            phase_arc: None,
            place: None,
            places: &mut places,
            matcher: matcher.langs.get(lang.as_str()),
            resource_ids,
            topic_ids,
            roadmap: position,
            roadmap_id: &rm.id,
            lang,
            idx: &mut fresh,
            seen: &mut seen,
            cited_here: FxHashSet::default(),
            joined: String::new(),
            scratch: Scratch::default(),
            found: Vec::new(),
        };
        w.edition(ed);
    }
    for edition in fresh.units.values_mut().flat_map(HashMap::values_mut) {
        edition.finish();
    }
    places.list.shrink_to_fit();
    fresh.places = places.list;
    fresh
}

/// What scanning one roadmap finds, before it joins the [`MentionIndex`].
#[derive(Default)]
struct Part {
    /// The roadmap's entry of [`MentionIndex`]'s `units`, under its id.
    units: UnitsIndex,
    /// The roadmap's citing places.
    places: Vec<Place>,
    /// Its citations, each with what it cites, in the order they were found.
    cited: Vec<(PackedTarget, Citation)>,
}

/// The citing places of one roadmap as they are found, each once.
#[derive(Default)]
struct Places {
    list: Vec<Place>,
    ids: FxHashMap<(Arc<str>, Option<Arc<str>>), u32>,
}

impl MentionIndex {
    /// Re-scans the roadmap at `position` in `site.roadmaps`, which changed but kept its
    /// position: its unit mentions and its citations are replaced, the rest stays. The result is
    /// what [`index`] gives for the whole site (a matcher depends only on the registry and its
    /// language, and citations are kept in site order). `gen serve` calls this on every edit.
    pub fn reindex_roadmap(&mut self, site: &Site, position: usize) {
        let rm = &site.roadmaps[position];
        self.units.remove(&rm.id);
        let langs: Vec<String> = rm.editions.keys().cloned().collect();
        for l in &langs {
            if !self.langs.iter().any(|k| **k == **l) {
                self.langs.push(l.as_str().into());
            }
        }
        let matcher = match &self.matcher {
            Some(m) if langs.iter().all(|l| m.langs.contains_key(l)) => Arc::clone(m),
            _ => {
                let all: Vec<String> = self.langs.iter().map(|l| l.to_string()).collect();
                let m = Arc::new(Matcher::new(site, &all));
                self.matcher = Some(Arc::clone(&m));
                m
            }
        };
        let resource_ids: HashMap<&str, usize> =
            site.resources.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let topic_ids: HashMap<&str, usize> = site.topics.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
        let fresh = scan_roadmap(&matcher, &resource_ids, &topic_ids, &self.langs, position, rm);
        self.units.extend(fresh.units);
        if self.places.len() <= position {
            self.places.resize(position + 1, Vec::new());
        }
        self.places[position] = fresh.places;
        let mut new: FxHashMap<Target, Vec<Citation>> = FxHashMap::default();
        for (t, c) in fresh.cited {
            new.entry(t.get()).or_default().push(c);
        }
        // Each list is in roadmap order, so the roadmap's citations are one run: replace it in
        // place (when an edit keeps the number of citations, nothing after it moves).
        let targets = (0..self.resources.len()).map(Target::Resource).chain((0..self.topics.len()).map(Target::Topic));
        for target in targets {
            let list = self.list_mut(target);
            let start = list.partition_point(|c| c.roadmap() < position);
            let end = start + list[start..].partition_point(|c| c.roadmap() == position);
            list.splice(start..end, new.remove(&target).unwrap_or_default());
        }
    }

    /// The citations of `target`, to add to.
    fn list_mut(&mut self, target: Target) -> &mut Vec<Citation> {
        match target {
            Target::Resource(i) => &mut self.resources[i],
            Target::Topic(i) => &mut self.topics[i],
        }
    }

    /// Whether the roadmap at `position` cites `target`.
    pub fn cites(&self, position: usize, target: Target) -> bool {
        let list = self.citations(target);
        list.get(list.partition_point(|c| c.roadmap() < position)).is_some_and(|c| c.roadmap() == position)
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
    /// The automaton of the edition's language (none when the registry has nothing for it).
    matcher: Option<&'a LangMatcher>,
    resource_ids: &'a HashMap<&'a str, usize>,
    topic_ids: &'a HashMap<&'a str, usize>,
    roadmap: usize,
    roadmap_id: &'a str,
    lang: &'a str,
    idx: &'a mut Part,
    /// Citations made so far, per (target, language, anchor): a unit cites an entry once.
    seen: &'a mut FxHashSet<(Target, u16, Arc<str>)>,
    /// Targets cited under `anchor_arc`: a repeated mention in a unit is let go without hashing
    /// the key of `seen` (two strings) again.
    cited_here: FxHashSet<Target>,
    /// The index of `lang` among the index's languages.
    lang_id: u16,
    /// The anchor and phase of the last citation, and its place (`None` once either changed).
    anchor_arc: Arc<str>,
    phase_arc: Option<Arc<str>>,
    place: Option<u32>,
    /// The roadmap's citing places so far.
    places: &'a mut Places,
    /// The text of a run of several text events, joined (one buffer for the whole scan).
    joined: String,
    /// Buffers of the matcher.
    scratch: Scratch,
    /// Mentions of one run, before the run's targets are chosen.
    found: Vec<(usize, usize, &'a [Target])>,
}

impl<'a> Walker<'a> {
    fn edition(&mut self, ed: &Edition) {
        let scope = Scope { anchor: "", kind: UnitKind::Section, phase: None, line: 0, in_resources: false };
        self.events(&ed.preamble, &scope, true);
        for u in &ed.units {
            self.unit(u, None, None, false);
        }
    }

    fn unit<'u>(&mut self, u: &'u Unit, anchor: Option<&'u str>, phase: Option<&'u str>, in_resources: bool) {
        let anchor = match u.heading.id() {
            Some(id) => id,
            None => anchor.unwrap_or(u.heading.slug()),
        };
        let phase = if u.kind == UnitKind::Phase { Some(u.id()) } else { phase };
        let in_resources = in_resources || u.kind == UnitKind::Resources;
        let kind = if u.heading.id().is_some() { u.kind } else { UnitKind::Section };
        let scope = Scope { anchor, kind, phase, line: u.heading.line(), in_resources };
        // Headings cite but are not linked (a heading may itself be a link on overview cards).
        match u.heading.plain_text() {
            // One text run, as its events would be.
            Some(text) => self.run(0, 1, text, false, true, &scope, None),
            None => self.events(u.heading.inline(), &scope, false),
        }
        self.events(&u.events, &scope, true);
        for c in &u.children {
            self.unit(c, u.heading.id().or(Some(anchor)), phase, in_resources);
        }
    }

    fn cite(&mut self, target: Target, scope: &Scope<'_>) {
        if *self.anchor_arc != *scope.anchor {
            self.anchor_arc = scope.anchor.into();
            self.place = None;
            self.cited_here.clear();
        }
        if !self.cited_here.insert(target) {
            return;
        }
        if self.phase_arc.as_deref() != scope.phase {
            self.phase_arc = scope.phase.map(Arc::from);
            self.place = None;
        }
        let key = (target, self.lang_id, Arc::clone(&self.anchor_arc));
        if !self.seen.insert(key) {
            return;
        }
        let place = match self.place {
            Some(p) => p,
            None => {
                let key = (Arc::clone(&self.anchor_arc), self.phase_arc.clone());
                let places = &mut *self.places;
                let p = *places.ids.entry(key).or_insert_with(|| {
                    places.list.push(Place { anchor: Arc::clone(&self.anchor_arc), phase: self.phase_arc.clone() });
                    // A roadmap has at most a few thousand places.
                    u32::try_from(places.list.len() - 1).unwrap_or(u32::MAX)
                });
                self.place = Some(p);
                p
            }
        };
        let c = Citation {
            roadmap: u32::try_from(self.roadmap).unwrap_or(u32::MAX),
            place,
            lang: self.lang_id,
            kind: scope.kind,
        };
        self.idx.cited.push((PackedTarget::new(target), c));
    }

    /// Cites the explicit references (`[text](resource:id)`, `[text](topic:id)`) and the
    /// mentions in `events`, and with `record` keeps the linkable mentions for the renderer.
    ///
    /// One pass over the stored events, decoded one at a time: the runs are those of
    /// [`text_runs`], but a run of one text event (most of them) is searched where it lies
    /// instead of being copied. Citing in document order instead of links first changes nothing:
    /// a unit cites each target once, with the same fields whichever mention comes first.
    fn events(&mut self, events: &Events, scope: &Scope<'_>, record: bool) {
        let mut unit_mentions = (Vec::new(), Vec::new());
        let mut in_code = 0usize;
        let mut in_link = 0usize;
        // The open run: its first event, its first text, whether it is linkable, and whether
        // more text followed (then the whole run is in `joined`).
        let mut run: Option<(usize, CowStr<'_>, bool)> = None;
        let mut joined = false;
        let loaded = events.load();
        for (i, e) in loaded.iter().enumerate() {
            if let Event::Text(t) = e {
                if in_code == 0 {
                    match &run {
                        Some((_, first, _)) => {
                            if !joined {
                                self.joined.clear();
                                self.joined.push_str(first);
                                joined = true;
                            }
                            self.joined.push_str(&t);
                        }
                        None => {
                            run = Some((i, t, in_link == 0));
                            joined = false;
                        }
                    }
                }
                continue;
            }
            if let Some((first, text, linkable)) = run.take() {
                self.run(first, i, &text, joined, linkable, scope, record.then_some(&mut unit_mentions));
            }
            match e {
                Event::Start(Tag::CodeBlock(_)) => in_code += 1,
                Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    if let Some(t) = explicit_target(&dest_url, self.resource_ids, self.topic_ids) {
                        self.cite(t, scope);
                    }
                    in_link += 1;
                }
                Event::Start(Tag::Image { .. }) => in_link += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
                _ => {}
            }
        }
        if let Some((first, text, linkable)) = run.take() {
            self.run(first, events.len(), &text, joined, linkable, scope, record.then_some(&mut unit_mentions));
        }
        if !unit_mentions.0.is_empty() {
            let by_lang = self.idx.units.entry(self.roadmap_id.to_owned()).or_default();
            let edition = match by_lang.get_mut(self.lang) {
                Some(m) => m,
                None => by_lang.entry(self.lang.to_owned()).or_default(),
            };
            let (runs, spans) = unit_mentions;
            // A document has far fewer than four billion lines.
            edition.push(u32::try_from(scope.line).unwrap_or(u32::MAX), &UnitMentions { runs, spans });
        }
    }

    /// Cites the mentions in the text run of events `first..end` — `first_text`, or `self.joined`
    /// when `joined` — and, when it is linkable, adds the run and its spans to `unit_mentions`
    /// (runs, spans) if given.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &mut self,
        first: usize,
        end: usize,
        first_text: &str,
        joined: bool,
        linkable: bool,
        scope: &Scope<'_>,
        unit_mentions: Option<&mut (Vec<(u32, u32, u32)>, Vec<(u32, u32, PackedTarget)>)>,
    ) {
        let Some(matcher) = self.matcher else {
            return;
        };
        let mut found = std::mem::take(&mut self.found);
        found.clear();
        let text = if joined { self.joined.as_str() } else { first_text };
        matcher.find_into(text, &mut self.scratch, &mut found);
        let mut keep = unit_mentions.filter(|_| linkable && !found.is_empty());
        for &(s, e, cands) in &found {
            let t = choose(cands, scope.in_resources);
            self.cite(t, scope);
            if let Some((_, spans)) = keep.as_mut() {
                // Offsets within one text run of one unit: far below u32::MAX.
                spans.push((s as u32, e as u32, PackedTarget::new(t)));
            }
        }
        self.found = found;
        if let Some((runs, spans)) = keep {
            runs.push((first as u32, end as u32, u32::try_from(spans.len()).unwrap_or(u32::MAX)));
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

    #[test]
    fn reindexing_with_the_kept_matcher_gives_the_index_of_the_whole() {
        let (Some(site), _) = crate::pipeline::load_site(Path::new(env!("CARGO_MANIFEST_DIR"))) else {
            panic!("the bundled site loads");
        };
        let whole = index(&site);
        let mut idx = index(&site);
        assert!(idx.matcher.is_none(), "a build keeps no matcher");
        for _ in 0..2 {
            for p in 0..site.roadmaps.len() {
                idx.reindex_roadmap(&site, p);
                assert!(idx.matcher.is_some());
            }
        }
        assert_eq!(idx.units, whole.units);
        assert_eq!(idx.resources, whole.resources);
        assert_eq!(idx.topics, whole.topics);
        assert_eq!(idx.places, whole.places);
        assert!(!whole.units.is_empty() && whole.resources.iter().any(|c| !c.is_empty()));
    }

    #[test]
    fn a_packed_target_unpacks_to_itself() {
        for t in [Target::Resource(0), Target::Topic(0), Target::Resource(12345), Target::Topic(0x7fff_ffff)] {
            assert_eq!(PackedTarget::new(t).get(), t);
        }
        assert_eq!(std::mem::size_of::<(u32, u32, PackedTarget)>(), 12);
    }

    #[test]
    fn a_citation_stays_small() {
        // Half a million of them at 1,000 roadmaps; see the type's comment.
        #[cfg(target_pointer_width = "64")]
        assert_eq!(std::mem::size_of::<Citation>(), 12);
    }
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

    /// The rule as first written: every match of every pattern (overlapping), those at word
    /// boundaries sorted by start and then longest first, each kept when it starts after the
    /// last one kept.
    fn find_every_overlap<'m>(m: &'m LangMatcher, text: &str) -> Vec<(usize, usize, &'m [Target])> {
        let mut folded = String::new();
        let mut origin = Vec::new();
        fold_with_origins(text, &mut folded, &mut origin);
        let char_start = |i: usize| i == 0 || i == folded.len() || origin[i] != origin[i - 1];
        let mut found = Vec::new();
        for mat in m.all().find_overlapping_iter(&folded) {
            let (fs, fe, p) = (mat.start(), mat.end(), mat.pattern().as_usize());
            if !char_start(fs) || !char_start(fe) {
                continue;
            }
            let (s, e) = (origin[fs], origin[fe]);
            let (_, needs_start, needs_end) = &m.patterns[p];
            if *needs_start && text[..s].chars().next_back().is_some_and(is_word) {
                continue;
            }
            if *needs_end && text[e..].chars().next().is_some_and(is_word) {
                continue;
            }
            found.push((s, e, p));
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

    /// A registry whose names overlap, end in punctuation, and fold to other lengths ('İ' to two
    /// chars, 'Ⱥ' to a longer char).
    fn tricky_site() -> Site {
        let mut s = site();
        let names = ["Kafka St", "Kafka Streams", "C++", "İo", "ⱥb", "a_b", "Ёж", "\u{307}k", "b c", "St"];
        for (i, n) in names.into_iter().enumerate() {
            let mut r = s.resources[0].clone();
            r.id = format!("t{i}");
            r.title = n.into();
            s.resources.push(r);
        }
        s
    }

    /// A unit's mentions as [`EditionMentions::push`] takes them: runs in order, each with its
    /// spans, from (first-event gap, length, spans as (gap, length, target)).
    fn unit_mentions(runs: &[(u32, u32, Vec<(u32, u32, u32, bool)>)]) -> UnitMentions {
        let mut m = UnitMentions::default();
        let mut at = 0u32;
        for (gap, len, spans) in runs {
            let first = at.saturating_add(*gap);
            let mut pos = 0u32;
            for &(g, l, t, topic) in spans {
                let s = pos.saturating_add(g);
                let target = if topic { Target::Topic(t as usize) } else { Target::Resource(t as usize) };
                m.spans.push((s, s.saturating_add(l), PackedTarget::new(target)));
                pos = s.saturating_add(l);
            }
            at = first.saturating_add(*len);
            m.runs.push((first, at, m.spans.len() as u32));
        }
        m
    }

    proptest::proptest! {
        /// Folding copies runs that need no change and pushes the rest: the text is each
        /// character lowercased, at the same offsets when their lengths allow (else through
        /// `origin`, as `fold_with_origins` makes it).
        #[test]
        fn folding_lowercases_each_character(text in "[a-zA-Z .,ÀàĐđẠạỌọЁёЖжКкİȺΣσ\u{0301}-]{0,30}") {
            let mut scratch = Scratch::default();
            fold_into(&text, &mut scratch);
            let lower: String = text.chars().flat_map(char::to_lowercase).collect();
            proptest::prop_assert_eq!(&scratch.folded, &lower);
            if scratch.origin.is_empty() {
                proptest::prop_assert_eq!(scratch.folded.len(), text.len());
            } else {
                let (mut folded, mut origin) = (String::new(), Vec::new());
                fold_with_origins(&text, &mut folded, &mut origin);
                proptest::prop_assert_eq!(&scratch.origin, &origin);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn an_editions_mentions_read_back_as_each_unit_recorded_them(
            units in proptest::collection::vec(
                (1u32..5000, proptest::collection::vec(
                    (0u32..300, 1u32..300, proptest::collection::vec(
                        (0u32..70_000, 1u32..200, 0u32..(1 << 31), proptest::bool::ANY), 1..6)),
                    1..5)),
                0..8)
        ) {
            let mut edition = EditionMentions::default();
            let mut recorded = Vec::new();
            let mut line = 0u32;
            for (gap, runs) in &units {
                line += gap;
                let m = unit_mentions(runs);
                edition.push(line, &m);
                recorded.push((line, m));
            }
            edition.finish();
            for (line, m) in &recorded {
                proptest::prop_assert_eq!(&edition.get(*line as usize), m);
            }
            // A line without mentions has none.
            proptest::prop_assert_eq!(edition.get(line as usize + 1), UnitMentions::default());
        }
    }

    #[test]
    fn extreme_offsets_and_targets_read_back() {
        let m = UnitMentions {
            runs: vec![(0, 0, 1), (u32::MAX - 1, u32::MAX, 2)],
            spans: vec![
                (u32::MAX - 2, u32::MAX, PackedTarget::new(Target::Topic((1 << 31) - 1))),
                (0, u32::MAX, PackedTarget::new(Target::Resource(0))),
            ],
        };
        let mut edition = EditionMentions::default();
        edition.push(7, &m);
        edition.push(3, &UnitMentions { runs: vec![(1, 2, 0)], spans: vec![] });
        edition.finish();
        assert_eq!(edition.get(7), m);
        assert_eq!(edition.get(3).runs, vec![(1, 2, 0)]);
    }

    proptest::proptest! {
        #[test]
        fn the_longest_search_gives_what_every_overlap_gives(
            text in "(Kafka|kafka|Apache |St|Streams|CKA|D|İ|i|ⱥ|Ⱥ|b| c|_|a|Ёж|ЁЖ|жЖ|Ѐџ|x|\u{307}|k|C\\+\\+|o|é| |-){0,14}"
        ) {
            let s = tricky_site();
            let m = Matcher::new(&s, &["en".into()]);
            proptest::prop_assert_eq!(m.find("en", &text), find_every_overlap(&m.langs["en"], &text));
        }
    }

    #[test]
    fn a_shorter_match_at_the_same_place_wins_when_the_longest_is_inside_a_word() {
        let s = tricky_site();
        let m = Matcher::new(&s, &["en".into()]);
        assert_eq!(found(&m, "en", "Kafka Stx"), vec![("Kafka".into(), vec![Target::Resource(2), Target::Topic(0)])]);
        assert_eq!(
            found(&m, "en", "İo, ⱥb; Ⱥb"),
            vec![
                ("İo".into(), vec![Target::Resource(7)]),
                ("ⱥb".into(), vec![Target::Resource(8)]),
                ("Ⱥb".into(), vec![Target::Resource(8)]),
            ]
        );
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
