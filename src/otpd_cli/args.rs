//! otpd's command-line definition (clap): the commands, their options and help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;
use crate::manual::Purpose;

/// otpd: the organisation's OTP server (enrollment by customer code, and code
/// verification for login systems).
#[derive(Debug, Parser)]
#[command(name = "otpd", version)]
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
    pub config: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// otpd's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
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
    /// Issue an activation code of the customer's length (printed once; revokes the previous one)
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

/// otpd's clap definition with every text in `lang` (help, man pages).
pub fn localized(lang: Lang) -> clap::Command {
    crate::manual::localize(
        <Cli as clap::CommandFactory>::command(),
        lang,
        Purpose::Help,
    )
}

/// Parses the arguments; only `--help` and usage errors read the catalogue, in the
/// locale's language (otpd has no `--lang`), and exit as clap would.
pub fn parse() -> Cli {
    crate::manual::parse_or_exit(
        <Cli as clap::CommandFactory>::command(),
        || crate::manual::help_lang(false, None),
        localized,
    )
}

/// `otpd init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Database URL [default: sqlite://<config dir>/otpd.db]; postgres://... for several instances
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
    /// Address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8443")]
    pub listen: String,
    /// PEM certificate chain for TLS
    #[arg(long, value_name = "PATH", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for TLS
    #[arg(long, value_name = "PATH", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
}

/// `otpd serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Write the bound address (e.g. https://127.0.0.1:39127) to this file once listening
    #[arg(long, value_name = "PATH")]
    pub addr_file: Option<PathBuf>,
    /// Listen here instead of the config's `listen` (port 0 picks a free port)
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
}

/// `otpd customer`.
#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Register an organisation under a customer code
    Add {
        /// The customer code people type, e.g. 1106
        code: String,
        /// The organisation's name, shown when enrolling
        name: String,
        /// Where this customer's otpd answers, if not this one (for a directory)
        #[arg(long, value_name = "URL")]
        server_url: Option<String>,
        /// The language of messages to its users who have none: en or ko
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Who its users ask for help, shown in their messages
        #[arg(long, value_name = "TEXT")]
        contact: Option<String>,
        /// How many digits its activation codes have, 5 to 8
        #[arg(long, value_name = "N", default_value_t = 6,
              value_parser = |text: &str| crate::manual::whole_number(text, 5u8, 8u8))]
        code_digits: u8,
    },
    /// Change the language or contact of an organisation's messages ("" clears one)
    Set {
        /// The customer code
        code: String,
        /// The language of messages to its users who have none: en or ko
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Who its users ask for help, shown in their messages
        #[arg(long, value_name = "TEXT")]
        contact: Option<String>,
        /// How many digits its activation codes have from now on, 5 to 8
        #[arg(long, value_name = "N",
              value_parser = |text: &str| crate::manual::whole_number(text, 5u8, 8u8))]
        code_digits: Option<u8>,
    },
    /// List the organisations
    List,
    /// Disable an organisation: no lookups, enrollment or verification
    Disable {
        /// The customer code
        code: String,
    },
}

/// `otpd user`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
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
        /// Where activation codes are emailed (`otpd issue --send email`)
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// The language of messages to the user: en or ko [default: the customer's]
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
    },
    /// List the users of an organisation with their token and activation state
    List {
        /// The customer code
        #[arg(long)]
        customer: String,
    },
    /// Add or update users from a CSV file (ID, name, email, language), all or nothing
    Import(ImportArgs),
}

/// `otpd user import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file: a header row, then one user per line
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The customer code
    #[arg(long)]
    pub customer: String,
    /// Only list what would change; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Then issue an activation code to each user of the file who has no token
    #[arg(long)]
    pub issue: bool,
    /// How long the issued codes stay valid [default: the config's activation_ttl]
    #[arg(long, value_name = "DURATION", requires = "issue")]
    pub ttl: Option<String>,
    /// How the issued codes reach the users [default: the config's delivery channel]
    #[arg(long, value_enum, value_name = "CHANNEL", requires = "issue")]
    pub send: Option<SendTo>,
}

/// A user of a customer.
#[derive(Debug, Args)]
pub struct UserRef {
    /// The customer code
    #[arg(long)]
    pub customer: String,
    /// The user's ID
    #[arg(long)]
    pub user: String,
}

/// `otpd issue`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Whose code.
    #[command(flatten)]
    pub who: UserRef,
    /// How long the code stays valid, e.g. 72h, 3d, 30m [default: the config's activation_ttl]
    #[arg(long, value_name = "DURATION")]
    pub ttl: Option<String>,
    /// How the code reaches the user [default: the config's delivery channel, else print]
    #[arg(long, value_enum, value_name = "CHANNEL")]
    pub send: Option<SendTo>,
}

/// How an activation code reaches its user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SendTo {
    /// Print it here, once, for the administrator to hand over
    Print,
    /// Email it to the user's address (the config's [smtp])
    Email,
    /// POST it to the organisation's webhook (the config's [webhook])
    Webhook,
}

/// `otpd client`.
#[derive(Debug, Subcommand)]
pub enum ClientCommand {
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

/// `otpd audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// How many entries (newest)
    #[arg(long, default_value_t = 50,
          value_parser = |text: &str| crate::manual::whole_number(text, 0, u32::MAX))]
    pub limit: u32,
    /// Only this customer's entries
    #[arg(long)]
    pub customer: Option<String>,
}
