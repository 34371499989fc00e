//! A pack's scorecard: its rows, and the detail blocks tied to them (the
//! results by period, the commentary, the rule the data notes state).
//!
//! An indicator holds one value per period end (a unique index says so),
//! and packs repeat one another: a monthly dashboard's trend table shows
//! months that earlier packs printed. **The first value stored for a
//! period is kept.** A later pack's scorecard row for a period already
//! held is still stored, without its period end (so nothing printed is
//! lost and it is rated by its own printed target); a trend column for a
//! period already held is an echo of the earlier figure and is not stored
//! again. The commentary goes to the latest result of its block when this
//! pack stored it.

use crate::db;
use crate::pack::lines;
use moot_domain::{IndicatorDetail, IndicatorRow, Pack};
use moot_store::StoreError;
use rusqlite::{params, OptionalExtension, Transaction};

/// The pack being written: its transaction, document and organisation.
pub(crate) struct ScorecardWriter<'a, 't> {
    pub(crate) tx: &'a Transaction<'t>,
    pub(crate) doc: i64,
    pub(crate) org: Option<i64>,
    pub(crate) body: Option<i64>,
}

impl ScorecardWriter<'_, '_> {
    /// Stores the pack's rows, then what its tied detail blocks add.
    pub(crate) fn write(&self, pack: &Pack) -> Result<(), StoreError> {
        let mut ids = Vec::with_capacity(pack.indicators.len());
        for row in &pack.indicators {
            let id = self.indicator(row)?;
            self.row_value(id, row)?;
            ids.push(id);
        }
        for detail in &pack.indicator_details {
            if let Some(&id) = detail.row.and_then(|r| ids.get(r)) {
                self.describe(id, detail)?;
                self.trend(id, detail)?;
                self.threshold(id, detail)?;
            }
        }
        Ok(())
    }

    fn indicator(&self, row: &IndicatorRow) -> Result<i64, StoreError> {
        let tx = self.tx;
        tx.execute(
            "INSERT OR IGNORE INTO indicators (organisation_id, body_id, code, name, polarity)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                self.org,
                self.body,
                row.code,
                row.name,
                row.polarity.map(|p| p.letter())
            ],
        )
        .map_err(db)?;
        let id: i64 = tx
            .query_row(
                crate::indicators::INDICATOR_BY_KEY,
                params![self.org, row.code, row.name],
                |r| r.get(0),
            )
            .map_err(db)?;
        if let Some(body) = self.body {
            tx.execute(
                "INSERT OR IGNORE INTO indicator_reviews (indicator_id, body_id) VALUES (?1, ?2)",
                params![id, body],
            )
            .map_err(db)?;
        }
        Ok(id)
    }

    /// Whether the indicator already holds a value for `end`.
    fn holds(&self, id: i64, end: &str) -> Result<bool, StoreError> {
        self.tx
            .query_row(
                "SELECT 1 FROM indicator_values WHERE indicator_id = ?1 AND period_end = ?2",
                params![id, end],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(db)
    }

    fn row_value(&self, id: i64, row: &IndicatorRow) -> Result<(), StoreError> {
        let mut end = row.period_end.map(|d| d.to_string());
        if let Some(e) = end.as_deref() {
            if self.holds(id, e)? {
                end = None;
            }
        }
        let (first, last) = lines(row.lines);
        self.tx
            .execute(
                "INSERT INTO indicator_values (indicator_id, document_id, period, period_end, value,
                 rag, target, lines_first, lines_last) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    self.doc,
                    row.period,
                    end,
                    row.value,
                    row.rag.map(|r| r.name()),
                    row.target,
                    first,
                    last
                ],
            )
            .map_err(db)?;
        Ok(())
    }

    /// The polarity, period kind and data source the notes state, where
    /// the indicator has none yet.
    fn describe(&self, id: i64, detail: &IndicatorDetail) -> Result<(), StoreError> {
        let notes = &detail.notes;
        self.tx
            .execute(
                "UPDATE indicators SET polarity = coalesce(polarity, ?2),
                 period_kind = coalesce(period_kind, ?3), data_source = coalesce(data_source, ?4)
                 WHERE id = ?1",
                params![
                    id,
                    notes.polarity.map(|p| p.letter()),
                    notes.period_kind,
                    notes.data_source
                ],
            )
            .map_err(db)?;
        Ok(())
    }

    /// Each dated trend column not held yet, and the commentary on the
    /// latest result.
    fn trend(&self, id: i64, detail: &IndicatorDetail) -> Result<(), StoreError> {
        let (first, last) = lines(detail.lines);
        for t in &detail.trend {
            let Some(end) = t.period_end.map(|d| d.to_string()) else {
                continue;
            };
            if t.value.is_none() && t.rag.is_none() {
                continue;
            }
            self.tx
                .execute(
                    "INSERT OR IGNORE INTO indicator_values (indicator_id, document_id, period,
                     period_end, value, rag, target, lines_first, lines_last)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        id,
                        self.doc,
                        t.period,
                        end,
                        t.value,
                        t.rag.map(|r| r.name()),
                        t.target,
                        first,
                        last
                    ],
                )
                .map_err(db)?;
        }
        let latest = detail
            .trend
            .iter()
            .rev()
            .find(|t| t.value.is_some())
            .and_then(|t| t.period_end);
        if let (Some(text), Some(end)) = (detail.commentary.as_deref(), latest) {
            self.tx
                .execute(
                    "UPDATE indicator_values SET commentary = ?4 WHERE indicator_id = ?1
                     AND period_end = ?2 AND document_id = ?3 AND commentary IS NULL",
                    params![id, end.to_string(), self.doc, text],
                )
                .map_err(db)?;
        }
        Ok(())
    }

    /// The rule the notes state, effective from the earliest period of the
    /// latest run printed under the same target (an earlier target had
    /// its own bands, which this block does not state).
    fn threshold(&self, id: i64, detail: &IndicatorDetail) -> Result<(), StoreError> {
        let notes = &detail.notes;
        if notes.target.is_none() && notes.bands.is_none() {
            return Ok(());
        }
        let same_target = |printed: Option<&str>| match (printed, notes.target.as_deref()) {
            (Some(p), Some(stated)) => figure(p) == figure(stated),
            _ => true,
        };
        let from = detail
            .trend
            .iter()
            .rev()
            .take_while(|t| same_target(t.target.as_deref()))
            .filter_map(|t| t.period_end)
            .min();
        let Some(from) = from else {
            return Ok(());
        };
        let (first, last) = lines(notes.lines.unwrap_or(detail.lines));
        self.tx
            .execute(
                "INSERT INTO indicator_thresholds (indicator_id, effective_from, target, bands,
                 document_id, lines_first, lines_last)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (
                     SELECT 1 FROM indicator_thresholds WHERE indicator_id = ?1
                     AND effective_from = ?2 AND target IS ?3 AND bands IS ?4)",
                params![
                    id,
                    from.to_string(),
                    notes.target,
                    notes.bands,
                    self.doc,
                    first,
                    last
                ],
            )
            .map_err(db)?;
        Ok(())
    }
}

/// A printed figure's number ("85.0%" and "85%" are one figure).
fn figure(text: &str) -> Option<f64> {
    moot_scorecard::Figure::parse(text).map(|f| f.value)
}
