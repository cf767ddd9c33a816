//! Stage 3: front matter and Markdown → a parsed document: the front matter and the body cut
//! into chunks at its top-level headings. Structure (phases, weeks, …) is the model's job; this
//! stage only reads what the author wrote, including heading ids, classes and attributes.

pub mod events;
pub mod front_matter;
pub mod slug;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use events::Events;
pub use front_matter::FrontMatter;

use crate::diagnostic::{Diagnostic, LineIndex};

/// Markdown extensions gen enables. No smart punctuation: gen never changes an author's typography.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading as the author wrote it.
///
/// A site of 1,000 roadmaps has about 110,000 headings, kept for the whole build, so the struct
/// is kept small: its text, slug, explicit id and classes are one allocation ([`Heading::text`],
/// [`Heading::slug`], [`Heading::id`], [`Heading::classes`] read them) rather than four boxed
/// strings of 16 bytes each, and the line is a `u32`. (The arena is written here: no crate packs
/// a few strings of one struct into one allocation.)
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Whether the author gave an explicit id (`{#id}`), which `strings` then holds.
    has_id: bool,
    /// 1-based line in the file ([`Heading::line`]).
    line: u32,
    /// Where the text, the slug and the id end in `strings`; the classes run from the last to
    /// the end.
    ends: [u32; 3],
    /// The plain text, the slug, the explicit id (empty when there is none) and the classes
    /// separated by a space, one after another.
    strings: Box<str>,
    /// Other attributes from `{key=value}` (`None` when there are none, as for most headings).
    pub attrs: Option<Box<BTreeMap<String, String>>>,
    /// The heading's inline content as Markdown events, stored compactly ([`Heading::inline`]);
    /// `None` when there are none or the heading is plain text, as most are: the events would
    /// then be the text alone, which [`Heading::plain_text`] gives. (Kept for every heading, they
    /// cost 32 bytes and an allocation of their own for each heading: 8 MB of the model of a
    /// 1,000-roadmap site.)
    pub inline: Option<Box<Events>>,
}

/// The parts of a [`Heading`] that are strings, as [`Heading::new`] takes them.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeadingText<'a> {
    /// The plain text (emoji included, markup removed).
    pub text: &'a str,
    /// GitHub-compatible slug of the text, unique in the document.
    pub slug: &'a str,
    /// Explicit id from `{#id}`, if any.
    pub id: Option<&'a str>,
    /// Classes from `{.class}`, in the order written. A class never contains whitespace: the
    /// Markdown parser splits classes there.
    pub classes: &'a [&'a str],
}

