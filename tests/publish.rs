//! What publishing on GitHub Pages needs from a build: the Nu Html Checker finds no error on any
//! page; a crawl of the site served under a sub-path reaches every page through links and finds
//! nothing broken; every page is light; the Pages files (.nojekyll, CNAME, robots.txt, sitemap
//! with alternates) are right; structured data parses.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;

use common::browser::StaticServer;
use common::*;

const BASE: &str = "https://user.github.io/repo/";

/// The Nu Html Checker's jar, installed by `npm ci`.
fn vnu_jar() -> Option<std::path::PathBuf> {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success());
    if jar.is_file() && java {
        return Some(jar);
    }
    assert!(std::env::var_os("CI").is_none(), "CI needs Java and vnu-jar (`npm ci`)");
    eprintln!("skipping: install Java and run `npm ci` for the Nu Html Checker");
    None
}

#[test]
fn nu_html_checker_finds_no_error_on_any_page() {
    let Some(jar) = vnu_jar() else {
        return;
    };
    let (out, report) = build_bundled(Some(BASE));
    assert!(!report.failed());
    let site = out.path().join("public");
    let pages = html_files(&site).len();
    let run = Command::new("java")
        .args(["-Xss4m", "-jar"])
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "json", "--exit-zero-always"])
        .arg(&site)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&run.stderr)
        .unwrap_or_else(|e| panic!("vnu did not report JSON ({e}): {}", String::from_utf8_lossy(&run.stderr)));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let file = m["url"].as_str().unwrap_or("").rsplit_once("/public/").map_or("", |(_, f)| f).to_owned();
            format!("{file}:{}: {}", m["lastLine"], m["message"].as_str().unwrap_or(""))
        })
        .collect();
    eprintln!("vnu checked {pages} pages: {} errors", errors.len());
    assert!(errors.is_empty(), "{} errors:\n{}", errors.len(), errors.join("\n"));
}

/// A GET over loopback; returns status and body.
fn get(url: &str) -> (u16, Vec<u8>) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    let mut s = TcpStream::connect(host).unwrap();
    write!(s, "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, buf[head_end + 4..].to_vec())
}

/// Resolves a relative reference against an absolute http URL, as a browser does.
fn resolve(base: &str, href: &str) -> String {
    if href.starts_with("http://") || href.starts_with("https://") {
        return href.to_owned();
    }
    let (scheme_host, path) = {
        let after = base.find("://").unwrap() + 3;
        let slash = base[after..].find('/').map_or(base.len(), |i| after + i);
        (&base[..slash], &base[slash..])
    };
    let path = path.split(['?', '#']).next().unwrap();
    let joined =
        if href.starts_with('/') { href.to_owned() } else { format!("{}{}", &path[..=path.rfind('/').unwrap()], href) };
    let (p, suffix) = match joined.find(['?', '#']) {
        Some(i) => (&joined[..i], &joined[i..]),
        None => (joined.as_str(), ""),
    };
    let mut parts: Vec<&str> = Vec::new();
    let segs: Vec<&str> = p.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            "." => {}
            s if s.is_empty() && i > 0 && i < segs.len() - 1 => {}
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if (p.ends_with('/') || p.ends_with("/.") || p.ends_with("/..")) && !out.ends_with('/') {
        out.push('/');
    }
    format!("{scheme_host}{out}{suffix}")
}

