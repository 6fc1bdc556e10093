//! The `otpd` command line: `init`, `serve`, and the admin commands that work on the
//! database directly (`customer`, `user`, `issue`, `unlock`, `revoke`, `client`,
//! `audit`). Each admin action is audited under the OS user who ran it.

pub mod assets;
mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::server::ServerError;
use crate::server::config::{ServerConfig, parse_duration};
use crate::server::keys::MasterKey;
use crate::server::serve::{open_service, serve};
use crate::server::service::{Actor, Service, format_time, unix_now};

/// otpd: the organisation's OTP server (enrollment by customer code, and code
/// verification for login systems).
#[derive(Debug, Parser)]
#[command(name = "otpd", version, after_help = text::AFTER_HELP)]
#[command(subcommand_required = true, arg_required_else_help = true)]
pub struct Cli {
    /// The config file
    #[arg(
        long,
        global = true,
        env = "OTPD_CONFIG",
        value_name = "PATH",
        default_value = "otpd.toml"
    )]
    config: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the config file, a master key file (0600) and the database
    Init(InitArgs),
    /// Run the HTTP API
    Serve(ServeArgs),
    /// Organisations (customer codes)
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Users of an organisation
    #[command(subcommand)]
    User(UserCommand),
    /// Issue a 6-digit activation code (printed once; revokes the previous one)
    Issue(IssueArgs),
    /// Unlock a token after 5 wrong codes
    Unlock(UserRef),
    /// Revoke a user's token (a lost device) and any live activation code
    Revoke(UserRef),
    /// API keys for login systems
    #[command(subcommand)]
    Client(ClientCommand),
    /// Show the audit log
    Audit(AuditArgs),
    /// Regenerate man/otpd*.1 under a directory (for maintainers)
    #[command(hide = true)]
    GenerateAssets {
        /// The repository root
        #[arg(default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Database URL [default: sqlite://<config dir>/otpd.db]; postgres://... for several instances
    #[arg(long, value_name = "URL")]
    database: Option<String>,
    /// Address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8443")]
    listen: String,
    /// PEM certificate chain for TLS
    #[arg(long, value_name = "PATH", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// PEM private key for TLS
    #[arg(long, value_name = "PATH", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Write the bound address (e.g. https://127.0.0.1:39127) to this file once listening
    #[arg(long, value_name = "PATH")]
    addr_file: Option<PathBuf>,
    /// Listen here instead of the config's `listen` (port 0 picks a free port)
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
}

#[derive(Debug, Subcommand)]
enum CustomerCommand {
    /// Register an organisation under a customer code
    Add {
        /// The customer code people type, e.g. 1106
        code: String,
        /// The organisation's name, shown when enrolling
        name: String,
        /// Where this customer's otpd answers, if not this one (for a directory)
        #[arg(long, value_name = "URL")]
        server_url: Option<String>,
    },
    /// List the organisations
    List,
    /// Disable an organisation: no lookups, enrollment or verification
    Disable {
        /// The customer code
        code: String,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Register a user
    Add {
        /// The customer code
        #[arg(long)]
        customer: String,
        /// The user's ID at the organisation
        user_id: String,
        /// A display name
        #[arg(long)]
        name: Option<String>,
    },
    /// List the users of an organisation with their token and activation state
    List {
        /// The customer code
        #[arg(long)]
        customer: String,
    },
}

#[derive(Debug, Args)]
struct UserRef {
    /// The customer code
    #[arg(long)]
    customer: String,
    /// The user's ID
    #[arg(long)]
    user: String,
}

#[derive(Debug, Args)]
struct IssueArgs {
    #[command(flatten)]
    who: UserRef,
    /// How long the code stays valid, e.g. 72h, 3d, 30m [default: the config's activation_ttl]
    #[arg(long, value_name = "DURATION")]
    ttl: Option<String>,
}

#[derive(Debug, Subcommand)]
enum ClientCommand {
    /// Create an API key for a login system (printed once, stored hashed)
    Add {
        /// The customer code whose users it may verify
        #[arg(long)]
        customer: String,
        /// A name for the login system
        name: String,
    },
    /// Revoke an API key
    Revoke {
        /// The client id `client add` printed
        id: String,
    },
}

#[derive(Debug, Args)]
struct AuditArgs {
    /// How many entries (newest)
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Only this customer's entries
    #[arg(long)]
    customer: Option<String>,
}

fn admin_actor() -> Actor {
    let who = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".to_owned());
    Actor::Admin(who)
}

fn init(config_path: &Path, args: &InitArgs) -> Result<(), ServerError> {
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
            .audit(&admin_actor(), "init", None, None, "ok", None)
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

fn runtime() -> Result<tokio::runtime::Runtime, ServerError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServerError::Io {
            what: "starting the async runtime".to_owned(),
            source,
        })
}

