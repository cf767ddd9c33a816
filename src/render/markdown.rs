//! Markdown events of one unit → HTML, with gen's additions: task checkboxes under weeks,
//! star ratings and status emoji as data, highlighted code, in-document links sent to the page
//! that now holds their target, and raw HTML sanitised by ammonia.

use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::highlight::{Highlighter, escape};
use crate::link::Links;
use crate::model::Task;

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
}

/// Renders the events of one unit. `tasks` are the unit's tasks (for weeks): its top-level list
/// items get progress checkboxes keyed by roadmap id + task id.
pub fn render(events: &[Event<'_>], has_raw_html: bool, tasks: &[Task], ctx: &MdContext<'_>) -> String {
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
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
    render(events, events.iter().any(|e| matches!(e, Event::InlineHtml(_) | Event::Html(_))), &[], ctx)
}

fn rewrite_link<'a>(dest: &CowStr<'a>, ctx: &MdContext<'_>) -> CowStr<'a> {
    if let Some(fragment) = dest.strip_prefix('#')
        && let Some(url) = ctx.links.resolve_fragment(ctx.roadmap, ctx.lang, ctx.page_suffix, fragment)
    {
        return CowStr::from(url);
    }
    if dest.contains(".md")
        && !dest.contains("://")
        && let Some(url) = ctx.links.resolve_file(ctx.roadmap, ctx.page_suffix, dest)
    {
        return CowStr::from(url);
    }
    dest.clone()
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
            b
        })
        .clean(html)
        .to_string()
}
