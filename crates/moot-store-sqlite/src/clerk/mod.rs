//! The clerk's records in SQLite: [`ClerkStore`] for [`SqliteStore`].
//!
//! Every write runs through [`SqliteStore::change`]: the actor's role is
//! checked, an `IMMEDIATE` transaction opened, the input validated (every
//! fault under its field, nothing written), the change made, its audit
//! entry written, and only then committed. `rows` reads the clerk's tables
//! into records; `publish` writes what the public may see into the tables
//! a pack import fills.

mod publish;
mod rows;
mod write;

use crate::{audit, db, SqliteStore};
use moot_clerk::{BankHolidays, FieldErrors, NoticeCheck, Refused};
use moot_domain::Date;
use moot_store::{
    ActionId, Actor, AgendaItemId, AgendaPacks, Audience, BodyId, ClerkAction, ClerkAgenda,
    ClerkBody, ClerkMeeting, ClerkMeetingId, ClerkMember, ClerkMinute, ClerkMinutes, ClerkRecord,
    ClerkStore, MeetingId, MembershipId, MinuteId, MinuteText, MinuteVersion, NewAction,
    NewAgendaItem, NewAttendance, NewBody, NewDecision, NewDeclaration, NewMeeting, NewMember,
    NewPaper, PackEdition, PaperId, PaperInfo, Role, StoreError,
};
use rusqlite::{Transaction, TransactionBehavior};
use serde_json::Value;

/// What a write changed, for its audit entry: the subject (`meeting/3`)
/// and the record before and after.
pub(crate) struct Change {
    subject: String,
    before: Option<Value>,
    after: Option<Value>,
}

impl Change {
    /// A record made.
    fn created(subject: String, after: Value) -> Change {
        Change {
            subject,
            before: None,
            after: Some(after),
        }
    }

    /// A record changed from `before` to `after`.
    fn updated(subject: String, before: Value, after: Value) -> Change {
        Change {
            subject,
            before: Some(before),
            after: Some(after),
        }
    }
}

/// Refuses an actor below `role` (`Actor::require`, the one role check).
fn allow(actor: &Actor, role: Role, action: &'static str) -> Result<(), StoreError> {
    actor.require(role, action)
}

/// Turns faults into [`StoreError::Fields`].
fn valid(errors: FieldErrors) -> Result<(), StoreError> {
    errors.into_result().map_err(StoreError::Fields)
}

/// Turns a lifecycle refusal into [`StoreError::Refused`].
fn refused(refusal: Refused) -> StoreError {
    StoreError::Refused(refusal.0)
}

impl SqliteStore {
    /// Runs one clerk's write: checks the actor may, runs `write` in an
    /// `IMMEDIATE` transaction and records its [`Change`] in the audit log
    /// before committing. Any error rolls the whole change back.
    fn change<T>(
        &mut self,
        actor: &Actor,
        action: &'static str,
        write: impl FnOnce(&Transaction<'_>) -> Result<(T, Change), StoreError>,
    ) -> Result<T, StoreError> {
        allow(actor, Role::Clerk, action)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let (out, change) = write(&tx)?;
        audit::record(
            &tx,
            actor,
            action,
            &change.subject,
            change.before.as_ref(),
            change.after.as_ref(),
        )?;
        tx.commit().map_err(db)?;
        Ok(out)
    }
}

impl ClerkStore for SqliteStore {
    fn clerk_bodies(&self, actor: &Actor) -> Result<Vec<ClerkBody>, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::bodies(&self.conn, None)
    }