impl Heading {
    /// A heading of `level` at `line` (1-based) with the strings of `t`, and no attributes or
    /// inline events (set `attrs` and `inline` after). Strings that do not fit the 32-bit
    /// offsets together (4 GiB, which no source file reaches) are all left empty.
    pub fn new(level: u8, line: usize, t: HeadingText<'_>) -> Heading {
        let id = t.id.unwrap_or_default();
        let classes_len = t.classes.iter().map(|c| c.len() + 1).sum::<usize>();
        let total = t.text.len() + t.slug.len() + id.len() + classes_len;
        let mut strings = String::new();
        let mut ends = [0u32; 3];
        if u32::try_from(total).is_ok() {
            strings.reserve_exact(total);
            for (end, part) in ends.iter_mut().zip([t.text, t.slug, id]) {
                strings.push_str(part);
                // Below `total`, which fits.
                *end = u32::try_from(strings.len()).unwrap_or_default();
            }
            for (i, c) in t.classes.iter().enumerate() {
                if i > 0 {
                    strings.push(' ');
                }
                strings.push_str(c);
            }
        }
        Heading {
            level,
            has_id: t.id.is_some(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            ends,
            strings: strings.into_boxed_str(),
            attrs: None,
            inline: None,
        }
    }

    /// The part of `strings` from `start` to `end`. Read for every lookup of a unit by id (tens
    /// of millions of times in a large build), so without `str::get`'s checks, which were 0.5 %
    /// of a build's instructions.
    fn part(&self, start: u32, end: u32) -> &str {
        let (start, end) = (start as usize, end as usize);
        debug_assert!(self.strings.get(start..end).is_some());
        if start > end || end > self.strings.len() {
            return "";
        }
        // SAFETY: `new` is the only writer of `ends`: each is 0 or the length of `strings` after
        // pushing a whole `&str` (so a char boundary), in ascending order, never truncated (it
        // leaves everything empty rather than cut an offset to 32 bits). `classes` reads from the
        // last to the length. The check above keeps the range in bounds regardless.
        unsafe { self.strings.get_unchecked(start..end) }
    }

    /// The heading's plain text (emoji included, markup removed).
    pub fn text(&self) -> &str {
        self.part(0, self.ends[0])
    }

    /// GitHub-compatible slug of the text, unique in the document.
    pub fn slug(&self) -> &str {
        self.part(self.ends[0], self.ends[1])
    }

    /// Explicit id from `{#id}`, if any.
    pub fn id(&self) -> Option<&str> {
        self.has_id.then(|| self.part(self.ends[1], self.ends[2]))
    }

    /// 1-based line in the file.
    pub fn line(&self) -> usize {
        self.line as usize
    }

    /// The anchor this heading is addressed by: the explicit id, else the GitHub slug.
    pub fn anchor(&self) -> &str {
        self.id().unwrap_or(self.slug())
    }

    /// The heading's text when its inline content is that text alone, without markup (its
    /// `inline` events are then not kept); `None` when the events are needed.
    pub fn plain_text(&self) -> Option<&str> {
        let text = self.text();
        (self.inline.is_none() && !text.is_empty()).then_some(text)
    }

    /// The heading's inline events: none for a plain-text heading (see [`Heading::plain_text`]).
    pub fn inline(&self) -> &Events {
        static NONE: Events = Events::new();
        self.inline.as_deref().unwrap_or(&NONE)
    }

    /// The heading's classes, in the order written.
    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.part(self.ends[2], u32::try_from(self.strings.len()).unwrap_or(u32::MAX))
            .split(' ')
            .filter(|c| !c.is_empty())
    }

    /// True when the heading carries the class.
    pub fn has_class(&self, class: &str) -> bool {
        self.classes().any(|c| c == class)
    }

    /// The value of the attribute `key` (`{key=value}`).
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.as_ref()?.get(key).map(String::as_str)
    }
}

/// A top-level heading and the Markdown after it, up to the next top-level heading.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// The heading, `None` for text before the first heading.
    pub heading: Option<Heading>,
    /// The body events after the heading.
    pub events: Events,
    /// Whether the chunk contains raw HTML (which the renderer must sanitise).
    pub has_raw_html: bool,
}

/// One parsed `<lang>.md`.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The normalised text of the whole file (for diagnostics).
    pub text: String,
    /// The front matter.
    pub front: FrontMatter,
    /// The body, cut at top-level headings.
    pub chunks: Vec<Chunk>,
    /// Internal links found in the body: (target, 1-based line, col), for `gen check`.
    pub links: Vec<(String, usize, usize)>,
}

/// A heading whose start tag has been read, while its content is.
struct PendingHeading<'a> {
    /// 1–6.
    level: u8,
    /// 1-based line of its start.
    line: usize,
    /// Explicit id from `{#id}`.
    id: Option<CowStr<'a>>,
    /// Classes from `{.class}`.
    classes: Vec<CowStr<'a>>,
    /// Other attributes.
    attrs: Option<Box<BTreeMap<String, String>>>,
    /// Inline events so far.
    inline: Option<Box<Events>>,
    /// Byte offset of its start in the file.
    offset: usize,
    /// Its plain text so far.
    text: String,
}

