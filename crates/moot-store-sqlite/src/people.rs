//! People in the database: feeding `moot-people`'s resolver with the people
//! already known and writing its verdicts, and the hand-made merges and
//! splits of `moot people`.
//!
//! Hand-made decisions are written twice: once as the change itself (names
//! and records move between people) and once in `person_overrides`, by
//! printing and body, so the resolver follows them for every later pack.

use crate::db;
use moot_people::{resolve, Known, Override, Person, PersonName, Rule, Variant};
use moot_store::{PersonId, StoreError};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The names one pack prints for one body.
pub struct NameGroup {
    /// The body.
    pub body: i64,
    /// The names as printed.
    pub names: Vec<String>,
}

/// Who each printed name of a pack was resolved to, by body.
#[derive(Default)]
pub struct People {
    by_name: HashMap<(i64, String), i64>,
}

impl People {
    /// The person `name`, printed on `body`, was resolved to; `None` when
    /// the text is not a person's name.
    pub fn get(&self, body: i64, name: &str) -> Option<i64> {
        self.by_name.get(&(body, name.to_string())).copied()
    }
}

/// Resolves every group's names, body by body, creating people and
/// recording each printing with its reason.
pub fn resolve_groups(
    tx: &Transaction<'_>,
    org: Option<i64>,
    doc: i64,
    groups: Vec<NameGroup>,
) -> Result<People, StoreError> {
    let mut by_body: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for group in groups {
        by_body.entry(group.body).or_default().extend(group.names);
    }
    let overrides = overrides(tx)?;
    let mut people = People::default();
    for (body, names) in by_body {
        let known = candidates(tx, org, &names, &overrides)?;
        let body_name = body_name(tx, body)?;
        let mut new_ids: HashMap<usize, i64> = HashMap::new();
        for verdict in resolve(&body_name, &names, &known, &overrides) {
            let person = match verdict.person {
                Person::Known(id) => id,
                Person::New(n) => match new_ids.get(&n) {
                    Some(id) => *id,
                    None => {
                        let id = insert_person(tx, org, &verdict.name)?;
                        new_ids.insert(n, id);
                        id
                    }
                },
            };
            record_name(tx, person, body, &verdict.name, &verdict.reason, Some(doc))?;
            people.by_name.insert((body, verdict.name), person);
        }
    }
    Ok(people)
}

/// The known people of `org` the resolver could give one of `names` to,
/// each with every printing of their name: those printed with the surname
/// of one of the names or of a printing a hand-made decision names (the
/// resolver matches no one else: a match needs the same surname, or a
/// hand-made decision), looked up through `person_names_by_surname`, so
/// the cost follows the pack, not the number of people stored.
fn candidates(
    tx: &Transaction<'_>,
    org: Option<i64>,
    names: &[String],
    overrides: &[Override],
) -> Result<Vec<Known<i64>>, StoreError> {
    let surnames: BTreeSet<String> = names
        .iter()
        .map(String::as_str)
        .chain(
            overrides
                .iter()
                .flat_map(|o| [o.a.name.as_str(), o.b.name.as_str()]),
        )
        .filter_map(PersonName::parse)
        .map(|n| n.surname_key())
        .collect();
    let mut by_surname = tx
        .prepare_cached("SELECT DISTINCT person_id FROM person_names WHERE surname_key = ?1")
        .map_err(db)?;
    let mut ids = BTreeSet::new();
    for surname in &surnames {
        let found = by_surname
            .query_map([surname], |r| r.get::<_, i64>(0))
            .map_err(db)?;
        for id in found {
            ids.insert(id.map_err(db)?);
        }
    }
    let mut printings = tx
        .prepare_cached(
            "SELECT b.name, n.name FROM person_names n
             JOIN people p ON p.id = n.person_id JOIN bodies b ON b.id = n.body_id
             WHERE n.person_id = ?1 AND p.organisation_id IS ?2 ORDER BY n.id",
        )
        .map_err(db)?;
    let mut known = Vec::new();
    for id in ids {
        let variants = printings
            .query_map(params![id, org], |r| {
                Ok(Variant {
                    body: r.get(0)?,
                    name: r.get(1)?,
                })
            })
            .map_err(db)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(db)?;
        if !variants.is_empty() {
            known.push(Known { id, variants });
        }
    }
    Ok(known)
}

