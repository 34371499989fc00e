//! Indicator values loaded from CSV, and the stored facts the scorecard
//! rules assess.
//!
//! A load is one `IMMEDIATE` transaction, so a file is stored whole or not
//! at all; a file whose SHA-256 was loaded before changes nothing. A row's
//! `body` is matched to a known body by slug (the oldest when several
//! councils have one so named) or created without a council; the indicator
//! is then matched within that body's council by code and name, so CSV
//! values join the same indicator as the packs' rows.

use crate::{db, pack::slug, read::all, read::parse_date};
use moot_domain::{Lines, Polarity, Rag};
use moot_scorecard::{CsvIndicatorRow, CsvProblem};
use moot_store::{
    assess, BodyId, DocumentId, IndicatorAssessment, IndicatorId, LoadId, LoadOutcome, Source,
    SourceFile, StoreError, StoredThreshold, StoredValue, ThresholdEntry, ValueOrigin,
};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

/// Stores `rows`, read from `source`, in one transaction.
pub fn load(
    conn: &mut Connection,
    source: &SourceFile<'_>,
    rows: &[CsvIndicatorRow],
) -> Result<LoadOutcome, StoreError> {
    let sha256 = source.sha256();
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    let earlier = tx
        .query_row(
            "SELECT id FROM indicator_loads WHERE sha256 = ?1",
            [&sha256],
            |r| r.get(0),
        )
        .optional()
        .map_err(db)?;
    if let Some(load) = earlier {
        return Ok(LoadOutcome::AlreadyLoaded { load: LoadId(load) });
    }
    tx.execute(
        "INSERT INTO indicator_loads (sha256, file_name, loaded_at)
         VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![sha256, source.name],
    )
    .map_err(db)?;
    let load = tx.last_insert_rowid();
    let before = count_indicators(&tx)?;
    let mut clashes = Vec::new();
    for row in rows {
        let indicator = indicator(&tx, row)?;
        match stored_origin(&tx, indicator, row)? {
            Some(origin) => clashes.push(CsvProblem {
                line: Some(row.line),
                reason: format!(
                    "{} for {} is already stored, from {origin}",
                    row.code, row.period_end
                ),
            }),
            None => insert_value(&tx, load, indicator, row)?,
        }
    }
    if !clashes.is_empty() {
        return Err(StoreError::RowsRefused(clashes));
    }
    let new_indicators = count_indicators(&tx)? - before;
    tx.commit().map_err(db)?;
    Ok(LoadOutcome::Loaded {
        load: LoadId(load),
        values: rows.len() as u64,
        new_indicators,
    })
}

fn count_indicators(tx: &Transaction<'_>) -> Result<u64, StoreError> {
    tx.query_row("SELECT count(*) FROM indicators", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n.max(0) as u64)
    .map_err(db)
}

/// The body named `name` and its council: a known one by slug, else new.
fn body(tx: &Transaction<'_>, name: &str) -> Result<(i64, Option<i64>), StoreError> {
    let slug = slug(name);
    let known = |tx: &Transaction<'_>| {
        tx.query_row(
            "SELECT id, organisation_id FROM bodies WHERE slug = ?1 ORDER BY id LIMIT 1",
            [&slug],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(db)
    };
    if let Some(found) = known(tx)? {
        return Ok(found);
    }
    tx.execute(
        "INSERT INTO bodies (organisation_id, name, slug) VALUES (NULL, ?1, ?2)",
        params![name, slug],
    )
    .map_err(db)?;
    Ok((tx.last_insert_rowid(), None))
}

