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
pub fn json_ld(r: &Renderer<'_>, job: &Job, common: &Common) -> String {
    let mut graph = Vec::new();
    if !common.breadcrumbs.is_empty() {
        let mut items: Vec<serde_json::Value> = Vec::new();
        let here = r.abs(&common.path);
        for (i, c) in common.breadcrumbs.iter().enumerate() {
            items.push(serde_json::json!({
                "@type": "ListItem", "position": i + 1, "name": c.title,
                "item": resolve(&here, &c.href),
            }));
        }
        items.push(serde_json::json!({"@type": "ListItem", "position": items.len() + 1, "name": common.title}));
        graph.push(serde_json::json!({
            "@type": "BreadcrumbList", "inLanguage": common.lang, "itemListElement": items,
        }));
    }
    if let Job::Roadmap(lang, i) = job {
        let rm = &r.site.roadmaps[*i];
        let (ed, _) = rm.edition_for(lang);
        let phases: Vec<serde_json::Value> = rm
            .source()
            .units_of(UnitKind::Phase)
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let name = rm.editions.get(lang).and_then(|e| crate::translation::translated_unit(e, Some(p.id()))).map_or(p.heading.text(), |u| u.heading.text());
                serde_json::json!({"@type": "ListItem", "position": n + 1, "name": name, "url": r.abs(&format!("{}{}/", common.path, p.id()))})
            })
            .collect();
        graph.push(serde_json::json!({
            "@type": "Course",
            "name": ed.front.title,
            "description": ed.front.description.clone().unwrap_or_else(|| ed.front.title.clone()),
            "inLanguage": ed.lang,
            "url": common.canonical,
            "provider": {"@type": "Organization", "name": r.site.config.title(lang)},
            "hasPart": {"@type": "ItemList", "inLanguage": common.lang, "itemListElement": phases},
        }));
    }
    if graph.is_empty() {
        return String::new();
    }
    let doc = serde_json::json!({"@context": "https://schema.org", "@graph": graph});
    // Inside a <script> element no `<` may appear at all (`</script>`, `<!--` change how HTML
    // parses the element); JSON allows the escape \u003c anywhere in a string.
    serde_json::to_string(&doc).unwrap_or_default().replace('<', "\\u003c")
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
