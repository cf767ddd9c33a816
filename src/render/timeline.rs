//! The overview's timeline: phases and months along the weeks of a roadmap, drawn as inline SVG
//! at build time, with a text alternative (`<title>`, `<desc>` and a table built from the same
//! data).
//!
//! Two drawings of the same data: a wide one (time runs left to right, one row per phase) and a
//! narrow one for phones (time runs down the page), so that labels stay legible at either width;
//! the stylesheet shows one of them. Written by hand: the layout is small and specific, and no
//! charting crate renders static, theme-styled SVG without a runtime.
//!
//! Months and weeks follow the authoring format: weeks are numbered absolutely and a month is
//! four weeks (month `m` covers weeks `4m-3 ..= 4m`).

use std::fmt::Write;

use serde::Serialize;

use super::highlight::escape;
use crate::model::{Edition, NumRange, Unit, UnitKind};

/// Weeks per month in the authoring format.
pub const WEEKS_PER_MONTH: u32 = 4;

/// The timeline of one roadmap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// Phases in order.
    pub phases: Vec<PhaseSpan>,
    /// Number of months the axis covers.
    pub months: u32,
    /// Number of weeks the axis covers.
    pub weeks: u32,
}

/// One phase on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseSpan {
    /// Phase id (`phase-2`).
    pub id: String,
    /// 1-based position.
    pub number: usize,
    /// Heading text as shown to the reader.
    pub title: String,
    /// Language of `title`.
    pub lang: String,
    /// Months covered.
    pub months: NumRange,
    /// Weeks covered.
    pub weeks: NumRange,
    /// The phase's weekly plans.
    pub week_units: Vec<NumRange>,
    /// Number of tasks in its weeks.
    pub tasks: usize,
    /// Relative link to the phase page (filled by the renderer).
    pub href: String,
}

/// Words the drawing needs, in the reader's language.
pub struct Labels {
    /// `<title>` of the picture.
    pub title: String,
    /// `<desc>` of the picture: the whole timeline in one or two sentences.
    pub desc: String,
    /// Axis caption for months ("Months").
    pub months: String,
    /// Axis caption for weeks ("Weeks").
    pub weeks: String,
}

fn months_of_weeks(w: NumRange) -> NumRange {
    NumRange { start: w.start.div_ceil(WEEKS_PER_MONTH), end: w.end.div_ceil(WEEKS_PER_MONTH) }
}

fn weeks_of_months(m: NumRange) -> NumRange {
    NumRange { start: (m.start - 1) * WEEKS_PER_MONTH + 1, end: m.end * WEEKS_PER_MONTH }
}

fn hull(spans: impl Iterator<Item = NumRange>) -> Option<NumRange> {
    spans.fold(None, |acc, s| {
        Some(match acc {
            None => s,
            Some(a) => NumRange { start: a.start.min(s.start), end: a.end.max(s.end) },
        })
    })
}

/// The timeline of an edition's phases; `None` when it has no phase with a known span. `title_of`
/// gives the reader's title and its language for a source phase.
pub fn build(source: &Edition, title_of: impl Fn(&Unit) -> (String, String)) -> Option<Timeline> {
    let mut phases = Vec::new();
    for (i, p) in source.units_of(UnitKind::Phase).into_iter().enumerate() {
        let mut weeks = Vec::new();
        let mut months = Vec::new();
        let mut tasks = 0;
        p.walk(&mut |u| match u.kind {
            UnitKind::Week => {
                if let Some(s) = u.span {
                    weeks.push(s);
                }
                tasks += u.task_count();
            }
            UnitKind::Month => months.extend(u.span),
            _ => {}
        });
        let month_span = p.span.or_else(|| hull(months.iter().copied()));
        let week_span = hull(weeks.iter().copied());
        let (months, weeks_span) = match (month_span, week_span) {
            (Some(m), Some(w)) => {
                let mw = weeks_of_months(m);
                (m, NumRange { start: mw.start.min(w.start), end: mw.end.max(w.end) })
            }
            (Some(m), None) => (m, weeks_of_months(m)),
            (None, Some(w)) => (months_of_weeks(w), w),
            (None, None) => continue,
        };
        let (title, lang) = title_of(p);
        phases.push(PhaseSpan {
            id: p.id().to_owned(),
            number: i + 1,
            title,
            lang,
            months,
            weeks: weeks_span,
            week_units: weeks,
            tasks,
            href: String::new(),
        });
    }
    let weeks = phases.iter().map(|p| p.weeks.end).max()?;
    let months = phases.iter().map(|p| p.months.end).max().unwrap_or(0).max(weeks.div_ceil(WEEKS_PER_MONTH));
    Some(Timeline { phases, months, weeks: weeks.max(months * WEEKS_PER_MONTH) })
}