#[test]
fn crawl_under_a_sub_path_reaches_every_page_and_finds_nothing_broken() {
    let (out, report) = build_bundled(Some(BASE));
    assert!(!report.failed());
    let site = out.path().join("public");
    let server = StaticServer::start(&site, "/repo/");
    let start = server.url.clone();
    let origin = start.trim_end_matches("/repo/").to_owned();

    let mut queue = VecDeque::from([start.clone()]);
    let mut seen: BTreeSet<String> = BTreeSet::from([start.clone()]);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut fragments: Vec<(String, String, String)> = Vec::new();
    let mut broken = Vec::new();
    while let Some(url) = queue.pop_front() {
        let (status, body) = get(&url);
        if status != 200 {
            broken.push(format!("{url}: HTTP {status}"));
            continue;
        }
        let is_html = url.ends_with('/') || url.ends_with(".html");
        if !is_html {
            continue;
        }
        let html = String::from_utf8(body).unwrap();
        ids.insert(url.clone(), attr_values(&html, "id").into_iter().collect());
        // Links, assets, form targets, and what the search box fetches.
        let refs = ["href", "src", "action", "data-index"].into_iter().flat_map(|a| attr_values(&html, a));
        for r in refs {
            if r.starts_with("mailto:") || r.starts_with("https://") || r.starts_with("http://") {
                continue; // external navigation; requests that leave the site are checked below
            }
            let abs = resolve(&url, &percent_decode(&r));
            assert!(abs.starts_with(&start), "{url} links outside the site root: {r}");
            let (target, frag) = match abs.split_once('#') {
                Some((t, f)) => (t.to_owned(), Some(f.to_owned())),
                None => (abs.clone(), None),
            };
            let target = target.split('?').next().unwrap().to_owned();
            if let Some(f) = frag.filter(|f| !f.is_empty()) {
                fragments.push((url.clone(), target.clone(), f));
            }
            if seen.insert(target.clone()) {
                queue.push_back(target);
            }
        }
    }
    for (from, target, frag) in &fragments {
        if ids.get(target).is_some_and(|s| !s.contains(frag)) {
            broken.push(format!("{from} → {target}#{frag}: no such id"));
        }
    }
    assert!(broken.is_empty(), "{} broken:\n{}", broken.len(), broken.join("\n"));

    // Every page written is reached by following links from the root (the 404 page is served
    // by GitHub Pages for unknown addresses, not linked).
    let reached: BTreeSet<String> = seen.iter().map(|u| u.strip_prefix(&start).unwrap().to_owned()).collect();
    let unreached: Vec<String> = html_files(&site)
        .into_keys()
        .filter(|f| f != "404.html")
        .map(|f| f.strip_suffix("index.html").map_or(f.clone(), str::to_owned))
        .filter(|p| !reached.contains(p))
        .collect();
    assert!(unreached.is_empty(), "pages no link leads to:\n{}", unreached.join("\n"));

    // Unknown addresses get the 404 page, whose links are absolute under the sub-path.
    let (status, body) = get(&format!("{start}vi/no/such/page/"));
    assert_eq!(status, 404);
    let html = String::from_utf8(body).unwrap();
    for r in attr_values(&html, "href").into_iter().chain(attr_values(&html, "src")) {
        if r.starts_with("https://") || r.starts_with('#') {
            continue;
        }
        assert!(r.starts_with("/repo/"), "404 page link {r} does not work at every depth");
        let (status, _) = get(&format!("{origin}{}", r.split('#').next().unwrap()));
        assert_eq!(status, 200, "404 page link {r}");
    }
}

/// Stylesheets and scripts a page loads (relative URLs resolved against its file).
fn assets_of(page: &str, html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let dir = Path::new(page).parent().unwrap_or(Path::new(""));
    for tag in html.split('<').skip(1) {
        let is_css = tag.starts_with("link ") && tag.contains("rel=\"stylesheet\"");
        let is_js = tag.starts_with("script ") && tag.contains(" src=\"");
        if !(is_css || is_js) {
            continue;
        }
        let attr = if is_css { "href" } else { "src" };
        for v in attr_values(&format!(" {tag}"), attr) {
            assert!(!v.contains("://") && !v.starts_with("//"), "{page} loads {v} from another site");
            let mut parts: Vec<String> = Vec::new();
            for c in dir.join(&v).components() {
                match c {
                    std::path::Component::ParentDir => {
                        parts.pop();
                    }
                    std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                    _ => {}
                }
            }
            out.push(parts.join("/"));
        }
    }
    out
}

#[test]
fn every_page_weighs_under_100_kb_with_its_css_and_js() {
    let (out, report) = build_bundled(Some(BASE));
    assert!(!report.failed());
    let site = out.path().join("public");
    let mut heaviest = (0u64, String::new());
    let mut over = Vec::new();
    for (page, html) in html_files(&site) {
        if page == "404.html" {
            continue; // absolute asset paths; same assets as every other page
        }
        if page.contains("/print/") {
            // The print view is a whole roadmap on one page by design (like a PDF to download),
            // reached only from the overview's print link; it is reported, not held to the bar.
            eprintln!("print view {page}: {} bytes of HTML", html.len());
            continue;
        }
        let mut total = html.len() as u64;
        for a in assets_of(&page, &html) {
            total += std::fs::metadata(site.join(&a)).unwrap_or_else(|_| panic!("{page}: missing {a}")).len();
        }
        if total > heaviest.0 {
            heaviest = (total, page.clone());
        }
        if total >= 100 * 1024 {
            over.push(format!("{page}: {total} bytes"));
        }
    }
    eprintln!("heaviest page: {} ({} bytes with CSS and JS)", heaviest.1, heaviest.0);
    assert!(over.is_empty(), "pages over 100 KB:\n{}", over.join("\n"));
}

