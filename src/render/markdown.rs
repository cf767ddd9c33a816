//! Markdown events of one unit → HTML, with gen's additions: task checkboxes under weeks,
//! star ratings and status emoji as data, highlighted code, in-document links sent to the page
//! that now holds their target, and raw HTML sanitised by ammonia.
//!
//! A unit is shown on several pages of its roadmap (its phase page, the weekly plan, the print
//! view, sometimes the overview), and its HTML differs between them only in a few places: links
//! relative to the page, anchors that are on the page or on another one, and topic mentions,
//! linked only the first time on a page. So a unit is rendered once per roadmap and language
//! into a [`Fragment`]: its HTML with those places left as [`Hole`]s, which each page fills in
//! ([`Fragment::resolve_into`]). The pages of one roadmap share a [`FragmentCache`].

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::highlight::{Highlighter, escape};
use crate::link::mentions::{RunMentions, UnitMentions, UnitMentionsRef};
use crate::link::{Links, Target, relative, urls};
use crate::model::{Site, Task};
use crate::parse::{Events, Heading};

/// What the Markdown renderer needs to know about where the HTML goes.
pub struct MdContext<'a> {
    /// Cross-link tables.
    pub links: &'a Links,
    /// Roadmap id.
    pub roadmap: &'a str,
    /// Language of the edition the events come from.
    pub lang: &'a str,
    /// The page within the roadmap: "" for the overview, "phase-1/" for a phase page, "weeks/" for
    /// the weekly plan.
    pub page_suffix: &'a str,
    /// Code highlighter.
    pub highlighter: &'a Highlighter,
    /// The model (for registry ids).
    pub site: &'a Site,
    /// Site-relative path of the page being rendered (links are made relative to it).
    pub page_path: &'a str,
    /// The reader's language: resource and topic links go to pages in it.
    pub ui_lang: &'a str,
    /// Topics already linked on this page: only the first mention of a topic is linked.
    pub linked_topics: &'a RefCell<rustc_hash::FxHashSet<usize>>,
    /// Units already rendered for other pages of the same roadmap in the same reader's
    /// language, when the page is rendered with its roadmap's other pages.
    pub cache: Option<&'a FragmentCache>,
}

impl MdContext<'_> {
    /// The site-relative path of a resource or topic page in the reader's language.
    fn target_path(&self, t: Target) -> Option<String> {
        Some(match t {
            Target::Resource(i) => urls::resource(self.ui_lang, &self.site.resources.get(i)?.id),
            Target::Topic(i) => urls::topic(self.ui_lang, &self.site.topics.get(i)?.id),
        })
    }

    /// The relative URL of a resource or topic page, from the page being rendered.
    fn target_href(&self, t: Target) -> Option<String> {
        Some(relative(self.page_path, &self.target_path(t)?))
    }
}

/// A place in a unit's HTML that depends on the page showing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hole {
    /// The URL of a link (`href`, escaped as a URL) to the site page at `to`, relative to the page.
    Href {
        /// Site-relative path of the target, with its fragment if any.
        to: String,
    },
    /// The URL of a link (escaped as a URL) to `#fragment` on the page `page` of this roadmap:
    /// just the fragment when that is the page being rendered.
    Anchor {
        /// Site-relative path of the page holding the anchor.
        page: String,
        /// The anchor.
        fragment: String,
    },
    /// The opening `<a class="{class}" href="…">` of a mention of a resource (always linked) or a
    /// topic (`topic`: linked only if no earlier mention on the page was).
    MentionOpen {
        /// `ref ref-resource` or `ref ref-topic`.
        class: &'static str,
        /// Site-relative path of the resource or topic page.
        to: String,
        /// The topic, for topics.
        topic: Option<usize>,
    },
    /// The `</a>` closing the last mention, if it was linked.
    MentionClose,
}