/// Rough rendered width of a text in a sans-serif font: enough to keep labels inside the
/// drawing, not a typesetter.
/// A drawing coordinate as `{:.1}` writes it, without the general float formatter (which was
/// about 2 % of a build's instructions for the two drawings of every overview and print page).
/// `f64::from(x) * 10.0` is exact (24 bits of mantissa times 10 fit in 53), and `{:.1}` rounds
/// the exact value half to even, so rounding that product half to even gives the same digits;
/// anything unusual (negative, not finite, huge) goes to the general formatter.
struct Dec1(f32);

impl std::fmt::Display for Dec1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        if !(x.is_sign_positive() && x < 1.0e9) {
            return write!(f, "{x:.1}");
        }
        let tenths = (f64::from(x) * 10.0).round_ties_even() as u64;
        write!(f, "{}.{}", tenths / 10, tenths % 10)
    }
}

fn text_width(s: &str, font: f32) -> f32 {
    s.chars()
        .map(|c| {
            if c.is_uppercase() {
                0.76
            } else if c.is_ascii_digit() || c.is_lowercase() {
                0.6
            } else if c == ' ' || c.is_ascii_punctuation() {
                0.32
            } else if (c as u32) > 0x2000 {
                1.1
            } else {
                0.6
            }
        })
        .sum::<f32>()
        * font
}

