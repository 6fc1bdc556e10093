//! `otpd init`: a config file, a master key file (0600) and the database (0600),
//! in a data directory it creates 0700, never overwriting an existing config.

use std::path::Path;

use super::admin;
use super::args::InitArgs;
use super::runtime::runtime;
use super::text;
use crate::server::ServerError;
use crate::server::config::ServerConfig;
use crate::server::error::{AdminError, ConfigError, IoAction};
use crate::server::keys::MasterKey;
use crate::server::serve::open_service;
use crate::server::sqlite_files::{create_private_dir, open_directory};
use crate::t;

/// `otpd init`: writes the config and a new master key, and creates the database.
pub fn run(config_path: &Path, args: &InitArgs) -> Result<(), ServerError> {
    if config_path.exists() {
        return Err(AdminError::ConfigExists {
            path: config_path.to_owned(),
        }
        .into());
    }
    let dir = config_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Whatever the umask: the data directory otpd makes is its own (0700).
    create_private_dir(dir)?;
    let dir = std::fs::canonicalize(dir)
        .map_err(ServerError::io(IoAction::ResolveDir(dir.to_owned())))?;
    let mut config = ServerConfig::new_in(&dir, args.database.clone(), Some(args.listen.clone()));
    config.tls_cert = args.tls_cert.clone();
    config.tls_key = args.tls_key.clone();
    let key_path = dir.join(&config.master_key_file);
    MasterKey::create(&key_path)?;
    let text = toml::to_string(&config).map_err(|e| ConfigError::Unwritable {
        detail: e.to_string(),
    })?;
    std::fs::write(config_path, format!("{}{text}", text::config_header())).map_err(
        ServerError::io(IoAction::WriteConfig(config_path.to_owned())),
    )?;
    let loaded = ServerConfig::load(config_path)?;
    runtime()?.block_on(async {
        let service = open_service(&loaded).await?;
        service
            .audit(&admin::actor(), "init", None, None, "ok", None)
            .await?;
        service.db().close().await;
        Ok::<(), ServerError>(())
    })?;
    println!(
        "{}",
        text::initialised(config_path, &key_path, &loaded.database)
    );
    if let Some(dir) = open_directory(&loaded.database) {
        eprintln!(
            "{}",
            t!("otpd-warn-data-dir-open", dir = dir.display().to_string())
        );
    }
    Ok(())
}