#[test]
fn github_pages_files_are_in_place() {
    let dir = fixture_site("site-mini");
    let toml = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("cname = \"roadmaps.example.org\"\n{text}")).unwrap();
    let report = build(dir.path(), Some("https://roadmaps.example.org/"));
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    let site = dir.path().join("public");
    assert!(site.join(".nojekyll").is_file());
    assert_eq!(std::fs::read_to_string(site.join("CNAME")).unwrap(), "roadmaps.example.org\n");
    // The highlighting stylesheet is linked where there is code, and only there.
    let with_code = std::fs::read_to_string(site.join("vi/mini/phase-1/index.html")).unwrap();
    assert!(with_code.contains("<pre class=\"code\"") && with_code.contains("assets/syntax.css"));
    let without = std::fs::read_to_string(site.join("vi/mini/phase-2/index.html")).unwrap();
    assert!(!without.contains("<pre") && !without.contains("syntax.css"));
    let robots = std::fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://roadmaps.example.org/sitemap.xml"), "{robots}");

    let (out, _) = build_bundled(Some(BASE));
    let site = out.path().join("public");
    assert!(!site.join("CNAME").exists(), "no CNAME unless configured");
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("404.html") && !sitemap.contains("/search/"));
    // Every page's entry lists each translation and x-default.
    let entry = sitemap
        .split("<url>")
        .find(|e| e.contains("<loc>https://user.github.io/repo/ru/backend-zero-to-senior/phase-2/</loc>"))
        .expect("phase page in the sitemap");
    for l in ["vi", "ru", "en", "x-default"] {
        assert!(entry.contains(&format!("hreflang=\"{l}\"")), "{entry}");
    }
    // The 404 page and the search and print pages (noindex) are not listed.
    let pages = html_files(&site)
        .into_keys()
        .filter(|p| p != "404.html" && !p.contains("/search/") && !p.contains("/print/"))
        .count();
    assert_eq!(sitemap.matches("<loc>").count(), pages);
}

#[test]
fn structured_data_parses_and_names_the_language() {
    let (out, _) = build_bundled(Some(BASE));
    let site = out.path().join("public");
    let mut courses = 0;
    for (page, html) in html_files(&site) {
        let Some(start) = html.find("<script type=\"application/ld+json\">") else {
            continue;
        };
        let rest = &html[start + 35..];
        let json = &rest[..rest.find("</script>").unwrap()];
        let v: serde_json::Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{page}: JSON-LD does not parse: {e}"));
        // Keys in the order of their names, as a JSON map writes them (the structs that write
        // it keep their fields in that order), and no `<` inside the script element.
        assert_eq!(serde_json::to_string(&v).unwrap().replace('<', "\\u003c"), json, "{page}");
        assert_eq!(v["@context"], "https://schema.org", "{page}");
        for node in v["@graph"].as_array().unwrap() {
            let t = node["@type"].as_str().unwrap();
            assert!(node["inLanguage"].is_string(), "{page}: {t} without inLanguage");
            if t == "Course" {
                courses += 1;
                for k in ["name", "description", "provider", "url"] {
                    assert!(!node[k].is_null(), "{page}: Course without {k}");
                }
            }
            if t == "BreadcrumbList" {
                for item in node["itemListElement"].as_array().unwrap() {
                    assert!(item["name"].is_string() && item["position"].is_number(), "{page}: {item}");
                }
            }
        }
    }
    assert_eq!(courses, 6, "one Course per roadmap overview per language");
    let html = std::fs::read_to_string(site.join("vi/backend-nestjs-senior/index.html")).unwrap();
    assert!(html.contains("<meta property=\"og:title\""));
    assert!(
        html.contains("<meta property=\"og:url\" content=\"https://user.github.io/repo/vi/backend-nestjs-senior/\">")
    );
}
