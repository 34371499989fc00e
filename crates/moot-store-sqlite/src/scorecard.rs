//! The public scorecard: indicators with their metadata, the bodies that
//! review them, their thresholds and their assessed values, for the site.
//!
//! Exempt business is left out here, before anything is rated: a pack's
//! value or threshold whose lines overlap a run of exempt business in its
//! document (`read::papers::exempt_ranges`, the lines a document page
//! withholds) is dropped, so no rating, count or direction of travel is
//! judged against it, and an indicator with no value left is not listed.

use crate::db;
use crate::indicators::{polarity, stored_value, thresholds, VALUE_SELECT};
use crate::read::papers::{cached, exempt_ranges};
use crate::read::{all, OrNotFound};
use moot_domain::Lines;
use moot_store::overlaps;
use moot_store::{
    assess, BodyId, DocumentId, IndicatorAssessment, IndicatorHistory, IndicatorId, IndicatorInfo,
    IndicatorScope, StoreError, ValueOrigin,
};
use rusqlite::Connection;
use std::collections::HashMap;

/// The public indicators in `scope`, by code and name.
pub fn histories(
    conn: &Connection,
    scope: IndicatorScope,
) -> Result<Vec<IndicatorHistory>, StoreError> {
    let (filter, id) = match scope {
        IndicatorScope::All => ("?1 IS NULL", None),
        IndicatorScope::Body(body) => {
            conn.query_row("SELECT id FROM bodies WHERE id = ?1", [body.0], |r| {
                r.get::<_, i64>(0)
            })
            .or_not_found("body", body.0)?;
            (
                "v.indicator_id IN (SELECT indicator_id FROM indicator_reviews WHERE body_id = ?1)",
                Some(body.0),
            )
        }
        IndicatorScope::One(indicator) => ("v.indicator_id = ?1", Some(indicator.0)),
    };
    let sql = format!(
        "{VALUE_SELECT} WHERE {filter}
         ORDER BY v.indicator_id, v.period_end IS NULL, v.period_end, v.id"
    );
    let mut public = Public::new(conn);
    let values = public.keep(all(conn, &sql, [id], stored_value)?, |v| &v.origin)?;
    let threshold_filter = filter.replace("v.indicator_id", "t.indicator_id");
    let thresholds = public.keep(thresholds(conn, &threshold_filter, id)?, |t| &t.origin)?;
    let plain: Vec<_> = thresholds.iter().map(|t| t.threshold.clone()).collect();
    let mut out = Vec::new();
    for values in by_indicator(assess(values, &plain)) {
        let id = values[0].value.indicator;
        out.push(IndicatorHistory {
            info: info(conn, id)?,
            thresholds: thresholds
                .iter()
                .filter(|t| t.threshold.indicator == id)
                .cloned()
                .collect(),
            values,
        });
    }
    if let (IndicatorScope::One(indicator), true) = (scope, out.is_empty()) {
        return Err(StoreError::NotFound {
            what: "indicator",
            id: indicator.0,
        });
    }
    out.sort_by(|a, b| {
        (a.info.code.is_none(), &a.info.code, &a.info.name).cmp(&(
            b.info.code.is_none(),
            &b.info.code,
            &b.info.name,
        ))
    });
    Ok(out)
}

/// Splits assessments (ordered by indicator) into one run per indicator.
fn by_indicator(assessed: Vec<IndicatorAssessment>) -> Vec<Vec<IndicatorAssessment>> {
    let mut runs: Vec<Vec<IndicatorAssessment>> = Vec::new();
    for a in assessed {
        match runs.last_mut() {
            Some(run) if run[0].value.indicator == a.value.indicator => run.push(a),
            _ => runs.push(vec![a]),
        }
    }
    runs
}

/// Decides what is public, reading each document's exempt lines once.
struct Public<'c> {
    conn: &'c Connection,
    withheld: HashMap<DocumentId, Vec<Lines>>,
}

impl<'c> Public<'c> {
    fn new(conn: &'c Connection) -> Public<'c> {
        Public {
            conn,
            withheld: HashMap::new(),
        }
    }

    /// The items whose origin is public: every CSV row, and pack lines
    /// that overlap no exempt business.
    fn keep<T>(
        &mut self,
        items: Vec<T>,
        origin: impl Fn(&T) -> &ValueOrigin,
    ) -> Result<Vec<T>, StoreError> {
        let mut kept = Vec::with_capacity(items.len());
        for item in items {
            if self.is_public(origin(&item))? {
                kept.push(item);
            }
        }
        Ok(kept)
    }

    fn is_public(&mut self, origin: &ValueOrigin) -> Result<bool, StoreError> {
        let ValueOrigin::Pack { source, .. } = origin else {
            return Ok(true);
        };
        let conn = self.conn;
        let withheld = cached(&mut self.withheld, source.document, || {
            exempt_ranges(conn, source.document)
        })?;
        Ok(!withheld.iter().any(|r| overlaps(*r, source.lines)))
    }
}

/// An indicator's metadata and the bodies that review it.
fn info(conn: &Connection, id: IndicatorId) -> Result<IndicatorInfo, StoreError> {
    let reviewers = all(
        conn,
        "SELECT b.id, b.name FROM indicator_reviews r JOIN bodies b ON b.id = r.body_id
         WHERE r.indicator_id = ?1 ORDER BY b.name, b.id",
        [id.0],
        |r| Ok((BodyId(r.get(0)?), r.get(1)?)),
    )?;
    conn.query_row(
        "SELECT code, name, polarity, period_kind, unit, data_source, owner
         FROM indicators WHERE id = ?1",
        [id.0],
        |r| {
            Ok(IndicatorInfo {
                id,
                code: r.get(0)?,
                name: r.get(1)?,
                polarity: r.get::<_, Option<String>>(2)?.as_deref().and_then(polarity),
                period_kind: r.get(3)?,
                unit: r.get(4)?,
                data_source: r.get(5)?,
                owner: r.get(6)?,
                reviewers,
            })
        },
    )
    .map_err(db)
}
