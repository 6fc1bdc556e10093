//! `otpd user import`: a checked file ([`super::roster`]) compared with the
//! customer's users into a plan (add, update which fields, unchanged), applied in
//! one transaction or not at all.
//!
//! Users not in the file are never touched, and an empty cell never clears a
//! value. The audit log gets a `user.add` or `user.update` entry per user changed
//! (the fields, not their values) and one `user.import` entry with the counts, all
//! in the import's transaction; a refused file gets a `user.import` entry with
//! its outcome.

use super::audit::{Actor, AuditEntry};
use super::error::{ImportError, ServerError};
use super::roster::{Roster, RosterRow, read_roster};
use super::rows::{ExistingUser, NewUser, UserUpdate};
use super::service::Service;

/// A value the import changes: what it was, what it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The stored value, if any.
    pub old: Option<String>,
    /// The file's value.
    pub new: String,
}

/// What the import does to one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new user.
    Add,
    /// A user who exists, with the values that change (at least one).
    Update {
        /// The display name.
        name: Option<FieldChange>,
        /// The email address.
        email: Option<FieldChange>,
        /// The language.
        lang: Option<FieldChange>,
    },
    /// A user who exists as the file gives them.
    Same,
}

/// One user of the file and what the import does to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedUser {
    /// The file's row.
    pub row: RosterRow,
    /// What changes.
    pub change: Change,
    /// Whether the user has an active token (and so needs no activation code).
    pub has_token: bool,
    /// The user's row id, when the user exists.
    user_ref: Option<String>,
}

/// How many users an import adds, updates and leaves as they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Users added.
    pub added: usize,
    /// Users updated.
    pub updated: usize,
    /// Users unchanged.
    pub unchanged: usize,
}

/// What an import does (or did), user by user, with what reading the file showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// The customer code.
    pub customer: String,
    /// The file's users in file order.
    pub users: Vec<PlannedUser>,
    /// The file as read: its encoding, ignored columns and trimmed cells (its
    /// rows are in `users`).
    pub file: Roster,
}

impl ImportPlan {
    /// How many users are added, updated and unchanged.
    pub fn counts(&self) -> ImportCounts {
        let mut counts = ImportCounts::default();
        for user in &self.users {
            match user.change {
                Change::Add => counts.added += 1,
                Change::Update { .. } => counts.updated += 1,
                Change::Same => counts.unchanged += 1,
            }
        }
        counts
    }
}

/// The change of one value: `None` when the file gives none or the same.
fn field_change(old: Option<&str>, new: Option<&str>) -> Option<FieldChange> {
    let new = new?;
    (old != Some(new)).then(|| FieldChange {
        old: old.map(str::to_owned),
        new: new.to_owned(),
    })
}

/// What the import does to `row`, given the stored user (if any).
fn plan_row(row: RosterRow, existing: Option<&ExistingUser>) -> PlannedUser {
    let Some(user) = existing else {
        return PlannedUser {
            row,
            change: Change::Add,
            has_token: false,
            user_ref: None,
        };
    };
    let name = field_change(user.display_name.as_deref(), row.name.as_deref());
    let email = field_change(user.email.as_deref(), row.email.as_deref());
    let lang = field_change(user.lang.as_deref(), row.lang);
    let change = if name.is_none() && email.is_none() && lang.is_none() {
        Change::Same
    } else {
        Change::Update { name, email, lang }
    };
    PlannedUser {
        row,
        change,
        has_token: user.has_token,
        user_ref: Some(user.user_ref.clone()),
    }
}

/// The new value of a change, if any.
fn new_value(change: &Option<FieldChange>) -> Option<&str> {
    change.as_ref().map(|change| change.new.as_str())
}

/// The audit detail of an updated user: which fields changed (never values).
fn update_detail(name: bool, email: bool, lang: bool) -> String {
    let fields: Vec<&str> = [(name, "name"), (email, "email"), (lang, "lang")]
        .into_iter()
        .filter_map(|(changed, field)| changed.then_some(field))
        .collect();
    format!("via=import changed={}", fields.join(","))
}