/// Parses one source text. Errors are returned as diagnostics; a document with a bad heading id
/// still parses (the error is reported alongside) so that all problems surface in one run.
pub fn parse_document(path: &Path, text: String) -> Result<(Document, Vec<Diagnostic>), Diagnostic> {
    let (front, body_start) = front_matter::split(path, &text)?;
    let mut diags = Vec::new();
    let body = &text[body_start..];
    let mut chunks = vec![Chunk { heading: None, events: Events::new(), has_raw_html: false }];
    let mut links = Vec::new();
    let mut slugger = slug::Slugger::default();
    let mut depth = 0usize;
    // The heading being read: what its start tag said, where it starts, its text so far.
    let mut in_heading: Option<PendingHeading<'_>> = None;
    let lines = LineIndex::new(&text);

    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let offset = body_start + range.start;
        if let Some(p) = in_heading.as_mut() {
            match &event {
                Event::End(TagEnd::Heading(_)) => {
                    let p = in_heading.take().expect("heading in progress");
                    let slug = slugger.slug(&p.text);
                    let trimmed = p.text.trim();
                    let classes: Vec<&str> = p.classes.iter().map(|c| &**c).collect();
                    let mut h = Heading::new(
                        p.level,
                        p.line,
                        HeadingText { text: trimmed, slug: &slug, id: p.id.as_deref(), classes: &classes },
                    );
                    h.attrs = p.attrs;
                    let plain = |i: &Events| trimmed == p.text && i.load().iter().all(|e| matches!(e, Event::Text(_)));
                    match p.inline {
                        Some(mut i) if !i.is_empty() && !plain(&i) => {
                            i.shrink_to_fit();
                            h.inline = Some(i);
                        }
                        _ => {}
                    }
                    if let Some(id) = h.id()
                        && !crate::read::is_valid_id(id)
                    {
                        diags.push(
                            Diagnostic::error(path, format!("heading id `{id}` is not a valid id"))
                                .at_offset(&text, p.offset)
                                .with_help("ids are lowercase ASCII letters, digits and `-`, the same in every language (e.g. {#phase-2 .phase})"),
                        );
                    }
                    chunks.push(Chunk { heading: Some(h), events: Events::new(), has_raw_html: false });
                }
                Event::Text(t) | Event::Code(t) => {
                    p.text.push_str(t);
                    p.inline.get_or_insert_default().push(&event);
                }
                _ => p.inline.get_or_insert_default().push(&event),
            }
            continue;
        }
        match &event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) if depth == 0 => {
                let (line, _) = lines.line_col(offset);
                in_heading = Some(PendingHeading {
                    level: heading_level(*level),
                    line,
                    id: id.clone(),
                    classes: classes.clone(),
                    attrs: (!attrs.is_empty()).then(|| {
                        Box::new(
                            attrs
                                .iter()
                                .map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string()).unwrap_or_default()))
                                .collect(),
                        )
                    }),
                    inline: None,
                    offset,
                    text: String::new(),
                });
                continue;
            }
            Event::Start(tag) => {
                if !matches!(
                    tag,
                    Tag::Paragraph
                        | Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                        | Tag::Heading { .. }
                        | Tag::TableHead
                        | Tag::TableRow
                        | Tag::TableCell
                        | Tag::Superscript
                        | Tag::Subscript
                ) {
                    depth += 1;
                }
                if let Tag::Link { dest_url, .. } = tag {
                    record_link(&mut links, dest_url, &lines, offset);
                }
            }
            Event::End(tag) => {
                if !matches!(
                    tag,
                    TagEnd::Paragraph
                        | TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                        | TagEnd::Heading(_)
                        | TagEnd::TableHead
                        | TagEnd::TableRow
                        | TagEnd::TableCell
                        | TagEnd::Superscript
                        | TagEnd::Subscript
                ) {
                    depth = depth.saturating_sub(1);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                if let Some(c) = chunks.last_mut() {
                    c.has_raw_html = true;
                }
            }
            _ => {}
        }
        if let Some(c) = chunks.last_mut() {
            c.events.push(&event);
        }
    }
    if chunks.first().is_some_and(|c| c.events.is_empty()) {
        chunks.remove(0);
    }
    for c in &mut chunks {
        c.events.shrink_to_fit();
    }
    Ok((Document { path: path.to_path_buf(), text, front, chunks, links }, diags))
}

