//! An indicator's trend as inline SVG, drawn with plotters' SVG backend.
//!
//! Plotters is built without its `ttf` and `ab_glyph` features, so it
//! loads no font at run time: text sizes are estimated from the number of
//! characters and the SVG carries `<text>` elements that the browser
//! sets in its own sans-serif. Each point is marked with its rating's
//! shape (see [`crate::rating`]), so the chart reads without colour; the
//! target and minimum standard in force are drawn as step lines, the
//! minimum dashed. The chart is an `img` with a title and a description,
//! and the page gives the same data as a table below it.

use crate::html::uk_date;
use crate::rating::{colour, shape, Shape};
use maud::{html, Markup, PreEscaped};
use moot_domain::{Date, Rag};
use plotters::prelude::*;

/// The chart's size in SVG units; it scales to the width of the page.
const SIZE: (u32, u32) = (720, 360);

/// One value on the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The period's last day.
    pub end: Date,
    /// The result.
    pub value: f64,
    /// Moot's rating, if the rule decides.
    pub rating: Option<Rag>,
    /// The target in force, if a figure.
    pub target: Option<f64>,
    /// The minimum standard in force, if a figure.
    pub minimum: Option<f64>,
}

/// The trend chart of `points` (oldest first; at least one) named
/// `title`, with `id` making its title and description ids unique.
pub fn trend(id: &str, title: &str, points: &[Point]) -> Result<Markup, String> {
    let svg = draw(points)?;
    let inner = svg
        .split_once('>')
        .map_or(svg.as_str(), |(_, rest)| rest)
        .trim_end()
        .trim_end_matches("</svg>");
    let (w, h) = SIZE;
    Ok(html! {
        svg class="chart" role="img" viewBox={ "0 0 " (w) " " (h) } xmlns="http://www.w3.org/2000/svg"
            aria-labelledby={ (id) "-title " (id) "-desc" } {
            title id={ (id) "-title" } { (title) }
            desc id={ (id) "-desc" } { (description(points)) }
            (PreEscaped(inner))
        }
    })
}

/// The chart in words: how many periods, from when to when, the range and
/// the latest result with its rating.
fn description(points: &[Point]) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return "No results to chart.".to_owned();
    };
    let (low, high) = bounds(points.iter().map(|p| p.value));
    let rating = last.rating.map_or("not rated", crate::rating::word);
    format!(
        "{} results from {} to {}, between {} and {}. The latest is {} ({}). \
         Points are marked by rating: circle Green, triangle Amber, cross Red, square not rated. \
         The table below gives every value.",
        points.len(),
        uk_date(first.end),
        uk_date(last.end),
        number(low),
        number(high),
        number(last.value),
        rating
    )
}

/// A number as the axis prints it: whole numbers plainly, others to two
/// decimal places at most.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// An axis label for a day: "Mar 2024".
fn month_label(days: i64) -> String {
    Date::from_days_since_epoch(days).map_or_else(String::new, |d| {
        format!("{} {}", &d.month_name()[..3], d.year())
    })
}

fn rgb(rag: Rag) -> RGBColor {
    let (r, g, b) = colour(rag);
    RGBColor(r, g, b)
}

