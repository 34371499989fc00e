//! Ratings readable without colour (WCAG 1.4.1): every Red, Amber and
//! Green on a page is its word beside a shape, a circle for Green, a
//! triangle for Amber and a cross for Red, and the trend chart marks its
//! points with the same shapes. The shapes' colours have at least 3:1
//! contrast against white (1.4.11); the words stay in the text colour.

use maud::{html, Markup};
use moot_domain::{Polarity, Rag};
use moot_scorecard::RatingCheck;
use moot_store::{IndicatorAssessment, RatingBasis};

/// The shape that marks a rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Green.
    Circle,
    /// Amber.
    Triangle,
    /// Red.
    Cross,
}

/// The shape of a rating.
pub fn shape(rag: Rag) -> Shape {
    match rag {
        Rag::Green => Shape::Circle,
        Rag::Amber => Shape::Triangle,
        Rag::Red => Shape::Cross,
    }
}

/// The rating's colour as RGB: GOV.UK green (6.2:1 on white), a dark
/// orange (5.6:1) and GOV.UK red (4.9:1).
pub fn colour(rag: Rag) -> (u8, u8, u8) {
    match rag {
        Rag::Green => (0x00, 0x70, 0x3c),
        Rag::Amber => (0xa3, 0x52, 0x00),
        Rag::Red => (0xd4, 0x35, 0x1c),
    }
}

/// The rating as pages print it: "Green", "Amber", "Red".
pub fn word(rag: Rag) -> &'static str {
    match rag {
        Rag::Green => "Green",
        Rag::Amber => "Amber",
        Rag::Red => "Red",
    }
}

/// The rating's word in data: `green`, `amber`, `red`.
pub fn data_word(rag: Rag) -> &'static str {
    match rag {
        Rag::Green => "green",
        Rag::Amber => "amber",
        Rag::Red => "red",
    }
}

/// A polarity in words.
pub fn polarity_words(polarity: Option<Polarity>) -> &'static str {
    match polarity {
        Some(Polarity::High) => "Higher is better",
        Some(Polarity::Low) => "Lower is better",
        Some(Polarity::Target) => "Closer to target is better",
        None => "Not stated",
    }
}

/// The rating's shape as a small inline SVG, hidden from assistive
/// technology because the word beside it says the same.
pub fn icon(rag: Rag) -> Markup {
    let (r, g, b) = colour(rag);
    let fill = format!("#{r:02x}{g:02x}{b:02x}");
    html! {
        svg class="rag-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" {
            @match shape(rag) {
                Shape::Circle => circle cx="8" cy="8" r="7" fill=(fill) {},
                Shape::Triangle => polygon points="8,1 15,15 1,15" fill=(fill) {},
                Shape::Cross => path d="M2 2L14 14M14 2L2 14" stroke=(fill) stroke-width="4" {},
            }
        }
    }
}

/// A rating as shape and word, or "Not rated".
pub fn badge(rag: Option<Rag>) -> Markup {
    html! {
        @match rag {
            Some(rag) => span class="rag" { (icon(rag)) " " (word(rag)) },
            None => span class="meta" { "Not rated" },
        }
    }
}

/// A value's ratings: the printed one wherever the pack or file gives
/// one, marked "as printed"; Moot's beside it where its rule decides, and
/// the disagreement where the two differ.
pub fn assessed(a: &IndicatorAssessment) -> Markup {
    html! {
        @if let Some(printed) = a.value.printed {
            (badge(Some(printed))) " " span class="meta" { "as printed" }
        }
        @match a.check {
            RatingCheck::Agrees => { br; span class="meta" { "Moot's rule agrees" } },
            RatingCheck::Disagrees { computed, .. } => {
                br; span class="differs" { "Moot's rule gives " (badge(Some(computed))) ": they differ" }
            },
            RatingCheck::Unprinted(computed) => { (badge(Some(computed))) " " span class="meta" { "by Moot's rule" } },
            RatingCheck::Undecided => @if a.value.printed.is_some() {
                br; span class="meta" { "Moot's rule does not decide" }
            } @else {
                (badge(None))
            },
        }
    }
}

/// What a rating rests on, for JSON and CSV: `rule` or `as_printed`.
pub fn basis_word(basis: RatingBasis) -> &'static str {
    match basis {
        RatingBasis::Rule => "rule",
        RatingBasis::AsPrinted => "as_printed",
    }
}

/// How the printed rating compares with Moot's, for JSON and CSV:
/// `agrees`, `disagrees`, `unprinted` or `undecided`.
pub fn check_word(check: RatingCheck) -> &'static str {
    match check {
        RatingCheck::Agrees => "agrees",
        RatingCheck::Disagrees { .. } => "disagrees",
        RatingCheck::Unprinted(_) => "unprinted",
        RatingCheck::Undecided => "undecided",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rating_has_its_own_word_and_shape() {
        let all = [Rag::Red, Rag::Amber, Rag::Green];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(shape(*a), shape(*b));
                assert_ne!(word(*a), word(*b));
            }
        }
    }

    #[test]
    fn a_badge_carries_the_word_as_text_and_hides_the_shape() {
        let page = badge(Some(Rag::Red)).into_string();
        assert!(page.contains("</svg> Red</span>"), "{page}");
        assert!(page.contains("aria-hidden=\"true\""));
        assert!(page.contains("<path"), "Red is a cross");
        assert!(badge(None).into_string().contains("Not rated"));
    }

    /// Relative luminance (WCAG 2) of an sRGB colour.
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    #[test]
    fn rating_colours_have_at_least_three_to_one_contrast_on_white() {
        for rag in [Rag::Red, Rag::Amber, Rag::Green] {
            let ratio = 1.05 / (luminance(colour(rag)) + 0.05);
            assert!(ratio >= 3.0, "{rag:?}: {ratio}");
        }
    }
}