fn overrides(tx: &Transaction<'_>) -> Result<Vec<Override>, StoreError> {
    let mut stmt = tx
        .prepare_cached(
            "SELECT o.rule, a.name, o.name_a, b.name, o.name_b FROM person_overrides o
             JOIN bodies a ON a.id = o.body_a JOIN bodies b ON b.id = o.body_b ORDER BY o.id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([], |r| {
            let rule: String = r.get(0)?;
            Ok(Override {
                rule: if rule == "same" {
                    Rule::Same
                } else {
                    Rule::Apart
                },
                a: Variant::new(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?),
                b: Variant::new(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?),
            })
        })
        .map_err(db)?;
    rows.collect::<Result<_, _>>().map_err(db)
}

fn body_name(tx: &Transaction<'_>, body: i64) -> Result<String, StoreError> {
    tx.query_row("SELECT name FROM bodies WHERE id = ?1", [body], |r| {
        r.get(0)
    })
    .map_err(db)
}

pub(crate) fn insert_person(
    tx: &Transaction<'_>,
    org: Option<i64>,
    name: &str,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO people (organisation_id, name) VALUES (?1, ?2)",
        params![org, name],
    )
    .map_err(db)?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn record_name(
    tx: &Transaction<'_>,
    person: i64,
    body: i64,
    name: &str,
    reason: &str,
    doc: Option<i64>,
) -> Result<(), StoreError> {
    let key = PersonName::parse(name).map_or_else(|| name.to_lowercase(), |n| n.key());
    tx.execute(
        "INSERT OR IGNORE INTO person_names (person_id, body_id, name, key, reason, document_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![person, body, name, key, reason, doc],
    )
    .map_err(db)?;
    Ok(())
}

/// A printing of a person's name: its row, body and text.
struct Alias {
    id: i64,
    body: i64,
    name: String,
    key: String,
}

fn aliases(tx: &Transaction<'_>, person: i64) -> Result<Vec<Alias>, StoreError> {
    let mut stmt = tx
        .prepare_cached(
            "SELECT id, body_id, name, key FROM person_names WHERE person_id = ?1 ORDER BY id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([person], |r| {
            Ok(Alias {
                id: r.get(0)?,
                body: r.get(1)?,
                name: r.get(2)?,
                key: r.get(3)?,
            })
        })
        .map_err(db)?;
    rows.collect::<Result<_, _>>().map_err(db)
}

fn person_exists(tx: &Transaction<'_>, id: PersonId) -> Result<(), StoreError> {
    let found: Option<i64> = tx
        .query_row("SELECT id FROM people WHERE id = ?1", [id.0], |r| r.get(0))
        .optional()
        .map_err(db)?;
    found.map(|_| ()).ok_or(StoreError::NotFound {
        what: "person",
        id: id.0,
    })
}

fn record_override(
    tx: &Transaction<'_>,
    rule: Rule,
    a: &Alias,
    b: &Alias,
) -> Result<(), StoreError> {
    let (rule, opposite) = match rule {
        Rule::Same => ("same", "apart"),
        Rule::Apart => ("apart", "same"),
    };
    tx.execute(
        "DELETE FROM person_overrides WHERE rule = ?1 AND ((body_a = ?2 AND name_a = ?3 AND body_b = ?4
         AND name_b = ?5) OR (body_a = ?4 AND name_a = ?5 AND body_b = ?2 AND name_b = ?3))",
        params![opposite, a.body, a.name, b.body, b.name],
    )
    .map_err(db)?;
    tx.execute(
        "INSERT OR IGNORE INTO person_overrides (rule, body_a, name_a, body_b, name_b, made_at)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![rule, a.body, a.name, b.body, b.name],
    )
    .map_err(db)?;
    Ok(())
}

/// Tables whose rows name a person, with the column holding the printed
/// name beside the person column.
const PERSON_COLUMNS: &[(&str, &str, &str)] = &[
    ("memberships", "person_id", "name"),
    ("attendance", "person_id", "name"),
    (
        "attendance",
        "substitute_for_person_id",
        "substitute_for_name",
    ),
    ("declarations", "person_id", "name"),
];

