//! Untrusted content cannot inject script: raw HTML is sanitised (ammonia), Markdown links and
//! images with dangerous schemes are dropped, templates escape front matter, and JSON-LD cannot
//! be closed early. Payloads in the style of OWASP's XSS filter-evasion cheat sheet.

mod common;

use common::{build, fixture_site, html_files};

/// Each payload goes into a roadmap as its own paragraph (or heading, or link).
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG onmouseover=\"alert('xxs')\">",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<SCRIPT/XSS SRC=\"http://xss.example/xss.js\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<SCRIPT SRC=//xss.example/.j>",
    "<IMG SRC=\"`('XSS')\"",
    "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<SVG/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
    "<STYLE>@import'http://xss.example/xss.css';</STYLE>",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.example/scriptlet.html\"></OBJECT>",
    "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=\"  JaVaScRiPt:alert(1)\">click</a>",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<details open ontoggle=alert(1)>x</details>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "<https://ok.example/?q=<script>>",
    "<javascript:alert(1)>",
];

#[test]
fn no_payload_reaches_a_page_as_script() {
    let site = fixture_site("site-mini");
    let mut body = String::from(
        "+++\ntitle = \"</title><script>alert('t')</script>\"\ndescription = \"\\\"><script>alert('d')</script>\"\n+++\n\n",
    );
    for (i, p) in PAYLOADS.iter().enumerate() {
        body.push_str(&format!("## Heading {i} {p} {{#h{i}}}\n\n{p}\n\n- item {p}\n\n"));
    }
    body.push_str("## Career </script><script>alert('c')</script> {#career .career}\n\n- role\n");
    std::fs::write(site.path().join("content/roadmaps/mini/vi.md"), body).unwrap();
    std::fs::remove_file(site.path().join("content/roadmaps/mini/en.md")).unwrap();
    let report = build(site.path(), None);
    assert!(!report.failed(), "{:#?}", report.diagnostics.iter().filter(|d| d.is_error()).collect::<Vec<_>>());
    let pages = html_files(&site.path().join("public"));
    let mut checked = 0;
    for (page, html) in &pages {
        let lower = html.to_ascii_lowercase();
        // Only gen's own two scripts: the defer-loaded theme script and JSON-LD data.
        let mut rest = lower.as_str();
        while let Some(i) = rest.find("<script") {
            let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
            let tag = &rest[i..tag_end];
            assert!(
                tag.contains("src=\"") && tag.contains("assets/gen.js") || tag.contains("type=\"application/ld+json\""),
                "{page}: foreign script tag {tag} in …{}…",
                &rest[i.saturating_sub(300)..(i + 200).min(rest.len())]
            );
            if tag.contains("ld+json") {
                let close = rest[tag_end..].find("</script>").expect("closed") + tag_end;
                let json = &html[html.len() - rest.len() + tag_end + 1..html.len() - rest.len() + close];
                assert!(serde_json::from_str::<serde_json::Value>(json).is_ok(), "{page}: JSON-LD broken: {json}");
            }
            rest = &rest[tag_end..];
        }
        // Dangerous things inside tags (text that merely mentions them is harmless).
        for tag in tags(&lower) {
            for bad in ["javascript:", "vbscript:", "data:text/html"] {
                assert!(!tag.contains(bad), "{page}: {bad:?} in tag {tag}");
            }
            for name in [
                "<iframe",
                "<object",
                "<embed",
                "<frame",
                "<base",
                "<meta http-equiv",
                "<style",
                "<form",
                "<svg",
                "<math",
            ] {
                // gen's own search box is the one form a page may hold.
                if name == "<form" && tag.starts_with("<form class=\"search") {
                    continue;
                }
                assert!(!tag.starts_with(name), "{page}: tag {tag}");
            }
        }
        let handlers = attrs_starting_with_on(&lower);
        assert!(handlers.is_empty(), "{page}: event handler attributes {handlers:?}");
        checked += 1;
    }
    assert!(checked > 10);
    let en = &pages["vi/mini/index.html"];
    assert!(
        en.contains("&lt;script&gt;alert(&#39;t&#39;)") || en.contains("&lt;script&gt;alert('t')"),
        "title must be shown escaped"
    );
}

/// Every start tag in the HTML, quotes respected.
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in html.chars() {
        match cur.as_mut() {
            None if c == '<' => cur = Some(String::from("<")),
            None => {}
            Some(t) => {
                t.push(c);
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == '"' || c == '\'' => quote = Some(c),
                    None if c == '>' => out.push(cur.take().expect("in tag")),
                    None => {}
                }
            }
        }
    }
    out
}

/// Attribute names beginning with `on` inside tags (`onerror=`, `onload =`).
fn attrs_starting_with_on(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let chars: Vec<char> = html.chars().collect();
    for i in 0..chars.len() {
        let c = chars[i];
        match (in_tag, quote) {
            (false, _) if c == '<' => in_tag = true,
            (true, None) if c == '>' => in_tag = false,
            (true, None) if c == '"' || c == '\'' => quote = Some(c),
            (true, Some(q)) if c == q => quote = None,
            (true, None) if (c == ' ' || c == '/' || c == '\t' || c == '\n') && i + 3 < chars.len() => {
                if chars[i + 1] == 'o' && chars[i + 2] == 'n' && chars[i + 3].is_ascii_alphabetic() {
                    let name: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric()).collect();
                    let after = chars[i + 1 + name.len()..].iter().find(|c| !c.is_whitespace());
                    if after == Some(&'=') {
                        found.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn url_filter_rejects_hidden_schemes() {
    use roadmap_gen::render::markdown::is_safe_url;
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:x",
        "java\u{0}script:x",
        "vbscript:x",
        "data:text/html,x",
        "file:///etc/passwd",
    ] {
        assert!(!is_safe_url(bad, false), "{bad:?} passed");
    }
    for good in ["https://example.org", "../x/#y", "#đánh-giá", "mailto:a@b.c", "x/y:z", "?q=a:b"] {
        assert!(is_safe_url(good, false), "{good:?} rejected");
    }
    assert!(is_safe_url("data:image/png;base64,AAAA", true));
    assert!(!is_safe_url("data:image/svg+xml;base64,AAAA", true));
    assert!(!is_safe_url("data:image/png;base64,AAAA", false));
}
