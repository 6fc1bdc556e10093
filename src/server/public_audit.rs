//! What anonymous clients can make otpd write to the audit log, and its bound.
//!
//! Anonymous events (customer lookups and the enrollment steps, by
//! `public:<address>`) are folded: within one minute, the events of one address
//! with the same action, customer, user and outcome share one row, whose `events`
//! column counts them. Customer codes and user IDs are recorded only when they
//! name rows that exist (the callers see to it), so made-up texts are neither
//! stored nor able to make new rows.
//!
//! Each address bucket (an IPv4 address, or an IPv6 /64, which one client
//! commonly holds whole) gets at most [`DETAILED_ROWS_PER_MINUTE`] rows of its own
//! per minute; its further events in that minute are counted in one more row,
//! [`MORE_ACTION`] by `public:<bucket>`. So however many requests they send,
//! anonymous clients add at most [`ROWS_PER_MINUTE_PER_BUCKET`] rows per minute per
//! address bucket (per otpd instance; instances sharing PostgreSQL fold into the
//! same rows when they see the same events).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;

use super::ids::sha256_hex;

/// Rows of its own an address bucket may add per minute.
pub const DETAILED_ROWS_PER_MINUTE: usize = 8;

/// The most rows anonymous clients add per minute per address bucket: the
/// detailed ones and the one that counts the rest.
pub const ROWS_PER_MINUTE_PER_BUCKET: usize = DETAILED_ROWS_PER_MINUTE + 1;

/// The action of the row that counts a bucket's events beyond its detailed rows.
pub const MORE_ACTION: &str = "public.more";

/// The outcome recorded on a [`MORE_ACTION`] row (its events had several).
pub const MORE_OUTCOME: &str = "mixed";

/// Whether an anonymous event is recorded in a row of its own, never folded: a
/// successful `finish` or `activate` uses up an activation code or a pending token
/// an administrator issued, so no client can repeat it at will.
pub fn always_in_full(action: &str, outcome: &str) -> bool {
    outcome == "ok" && matches!(action, "enroll.finish" | "enroll.activate")
}

/// The bucket an address falls in: an IPv4 address itself, an IPv6 address's /64
/// (`2001:db8:0:7::/64`); a text that is no address stands for itself.
pub fn bucket_of(address: &str) -> String {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            let prefix = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            format!("{prefix}/64")
        }
        Ok(IpAddr::V6(v6)) => v6
            .to_ipv4_mapped()
            .map_or_else(|| address.to_owned(), |v4| v4.to_string()),
        _ => address.to_owned(),
    }
}

/// The id of the folded row of one event's kind in `minute`: the same for the
/// same fields, on every instance.
pub fn row_id(minute: u64, fields: &[Option<&str>]) -> String {
    let mut text = format!("audit-fold\u{0}{minute}");
    for field in fields {
        text.push('\u{0}');
        // A missing field and an empty one differ (control characters never
        // appear in the fields, so the separators cannot be forged).
        if let Some(value) = field {
            text.push('=');
            text.push_str(value);
        }
    }
    format!("f{}", &sha256_hex(text.as_bytes())[..32])
}

/// Where one anonymous event is counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// In the row with this id (created if needed).
    Own(String),
    /// In the bucket's [`MORE_ACTION`] row with this id: the bucket has used up
    /// its detailed rows for the minute.
    More(String),
}

/// The rows each address bucket has used in the current minute.
#[derive(Default)]
pub struct PublicAudit {
    minute: Mutex<Minute>,
}

#[derive(Default)]
struct Minute {
    at: u64,
    rows: HashMap<String, Vec<String>>,
}

impl PublicAudit {
    /// Where an event of `bucket` whose row would be `id` is counted in `minute`.
    pub fn place(&self, minute: u64, bucket: &str, id: String) -> Placement {
        let mut state = self
            .minute
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if minute < state.at {
            // Late for a minute already forgotten: its catch-all row keeps the bound.
            return Placement::More(row_id(minute, &[Some(MORE_ACTION), Some(bucket)]));
        }
        if minute > state.at {
            // A new minute: every bucket starts afresh (and the map stays small).
            state.at = minute;
            state.rows.clear();
        }
        let rows = state.rows.entry(bucket.to_owned()).or_default();
        if rows.contains(&id) {
            return Placement::Own(id);
        }
        if rows.len() < DETAILED_ROWS_PER_MINUTE {
            rows.push(id.clone());
            return Placement::Own(id);
        }
        Placement::More(row_id(minute, &[Some(MORE_ACTION), Some(bucket)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        assert_eq!(bucket_of("203.0.113.7"), "203.0.113.7");
        assert_eq!(bucket_of("2001:db8:0:7::1f"), "2001:db8:0:7::/64");
        assert_eq!(bucket_of("2001:db8:0:7:1:2:3:4"), "2001:db8:0:7::/64");
        assert_eq!(bucket_of("::ffff:192.0.2.1"), "192.0.2.1");
        assert_eq!(bucket_of("unknown"), "unknown");
    }

    #[test]
    fn ids_tell_fields_apart() {
        let a = row_id(1, &[Some("x"), None]);
        assert_eq!(a, row_id(1, &[Some("x"), None]));
        assert_ne!(a, row_id(1, &[Some("x"), Some("")]));
        assert_ne!(a, row_id(2, &[Some("x"), None]));
        assert_ne!(
            row_id(1, &[Some("ab"), Some("c")]),
            row_id(1, &[Some("a"), Some("bc")])
        );
    }

    #[test]
    fn a_bucket_gets_a_bounded_number_of_rows_per_minute() {
        let audit = PublicAudit::default();
        let mut ids = std::collections::HashSet::new();
        for i in 0..1000 {
            let id = row_id(7, &[Some(&i.to_string())]);
            ids.insert(match audit.place(7, "b", id) {
                Placement::Own(id) | Placement::More(id) => id,
            });
        }
        assert_eq!(ids.len(), ROWS_PER_MINUTE_PER_BUCKET);
        // Known rows keep counting in their own row; another bucket is not affected.
        let first = row_id(7, &[Some("0")]);
        assert_eq!(audit.place(7, "b", first.clone()), Placement::Own(first));
        let other = row_id(7, &[Some("999")]);
        assert_eq!(
            audit.place(7, "c", other.clone()),
            Placement::Own(other.clone())
        );
        // The next minute starts afresh.
        assert_eq!(audit.place(8, "b", other.clone()), Placement::Own(other));
    }
}