/// The row's indicator, created if new; its metadata takes the row's
/// where the row gives it.
fn indicator(tx: &Transaction<'_>, row: &CsvIndicatorRow) -> Result<i64, StoreError> {
    let body = match row.body.as_deref().filter(|b| !slug(b).is_empty()) {
        Some(name) => Some(body(tx, name)?),
        None => None,
    };
    let (body_id, org) = (body.map(|b| b.0), body.and_then(|b| b.1));
    tx.execute(
        "INSERT OR IGNORE INTO indicators (organisation_id, body_id, code, name) VALUES (?1, ?2, ?3, ?4)",
        params![org, body_id, row.code, row.name],
    )
    .map_err(db)?;
    let id: i64 = tx
        .query_row(INDICATOR_BY_KEY, params![org, row.code, row.name], |r| {
            r.get(0)
        })
        .map_err(db)?;
    tx.execute(
        "UPDATE indicators SET polarity = ?2, period_kind = coalesce(?3, period_kind),
         unit = coalesce(?4, unit), data_source = coalesce(?5, data_source),
         owner = coalesce(?6, owner) WHERE id = ?1",
        params![
            id,
            row.polarity.letter(),
            row.period_kind,
            row.unit,
            row.data_source,
            row.owner
        ],
    )
    .map_err(db)?;
    if let Some(body_id) = body_id {
        tx.execute(
            "INSERT OR IGNORE INTO indicator_reviews (indicator_id, body_id) VALUES (?1, ?2)",
            params![id, body_id],
        )
        .map_err(db)?;
    }
    Ok(id)
}

/// Where a value for the row's period of `indicator` was stored before.
fn stored_origin(
    tx: &Transaction<'_>,
    indicator: i64,
    row: &CsvIndicatorRow,
) -> Result<Option<String>, StoreError> {
    tx.query_row(
        &format!("{VALUE_SELECT} WHERE v.indicator_id = ?1 AND v.period_end = ?2"),
        params![indicator, row.period_end.to_string()],
        stored_value,
    )
    .optional()
    .map(|found| found.map(|v| v.origin.to_string()))
    .map_err(db)
}

fn insert_value(
    tx: &Transaction<'_>,
    load: i64,
    indicator: i64,
    row: &CsvIndicatorRow,
) -> Result<(), StoreError> {
    let line = i64::try_from(row.line).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT INTO indicator_values (indicator_id, load_id, period, period_end, value,
         numerator, denominator, rag, commentary, lines_first, lines_last)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            indicator,
            load,
            row.period_label,
            row.period_end.to_string(),
            row.value,
            row.numerator,
            row.denominator,
            row.rating.map(|r| r.name()),
            row.commentary,
            line
        ],
    )
    .map_err(db)?;
    if row.target.is_some() || row.bands.is_some() {
        tx.execute(
            "INSERT INTO indicator_thresholds (indicator_id, effective_from, target, minimum,
             bands, load_id, lines_first, lines_last) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                indicator,
                row.period_end.to_string(),
                row.target,
                row.minimum,
                row.bands,
                load,
                line
            ],
        )
        .map_err(db)?;
    }
    Ok(())
}

/// Where a value or threshold was read, from six columns from `at`:
/// document id, its file name, load id, its file name, first and last line.
fn origin_at(r: &Row<'_>, at: usize) -> rusqlite::Result<ValueOrigin> {
    let lines = Lines {
        first: r.get::<_, i64>(at + 4)?.clamp(0, i64::from(u32::MAX)) as u32,
        last: r.get::<_, i64>(at + 5)?.clamp(0, i64::from(u32::MAX)) as u32,
    };
    Ok(match r.get::<_, Option<i64>>(at)? {
        Some(document) => ValueOrigin::Pack {
            source: Source {
                document: DocumentId(document),
                lines,
            },
            file_name: r.get(at + 1)?,
        },
        None => ValueOrigin::Csv {
            load: LoadId(r.get(at + 2)?),
            file_name: r.get(at + 3)?,
            line: lines.first,
        },
    })
}

/// A stored value with its indicator and origin; columns as
/// [`stored_value`] reads them.
/// An indicator's id by organisation (`?1`), code (`?2`) and name
/// (`?3`), through the `indicators_by_code_name` index.
pub(crate) const INDICATOR_BY_KEY: &str = "SELECT id FROM indicators
     WHERE ifnull(organisation_id, 0) = ifnull(?1, 0) AND ifnull(code, '') = ifnull(?2, '')
     AND name = ?3 AND code IS ?2";