/// Joins `absorb` into `keep`.
pub fn merge(tx: &Transaction<'_>, keep: PersonId, absorb: PersonId) -> Result<(), StoreError> {
    if keep == absorb {
        return Err(StoreError::Invalid(
            "cannot merge a person with themselves".into(),
        ));
    }
    person_exists(tx, keep)?;
    person_exists(tx, absorb)?;
    let kept = aliases(tx, keep.0)?;
    let moved = aliases(tx, absorb.0)?;
    if let Some(anchor) = kept.first() {
        for alias in &moved {
            record_override(tx, Rule::Same, anchor, alias)?;
        }
    }
    for (table, column, _) in PERSON_COLUMNS {
        let sql = format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2");
        tx.execute(&sql, params![keep.0, absorb.0]).map_err(db)?;
    }
    tx.execute(
        "UPDATE person_names SET person_id = ?1, reason = 'merged by hand: ' || reason WHERE person_id = ?2",
        params![keep.0, absorb.0],
    )
    .map_err(db)?;
    tx.execute("DELETE FROM people WHERE id = ?1", [absorb.0])
        .map_err(db)?;
    Ok(())
}

/// Moves the printing `name` off `person` onto a new person.
pub fn split(tx: &Transaction<'_>, person: PersonId, name: &str) -> Result<PersonId, StoreError> {
    person_exists(tx, person)?;
    let key = PersonName::parse(name)
        .map(|n| n.key())
        .ok_or_else(|| StoreError::Invalid(format!("'{name}' is not a person's name")))?;
    let (leaving, staying): (Vec<Alias>, Vec<Alias>) = aliases(tx, person.0)?
        .into_iter()
        .partition(|a| a.key == key);
    let Some(first) = leaving.first() else {
        return Err(StoreError::Invalid(format!(
            "person {person} is never printed as '{name}'"
        )));
    };
    if staying.is_empty() {
        return Err(StoreError::Invalid(format!(
            "'{name}' is person {person}'s only printing"
        )));
    }
    let org: Option<i64> = tx
        .query_row(
            "SELECT organisation_id FROM people WHERE id = ?1",
            [person.0],
            |r| r.get(0),
        )
        .map_err(db)?;
    let new = insert_person(tx, org, &first.name)?;
    for alias in &leaving {
        tx.execute(
            "UPDATE person_names SET person_id = ?1, reason = ?2 WHERE id = ?3",
            params![new, format!("split by hand from person {person}"), alias.id],
        )
        .map_err(db)?;
        for other in &staying {
            record_override(tx, Rule::Apart, alias, other)?;
        }
    }
    move_records(tx, person.0, new, &key)?;
    rename_if_needed(tx, person.0, &key, &staying)?;
    Ok(PersonId(new))
}

/// Moves the rows of `from` printed under `key` to `to`.
fn move_records(tx: &Transaction<'_>, from: i64, to: i64, key: &str) -> Result<(), StoreError> {
    for (table, column, name_column) in PERSON_COLUMNS {
        let select = format!("SELECT id, {name_column} FROM {table} WHERE {column} = ?1");
        let mut stmt = tx.prepare(&select).map_err(db)?;
        let rows: Vec<(i64, String)> = stmt
            .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(db)?
            .collect::<Result<_, _>>()
            .map_err(db)?;
        let update = format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2");
        for (id, printed) in rows {
            if PersonName::parse(&printed).is_some_and(|n| n.key() == key) {
                tx.execute(&update, params![to, id]).map_err(db)?;
            }
        }
    }
    Ok(())
}

fn rename_if_needed(
    tx: &Transaction<'_>,
    person: i64,
    key: &str,
    staying: &[Alias],
) -> Result<(), StoreError> {
    let name: String = tx
        .query_row("SELECT name FROM people WHERE id = ?1", [person], |r| {
            r.get(0)
        })
        .map_err(db)?;
    let gone = PersonName::parse(&name).is_some_and(|n| n.key() == key);
    if let (true, Some(first)) = (gone, staying.first()) {
        tx.execute(
            "UPDATE people SET name = ?1 WHERE id = ?2",
            params![first.name, person],
        )
        .map_err(db)?;
    }
    Ok(())
}
