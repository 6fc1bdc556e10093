//! otpd's service and router in-process, for API and concurrency tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use otp::api::pake::{ClientExchange, Context, new_enrollment_id};
use otp::api::wire::{EnrollFinish, EnrollStart, PAKE_SUITE, PakeMessage};
use otp::server::ServerError;
use otp::server::audit::Actor;
use otp::server::db::{Db, DbOptions};
use otp::server::keys::MasterKey;
use otp::server::policy::Policy;
use otp::server::rows::NewUser;
use otp::server::service::Service;

pub fn admin() -> Actor {
    Actor::Admin("test".to_owned())
}

pub fn public() -> Actor {
    Actor::Public("127.0.0.1".to_owned())
}

/// A service over `url` with customer 1106 and user jklee.
pub async fn service_at(url: &str, policy: Policy) -> Service {
    let db = Db::open(url, &DbOptions::default()).await.unwrap();
    let service = Service::new(db, MasterKey::from_bytes(&[7; 32]), policy);
    service
        .customer_add(&admin(), "1106", "Example Org", None, 6, 0)
        .await
        .unwrap();
    service
        .user_add(
            &admin(),
            &NewUser {
                customer: "1106",
                user_id: "jklee",
                display_name: None,
                email: None,
                lang: None,
            },
            0,
        )
        .await
        .unwrap();
    service
}

/// A SQLite service in `dir`.
pub async fn sqlite_service(dir: &std::path::Path, policy: Policy) -> Service {
    service_at(
        &format!("sqlite://{}", dir.join("otpd.db").display()),
        policy,
    )
    .await
}

/// Runs start with `code` for jklee; returns what finish needs.
pub async fn start(service: &Service, code: &str, now: u64) -> Result<EnrollFinish, ServerError> {
    let enrollment_id = new_enrollment_id().unwrap();
    let context = Context {
        customer: "1106",
        user_id: "jklee",
        enrollment_id: &enrollment_id,
    };
    let (exchange, msg) = ClientExchange::start(code, &context);
    let reply = service
        .enroll_start(
            &public(),
            &EnrollStart {
                customer: "1106".into(),
                user_id: "jklee".into(),
                device_name: None,
                enrollment_id: enrollment_id.clone(),
                pake: PakeMessage {
                    suite: PAKE_SUITE.into(),
                    msg,
                },
            },
            now,
        )
        .await?;
    let keys = exchange.finish(&reply.pake.msg).unwrap();
    Ok(EnrollFinish {
        enrollment_id,
        client_confirm: keys.client_confirm(),
        device_key: None,
    })
}

pub type Shared = Arc<Service>;