pub(crate) const VALUE_SELECT: &str =
    "SELECT v.indicator_id, i.code, i.name, i.polarity, v.period_end,
    v.period, v.value, v.numerator, v.denominator, v.rag, v.target, v.document_id,
    d.file_name, v.load_id, l.file_name, v.lines_first, v.lines_last, v.commentary
    FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
    LEFT JOIN documents d ON d.id = v.document_id
    LEFT JOIN indicator_loads l ON l.id = v.load_id";

pub(crate) fn stored_value(r: &Row<'_>) -> rusqlite::Result<StoredValue> {
    let origin = origin_at(r, 11)?;
    Ok(StoredValue {
        indicator: IndicatorId(r.get(0)?),
        code: r.get(1)?,
        name: r.get(2)?,
        polarity: r.get::<_, Option<String>>(3)?.as_deref().and_then(polarity),
        period_end: r
            .get::<_, Option<String>>(4)?
            .as_deref()
            .and_then(parse_date),
        period: r.get(5)?,
        value: r.get(6)?,
        numerator: r.get(7)?,
        denominator: r.get(8)?,
        printed: r.get::<_, Option<String>>(9)?.as_deref().and_then(rag),
        row_target: r.get(10)?,
        commentary: r.get(17)?,
        origin,
    })
}

pub(crate) fn polarity(letter: &str) -> Option<Polarity> {
    [Polarity::High, Polarity::Low, Polarity::Target]
        .into_iter()
        .find(|p| p.letter() == letter)
}

fn rag(name: &str) -> Option<Rag> {
    [Rag::Red, Rag::Amber, Rag::Green]
        .into_iter()
        .find(|r| r.name() == name)
}

/// Every value (of indicators `body` reviews, when given), by indicator
/// and period end (undated last, in the order stored), assessed.
pub fn assessments(
    conn: &Connection,
    body: Option<BodyId>,
) -> Result<Vec<IndicatorAssessment>, StoreError> {
    // Two statements rather than `?1 IS NULL OR …`, so the one for a body
    // goes through the index of the indicators it reviews.
    let filter = match body {
        None => "?1 IS NULL",
        Some(_) => {
            "v.indicator_id IN (SELECT indicator_id FROM indicator_reviews WHERE body_id = ?1)"
        }
    };
    let mut values = conn
        .prepare(&format!(
            "{VALUE_SELECT} WHERE {filter}
             ORDER BY v.indicator_id, v.period_end IS NULL, v.period_end, v.id"
        ))
        .map_err(db)?;
    let values = values
        .query_map([body.map(|b| b.0)], stored_value)
        .map_err(db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db)?;
    let filter = filter.replace("v.indicator_id", "t.indicator_id");
    let thresholds: Vec<StoredThreshold> = thresholds(conn, &filter, body.map(|b| b.0))?
        .into_iter()
        .map(|t| t.threshold)
        .collect();
    Ok(assess(values, &thresholds))
}

/// The stored thresholds of the indicators `filter` keeps (an SQL
/// condition on `t.indicator_id` with `?1` bound to `param`), with their
/// origin, by indicator and date.
pub(crate) fn thresholds(
    conn: &Connection,
    filter: &str,
    param: Option<i64>,
) -> Result<Vec<ThresholdEntry>, StoreError> {
    let rows = all(
        conn,
        &format!(
            "SELECT t.indicator_id, t.effective_from, t.target, t.minimum, t.bands,
         t.document_id, d.file_name, t.load_id, l.file_name, t.lines_first, t.lines_last
         FROM indicator_thresholds t LEFT JOIN documents d ON d.id = t.document_id
         LEFT JOIN indicator_loads l ON l.id = t.load_id WHERE {filter}
         ORDER BY t.indicator_id, t.effective_from, t.id"
        ),
        [param],
        |r| {
            let from: String = r.get(1)?;
            let Some(effective_from) = parse_date(&from) else {
                return Ok(None);
            };
            let threshold = StoredThreshold {
                indicator: IndicatorId(r.get(0)?),
                effective_from,
                target: r.get(2)?,
                minimum: r.get(3)?,
                bands: r.get(4)?,
            };
            Ok(Some(ThresholdEntry {
                threshold,
                origin: origin_at(r, 5)?,
            }))
        },
    )?;
    Ok(rows.into_iter().flatten().collect())
}