fn record_link(links: &mut Vec<(String, usize, usize)>, dest: &CowStr<'_>, lines: &LineIndex<'_>, offset: usize) {
    let d = dest.as_ref();
    if d.contains("://") || d.starts_with("mailto:") || d.starts_with("tel:") {
        return;
    }
    let (line, col) = lines.line_col(offset);
    links.push((d.to_owned(), line, col));
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "+++\ntitle = \"T\"\n+++\nIntro **text**.\n\n## Phase one {#phase-1 .phase months=1-3}\n\n- a\n- b\n\n> ## not top level\n\n### Tuần 1-2 {#weeks-1-2 .week}\n\ntext [x](#đánh-giá)\n";

    #[test]
    fn chunks_at_top_level_headings_with_attributes() {
        let (doc, diags) = parse_document(Path::new("vi.md"), DOC.to_owned()).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(doc.chunks.len(), 3);
        assert!(doc.chunks[0].heading.is_none());
        let h = doc.chunks[1].heading.as_ref().unwrap();
        assert_eq!(h.id(), Some("phase-1"));
        assert!(h.has_class("phase"));
        assert_eq!(h.attr("months"), Some("1-3"));
        assert_eq!(h.text(), "Phase one");
        assert_eq!(h.slug(), "phase-one");
        assert_eq!(h.line(), 6);
        let w = doc.chunks[2].heading.as_ref().unwrap();
        assert_eq!(w.level, 3);
        assert_eq!(w.slug(), "tuần-1-2");
        assert_eq!(doc.links, vec![("#đánh-giá".to_owned(), 15, 6)]);
    }

    #[test]
    fn plain_headings_keep_their_text_only() {
        let text = "+++\ntitle = \"T\"\n+++\n## Phase one {#phase-1 .phase}\n\n## Use `git` *well*\n\n## A & B\n\n## {#empty}\n".to_owned();
        let (doc, _) = parse_document(Path::new("en.md"), text).unwrap();
        let h: Vec<&Heading> = doc.chunks.iter().filter_map(|c| c.heading.as_ref()).collect();
        // Plain text: no events kept, the text stands for them.
        assert_eq!(h[0].plain_text(), Some("Phase one"));
        assert!(h[0].inline.is_none());
        // Markup: the events are kept, and they hold the text's pieces.
        assert_eq!(h[1].plain_text(), None);
        assert_eq!(h[1].text(), "Use git well");
        let events = h[1].inline().load();
        assert!(events.iter().any(|e| matches!(e, Event::Code(c) if c.as_ref() == "git")));
        assert!(events.iter().any(|e| matches!(e, Event::Start(Tag::Emphasis))));
        // An entity the parser splits the text at is still plain text.
        assert_eq!(h[2].plain_text(), Some("A & B"));
        // No text at all: nothing to stand for.
        assert_eq!(h[3].plain_text(), None);
    }

    #[test]
    fn classes_are_listed_in_order() {
        let text = "+++\ntitle = \"T\"\n+++\n## A {#a .week .optional}\n\n## B\n".to_owned();
        let (doc, _) = parse_document(Path::new("en.md"), text).unwrap();
        let h: Vec<&Heading> = doc.chunks.iter().filter_map(|c| c.heading.as_ref()).collect();
        assert_eq!(h[0].classes().collect::<Vec<_>>(), ["week", "optional"]);
        assert!(h[0].has_class("optional") && !h[0].has_class("week optional") && !h[0].has_class("opt"));
        assert_eq!(h[1].classes().count(), 0);
        assert!(!h[1].has_class(""));
    }

    proptest::proptest! {
        /// The strings packed into a heading read back as they went in, whatever they hold.
        #[test]
        fn heading_strings_read_back(
            text in ".{0,40}",
            slug in ".{0,40}",
            id in proptest::option::of("[a-z0-9-]{0,12}"),
            classes in proptest::collection::vec("[^ ]{1,8}", 0..4),
            line in 1usize..100_000,
        ) {
            let cs: Vec<&str> = classes.iter().map(String::as_str).collect();
            let h = Heading::new(2, line, HeadingText { text: &text, slug: &slug, id: id.as_deref(), classes: &cs });
            proptest::prop_assert_eq!(h.text(), text.as_str());
            proptest::prop_assert_eq!(h.slug(), slug.as_str());
            proptest::prop_assert_eq!(h.id(), id.as_deref());
            proptest::prop_assert_eq!(h.anchor(), id.as_deref().unwrap_or(&slug));
            proptest::prop_assert_eq!(h.classes().collect::<Vec<_>>(), cs);
            proptest::prop_assert_eq!(h.line(), line);
        }
    }

    #[test]
    fn bad_ids_are_reported_at_their_line() {
        let text = "+++\ntitle = \"T\"\n+++\n## X {#Фаза}\n".to_owned();
        let (_, diags) = parse_document(Path::new("ru.md"), text).unwrap();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 4);
    }
}
