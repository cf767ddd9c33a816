//! Markdown events of one unit → HTML, with gen's additions: task checkboxes under weeks,
//! star ratings and status emoji as data, highlighted code, in-document links sent to the page
//! that now holds their target, and raw HTML sanitised by ammonia.

use std::cell::RefCell;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::highlight::{Highlighter, escape};
use crate::link::mentions::{RunMentions, UnitMentionsRef};
use crate::link::{Links, Target, relative, relative_short, urls};
use crate::model::{Site, Task};

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
}

impl MdContext<'_> {
    /// The relative URL of a resource or topic page, from the page being rendered.
    fn target_href(&self, t: Target) -> Option<String> {
        let to = match t {
            Target::Resource(i) => urls::resource(self.ui_lang, &self.site.resources.get(i)?.id),
            Target::Topic(i) => urls::topic(self.ui_lang, &self.site.topics.get(i)?.id),
        };
        Some(relative(self.page_path, &to))
    }
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
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
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
            push_mentions(&mut out, &text, &m, ctx);
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
                let mut li = String::from("<li");
                if list_depth == 1 && item_depth == 1 && task_index < tasks.len() {
                    let task = &tasks[task_index];
                    task_index += 1;
                    let cls = if status.is_empty() { "task".to_owned() } else { format!("task {status}") };
                    li.push_str(&format!(
                        " class=\"{cls}\" id=\"task-{}\"><input type=\"checkbox\" class=\"progress\" data-key=\"{}:{}\" aria-label=\"{}\">",
                        task.id.replace('.', "-"),
                        ctx.roadmap,
                        task.id,
                        escape(&task.text)
                    ));
                } else if !status.is_empty() {
                    li.push_str(&format!(" class=\"{status}\">"));
                } else {
                    li.push('>');
                }
                out.push(Event::Html(CowStr::from(li)));
            }
            Event::End(TagEnd::Item) => {
                item_depth = item_depth.saturating_sub(1);
                out.push(Event::Html(CowStr::Borrowed("</li>\n")));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = rewrite_link(dest_url, ctx);
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = if is_safe_url(dest_url, true) { dest_url.clone() } else { CowStr::Borrowed("") };
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: dest,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Text(t) if t.contains('\u{2B50}') => push_stars(&mut out, t),
            _ => out.push(e.clone()),
        }
    }
    let mut html = String::with_capacity(events.len() * 16);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if has_raw_html { sanitize(&html) } else { html }
}

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
fn push_mentions<'a>(out: &mut Vec<Event<'a>>, text: &str, m: &RunMentions<'_>, ctx: &MdContext<'_>) {
    let mut pos = 0;
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
        out.push(Event::Html(CowStr::from(format!("<a class=\"{class}\" href=\"{}\">", escape(&href)))));
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

fn rewrite_link<'a>(dest: &CowStr<'a>, ctx: &MdContext<'_>) -> CowStr<'a> {
    let registry = if let Some(id) = dest.strip_prefix("resource:") {
        ctx.site.resources.iter().position(|r| r.id == id).map(Target::Resource)
    } else if let Some(id) = dest.strip_prefix("topic:") {
        ctx.site.topics.iter().position(|t| t.id == id).map(Target::Topic)
    } else {
        None
    };
    if let Some(href) = registry.and_then(|t| ctx.target_href(t)) {
        return CowStr::from(href);
    }
    if !is_safe_url(dest, false) {
        return CowStr::Borrowed("#");
    }
    if let Some(fragment) = dest.strip_prefix('#')
        && let Some(page) = ctx.links.page_of(ctx.roadmap, ctx.lang, fragment)
    {
        // The anchor lives on a page of this roadmap in the reader's language.
        let target = format!("{}{page}", urls::roadmap(ctx.ui_lang, ctx.roadmap));
        return CowStr::from(if target == ctx.page_path {
            format!("#{fragment}")
        } else {
            format!("{}#{fragment}", relative_short(ctx.page_path, &target))
        });
    }
    if dest.contains(".md")
        && !dest.contains("://")
        && let Some(url) = ctx.links.resolve_file(ctx.roadmap, ctx.page_suffix, dest)
    {
        return CowStr::from(url);
    }
    dest.clone()
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
