//! `otpd init`: a config file, a master key file (0600) and the database, never
//! overwriting an existing config.

use std::path::Path;

use super::admin;
use super::args::InitArgs;
use super::runtime::runtime;
use super::text;
use crate::server::ServerError;
use crate::server::config::ServerConfig;
use crate::server::keys::MasterKey;
use crate::server::serve::open_service;

/// `otpd init`: writes the config and a new master key, and creates the database.
pub fn run(config_path: &Path, args: &InitArgs) -> Result<(), ServerError> {
    if config_path.exists() {
        return Err(ServerError::Admin(format!(
            "{} already exists; otpd init never overwrites a config",
            config_path.display()
        )));
    }
    let dir = config_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| ServerError::Io {
        what: format!("creating {}", dir.display()),
        source,
    })?;
    let dir = std::fs::canonicalize(dir).map_err(|source| ServerError::Io {
        what: format!("resolving {}", dir.display()),
        source,
    })?;
    let mut config = ServerConfig::new_in(&dir, args.database.clone(), Some(args.listen.clone()));
    config.tls_cert = args.tls_cert.clone();
    config.tls_key = args.tls_key.clone();
    let key_path = dir.join(&config.master_key_file);
    MasterKey::create(&key_path)?;
    let text = toml::to_string(&config)
        .map_err(|e| ServerError::Config(format!("cannot write the config: {e}")))?;
    std::fs::write(config_path, format!("{}{text}", text::CONFIG_HEADER)).map_err(|source| {
        ServerError::Io {
            what: format!("writing {}", config_path.display()),
            source,
        }
    })?;
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
    Ok(())
}