impl Hole {
    /// The URL of a link hole as seen from the page of `ctx`, unescaped.
    fn url(&self, ctx: &MdContext<'_>) -> String {
        let mut out = String::new();
        self.push_url(&mut out, ctx, |out, s| out.push_str(s));
        out
    }

    /// Appends the URL of a link hole as seen from the page of `ctx`, each piece written with
    /// `escape` (the climb `../` and `#` are the same escaped or not). The same URL as
    /// [`relative`] and [`crate::link::relative_short`] give, without building it first: a page of a thousand
    /// roadmaps' site fills in some two hundred holes.
    fn push_url(&self, out: &mut String, ctx: &MdContext<'_>, escape: impl Fn(&mut String, &str)) {
        let climb = |out: &mut String, from: &str, to: &str| {
            let up = from.matches('/').count();
            for _ in 0..up {
                out.push_str("../");
            }
            if up == 0 && to.is_empty() {
                out.push_str("./");
            }
            escape(out, to);
        };
        match self {
            Hole::Href { to } | Hole::MentionOpen { to, .. } => climb(out, ctx.page_path, to),
            Hole::Anchor { page, fragment } => {
                if page != ctx.page_path {
                    let from = ctx.page_path;
                    let common = crate::link::common_folders(from, page);
                    climb(out, &from[common..], &page[common..]);
                }
                out.push('#');
                escape(out, fragment);
            }
            Hole::MentionClose => {}
        }
    }
}

/// A unit's HTML with the page-dependent places cut out.
#[derive(Debug, Default)]
pub struct Fragment {
    /// The HTML around the holes.
    html: String,
    /// Each hole and the byte offset in `html` where it goes, in order.
    holes: Vec<(usize, Hole)>,
}

/// The character that marks a hole in HTML being rendered: `\u{F8FF}{n}\u{F8FF}` is hole `n`.
/// It is a private-use character, so a document may contain it; a rendering whose marks are not
/// exactly 0, 1, 2… in order is thrown away and the unit rendered for the page alone.
const MARK: char = '\u{F8FF}';