    fn clerk_body(&self, actor: &Actor, body: BodyId) -> Result<ClerkBody, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::bodies(&self.conn, Some(body))?
            .pop()
            .ok_or(StoreError::NotFound {
                what: "clerk body",
                id: body.0,
            })
    }

    fn clerk_meetings(&self, actor: &Actor, body: BodyId) -> Result<Vec<ClerkMeeting>, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::meetings_of(&self.conn, body)
    }

    fn create_body(&mut self, actor: &Actor, body: &NewBody) -> Result<BodyId, StoreError> {
        self.change(actor, "body.create", |tx| write::create_body(tx, body))
    }

    fn add_member(
        &mut self,
        actor: &Actor,
        body: BodyId,
        member: &NewMember,
    ) -> Result<MembershipId, StoreError> {
        self.change(actor, "membership.create", |tx| {
            write::add_member(tx, body, member)
        })
    }

    fn members_on(
        &self,
        actor: &Actor,
        body: BodyId,
        day: Date,
    ) -> Result<Vec<ClerkMember>, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::members_on(&self.conn, body, day)
    }

    fn create_meeting(
        &mut self,
        actor: &Actor,
        body: BodyId,
        meeting: &NewMeeting,
    ) -> Result<ClerkMeetingId, StoreError> {
        self.change(actor, "meeting.create", |tx| {
            write::create_meeting(tx, body, meeting)
        })
    }

    fn add_agenda_item(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        item: &NewAgendaItem,
    ) -> Result<AgendaItemId, StoreError> {
        self.change(actor, "agenda-item.create", |tx| {
            write::add_agenda_item(tx, meeting, item)
        })
    }

    fn attach_paper(
        &mut self,
        actor: &Actor,
        item: AgendaItemId,
        paper: &NewPaper,
    ) -> Result<PaperId, StoreError> {
        self.change(actor, "paper.create", |tx| {
            write::attach_paper(tx, item, paper)
        })
    }

    fn agenda(&self, actor: &Actor, meeting: ClerkMeetingId) -> Result<ClerkAgenda, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::agenda(&self.conn, meeting)
    }

    fn item_meeting(
        &self,
        actor: &Actor,
        item: AgendaItemId,
    ) -> Result<ClerkMeetingId, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::item_meeting(&self.conn, item)
    }

    fn paper(&self, actor: &Actor, paper: PaperId) -> Result<(PaperInfo, Vec<u8>), StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::paper(&self.conn, paper)
    }

    fn publish_agenda(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        published_on: Date,
        holidays: &BankHolidays,
        accept_short_notice: bool,
        packs: &AgendaPacks,
    ) -> Result<NoticeCheck, StoreError> {
        self.change(actor, "agenda.publish", |tx| {
            let notice = (published_on, holidays, accept_short_notice);
            write::publish_agenda(tx, meeting, notice, packs)
        })
    }

    fn has_agenda_packs(&self, meeting: MeetingId) -> Result<bool, StoreError> {
        rows::has_packs(&self.conn, meeting)
    }

    fn agenda_pack(
        &self,
        audience: Audience,
        meeting: MeetingId,
        edition: PackEdition,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        if edition == PackEdition::Members && !audience.sees_exempt() {
            return Err(StoreError::Forbidden {
                actor: "the public".into(),
                action: "read the members' agenda pack",
            });
        }
        rows::pack(&self.conn, meeting, edition)
    }

    fn record_attendance(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        attendance: &NewAttendance,
    ) -> Result<(), StoreError> {
        self.change(actor, "attendance.create", |tx| {
            write::record_attendance(tx, meeting, attendance)
        })
    }

    fn record_declaration(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        declaration: &NewDeclaration,
    ) -> Result<(), StoreError> {
        self.change(actor, "declaration.create", |tx| {
            write::record_declaration(tx, meeting, declaration)
        })
    }

    fn next_minute_number(
        &self,
        actor: &Actor,
        meeting: ClerkMeetingId,
    ) -> Result<u32, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::next_minute_number(&self.conn, meeting)
    }

    fn add_minute(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        number: Option<u32>,
        minute: &MinuteText,
    ) -> Result<MinuteId, StoreError> {
        self.change(actor, "minute.create", |tx| {
            write::add_minute(tx, meeting, number, minute)
        })
    }

    fn edit_minute(
        &mut self,
        actor: &Actor,
        minute: MinuteId,
        text: &MinuteText,
    ) -> Result<(), StoreError> {
        self.change(actor, "minute.update", |tx| {
            write::edit_minute(tx, minute, text)
        })
    }

    fn meeting_record(
        &self,
        actor: &Actor,
        meeting: ClerkMeetingId,
    ) -> Result<ClerkRecord, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::meeting_record(&self.conn, meeting)
    }

    fn minute(
        &self,
        actor: &Actor,
        minute: MinuteId,
    ) -> Result<(ClerkMeetingId, ClerkMinute), StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::minute(&self.conn, minute)
    }

    fn action(&self, actor: &Actor, action: ActionId) -> Result<ClerkAction, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::action(&self.conn, action)
    }

    fn minutes(&self, actor: &Actor, meeting: ClerkMeetingId) -> Result<ClerkMinutes, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::minutes(&self.conn, meeting)
    }

    fn publish_minutes(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
    ) -> Result<(), StoreError> {
        self.change(actor, "minutes.publish", |tx| {
            write::publish_minutes(tx, meeting)
        })
    }

    fn confirm_minutes(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        at: ClerkMeetingId,
    ) -> Result<(), StoreError> {
        self.change(actor, "minutes.confirm", |tx| {
            write::confirm_minutes(tx, meeting, at)
        })
    }

    fn correct_minute(
        &mut self,
        actor: &Actor,
        minute: MinuteId,
        text: &MinuteText,
        reason: &str,
    ) -> Result<(), StoreError> {
        let by = actor.to_string();
        self.change(actor, "minute.correct", |tx| {
            write::correct_minute(tx, minute, text, reason, &by)
        })
    }

    fn minute_versions(
        &self,
        actor: &Actor,
        minute: MinuteId,
    ) -> Result<Vec<MinuteVersion>, StoreError> {
        allow(actor, Role::Member, "read the clerk's records")?;
        rows::minute_versions(&self.conn, minute)
    }

    fn add_action(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        action: &NewAction,
    ) -> Result<ActionId, StoreError> {
        self.change(actor, "action.create", |tx| {
            write::add_action(tx, meeting, action)
        })
    }

    fn close_action(
        &mut self,
        actor: &Actor,
        action: ActionId,
        at: ClerkMeetingId,
    ) -> Result<(), StoreError> {
        self.change(actor, "action.close", |tx| {
            write::close_action(tx, action, at)
        })
    }

    fn record_decision(
        &mut self,
        actor: &Actor,
        decision: &NewDecision,
    ) -> Result<String, StoreError> {
        self.change(actor, "decision.create", |tx| {
            write::record_decision(tx, decision)
        })
    }
}
