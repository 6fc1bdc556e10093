//! Shortcuts for tests and benchmarks that need many active tokens fast. Compiled
//! only with the `test-support` feature (the package's own dev-dependency turns it
//! on), so no release build has them and neither the CLI nor the API reaches them.

use super::error::ServerError;
use super::ids::new_serial;
use super::policy::i64_of;
use super::service::Service;
use super::store::NewToken;

impl Service {
    /// Creates (if needed) a user and gives it an active token with `seed`, without
    /// an enrollment; the token's serial.
    pub async fn insert_active_token(
        &self,
        customer: &str,
        user_id: &str,
        seed: &[u8],
        now: u64,
    ) -> Result<String, ServerError> {
        let mut serials = self
            .insert_active_tokens(customer, &[(user_id.to_owned(), seed.to_vec())], now)
            .await?;
        serials.pop().ok_or(ServerError::Random)
    }

    /// [`Service::insert_active_token`] for many users in one transaction.
    pub async fn insert_active_tokens(
        &self,
        customer: &str,
        users: &[(String, Vec<u8>)],
        now: u64,
    ) -> Result<Vec<String>, ServerError> {
        let keyed: Vec<(String, Vec<u8>, Option<String>)> = users
            .iter()
            .map(|(user, seed)| (user.clone(), seed.clone(), None))
            .collect();
        self.insert_active_tokens_with_keys(customer, &keyed, now)
            .await
    }

    /// [`Service::insert_active_tokens`] with each token's device public key
    /// (base64url), as an enrollment with a device key stores it.
    pub async fn insert_active_tokens_with_keys(
        &self,
        customer: &str,
        users: &[(String, Vec<u8>, Option<String>)],
        now: u64,
    ) -> Result<Vec<String>, ServerError> {
        let mut serials = Vec::with_capacity(users.len());
        let mut sealed = Vec::with_capacity(users.len());
        for (_, seed, _) in users {
            let serial = new_serial()?;
            sealed.push(self.key.seal(&format!("seed|{serial}"), seed)?);
            serials.push(serial);
        }
        let algorithm = self.policy.algorithm.as_str();
        let tokens: Vec<(String, NewToken<'_>)> = users
            .iter()
            .zip(serials.iter().zip(&sealed))
            .map(|((user_id, _, key), (serial, seed_sealed))| {
                (
                    user_id.clone(),
                    NewToken {
                        serial,
                        user_ref: "",
                        seed_sealed,
                        algorithm,
                        digits: i64::from(self.policy.digits.get()),
                        period: i64::from(self.policy.period.seconds()),
                        device_name: None,
                        device_key: key.as_deref(),
                        created_at: i64_of(now),
                    },
                )
            })
            .collect();
        self.store.insert_active_tokens(customer, &tokens).await?;
        Ok(serials)
    }
}