/// Where the first [`MARK`] in `s` starts. `str::find(char)` looks for a char's last byte, and
/// the mark's (0xBF) ends every 'п' and many another Cyrillic letter; its first byte (0xEF) starts
/// only characters from U+F000 on, which text seldom has.
fn find_mark(s: &str) -> Option<usize> {
    let mut buf = [0u8; 4];
    let mark = MARK.encode_utf8(&mut buf).as_bytes();
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(mark[0], &bytes[from..]) {
        let at = from + i;
        if bytes[at..].starts_with(mark) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

impl Fragment {
    /// Appends the HTML as the page of `ctx` shows it.
    pub fn resolve_into(&self, out: &mut String, ctx: &MdContext<'_>) {
        // Room for the fragment and its links at once, rather than growing while they are put in.
        out.reserve(self.html.len() + 48 * self.holes.len());
        let mut pos = 0;
        let mut open = false;
        for (at, hole) in &self.holes {
            out.push_str(&self.html[pos..*at]);
            pos = *at;
            match hole {
                Hole::Href { .. } | Hole::Anchor { .. } => {
                    hole.push_url(out, ctx, |out, s| {
                        let _ = escape_href(out, s);
                    });
                }
                Hole::MentionOpen { class, topic, .. } => {
                    open = topic.is_none_or(|i| ctx.linked_topics.borrow_mut().insert(i));
                    if open {
                        out.push_str("<a class=\"");
                        out.push_str(class);
                        out.push_str("\" href=\"");
                        hole.push_url(out, ctx, |out, s| {
                            let _ = escape_html(out, s);
                        });
                        out.push_str("\">");
                    }
                }
                Hole::MentionClose => {
                    if std::mem::take(&mut open) {
                        out.push_str("</a>");
                    }
                }
            }
        }
        out.push_str(&self.html[pos..]);
    }

    /// Cuts the marks of `holes` out of `html`; `None` when they are not all there, in order
    /// (the document contained the mark character, or a mark fell inside an image's alt text).
    fn cut(html: &str, holes: Vec<Hole>) -> Option<Fragment> {
        let mut out = String::with_capacity(html.len());
        let mut placed = Vec::with_capacity(holes.len());
        let mut holes = holes.into_iter();
        let mut rest = html;
        let find = find_mark;
        while let Some(start) = find(rest) {
            out.push_str(&rest[..start]);
            let after = &rest[start + MARK.len_utf8()..];
            let end = find(after)?;
            let n: usize = after[..end].parse().ok()?;
            if n != placed.len() {
                return None;
            }
            placed.push((out.len(), holes.next()?));
            rest = &after[end + MARK.len_utf8()..];
        }
        out.push_str(rest);
        if holes.next().is_some() {
            return None;
        }
        Some(Fragment { html: out, holes: placed })
    }
}

/// Units rendered for the pages of one roadmap in one reader's language (see the module's
/// documentation), by the address of their events. Only valid while the model is not changed
/// and for one roadmap and reader's language: a renderer makes one per group of pages.
#[derive(Default)]
pub struct FragmentCache {
    entries: RefCell<rustc_hash::FxHashMap<usize, Option<Rc<Fragment>>>>,
}

/// Holes found while rendering a unit for the cache; `None` in the renderer when each place is
/// resolved for the page at once.
type Holes = Option<Vec<Hole>>;

/// Appends a hole's mark to `s` and records the hole.
fn mark(s: &mut String, holes: &mut Vec<Hole>, hole: Hole) {
    s.push(MARK);
    s.push_str(itoa::Buffer::new().format(holes.len()));
    s.push(MARK);
    holes.push(hole);
}

/// Appends the HTML of `events` as the page of `ctx` shows it: from the page's cache when it has
/// one (rendering the unit into it on first use), or rendered for this page alone.
/// `has_raw_html` is as for [`render`]; `tasks` and `mentions` give what [`render`] takes, and are
/// asked for only when the unit is rendered rather than found in the cache (a unit is on up to
/// four pages of its roadmap, and both decode what they give). Units with raw HTML are sanitised
/// after rendering and so are always rendered for the page alone.
pub fn render_into(
    out: &mut String,
    events: &Events,
    has_raw_html: bool,
    tasks: impl FnOnce() -> Vec<Task>,
    mentions: impl FnOnce() -> UnitMentions,
    ctx: &MdContext<'_>,
) {
    let Some(cache) = ctx.cache.filter(|_| !has_raw_html) else {
        let (tasks, mentions) = (tasks(), mentions());
        return out.push_str(&render(&events.load().to_vec(), has_raw_html, &tasks, mentions.view(), ctx));
    };
    let key = events as *const Events as usize;
    let found = cache.entries.borrow().get(&key).cloned();
    match found {
        None => {
            let loaded = events.load();
            let evs = loaded.to_vec();
            let mut holes: Holes = Some(Vec::new());
            let (tasks, mentions) = (tasks(), mentions());
            let html = render_with(&evs, false, &tasks, mentions.view(), ctx, &mut holes);
            let f = Fragment::cut(&html, holes.unwrap_or_default()).map(Rc::new);
            cache.entries.borrow_mut().insert(key, f.clone());
            match f {
                Some(f) => f.resolve_into(out, ctx),
                // Not cut into a fragment (see `Fragment::cut`): rendered for this page alone.
                None => out.push_str(&render(&evs, false, &tasks, mentions.view(), ctx)),
            }
        }
        Some(Some(f)) => f.resolve_into(out, ctx),
        Some(None) => {
            let (tasks, mentions) = (tasks(), mentions());
            out.push_str(&render(&events.load().to_vec(), false, &tasks, mentions.view(), ctx));
        }
    }
}

/// The inline content of a heading as HTML (links kept, no block markup): from its events, or,
/// for a plain-text heading, from its text.
pub fn render_heading(heading: &Heading, ctx: &MdContext<'_>) -> String {
    match heading.plain_text() {
        Some(text) => render_inline(&[Event::Text(CowStr::Borrowed(text))], ctx),
        None => render_inline_events(heading.inline(), ctx),
    }
}

/// The inline content of a heading as HTML (links kept, no block markup), from the page's cache
/// when it has one; see [`render_into`].
fn render_inline_events(events: &Events, ctx: &MdContext<'_>) -> String {
    let mut out = String::new();
    match ctx.cache {
        Some(_) => {
            // Headings with raw HTML are rare; finding out needs the events decoded.
            let raw = events.load().iter().any(|e| matches!(e, Event::InlineHtml(_) | Event::Html(_)));
            render_into(&mut out, events, raw, Vec::new, UnitMentions::default, ctx);
        }
        None => out = render_inline(&events.load().to_vec(), ctx),
    }
    out
}

/// Renders the events of one unit. `tasks` are the unit's tasks (for weeks): its top-level list
/// items get progress checkboxes keyed by roadmap id + task id. `mentions` (from the link stage)
/// become links to resource pages (every mention) and topic pages (the first on the page).
pub fn render(
    events: &[Event<'_>],
    has_raw_html: bool,
    tasks: &[Task],
    mentions: UnitMentionsRef<'_>,
    ctx: &MdContext<'_>,
) -> String {
    render_with(events, has_raw_html, tasks, mentions, ctx, &mut None)
}

/// [`render`], with the page-dependent places left as marked holes when `holes` is `Some`.
fn render_with(
    events: &[Event<'_>],
    has_raw_html: bool,
    tasks: &[Task],
    mentions: UnitMentionsRef<'_>,
    ctx: &MdContext<'_>,
    holes: &mut Holes,
) -> String {
    // A mention turns one text event into up to four (text, link, text, end of link): sized by
    // the events alone, the list of a unit with mentions (a quarter of them at 1,000 roadmaps)
    // was grown and copied.
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + 4 * mentions.count());
    let mut images = 0usize;
    let mut mentions = mentions.runs().peekable();
    let mut list_depth = 0usize;
    let mut item_depth = 0usize;
    let mut task_index = 0usize;
    let mut code: Option<(String, String)> = None;
    let mut i = 0;
    while i < events.len() {
        let e = &events[i];
        i += 1;
        if let Some((lang, buf)) = code.as_mut() {
            match e {
                Event::Text(t) => buf.push_str(t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = ctx.highlighter.block(lang, buf);
                    out.push(Event::Html(CowStr::from(html)));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        while mentions.peek().is_some_and(|m| (m.first as usize) < i - 1) {
            mentions.next();
        }
        if matches!(e, Event::Text(_))
            && let Some(m) = mentions.next_if(|m| m.first as usize == i - 1)
        {
            let run = &events[m.first as usize..m.end as usize];
            let text: String = run.iter().map(|e| if let Event::Text(t) = e { t.as_ref() } else { "" }).collect();
            push_mentions(&mut out, &text, &m, ctx, holes);
            i = m.end as usize;
            continue;
        }
        match e {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::List(_)) => {
                list_depth += 1;
                out.push(e.clone());
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                out.push(e.clone());
            }
            Event::Start(Tag::Item) => {
                item_depth += 1;
                let status = status_class(&events[i..]);
                // Put together in a buffer of its final size: grown from `<li`, it was copied
                // five times per task, and an event's string is cut to its length anyway.
                let li = if list_depth == 1 && item_depth == 1 && task_index < tasks.len() {
                    let task = &tasks[task_index];
                    task_index += 1;
                    let label = escape(&task.text);
                    let mut li = String::with_capacity(
                        TASK_LI_MARKUP + status.len() + 2 * task.id.len() + ctx.roadmap.len() + label.len(),
                    );
                    // `push_str` rather than `format!`: every task of every page comes here.
                    li.push_str("<li class=\"task");
                    if !status.is_empty() {
                        li.push(' ');
                        li.push_str(status);
                    }
                    li.push_str("\" id=\"task-");
                    for (n, part) in task.id.split('.').enumerate() {
                        if n > 0 {
                            li.push('-');
                        }
                        li.push_str(part);
                    }
                    for piece in [
                        "\"><input type=\"checkbox\" class=\"progress\" data-key=\"",
                        ctx.roadmap,
                        ":",
                        &task.id,
                        "\" aria-label=\"",
                        &label,
                        "\">",
                    ] {
                        li.push_str(piece);
                    }
                    li
                } else if !status.is_empty() {
                    ["<li class=\"", status, "\">"].concat()
                } else {
                    String::from("<li>")
                };
                out.push(Event::Html(CowStr::from(li)));
            }
            Event::End(TagEnd::Item) => {
                item_depth = item_depth.saturating_sub(1);
                out.push(Event::Html(CowStr::Borrowed("</li>\n")));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = match (link_target(dest_url, ctx), holes.as_mut()) {
                    // Written as pulldown-cmark writes a link, with the URL left as a hole. Not
                    // inside an image, whose alt text drops markup; nor for e-mail autolinks,
                    // which get a `mailto:` (neither has a page-dependent target in practice).
                    (Some(hole), Some(list)) if images == 0 && *link_type != LinkType::Email => {
                        let mut a = String::with_capacity(32 + title.len());
                        a.push_str("<a href=\"");
                        mark(&mut a, list, hole);
                        if !title.is_empty() {
                            a.push_str("\" title=\"");
                            let _ = escape_html(&mut a, title);
                        }
                        a.push_str("\">");
                        out.push(Event::Html(CowStr::from(a)));
                        continue;
                    }
                    (Some(hole), _) => CowStr::from(hole.url(ctx)),
                    (None, _) if !is_safe_url(dest_url, false) => CowStr::Borrowed("#"),
                    (None, _) => dest_url.clone(),
                };
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                images += 1;
                let dest = if is_safe_url(dest_url, true) { dest_url.clone() } else { CowStr::Borrowed("") };
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: dest,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::End(TagEnd::Image) => {
                images = images.saturating_sub(1);
                out.push(e.clone());
            }
            Event::Text(t) if t.contains('\u{2B50}') => push_stars(&mut out, t),
            _ => out.push(e.clone()),
        }
    }
    // Sized for the text and some markup per event: sized by the number of events alone, the
    // buffer of a unit with long paragraphs was grown (and copied) several times, and growing
    // buffers was 6 % of a large build's time.
    let text: usize = out
        .iter()
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.len(),
            _ => 0,
        })
        .sum();
    let mut html = String::with_capacity(text + text / 16 + out.len() * 8);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if has_raw_html { sanitize(&html) } else { html }
}

/// The bytes of a task's `<li>` besides its status, id (twice), roadmap id and label.
const TASK_LI_MARKUP: usize = "<li class=\"task".len()
    + " ".len()
    + "\" id=\"task-".len()
    + "\"><input type=\"checkbox\" class=\"progress\" data-key=\"".len()
    + ":".len()
    + "\" aria-label=\"".len()
    + "\">".len();

/// The inline content of a heading as HTML (links kept, no block markup).
pub fn render_inline(events: &[Event<'_>], ctx: &MdContext<'_>) -> String {
    render(
        events,
        events.iter().any(|e| matches!(e, Event::InlineHtml(_) | Event::Html(_))),
        &[],
        UnitMentionsRef::default(),
        ctx,
    )
}

/// Text with mentions: each mention of a resource becomes a link, a topic only the first time on
/// the page; the text between goes through the usual text handling.
fn push_mentions<'a>(
    out: &mut Vec<Event<'a>>,
    text: &str,
    m: &RunMentions<'_>,
    ctx: &MdContext<'_>,
    holes: &mut Holes,
) {
    let mut pos = 0;
    if let Some(list) = holes.as_mut() {
        // Every mention becomes a pair of holes; the page decides which topics it links.
        for &(s, e, target) in m.spans {
            let (s, e, target) = (s as usize, e as usize, target.get());
            let Some(to) = ctx.target_path(target) else {
                continue;
            };
            let (class, topic) = match target {
                Target::Resource(_) => ("ref ref-resource", None),
                Target::Topic(i) => ("ref ref-topic", Some(i)),
            };
            push_text(out, &text[pos..s]);
            let mut open = String::with_capacity(16);
            mark(&mut open, list, Hole::MentionOpen { class, to, topic });
            out.push(Event::Html(CowStr::from(open)));
            push_text(out, &text[s..e]);
            let mut close = String::with_capacity(16);
            mark(&mut close, list, Hole::MentionClose);
            out.push(Event::Html(CowStr::from(close)));
            pos = e;
        }
        push_text(out, &text[pos..]);
        return;
    }
    for &(s, e, target) in m.spans {
        let (s, e, target) = (s as usize, e as usize, target.get());
        let link = match target {
            Target::Resource(_) => true,
            Target::Topic(i) => ctx.linked_topics.borrow_mut().insert(i),
        };
        let href = if link { ctx.target_href(target) } else { None };
        let Some(href) = href else {
            continue;
        };
        push_text(out, &text[pos..s]);
        let class = if matches!(target, Target::Resource(_)) { "ref ref-resource" } else { "ref ref-topic" };
        out.push(Event::Html(CowStr::from(["<a class=\"", class, "\" href=\"", &escape(&href), "\">"].concat())));
        push_text(out, &text[s..e]);
        out.push(Event::Html(CowStr::Borrowed("</a>")));
        pos = e;
    }
    push_text(out, &text[pos..]);
}

fn push_text<'a>(out: &mut Vec<Event<'a>>, text: &str) {
    if text.is_empty() {
    } else if text.contains('\u{2B50}') {
        push_stars(out, text);
    } else {
        out.push(Event::Text(CowStr::from(text.to_owned())));
    }
}

/// Where a link written in the unit goes when that depends on the page showing it: a resource
/// or topic (`resource:id`, `topic:id`), an anchor of the edition (`#id`, to the page of this
/// roadmap that now holds it) or another edition's file (`en.md#id`, `../other/vi.md`). `None`
/// for every other link, which is kept as written (or dropped when unsafe).
fn link_target(dest: &str, ctx: &MdContext<'_>) -> Option<Hole> {
    let registry = if let Some(id) = dest.strip_prefix("resource:") {
        ctx.site.resources.iter().position(|r| r.id == id).map(Target::Resource)
    } else if let Some(id) = dest.strip_prefix("topic:") {
        ctx.site.topics.iter().position(|t| t.id == id).map(Target::Topic)
    } else {
        None
    };
    if let Some(to) = registry.and_then(|t| ctx.target_path(t)) {
        return Some(Hole::Href { to });
    }
    if !is_safe_url(dest, false) {
        return None;
    }
    if let Some(fragment) = dest.strip_prefix('#')
        && let Some(page) = ctx.links.page_of(ctx.site, ctx.roadmap, ctx.lang, fragment)
    {
        // The anchor lives on a page of this roadmap in the reader's language.
        let mut path = urls::roadmap(ctx.ui_lang, ctx.roadmap);
        page.push_suffix(&mut path);
        return Some(Hole::Anchor { page: path, fragment: fragment.to_owned() });
    }
    if dest.contains(".md")
        && !dest.contains("://")
        && let Some(to) = ctx.links.resolve_file_path(ctx.site, ctx.roadmap, dest)
    {
        return Some(Hole::Href { to });
    }
    None
}

/// Whether a URL written in Markdown may be published: relative URLs and http(s), mailto and tel
/// links; `data:image/…` only for images. Everything else (`javascript:`, `vbscript:`, `data:` in
/// links, `file:`…) is dropped, also when hidden by case, whitespace or control characters.
pub fn is_safe_url(url: &str, image: bool) -> bool {
    let cleaned: String =
        url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    let Some(colon) = cleaned.find(':') else { return true };
    // A colon after the first `/`, `?` or `#` is not a scheme separator.
    if cleaned[..colon].contains(['/', '?', '#']) {
        return true;
    }
    let scheme = &cleaned[..colon];
    match scheme {
        "http" | "https" | "mailto" | "tel" => true,
        "data" => image && cleaned.starts_with("data:image/") && !cleaned.starts_with("data:image/svg"),
        _ => false,
    }
}

fn keep_safe_relative(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    is_safe_url(url, false).then_some(std::borrow::Cow::Borrowed(url))
}

/// `status-done`, `status-gap` or `status-avoid` when the item's text starts with ✅, 🔴 or ❌.
fn status_class(rest: &[Event<'_>]) -> &'static str {
    for e in rest.iter().take(3) {
        match e {
            Event::Start(Tag::Paragraph) => continue,
            Event::Text(t) => {
                let t = t.trim_start();
                return if t.starts_with('✅') {
                    "status-done"
                } else if t.starts_with('🔴') {
                    "status-gap"
                } else if t.starts_with('❌') {
                    "status-avoid"
                } else {
                    ""
                };
            }
            _ => return "",
        }
    }
    ""
}

/// Splits text so that each run of ⭐ becomes a rating with an accessible label.
fn push_stars<'a>(out: &mut Vec<Event<'a>>, text: &str) {
    let mut rest = text;
    while let Some(start) = rest.find('\u{2B50}') {
        if start > 0 {
            out.push(Event::Text(CowStr::from(rest[..start].to_owned())));
        }
        let run: String = rest[start..].chars().take_while(|&c| c == '\u{2B50}' || c == '\u{FE0F}').collect();
        let n = run.chars().filter(|&c| c == '\u{2B50}').count();
        out.push(Event::Html(CowStr::from(format!(
            "<span class=\"stars\" role=\"img\" aria-label=\"{n}/5\" data-level=\"{n}\">{run}</span>"
        ))));
        rest = &rest[start + run.len()..];
    }
    if !rest.is_empty() {
        out.push(Event::Text(CowStr::from(rest.to_owned())));
    }
}

/// Cleans HTML that contains author-written raw HTML: no scripts, event handlers, `javascript:`
/// URLs, styles or frames; gen's own markup (checkboxes, classes, ids) survives.
pub fn sanitize(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_generic_attributes([
                "class",
                "id",
                "lang",
                "dir",
                "title",
                "role",
                "aria-label",
                "data-key",
                "data-level",
                "tabindex",
            ]);
            b.add_tags(["input", "details", "summary", "kbd", "mark", "figure", "figcaption"]);
            b.add_tag_attributes("input", ["type", "checked", "disabled"]);
            b.add_tag_attributes("a", ["href", "hreflang"]);
            b.add_tag_attributes("img", ["src", "alt", "width", "height", "loading"]);
            b.url_schemes(["http", "https", "mailto"].into_iter().collect());
            // Relative URLs pass only when our own filter agrees (a "relative" URL such as
            // "`javascript:…" is an old-browser trick).
            b.url_relative(ammonia::UrlRelative::Custom(Box::new(keep_safe_relative)));
            b
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_is_found_among_letters_that_share_its_bytes() {
        let m = MARK.to_string();
        assert_eq!(find_mark(""), None);
        assert_eq!(find_mark("привет, пп"), None);
        // U+FEFF and U+F8FE start with the mark's first byte; 'п' ends with its last.
        let s = format!("\u{FEFF}п\u{F8FE}x{m}0{m}");
        assert_eq!(find_mark(&s), s.find(MARK));
        assert_eq!(find_mark(&m), Some(0));
        let s = format!("học п{m}");
        assert_eq!(find_mark(&s), Some(s.len() - m.len()));
    }
}