impl Service {
    /// `otpd user import`: reads and checks the whole file `bytes` (named
    /// `source` in the audit log), compares it with the users of `customer`, and
    /// unless `dry_run` applies the plan in one transaction. A refused file or a
    /// failed transaction changes nothing and is audited (a dry run never is).
    pub async fn user_import(
        &self,
        actor: &Actor,
        customer: &str,
        bytes: &[u8],
        source: &str,
        dry_run: bool,
        now: u64,
    ) -> Result<ImportPlan, ServerError> {
        let result = async {
            self.require_customer(customer).await?;
            let file = read_roster(bytes)?;
            let plan = self.import_plan(customer, file).await?;
            if !dry_run {
                self.apply_import(actor, &plan, source, now).await?;
            }
            Ok(plan)
        }
        .await;
        if !dry_run && let Err(error) = &result {
            let detail = match error {
                ServerError::Import(ImportError::Problems { problems, more }) => {
                    format!("source={source:?} problems={}", problems.len() + more)
                }
                _ => format!("source={source:?}"),
            };
            self.audit(
                actor,
                "user.import",
                Some(customer),
                None,
                error.outcome(),
                Some(&detail),
            )
            .await?;
        }
        result
    }

    /// Compares the checked `file` with the users of `customer`.
    async fn import_plan(
        &self,
        customer: &str,
        mut file: Roster,
    ) -> Result<ImportPlan, ServerError> {
        let existing = self.store.existing_users(customer).await?;
        let users = std::mem::take(&mut file.rows)
            .into_iter()
            .map(|row| {
                let stored = existing.get(&row.user_id);
                plan_row(row, stored)
            })
            .collect();
        Ok(ImportPlan {
            customer: customer.to_owned(),
            users,
            file,
        })
    }

    /// Writes `plan` in one transaction with its audit entries.
    async fn apply_import(
        &self,
        actor: &Actor,
        plan: &ImportPlan,
        source: &str,
        now: u64,
    ) -> Result<(), ServerError> {
        let customer = plan.customer.as_str();
        let mut adds = Vec::new();
        let mut updates = Vec::new();
        for user in &plan.users {
            let row = &user.row;
            match (&user.change, &user.user_ref) {
                (Change::Add, _) => adds.push(NewUser {
                    customer,
                    user_id: &row.user_id,
                    display_name: row.name.as_deref(),
                    email: row.email.as_deref(),
                    lang: row.lang,
                }),
                (Change::Update { name, email, lang }, Some(user_ref)) => {
                    updates.push((
                        UserUpdate {
                            user_ref,
                            user_id: &row.user_id,
                            display_name: new_value(name),
                            email: new_value(email),
                            lang: new_value(lang),
                        },
                        update_detail(name.is_some(), email.is_some(), lang.is_some()),
                    ));
                }
                _ => {}
            }
        }
        let counts = plan.counts();
        // Audit details are records (key=value), in no language.
        let summary_detail = format!(
            "source={source:?} added={} updated={} unchanged={}",
            counts.added, counts.updated, counts.unchanged
        );
        let each = AuditEntry {
            actor,
            action: "user.add",
            customer: Some(customer),
            user_id: None,
            outcome: "ok",
            detail: Some("via=import"),
        };
        let summary = AuditEntry {
            action: "user.import",
            detail: Some(&summary_detail),
            ..each
        };
        self.store
            .import_users(&adds, &updates, each, summary, now)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: Option<&str>, email: Option<&str>, lang: Option<&'static str>) -> RosterRow {
        RosterRow {
            line: 2,
            user_id: "jklee".into(),
            name: name.map(str::to_owned),
            email: email.map(str::to_owned),
            lang,
        }
    }

    #[test]
    fn only_given_values_that_differ_change() {
        let stored = ExistingUser {
            user_ref: "r".into(),
            display_name: Some("이정국".into()),
            email: None,
            lang: Some("ko".into()),
            has_token: true,
        };
        let same = plan_row(row(Some("이정국"), None, Some("ko")), Some(&stored));
        assert_eq!(same.change, Change::Same);
        assert!(same.has_token);
        let update = plan_row(row(None, Some("jk@kisti.re.kr"), Some("en")), Some(&stored));
        assert_eq!(
            update.change,
            Change::Update {
                name: None,
                email: Some(FieldChange {
                    old: None,
                    new: "jk@kisti.re.kr".into()
                }),
                lang: Some(FieldChange {
                    old: Some("ko".into()),
                    new: "en".into()
                }),
            }
        );
        assert_eq!(plan_row(row(None, None, None), None).change, Change::Add);
        assert_eq!(
            update_detail(false, true, true),
            "via=import changed=email,lang"
        );
    }
}
