//! The connections behind otpd, through `sqlx::Any`: a SQLite file for one
//! instance, a PostgreSQL URL for several instances sharing one database. The
//! schema is one set of migrations (`src/server/migrations/`, embedded at build
//! time) for both; the statements are in `store`.

use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, SqlSafeStr};

use super::error::{ConfigError, DatabaseError, ServerError};
use super::sqlite_files;

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The backend of `url`, or an error naming the schemes otpd knows.
    pub fn of(url: &str) -> Result<Self, ServerError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(ConfigError::DatabaseUrl.into())
        }
    }
}

/// How to open the database.
#[derive(Debug, Clone)]
pub struct DbOptions {
    /// Most connections; 0 picks 2 for SQLite (readers run beside the one writer in
    /// WAL mode; verification writes have a connection of their own) and 16 for
    /// PostgreSQL.
    pub max_connections: u32,
    /// SQLite `synchronous`: `full`, `normal` or `off`.
    pub sqlite_synchronous: String,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            max_connections: 0,
            sqlite_synchronous: "full".to_owned(),
        }
    }
}

/// The connection pools.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    /// One more connection, for the verification group commit.
    commit_pool: Option<AnyPool>,
    backend: Backend,
}

fn migrator() -> Migrator {
    let migration = |version: i64, name: &'static str, sql: &'static str| {
        Migration::new(
            version,
            name.into(),
            MigrationType::Simple,
            sql.into_sql_str(),
            false,
        )
    };
    Migrator::with_migrations(vec![
        migration(1, "init", include_str!("migrations/0001_init.sql")),
        migration(
            2,
            "audit_events",
            include_str!("migrations/0002_audit_events.sql"),
        ),
        migration(
            3,
            "enrollment_expiry",
            include_str!("migrations/0003_enrollment_expiry.sql"),
        ),
        migration(
            4,
            "user_contact",
            include_str!("migrations/0004_user_contact.sql"),
        ),
        migration(
            5,
            "deliveries",
            include_str!("migrations/0005_deliveries.sql"),
        ),
        migration(6, "push", include_str!("migrations/0006_push.sql")),
    ])
}

impl Db {
    /// Opens the pool (creating a SQLite file if needed, mode 0600, and tightening
    /// a looser one and its companions) and applies migrations.
    pub async fn open(url: &str, options: &DbOptions) -> Result<Self, ServerError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)?;
        let mut url = url.to_owned();
        if backend == Backend::Sqlite && !url.contains("mode=") {
            url.push_str(if url.contains('?') { "&" } else { "?" });
            url.push_str("mode=rwc");
        }
        if backend == Backend::Sqlite {
            // Before SQLite sees it: the file 0600, so its -wal and -shm are too.
            sqlite_files::make_private(&url, url.contains("mode=rwc"))?;
        }
        let max = match (options.max_connections, backend) {
            (0, Backend::Sqlite) => 2,
            (0, Backend::Postgres) => 16,
            (n, _) => n,
        };
        let synchronous: &'static str = match options.sqlite_synchronous.as_str() {
            "normal" => "PRAGMA synchronous = NORMAL",
            "off" => "PRAGMA synchronous = OFF",
            _ => "PRAGMA synchronous = FULL",
        };
        let options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query(synchronous).execute(&mut *conn).await?;
                        sqlx::query("PRAGMA busy_timeout = 5000")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            });
        let open_error = |e: sqlx::Error| ServerError::Database(DatabaseError::Open(e.to_string()));
        let pool = options
            .clone()
            .max_connections(max)
            .connect(&url)
            .await
            .map_err(open_error)?;
        migrator()
            .run(&pool)
            .await
            .map_err(|e| ServerError::Database(DatabaseError::Migrate(e.to_string())))?;
        let commit_connections = match backend {
            Backend::Sqlite => 1,
            Backend::Postgres => 4,
        };
        let commit_pool = Some(
            options
                .max_connections(commit_connections)
                .connect(&url)
                .await
                .map_err(open_error)?,
        );
        Ok(Self {
            pool,
            commit_pool,
            backend,
        })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for the store's statements.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The connection for the verification group commit.
    pub fn commit_pool(&self) -> Option<&AnyPool> {
        self.commit_pool.as_ref()
    }

    /// Closes every connection (flushes SQLite's WAL).
    pub async fn close(&self) {
        if let Some(pool) = &self.commit_pool {
            pool.close().await;
        }
        self.pool.close().await;
    }
}
