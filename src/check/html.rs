//! The references in gen's own HTML output (`href`, `src`, `action`, `data-index`) and the ids a
//! page defines, and how a relative reference resolves against a site-relative page path.
//!
//! Written by hand, not with an HTML parser: the HTML is gen's own (tera templates with escaping,
//! pulldown-cmark, ammonia), which always quotes attributes with `"`, so scanning attributes is
//! exact and a parser dependency would buy nothing.

/// Attributes whose values are URLs the site must serve.
pub const URL_ATTRS: &[&str] = &["href", "src", "action", "data-index"];

/// Values of `attr` in `html`, with entities and percent-escapes decoded.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(decode_entities(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// Decodes the entities gen's escaper writes.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Percent-decodes a URL part, as a browser does before matching a fragment to an id.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// True for references that leave the site (or are not addresses at all).
pub fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    match href.find(':') {
        Some(colon) => href.find(['/', '?', '#']).is_none_or(|sep| colon < sep),
        None => false,
    }
}

/// Where a relative reference on the page at `page` (site-relative, e.g. `vi/rm/phase-1/` or
/// `404.html`) points: the site-relative file it asks for (`vi/rm/index.html`) and its fragment.
/// `base_path` is the path part of the base URL, for absolute references (`/repo/…`).
/// `None` when the reference climbs above the site root or is outside the base path.
pub fn resolve(page: &str, href: &str, base_path: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let path = percent_decode(path);
    let (mut parts, rel): (Vec<String>, &str) = if path.starts_with('/') {
        let rest = path
            .strip_prefix(base_path)
            .or_else(|| (path.as_str() == base_path.trim_end_matches('/')).then_some(""))?;
        (Vec::new(), rest)
    } else {
        let dir = page.rfind('/').map_or("", |i| &page[..i]);
        (dir.split('/').filter(|s| !s.is_empty()).map(str::to_owned).collect(), path.as_str())
    };
    if path.is_empty() {
        return Some((file_of(page), fragment));
    }
    let segs: Vec<&str> = rel.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            ".." => {
                parts.pop()?;
            }
            "." | "" if i + 1 < segs.len() => {}
            "." | "" => {}
            s => parts.push(s.to_owned()),
        }
    }
    let dir_like = rel.is_empty() || rel.ends_with('/') || rel.ends_with("/.") || rel == "." || rel.ends_with("..");
    let mut file = parts.join("/");
    if dir_like {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some((file, fragment))
}

/// The file a page path is written to (`vi/` → `vi/index.html`).
pub fn file_of(page: &str) -> String {
    if page.is_empty() || page.ends_with('/') { format!("{page}index.html") } else { page.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_decoded_attribute_values() {
        let html = r#"<a href="../a/?x=1&amp;y=2#%C4%91">x</a><img src="i.png" alt=""><p id="đ-1">"#;
        assert_eq!(attr_values(html, "href"), ["../a/?x=1&y=2#%C4%91"]);
        assert_eq!(attr_values(html, "id"), ["đ-1"]);
        assert_eq!(percent_decode("%C4%91%"), "đ%");
    }

    #[test]
    fn resolves_like_a_browser() {
        let r = |page: &str, href: &str| resolve(page, href, "/repo/");
        assert_eq!(r("vi/rm/phase-1/", "../#x"), Some(("vi/rm/index.html".into(), Some("x".into()))));
        assert_eq!(r("vi/rm/phase-1/", "#%C4%91"), Some(("vi/rm/phase-1/index.html".into(), Some("đ".into()))));
        assert_eq!(r("vi/", "../assets/style.css"), Some(("assets/style.css".into(), None)));
        assert_eq!(r("vi/", "../"), Some(("index.html".into(), None)));
        assert_eq!(r("", "./"), Some(("index.html".into(), None)));
        assert_eq!(r("vi/search/", "./"), Some(("vi/search/index.html".into(), None)));
        assert_eq!(r("404.html", "/repo/vi/"), Some(("vi/index.html".into(), None)));
        assert_eq!(r("404.html", "/other/vi/"), None);
        assert_eq!(r("vi/", "../../x/"), None);
    }

    #[test]
    fn external_references() {
        assert!(is_external("https://x.org/"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example/x.js"));
        assert!(!is_external("../a/"));
        assert!(!is_external("#x:y"));
        assert!(!is_external("a/b:c"));
    }
}
