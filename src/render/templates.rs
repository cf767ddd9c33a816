//! Tera templates of the theme, with the `t()` function that looks up Fluent UI strings.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::FluentValue;
use tera::{Tera, Value};

use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;

/// Templates every theme must provide.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "chooser.html",
    "home.html",
    "roadmap.html",
    "phase.html",
    "weeks.html",
    "resources.html",
    "resource.html",
    "topics.html",
    "topic.html",
    "careers.html",
    "search.html",
    "404.html",
];

/// Loads `themes/<theme>/templates/*.html` and registers gen's functions.
pub fn load(theme_dir: &Path, i18n: Arc<I18n>) -> Result<Tera, Vec<Diagnostic>> {
    let dir = theme_dir.join("templates");
    if !dir.is_dir() {
        return Err(vec![Diagnostic::error(&dir, "theme has no templates folder").with_help(
            "set `theme` in site.toml to a folder under themes/ that has templates/, e.g. theme = \"default\"",
        )]);
    }
    let mut tera = Tera::default();
    // Tera's default escaper also escapes `/`, which makes every URL unreadable in the source.
    tera.set_escape_fn(|s| crate::render::highlight::escape(s));
    let mut diags = Vec::new();
    let mut files: Vec<(std::path::PathBuf, Option<String>)> = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for entry in rd.filter_map(Result::ok) {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "html") {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                files.push((p, name));
            }
        }
    }
    files.sort();
    if let Err(e) = tera.add_template_files(files.iter().map(|(p, n)| (p.as_path(), n.as_deref()))) {
        diags.push(Diagnostic::error(&dir, format!("template error: {}", tera_chain(&e))));
        return Err(diags);
    }
    for name in REQUIRED {
        if tera.get_template(name).is_err() {
            diags.push(
                Diagnostic::error(dir.join(name), "missing template").with_help(
                    "every theme provides the templates listed in docs/theming (copy it from themes/default)",
                ),
            );
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args.get("key").and_then(Value::as_str).ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
        let lang = args.get("lang").and_then(Value::as_str).ok_or_else(|| tera::Error::msg("t() needs lang=…"))?;
        let mut fargs: Vec<(&str, FluentValue<'_>)> = Vec::new();
        for (k, v) in args {
            if k == "key" || k == "lang" {
                continue;
            }
            let fv = match v {
                Value::Number(n) => n.as_f64().map(FluentValue::from).unwrap_or(FluentValue::None),
                Value::String(s) => FluentValue::from(s.as_str()),
                other => FluentValue::from(other.to_string()),
            };
            fargs.push((k.as_str(), fv));
        }
        Ok(Value::String(i18n.msg(lang, key, &fargs)))
    });
    Ok(tera)
}

/// A Tera error with its causes, which hold the useful part (template name and line).
pub fn tera_chain(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}