/// Breaks a label into lines no wider than `width`.
fn wrap(s: &str, font: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if !line.is_empty() && text_width(&candidate, font) > width {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn open_svg(out: &mut String, class: &str, id: &str, w: f32, h: f32, labels: &Labels) {
    let _ = write!(
        out,
        "<svg class=\"timeline {class}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(&labels.title),
        escape(&labels.desc)
    );
}

/// The wide drawing: months along the top, one row per phase with its weekly plans inside the
/// bar, week numbers along the bottom.
pub fn svg_wide(t: &Timeline, labels: &Labels) -> String {
    const W: f32 = 960.0;
    const TOP: f32 = 44.0;
    const ROW: f32 = 58.0;
    let x = |week: f32| week / t.weeks as f32 * W;
    let h = TOP + ROW * t.phases.len() as f32 + 30.0;
    let mut out = String::new();
    open_svg(&mut out, "timeline-wide", "timeline-wide", W, h, labels);
    let _ = writeln!(out, "<text class=\"tl-caption\" x=\"0\" y=\"12\">{}</text>", escape(&labels.months));
    for m in 1..=t.months {
        let (x0, x1) = (x(((m - 1) * WEEKS_PER_MONTH) as f32), x((m * WEEKS_PER_MONTH) as f32));
        let band = if m % 2 == 1 { "tl-band tl-band-odd" } else { "tl-band" };
        let _ = writeln!(
            out,
            "<rect class=\"{band}\" x=\"{}\" y=\"18\" width=\"{}\" height=\"{}\"/><text class=\"tl-month\" x=\"{}\" y=\"36\" text-anchor=\"middle\">{m}</text>",
            Dec1(x0),
            Dec1(x1 - x0),
            Dec1(h - 18.0 - 24.0),
            Dec1((x0 + x1) / 2.0)
        );
    }
    for (i, p) in t.phases.iter().enumerate() {
        let y = TOP + ROW * i as f32;
        let (x0, x1) = (x((p.weeks.start - 1) as f32), x(p.weeks.end as f32));
        let label = p.title.as_str();
        // From the bar's start when the label fits there, else right-aligned to the drawing's
        // edge (the browser measures the real width, so nothing spills out on the right).
        let (lx, anchor) = if x0 + text_width(label, 15.0) <= W { (x0, "start") } else { (W, "end") };
        let _ = writeln!(
            out,
            "<g class=\"tl-phase tl-phase-{}\"><text class=\"tl-label\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" lang=\"{}\">{}</text><rect class=\"tl-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"22\" rx=\"4\"/>",
            (p.number - 1) % 6 + 1,
            Dec1(lx),
            Dec1(y + 18.0),
            escape(&p.lang),
            escape(label),
            Dec1(x0),
            Dec1(y + 26.0),
            Dec1(x1 - x0)
        );
        for wu in &p.week_units {
            let (a, b) = (x((wu.start - 1) as f32), x(wu.end as f32));
            let _ = writeln!(
                out,
                "<rect class=\"tl-week\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"2\"/>",
                Dec1(a + 1.5),
                Dec1(y + 30.0),
                Dec1((b - a - 3.0).max(1.0))
            );
        }
        out.push_str("</g>\n");
    }
    let axis_y = h - 8.0;
    let _ = writeln!(out, "<text class=\"tl-caption\" x=\"0\" y=\"{}\">{}</text>", Dec1(axis_y), escape(&labels.weeks));
    let step = if t.weeks > 48 { 8 } else { 4 };
    let caption_end = text_width(&labels.weeks, 12.0) + 8.0;
    let mut wk = step;
    while wk <= t.weeks {
        let xx = x(wk as f32);
        if xx - 10.0 > caption_end {
            let anchor = if wk == t.weeks { "end" } else { "middle" };
            let _ = writeln!(
                out,
                "<text class=\"tl-weeknum\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{wk}</text>",
                Dec1(xx),
                Dec1(axis_y)
            );
        }
        wk += step;
    }
    out.push_str("</svg>\n");
    out
}

/// The narrow drawing for phones: time runs down, months on the left, each phase a vertical bar
/// with its title beside it.
pub fn svg_narrow(t: &Timeline, labels: &Labels) -> String {
    const W: f32 = 360.0;
    const TOP: f32 = 26.0;
    const BAR_X: f32 = 44.0;
    const LABEL_X: f32 = 84.0;
    const FONT: f32 = 15.0;
    const LINE: f32 = 19.0;
    let wrapped: Vec<Vec<String>> = t.phases.iter().map(|p| wrap(&p.title, FONT, W - LABEL_X - 20.0)).collect();
    // Enough height per week that every phase's label fits beside its bar.
    let mut per_week: f32 = 7.0;
    for (p, lines) in t.phases.iter().zip(&wrapped) {
        let need = lines.len() as f32 * LINE + 8.0;
        per_week = per_week.max(need / (p.weeks.end - p.weeks.start + 1) as f32);
    }
    let y = |week: f32| TOP + week * per_week;
    let h = y(t.weeks as f32) + 8.0;
    let mut out = String::new();
    open_svg(&mut out, "timeline-narrow", "timeline-narrow", W, h, labels);
    let _ = writeln!(out, "<text class=\"tl-caption\" x=\"0\" y=\"14\">{}</text>", escape(&labels.months));
    for m in 1..=t.months {
        let (y0, y1) = (y(((m - 1) * WEEKS_PER_MONTH) as f32), y((m * WEEKS_PER_MONTH) as f32));
        let band = if m % 2 == 1 { "tl-band tl-band-odd" } else { "tl-band" };
        let _ = writeln!(
            out,
            "<rect class=\"{band}\" x=\"0\" y=\"{}\" width=\"{W}\" height=\"{}\"/><text class=\"tl-month\" x=\"14\" y=\"{}\" text-anchor=\"middle\">{m}</text>",
            Dec1(y0),
            Dec1(y1 - y0),
            Dec1((y0 + y1) / 2.0 + 4.0)
        );
    }
    for (p, lines) in t.phases.iter().zip(&wrapped) {
        let (y0, y1) = (y((p.weeks.start - 1) as f32), y(p.weeks.end as f32));
        let _ = write!(
            out,
            "<g class=\"tl-phase tl-phase-{}\"><rect class=\"tl-bar\" x=\"{BAR_X}\" y=\"{}\" width=\"26\" height=\"{}\" rx=\"4\"/>",
            (p.number - 1) % 6 + 1,
            Dec1(y0 + 1.0),
            Dec1(y1 - y0 - 2.0)
        );
        for wu in &p.week_units {
            let (a, b) = (y((wu.start - 1) as f32), y(wu.end as f32));
            let _ = write!(
                out,
                "<rect class=\"tl-week\" x=\"{}\" y=\"{}\" width=\"18\" height=\"{}\" rx=\"2\"/>",
                Dec1(BAR_X + 4.0),
                Dec1(a + 1.5),
                Dec1((b - a - 3.0).max(1.0))
            );
        }
        let _ = write!(
            out,
            "<text class=\"tl-label\" x=\"{LABEL_X}\" y=\"{}\" lang=\"{}\">",
            Dec1(y0 + 16.0),
            escape(&p.lang)
        );
        for (i, l) in lines.iter().enumerate() {
            let dy = if i == 0 { 0.0 } else { LINE };
            let _ = write!(out, "<tspan x=\"{LABEL_X}\" dy=\"{dy}\">{}</tspan>", escape(l));
        }
        out.push_str("</text></g>\n");
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_document;
    use proptest::prelude::*;

    #[test]
    fn dec1_writes_what_the_float_formatter_writes() {
        let ties = [0.0f32, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.75, 1.25, 2.5, 959.95, 1.0e9, -1.5, f32::NAN];
        for x in ties.into_iter().chain((0..200_000).map(|i| i as f32 * 0.0125)) {
            assert_eq!(Dec1(x).to_string(), format!("{x:.1}"), "{x:?}");
        }
    }

    proptest! {
        #[test]
        fn dec1_matches_the_float_formatter(bits in any::<u32>()) {
            let x = f32::from_bits(bits);
            prop_assert_eq!(Dec1(x).to_string(), format!("{x:.1}"));
        }
    }
    use std::path::Path;

    fn edition(md: &str) -> Edition {
        let (doc, _) = parse_document(Path::new("x/vi.md"), format!("+++\ntitle = \"T\"\n+++\n{md}")).unwrap();
        crate::model::build_edition("vi", doc).0
    }

    fn labels() -> Labels {
        Labels {
            title: "Timeline".into(),
            desc: "Two phases & more".into(),
            months: "Months".into(),
            weeks: "Weeks".into(),
        }
    }

    #[test]
    fn spans_come_from_months_weeks_or_the_months_attribute() {
        let e = edition(
            "## A {#phase-1 .phase}\n### M1 {#month-1 .month}\n#### W {#weeks-1-2 .week}\n- a\n- b\n### M2 {#month-2 .month}\n#### W {#weeks-5-6 .week}\n- c\n## B {#phase-2 .phase months=3-4}\n#### W {#weeks-9-10 .week}\n- d\n## C {#phase-3 .phase months=5}\n",
        );
        let t = build(&e, |u| (u.heading.text().to_string(), "vi".into())).unwrap();
        let spans: Vec<_> = t.phases.iter().map(|p| (p.id.as_str(), p.months, p.weeks, p.tasks)).collect();
        assert_eq!(
            spans,
            vec![
                ("phase-1", NumRange { start: 1, end: 2 }, NumRange { start: 1, end: 8 }, 3),
                ("phase-2", NumRange { start: 3, end: 4 }, NumRange { start: 9, end: 16 }, 1),
                ("phase-3", NumRange { start: 5, end: 5 }, NumRange { start: 17, end: 20 }, 0),
            ]
        );
        assert_eq!((t.months, t.weeks), (5, 20));
    }

    #[test]
    fn drawings_carry_their_text_alternative_and_escape_titles() {
        let e = edition("## <A & B> {#phase-1 .phase months=1-2}\n#### W {#weeks-1-2 .week}\n- a\n");
        let t = build(&e, |u| (u.heading.text().to_string(), "vi".into())).unwrap();
        for svg in [svg_wide(&t, &labels()), svg_narrow(&t, &labels())] {
            assert!(svg.contains("role=\"img\""));
            assert!(svg.contains("<desc id=\"timeline-"));
            assert!(svg.contains(">Two phases &amp; more</desc>"));
            assert!(svg.contains("&lt;A &amp; B&gt;"), "{svg}");
            assert!(!svg.contains("<A & B>"));
            assert_eq!(svg.matches("class=\"tl-week\"").count(), 1);
            assert_eq!(svg.matches("class=\"tl-band").count(), 2);
        }
    }

    #[test]
    fn long_titles_wrap_on_phones() {
        let lines = wrap("ФАЗА 1: ОСНОВЫ ПРОГРАММИРОВАНИЯ (Месяцы 1-3)", 14.0, 270.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 14.0) <= 270.0 || !l.contains(' ')));
    }

    #[test]
    fn no_phases_no_timeline() {
        assert!(build(&edition("## Plain\ntext\n"), |u| (u.heading.text().to_string(), "vi".into())).is_none());
    }
}
