//! What search engines and social sites read: sitemap with hreflang alternates, Open Graph
//! locales and JSON-LD structured data. These are the only places absolute URLs appear.

use super::{Common, Job, Renderer};
use crate::model::{Site, UnitKind};

/// `og:locale` form of a language code (`vi` → `vi_VN`).
pub fn og_locale(lang: &str) -> String {
    match lang {
        "vi" => "vi_VN".into(),
        "ru" => "ru_RU".into(),
        "en" => "en_US".into(),
        other => other.replace('-', "_"),
    }
}

/// The path part of the base URL (`https://u.github.io/repo/` → `/repo/`).
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) if base_url.contains("://") => after_scheme[i..].to_owned(),
        _ if base_url.starts_with('/') => base_url.to_owned(),
        _ => "/".to_owned(),
    }
}

/// Appends `s` escaped for XML text and attributes.
fn push_xml(out: &mut String, s: &str) {
    if !s.contains(['&', '<', '>', '"']) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// `sitemap.xml` listing every page with `xhtml:link` alternates for its translations. Written
/// straight into one buffer: at 1,000 roadmaps it has 18,000 entries with three alternates each,
/// and building each piece as its own string took 130 ms on one core while the other waited.
pub fn sitemap(site: &Site, jobs: &[Job]) -> String {
    let base = site.config.base_url();
    let mut out = String::with_capacity(jobs.len() * 480);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let url = |out: &mut String, path: &str| {
        push_xml(out, &base);
        push_xml(out, path);
    };
    for job in jobs {
        if matches!(job, Job::NotFound | Job::Search(_) | Job::Print(..)) {
            continue; // 404 and search are not pages to index; the print view repeats the overview and phases
        }
        out.push_str("  <url>\n    <loc>");
        url(&mut out, &job.path(site));
        out.push_str("</loc>\n");
        if job.in_lang("en").is_some() {
            for l in &site.config.languages {
                if let Some(other) = job.in_lang(l) {
                    out.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
                    out.push_str(l);
                    out.push_str("\" href=\"");
                    url(&mut out, &other.path(site));
                    out.push_str("\"/>\n");
                }
            }
            out.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"");
            url(&mut out, "");
            out.push_str("\"/>\n");
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// JSON-LD for a page: BreadcrumbList everywhere below the home page; Course for a roadmap
/// overview; ItemList of phases for a roadmap.
///
/// Written from structs whose fields are in the order of their names, which is the order
/// `serde_json::Value` objects (sorted maps) gave the same document when it was built as one:
/// building those maps for every page was 1.5 % of a large build's time.
pub fn json_ld(r: &Renderer<'_>, job: &Job, common: &Common) -> String {
    let mut graph = Vec::new();
    if !common.breadcrumbs.is_empty() {
        let here = r.abs(&common.path);
        let mut items: Vec<ListItem<'_>> = common
            .breadcrumbs
            .iter()
            .enumerate()
            .map(|(i, c)| ListItem {
                kind: "ListItem",
                item: Some(resolve(&here, &c.href)),
                name: &c.title,
                position: i + 1,
                url: None,
            })
            .collect();
        items.push(ListItem {
            kind: "ListItem",
            item: None,
            name: &common.title,
            position: items.len() + 1,
            url: None,
        });
        graph.push(Node::List(ItemList {
            kind: "BreadcrumbList",
            in_language: &common.lang,
            item_list_element: items,
        }));
    }
    if let Job::Roadmap(lang, i) = job {
        let rm = &r.site.roadmaps[*i];
        let (ed, _) = rm.edition_for(lang);
        let phases: Vec<ListItem<'_>> = rm
            .source()
            .units_of(UnitKind::Phase)
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let name = rm
                    .editions
                    .get(lang)
                    .and_then(|e| crate::translation::translated_unit(e, Some(p.id())))
                    .map_or(p.heading.text(), |u| u.heading.text());
                ListItem {
                    kind: "ListItem",
                    item: None,
                    name,
                    position: n + 1,
                    url: Some(r.abs(&format!("{}{}/", common.path, p.id()))),
                }
            })
            .collect();
        graph.push(Node::Course(Course {
            kind: "Course",
            description: ed.front.description.as_deref().unwrap_or(&ed.front.title),
            has_part: ItemList { kind: "ItemList", in_language: &common.lang, item_list_element: phases },
            in_language: &ed.lang,
            name: &ed.front.title,
            provider: Organization { kind: "Organization", name: r.site.config.title(lang) },
            url: &common.canonical,
        }));
    }
    if graph.is_empty() {
        return String::new();
    }
    let doc = Document { context: "https://schema.org", graph };
    // Inside a <script> element no `<` may appear at all (`</script>`, `<!--` change how HTML
    // parses the element); JSON allows the escape \u003c anywhere in a string.
    serde_json::to_string(&doc).unwrap_or_default().replace('<', "\\u003c")
}

/// The JSON-LD document of a page. The fields of these structs are in the order of their JSON
/// names (`@` sorts first), which keeps the bytes of the document as they were (see
/// [`json_ld`]).
#[derive(serde::Serialize)]
struct Document<'a> {
    #[serde(rename = "@context")]
    context: &'a str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

/// A node of the graph.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Node<'a> {
    List(ItemList<'a>),
    Course(Course<'a>),
}

/// A `BreadcrumbList` or `ItemList`.
#[derive(serde::Serialize)]
struct ItemList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "itemListElement")]
    item_list_element: Vec<ListItem<'a>>,
}

/// An item of a list: a breadcrumb (`item`, the last one without) or a phase (`url`).
#[derive(serde::Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<String>,
    name: &'a str,
    position: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A roadmap as a `Course`.
#[derive(serde::Serialize)]
struct Course<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    description: &'a str,
    #[serde(rename = "hasPart")]
    has_part: ItemList<'a>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    name: &'a str,
    provider: Organization<'a>,
    url: &'a str,
}

/// The site as the `Organization` that provides its courses.
#[derive(serde::Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// Resolves a relative link against an absolute page URL (only `../` and plain segments occur).
fn resolve(page: &str, href: &str) -> String {
    let mut base = page.trim_end_matches(|c| c != '/').to_owned();
    let mut rest = href;
    while let Some(r) = rest.strip_prefix("../") {
        rest = r;
        let trimmed = base.trim_end_matches('/');
        if let Some(i) = trimmed.rfind('/')
            && !trimmed[..i].ends_with('/')
        {
            base = trimmed[..=i].to_owned();
        }
    }
    format!("{base}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_project_pages() {
        assert_eq!(base_path("https://u.github.io/repo/"), "/repo/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("/"), "/");
    }

    #[test]
    fn resolve_relative_links() {
        assert_eq!(resolve("https://x.io/repo/vi/a/b/", "../../"), "https://x.io/repo/vi/");
        assert_eq!(resolve("https://x.io/repo/vi/a/", "../a/"), "https://x.io/repo/vi/a/");
    }
}