async fn admin(service: &Service, command: &Command) -> Result<(), ServerError> {
    let actor = admin_actor();
    let now = unix_now()?;
    match command {
        Command::Customer(CustomerCommand::Add {
            code,
            name,
            server_url,
        }) => {
            service
                .customer_add(&actor, code, name, server_url.as_deref(), now)
                .await?;
            println!("Added customer {code} ({name}).");
        }
        Command::Customer(CustomerCommand::List) => {
            println!("{:<12} {:<8} {:>6}  NAME", "CODE", "STATE", "USERS");
            for row in service.customer_list().await? {
                let state = if row.disabled { "disabled" } else { "enabled" };
                println!(
                    "{:<12} {:<8} {:>6}  {}",
                    row.code, state, row.users, row.name
                );
            }
        }
        Command::Customer(CustomerCommand::Disable { code }) => {
            service.customer_disable(&actor, code).await?;
            println!("Disabled customer {code}.");
        }
        Command::User(UserCommand::Add {
            customer,
            user_id,
            name,
        }) => {
            service
                .user_add(&actor, customer, user_id, name.as_deref(), now)
                .await?;
            println!(
                "Added user {user_id} to customer {customer}. Issue an activation code with `otpd issue --customer {customer} --user {user_id}`."
            );
        }
        Command::User(UserCommand::List { customer }) => {
            println!("{:<24} {:<8} {:<34} NAME", "ID", "TOKEN", "ACTIVATION CODE");
            for row in service.user_list(customer, now).await? {
                println!(
                    "{:<24} {:<8} {:<34} {}",
                    row.user_id,
                    row.token,
                    row.activation,
                    row.display_name.unwrap_or_default()
                );
            }
        }
        Command::Issue(args) => {
            let ttl = args
                .ttl
                .as_deref()
                .map(parse_duration)
                .transpose()?
                .map(|d| d.as_secs());
            let (code, expires) = service
                .issue(&actor, &args.who.customer, &args.who.user, ttl, now)
                .await?;
            println!("{}", code.as_str());
            eprintln!(
                "{}",
                text::issued(
                    &args.who.customer,
                    &args.who.user,
                    &format_time(i64::try_from(expires).unwrap_or(i64::MAX))
                )
            );
        }
        Command::Unlock(who) => {
            service.unlock(&actor, &who.customer, &who.user).await?;
            println!(
                "Unlocked the token of {} at customer {}.",
                who.user, who.customer
            );
        }
        Command::Revoke(who) => {
            let count = service.revoke(&actor, &who.customer, &who.user).await?;
            println!(
                "Revoked {count} token(s) and activation code(s) of {} at customer {}.",
                who.user, who.customer
            );
        }
        Command::Client(ClientCommand::Add { customer, name }) => {
            let key = service.client_add(&actor, customer, name, now).await?;
            println!("{}", key.key.as_str());
            eprintln!("{}", text::client_added(&key.id, name));
        }
        Command::Client(ClientCommand::Revoke { id }) => {
            service.client_revoke(&actor, id).await?;
            println!("Revoked API client {id}.");
        }
        Command::Audit(args) => {
            for row in service
                .audit_list(args.limit, args.customer.as_deref())
                .await?
            {
                println!(
                    "{}  {:<22} {:<16} {:<8} {:<16} {}{}",
                    format_time(row.at_us / 1_000_000),
                    row.actor,
                    row.action,
                    row.outcome,
                    row.customer.unwrap_or_default(),
                    row.user_id.unwrap_or_default(),
                    row.detail.map(|d| format!("  ({d})")).unwrap_or_default()
                );
            }
        }
        Command::Init(_) | Command::Serve(_) | Command::GenerateAssets { .. } => {}
    }
    Ok(())
}

fn dispatch(cli: Cli) -> Result<(), ServerError> {
    match &cli.command {
        Command::GenerateAssets { root } => {
            return assets::generate(&self::command(), root).map_err(|source| ServerError::Io {
                what: format!("writing man pages under {}", root.display()),
                source,
            });
        }
        Command::Init(args) => return init(&cli.config, args),
        _ => {}
    }
    let mut config = ServerConfig::load(&cli.config)?;
    let runtime = runtime()?;
    if let Command::Serve(args) = &cli.command {
        if let Some(listen) = &args.listen {
            config.listen = listen.clone();
        }
        return runtime.block_on(serve(&config, args.addr_file.as_deref()));
    }
    runtime.block_on(async {
        let service = open_service(&config).await?;
        let result = admin(&service, &cli.command).await;
        service.db().close().await;
        result
    })
}

/// Parses the arguments, runs the command, and maps errors to exit codes (0 ok,
/// 1 failure, 2 usage).
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("otpd: {error}");
            ExitCode::from(match error {
                ServerError::Admin(_) | ServerError::Config(_) => 2,
                _ => 1,
            })
        }
    }
}

/// The clap definition, for generating documentation.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