/// The plotters SVG of the chart.
fn draw(points: &[Point]) -> Result<String, String> {
    let days = |p: &Point| p.end.days_since_epoch();
    let (x0, x1) = bounds(points.iter().map(|p| days(p) as f64));
    let (x0, x1) = (x0 as i64 - 15, x1 as i64 + 15);
    let every = points
        .iter()
        .flat_map(|p| [Some(p.value), p.target, p.minimum])
        .flatten();
    let (y0, y1) = bounds(every);
    let pad = ((y1 - y0) * 0.1).max(1.0);
    let (y0, y1) = (y0 - pad, y1 + pad);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .x_label_area_size(36)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(|e| e.to_string())?;
        let text = ("sans-serif", 16).into_font().color(&BLACK);
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|d| month_label(*d))
            .y_label_formatter(&|v| number(*v))
            .label_style(text)
            .light_line_style(RGBColor(0xf3, 0xf2, 0xf1))
            .bold_line_style(RGBColor(0xb1, 0xb4, 0xb6))
            .draw()
            .map_err(|e| e.to_string())?;
        let line = |pick: fn(&Point) -> Option<f64>| -> Vec<(i64, f64)> {
            steps(points.iter().filter_map(|p| Some((days(p), pick(p)?))))
        };
        let dark = RGBColor(0x0b, 0x0c, 0x0c);
        chart
            .draw_series(LineSeries::new(line(|p| p.target), dark.stroke_width(2)))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(DashedLineSeries::new(
                line(|p| p.minimum),
                8,
                6,
                dark.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
        let result = RGBColor(0x1d, 0x70, 0xb8);
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|p| (days(p), p.value)),
                result.stroke_width(3),
            ))
            .map_err(|e| e.to_string())?;
        for p in points {
            marker(&mut chart, (days(p), p.value), p.rating)?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// A step line through `(x, y)`: each level holds until the next point.
fn steps(points: impl Iterator<Item = (i64, f64)>) -> Vec<(i64, f64)> {
    let mut out: Vec<(i64, f64)> = Vec::new();
    for (x, y) in points {
        if let Some(&(_, before)) = out.last() {
            if before != y {
                out.push((x, before));
            }
        }
        out.push((x, y));
    }
    out
}

type Chart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordi64, plotters::coord::types::RangedCoordf64>,
>;

/// A point's marker: its rating's shape, or a hollow square when unrated.
fn marker(chart: &mut Chart<'_, '_>, at: (i64, f64), rating: Option<Rag>) -> Result<(), String> {
    let drawn = match rating {
        None => {
            let style = BLACK.stroke_width(2);
            chart.draw_series(std::iter::once(
                EmptyElement::at(at) + Rectangle::new([(-5, -5), (5, 5)], style),
            ))
        }
        Some(rag) => {
            let fill = rgb(rag).filled();
            match shape(rag) {
                Shape::Circle => chart.draw_series(std::iter::once(Circle::new(at, 6, fill))),
                Shape::Triangle => {
                    chart.draw_series(std::iter::once(TriangleMarker::new(at, 8, fill)))
                }
                Shape::Cross => {
                    chart.draw_series(std::iter::once(Cross::new(at, 6, rgb(rag).stroke_width(4))))
                }
            }
        }
    };
    drawn.map(|_| ()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(month: u8, value: f64, rating: Option<Rag>) -> Point {
        Point {
            end: Date::new(2024, month, 28).unwrap(),
            value,
            rating,
            target: Some(if month < 4 { 80.0 } else { 85.0 }),
            minimum: Some(70.0),
        }
    }

    fn series() -> Vec<Point> {
        vec![
            point(1, 82.5, Some(Rag::Green)),
            point(2, 75.0, Some(Rag::Amber)),
            point(3, 64.0, Some(Rag::Red)),
            point(4, 90.0, None),
        ]
    }

    #[test]
    fn the_trend_of_a_fixed_series_is_stable() {
        let svg = trend("trend", "Visits", &series()).unwrap().into_string();
        insta::assert_snapshot!(svg);
    }

    #[test]
    fn the_chart_is_a_named_image_described_in_words() {
        let svg = trend("c1", "Visits", &series()).unwrap().into_string();
        assert!(
            svg.starts_with("<svg class=\"chart\" role=\"img\""),
            "{svg}"
        );
        assert!(svg.contains("aria-labelledby=\"c1-title c1-desc\""));
        assert!(svg.contains("<title id=\"c1-title\">Visits</title>"));
        assert!(svg.contains("4 results from Sunday 28 January 2024 to Sunday 28 April 2024"));
        assert!(svg.contains("The latest is 90 (not rated)"));
        assert_eq!(
            svg.matches("<svg").count(),
            1,
            "one svg element, plotters' own unwrapped"
        );
    }

    #[test]
    fn each_rating_is_drawn_as_its_own_shape() {
        let svg = draw(&series()).unwrap();
        assert_eq!(svg.matches("<circle").count(), 1, "one Green point");
        assert_eq!(svg.matches("<polygon").count(), 1, "one Amber triangle");
        let mut all_rated = series();
        all_rated[3].rating = Some(Rag::Green);
        let rated = draw(&all_rated).unwrap();
        assert_eq!(
            svg.matches("<rect").count(),
            rated.matches("<rect").count() + 1,
            "the unrated point is a square"
        );
        assert_eq!(rated.matches("<circle").count(), 2);
    }

    #[test]
    fn a_target_line_steps_where_the_target_changes() {
        let line = steps([(1, 80.0), (2, 80.0), (3, 85.0)].into_iter());
        assert_eq!(line, vec![(1, 80.0), (2, 80.0), (3, 80.0), (3, 85.0)]);
    }

    #[test]
    fn axis_numbers_and_months_read_plainly() {
        assert_eq!(number(85.0), "85");
        assert_eq!(number(76.5), "76.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        let march = Date::new(2024, 3, 31).unwrap().days_since_epoch();
        assert_eq!(month_label(march), "Mar 2024");
    }
}
