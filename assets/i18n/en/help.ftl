# The help of otp and otpd (--help, usage errors, man pages), in English.
# Ids are built from the command path and the argument id (src/manual.rs):
#   help-<program>[-<subcommand>...]-about / -long-about / -after-help
#   help-<program>...-arg-<arg>, -arg-<arg>-long, -arg-<arg>-value (value name),
#   -arg-<arg>-value-<possible value>
# A global option is named after the program: help-otp-arg-vault.
# Shell completions carry the English lines: keep them as the code's doc comments
# say, or regenerate completions/ (cargo run -- generate-assets .).

## Headings and clap's notes

help-heading-usage = Usage
help-heading-commands = Commands
help-heading-arguments = Arguments
help-usage-options = OPTIONS
help-usage-command = COMMAND
help-heading-options = Options
help-spec-default = [default: { $value }]
help-spec-env = [env: { $name }]
help-spec-possible-values = [possible values: { $values }]
help-spec-possible-values-heading = Possible values:

## Usage errors (clap's, said again)

help-error-label = error
help-error-tip = tip
help-error-more = For more information, try '{ $flag }'.
help-error-unknown-argument = unexpected argument '{ $arg }' found
help-error-value-required = a value is required for '{ $arg }' but none was supplied
help-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
help-error-value-validation = invalid value '{ $value }' for '{ $arg }': { $reason }
help-error-invalid-subcommand = unrecognized subcommand '{ $subcommand }'
help-error-missing-required = the following required arguments were not provided:
help-error-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
help-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
help-error-conflict-repeated = the argument '{ $arg }' cannot be used multiple times
help-error-conflict-many = the argument '{ $arg }' cannot be used with:
help-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
help-error-wrong-number-of-values =
    { $expected } values required for '{ $arg }' but { $actual ->
        [one] { $actual } was provided
       *[other] { $actual } were provided
    }
help-error-no-equals = equal sign is needed when assigning values to '{ $arg }'
help-error-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
help-error-other = the arguments are not valid
help-error-possible-values = possible values: { $values }
help-error-subcommands = subcommands: { $values }
help-error-similar-subcommand = a similar subcommand exists: '{ $value }'
help-error-similar-argument = a similar argument exists: '{ $value }'
help-error-similar-value = a similar value exists: '{ $value }'

## Man page section headings

help-man-name = NAME
help-man-synopsis = SYNOPSIS
help-man-description = DESCRIPTION
help-man-options = OPTIONS
help-man-subcommands = SUBCOMMANDS
help-man-notes = NOTES
help-man-version = VERSION
help-man-environment = ENVIRONMENT
help-man-files = FILES
help-man-see-also = SEE ALSO
help-man-authors = AUTHORS

## otp

help-otp-about = A terminal authenticator: TOTP/HOTP codes from an age-encrypted vault unlocked by a 6-digit PIN
help-otp-long-about =
    otp: TOTP/HOTP codes from an encrypted vault that a 6-digit PIN unlocks.

    Without a subcommand, otp opens the full-screen interface (creating the vault on first run).
help-otp-arg-vault = The vault file [default: $XDG_DATA_HOME/otp/vault.age]
help-otp-arg-vault-value = PATH
help-otp-arg-config = The config file [default: $XDG_CONFIG_HOME/otp/config.toml]
help-otp-arg-config-value = PATH
help-otp-arg-pin-stdin = Read the PIN from the first line of standard input (for scripts)
help-otp-arg-no-agent = Do not ask a running agent (see `otp unlock`): open the vault with the PIN
help-otp-arg-lang = The language of messages: en or ko [default: the config's `lang`, then LC_ALL, LC_MESSAGES, LANG]
help-otp-arg-lang-value = LANG
help-otp-arg-work-factor = scrypt work factor (log2 of N) of a vault the full-screen interface creates on first run; `otp init --work-factor` does the same for the CLI
help-otp-arg-work-factor-value = LOG_N
help-flag-help-more = Print help (see more with '--help')
help-flag-help-summary = Print help (see a summary with '-h')
help-flag-help = Print help
help-flag-version = Print version
help-otp-init-about = Create a new, empty vault protected by a 6-digit PIN
help-otp-init-arg-work-factor = scrypt work factor (log2 of N) that each unlock, and each guess by whoever steals the file, must pay. 18 costs about 0.5 s and 256 MiB
help-otp-init-arg-work-factor-value = LOG_N
help-otp-add-about = Add an account from a base32 secret, an otpauth:// URI, a Steam Guard key (steam://), a QR code picture, or your organisation's customer code
help-otp-add-arg-name = Account name, e.g. alice@example.com (with --uri, --qr or --customer: replaces the name given)
help-otp-add-arg-name-value = NAME
help-otp-add-arg-issuer = Who issued the account, e.g. GitHub (with --uri or --qr: replaces the link's issuer)
help-otp-add-arg-issuer-value = ISSUER
help-otp-add-arg-uri = Read an otpauth:// URI or a steam:// key (from a hidden prompt or stdin) instead of a secret
help-otp-add-arg-qr = Read the otpauth:// link from a QR code in a PNG or JPEG picture, e.g. a screenshot (`-`: standard input)
help-otp-add-arg-qr-value = IMAGE
help-otp-add-arg-algorithm = HMAC algorithm: SHA1, SHA256 or SHA512 [default: SHA1]
help-otp-add-arg-algorithm-value = NAME
help-otp-add-arg-digits = Code length: 6, 7 or 8 [default: 6]
help-otp-add-arg-digits-value = N
help-otp-add-arg-period = Seconds each code lasts [default: 30]
help-otp-add-arg-period-value = SECONDS
help-otp-add-arg-hotp = Counter-based (HOTP) instead of time-based (TOTP)
help-otp-add-arg-counter = HOTP counter of the next code [default: 0]
help-otp-add-arg-counter-value = N
help-otp-add-arg-customer = Enroll with your organisation's customer code (asks for the ID and the activation code, then the PIN once the server has accepted the code)
help-otp-add-arg-customer-value = CODE
help-otp-add-arg-id = Your ID at the organisation (asked when missing)
help-otp-add-arg-id-value = ID
help-otp-add-arg-server = The organisation's otpd server [default: from [customers] or directory in the config file]
help-otp-add-arg-server-value = URL
help-otp-add-arg-ca-cert = Trust this PEM certificate authority for the server (a private CA) instead of the public ones
help-otp-add-arg-ca-cert-value = PATH
help-otp-add-arg-device-name = A name for this device, shown to the administrator
help-otp-add-arg-device-name-value = NAME
help-otp-list-about = List the accounts (no secrets, no codes)
help-otp-list-arg-json = Print a JSON array instead of a table
help-otp-code-about = Print the current code of one account
help-otp-code-arg-account = The account: its name, issuer:name, or a unique part of either (any case)
help-otp-code-arg-account-value = ACCOUNT
help-otp-code-arg-next = Print the code of the next period instead (time-based accounts only: TOTP, Steam Guard)
help-otp-code-arg-json = Print a JSON object with the code and its timing
help-otp-code-arg-at = Compute the code for this Unix time instead of now (time-based accounts only; for checking clocks)
help-otp-code-arg-at-value = UNIX_SECONDS
help-otp-import-about = Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP, FreeOTP+, Bitwarden, Proton Authenticator, Authenticator Pro (Stratum), a QR picture, a list of otpauth:// links, or an otp backup
help-otp-import-arg-file = The export to read, or - for standard input
help-otp-import-arg-file-value = FILE
help-otp-import-arg-format = The file's format: google, aegis, 2fas, andotp, andotp-encrypted, freeotp, freeotp-backup, freeotp-tokens, bitwarden, bitwarden-csv, proton, authpro, uris, backup or qr [default: detected; an old andOTP encrypted backup must be named]
help-otp-import-arg-format-value = FORMAT
help-otp-import-arg-yes = Import without asking (needed when standard input is not a terminal)
help-otp-import-arg-dry-run = Show what would be imported and change nothing
help-otp-export-about = Export the accounts: otpauth:// links, Google Authenticator QR codes, an encrypted Aegis file, or an encrypted otp backup
help-otp-export-arg-format = What to write
help-otp-export-arg-format-value = FORMAT
help-otp-export-arg-format-value-uris = otpauth:// links, one per line, unencrypted
help-otp-export-arg-format-value-google = Google Authenticator migration QR codes, drawn in the terminal, unencrypted
help-otp-export-arg-format-value-aegis = An Aegis vault export, encrypted with a password you type
help-otp-export-arg-format-value-backup = The whole vault (HOTP counters included), encrypted with a password you type; `otp import` restores it
help-otp-export-arg-output = Write to this file (created readable by you only) instead of standard output
help-otp-export-arg-output-value = FILE
help-otp-export-arg-yes = Confirm that uris and google write the secrets unencrypted (needed when standard input is not a terminal)
help-otp-export-arg-force = Replace the output file if it exists
help-otp-show-about = Show one account's details, or its otpauth:// link as text or a QR code (to move it to another app)
help-otp-show-arg-account = The account: its name, issuer:name, or a unique part of either (any case)
help-otp-show-arg-account-value = ACCOUNT
help-otp-show-arg-qr = Draw the account's otpauth:// link as a QR code for a phone to scan (shows the secret)
help-otp-show-arg-uri = Print the account's otpauth:// link (shows the secret; for scripts)
help-otp-remove-about = Remove an account
help-otp-remove-arg-account = The account: its name, issuer:name, or a unique part of either (any case)
help-otp-remove-arg-account-value = ACCOUNT
help-otp-remove-arg-yes = Do not ask for confirmation (needed when standard input is not a terminal)
help-otp-rename-about = Rename an account
help-otp-rename-arg-account = The account: its name, issuer:name, or a unique part of either (any case)
help-otp-rename-arg-account-value = ACCOUNT
help-otp-rename-arg-new-name = The new account name
help-otp-rename-arg-new-name-value = NEW_NAME
help-otp-rename-arg-issuer = Also set the issuer (an empty value removes it)
help-otp-rename-arg-issuer-value = ISSUER
help-otp-passwd-about = Change the PIN (a running agent is locked)
help-otp-unlock-about = Ask for the PIN once and keep the vault unlocked in a background agent for a while
help-otp-unlock-arg-lifetime = How long the agent serves before it locks by itself, counted from now and never extended by use: 90s, 15m, 2h, 1h30m (at most 24h)
help-otp-unlock-arg-lifetime-value = DURATION
help-otp-lock-about = Lock the vault now: end the agent started by `otp unlock`
help-otp-status-about = Say whether an agent serves the vault, and for how long
help-otp-status-arg-json = Print a JSON object (running, pid, socket, remaining_secs, ...)
help-otp-approve-about = Approve a login waiting for you: choose the number the login page shows
help-otp-approve-arg-account = Only this account's requests: its name, issuer:name, or a unique part (any case)
help-otp-approve-arg-account-value = ACCOUNT
help-otp-approve-arg-wait = Seconds to wait for a request when none is waiting (0 to 30; 0 only looks)
help-otp-approve-arg-wait-value = SECONDS
help-otp-approve-arg-ca-cert = Trust this PEM certificate authority for the server (a private CA) instead of the public ones
help-otp-approve-arg-ca-cert-value = PATH
help-otp-deny-about = Deny login requests waiting for you ("not me")
help-otp-deny-arg-request-id = The request to deny, as otp approve shows it [default: every request waiting]
help-otp-deny-arg-request-id-value = REQUEST_ID
help-otp-deny-arg-ca-cert = Trust this PEM certificate authority for the server (a private CA) instead of the public ones
help-otp-deny-arg-ca-cert-value = PATH
help-otp-push-about = Approval requests: give an account enrolled earlier its device key
help-otp-push-register-about = Give an account enrolled before device keys its key, so it can answer approval requests
help-otp-push-register-arg-account = The account: its name, issuer:name, or a unique part (any case)
help-otp-push-register-arg-account-value = ACCOUNT
help-otp-push-register-arg-customer = The customer code the account was enrolled with [default: the only one in [customers] of the config file]
help-otp-push-register-arg-customer-value = CODE
help-otp-push-register-arg-id = Your ID at the organisation [default: the account's name]
help-otp-push-register-arg-id-value = ID
help-otp-push-register-arg-server = The organisation's otpd server [default: from [customers] or directory in the config file]
help-otp-push-register-arg-server-value = URL
help-otp-push-register-arg-ca-cert = Trust this PEM certificate authority for the server (a private CA) instead of the public ones
help-otp-push-register-arg-ca-cert-value = PATH
help-otp-completions-about = Print a shell completion script
help-otp-completions-arg-shell = The shell to complete for
help-otp-completions-arg-shell-value = SHELL
help-flag-help-command = Print this message or the help of the given subcommand(s)
help-otp-after-help =
    PIN sources, safest first (the first one present is used):
      --pin-stdin        the first line of standard input
      OTP_PIN_FILE       a file whose first line is the PIN (keep it chmod 600)
      OTP_PIN_COMMAND    a shell command that prints the PIN (e.g. a password manager)
      OTP_PIN            the PIN itself (visible to other processes of the same user)
      otherwise          a hidden prompt on the terminal (OTP_NO_PROMPT=1 forbids it,
                         so a script fails at once instead of waiting)

    While `otp unlock` keeps an agent running, `otp code`, `otp list` and the
    full-screen interface (`otp`) ask it and need no PIN (`--no-agent` opens the vault
    with the PIN instead; changing the vault always asks for the PIN).

    Exit codes:
      0  success
      1  an error not listed below (I/O, clock, ...)
      2  invalid usage or input (arguments, secret, URI, PIN format or policy,
         a file to import that is damaged or needs another password)
      3  no account, or more than one, matches the name given
      4  wrong PIN
      5  unlocking is refused for a while after too many wrong PINs
      6  the vault is missing, damaged or unreadable
      7  enrollment or an approval refused or failed (the message starts with its
         code, e.g. SE3010, SE7004)
      8  otp approve / otp deny: no login request is waiting

help-otp-man-environment =
    OTP_PIN_FILE: a file whose first line is the PIN (keep it chmod 600); used when --pin-stdin is not given
    OTP_PIN_COMMAND: a shell command that prints the PIN (e.g. a password manager); used when neither --pin-stdin nor OTP_PIN_FILE is given
    OTP_PIN: the PIN itself (visible to other processes of the same user); the last source before the prompt
    OTP_NO_PROMPT: 1 forbids the hidden PIN prompt, so a script fails at once instead of waiting
    OTP_COMPLETE: set by the completion scripts when they ask otp what to offer at a Tab; never set it yourself
    XDG_DATA_HOME: where the vault lives (default ~/.local/share)
    XDG_CONFIG_HOME: where the config file lives (default ~/.config)
    XDG_RUNTIME_DIR: where the agent's socket lives (otherwise otp-<uid> in the temporary directory)
help-otp-man-files =
    $XDG_DATA_HOME/otp/vault.age: the vault, encrypted with age under a key derived from the PIN (scrypt); mode 0600, replaced atomically on every save (--vault or OTP_VAULT to use another)
    <vault>.bak: the previous version of the vault, kept on every save under the same PIN; `cp <vault>.bak <vault>` restores it when the vault is damaged
    <vault>.attempts: the count of wrong PINs and the pause after too many; removed by the right PIN
    <vault>.lock: held while the vault is changed, so two otp processes never write at once
    $XDG_CONFIG_HOME/otp/config.toml: the settings (language, vault path, auto-lock, clipboard clearing, customer codes); --config or OTP_CONFIG to use another
    $XDG_RUNTIME_DIR/otp/agent-<hash>.sock: the socket of the agent `otp unlock` starts, one per vault; 0600, only its user may connect

## otpd

help-otpd-about = otpd: the organisation's OTP server (enrollment by customer code, and code verification for login systems)
help-otpd-arg-config = The config file
help-otpd-arg-config-value = PATH
help-otpd-init-about = Create the config file, a master key file (0600) and the database
help-otpd-init-arg-database = Database URL [default: sqlite://<config dir>/otpd.db]; postgres://... for several instances
help-otpd-init-arg-database-value = URL
help-otpd-init-arg-listen = Address to listen on
help-otpd-init-arg-listen-value = ADDR
help-otpd-init-arg-tls-cert = PEM certificate chain for TLS
help-otpd-init-arg-tls-cert-value = PATH
help-otpd-init-arg-tls-key = PEM private key for TLS
help-otpd-init-arg-tls-key-value = PATH
help-otpd-serve-about = Run the HTTP API
help-otpd-serve-arg-addr-file = Write the bound address (e.g. https://127.0.0.1:39127) to this file once listening
help-otpd-serve-arg-addr-file-value = PATH
help-otpd-serve-arg-listen = Listen here instead of the config's `listen` (port 0 picks a free port)
help-otpd-serve-arg-listen-value = ADDR
help-otpd-customer-about = Organisations (customer codes)
help-otpd-customer-add-about = Register an organisation under a customer code
help-otpd-customer-add-arg-code = The customer code people type, e.g. 1106
help-otpd-customer-add-arg-code-value = CODE
help-otpd-customer-add-arg-name = The organisation's name, shown when enrolling
help-otpd-customer-add-arg-name-value = NAME
help-otpd-customer-add-arg-server-url = Where this customer's otpd answers, if not this one (for a directory)
help-otpd-customer-add-arg-server-url-value = URL
help-otpd-customer-add-arg-lang = The language of messages to its users who have none: en or ko
help-otpd-customer-add-arg-lang-value = LANG
help-otpd-customer-add-arg-contact = Who its users ask for help, shown in their messages
help-otpd-customer-add-arg-contact-value = TEXT
help-otpd-customer-add-arg-code-digits = How many digits its activation codes have, 5 to 8
help-otpd-customer-add-arg-code-digits-value = N
help-otpd-customer-set-about = Change the language or contact of an organisation's messages ("" clears one)
help-otpd-customer-set-arg-code = The customer code
help-otpd-customer-set-arg-code-value = CODE
help-otpd-customer-set-arg-lang = The language of messages to its users who have none: en or ko
help-otpd-customer-set-arg-lang-value = LANG
help-otpd-customer-set-arg-contact = Who its users ask for help, shown in their messages
help-otpd-customer-set-arg-contact-value = TEXT
help-otpd-customer-set-arg-code-digits = How many digits its activation codes have from now on, 5 to 8
help-otpd-customer-set-arg-code-digits-value = N
help-otpd-customer-list-about = List the organisations
help-otpd-customer-disable-about = Disable an organisation: no lookups, enrollment or verification
help-otpd-customer-disable-arg-code = The customer code
help-otpd-customer-disable-arg-code-value = CODE
help-otpd-user-about = Users of an organisation
help-otpd-user-add-about = Register a user
help-otpd-user-add-arg-customer = The customer code
help-otpd-user-add-arg-customer-value = CUSTOMER
help-otpd-user-add-arg-user-id = The user's ID at the organisation
help-otpd-user-add-arg-user-id-value = USER_ID
help-otpd-user-add-arg-name = A display name
help-otpd-user-add-arg-name-value = NAME
help-otpd-user-add-arg-email = Where activation codes are emailed (`otpd issue --send email`)
help-otpd-user-add-arg-email-value = ADDRESS
help-otpd-user-add-arg-lang = The language of messages to the user: en or ko [default: the customer's]
help-otpd-user-add-arg-lang-value = LANG
help-otpd-user-list-about = List the users of an organisation with their token and activation state
help-otpd-user-list-arg-customer = The customer code
help-otpd-user-list-arg-customer-value = CUSTOMER
help-otpd-user-import-about = Add or update users from a CSV file (ID, name, email, language), all or nothing
help-otpd-user-import-arg-file = The CSV file: a header row, then one user per line
help-otpd-user-import-arg-file-value = FILE
help-otpd-user-import-arg-customer = The customer code
help-otpd-user-import-arg-customer-value = CUSTOMER
help-otpd-user-import-arg-dry-run = Only list what would change; change nothing
help-otpd-user-import-arg-issue = Then issue an activation code to each user of the file who has no token
help-otpd-user-import-arg-ttl = How long the issued codes stay valid [default: the config's activation_ttl]
help-otpd-user-import-arg-ttl-value = DURATION
help-otpd-user-import-arg-send = How the issued codes reach the users [default: the config's delivery channel]
help-otpd-user-import-arg-send-value = CHANNEL
help-otpd-user-import-arg-send-value-print = Print it here, once, for the administrator to hand over
help-otpd-user-import-arg-send-value-email = Email it to the user's address (the config's [smtp])
help-otpd-user-import-arg-send-value-webhook = POST it to the organisation's webhook (the config's [webhook])
help-otpd-issue-about = Issue an activation code of the customer's length (printed once; revokes the previous one)
help-otpd-issue-arg-customer = The customer code
help-otpd-issue-arg-customer-value = CUSTOMER
help-otpd-issue-arg-user = The user's ID
help-otpd-issue-arg-user-value = USER
help-otpd-issue-arg-ttl = How long the code stays valid, e.g. 72h, 3d, 30m [default: the config's activation_ttl]
help-otpd-issue-arg-ttl-value = DURATION
help-otpd-issue-arg-send = How the code reaches the user [default: the config's delivery channel, else print]
help-otpd-issue-arg-send-value = CHANNEL
help-otpd-issue-arg-send-value-print = Print it here, once, for the administrator to hand over
help-otpd-issue-arg-send-value-email = Email it to the user's address (the config's [smtp])
help-otpd-issue-arg-send-value-webhook = POST it to the organisation's webhook (the config's [webhook])
help-otpd-unlock-about = Unlock a token after 5 wrong codes
help-otpd-unlock-arg-customer = The customer code
help-otpd-unlock-arg-customer-value = CUSTOMER
help-otpd-unlock-arg-user = The user's ID
help-otpd-unlock-arg-user-value = USER
help-otpd-revoke-about = Revoke a user's token (a lost device) and any live activation code
help-otpd-revoke-arg-customer = The customer code
help-otpd-revoke-arg-customer-value = CUSTOMER
help-otpd-revoke-arg-user = The user's ID
help-otpd-revoke-arg-user-value = USER
help-otpd-client-about = API keys for login systems
help-otpd-client-add-about = Create an API key for a login system (printed once, stored hashed)
help-otpd-client-add-arg-customer = The customer code whose users it may verify
help-otpd-client-add-arg-customer-value = CUSTOMER
help-otpd-client-add-arg-name = A name for the login system
help-otpd-client-add-arg-name-value = NAME
help-otpd-client-revoke-about = Revoke an API key
help-otpd-client-revoke-arg-id = The client id `client add` printed
help-otpd-client-revoke-arg-id-value = ID
help-otpd-audit-about = Show the audit log
help-otpd-audit-arg-limit = How many entries (newest)
help-otpd-audit-arg-limit-value = LIMIT
help-otpd-audit-arg-customer = Only this customer's entries
help-otpd-audit-arg-customer-value = CUSTOMER
help-otpd-after-help =
    Start with `otpd init`, then `otpd customer add 1106 "Example Org"`,
    `otpd user add --customer 1106 jklee`, `otpd issue --customer 1106 --user jklee`
    (prints the activation code once) and `otpd serve`.

    Exit codes: 0 success, 1 failure (I/O, database), 2 invalid request or config.

## Issue 11, reasons in the reader's language: why a number option's value was
## refused (the reason inside help-error-value-validation). $min, $max: the bounds.
help-reason-range = write a whole number from { $min } to { $max }
help-reason-whole-number = write a whole number (0 or more)
help-reason-too-large = the number is too large; the most is { $max }

## Issue 11, hidden commands: not listed, but their own --help is read.
help-otp-agent-serve-about = The agent process `otp unlock` starts (reads the PIN on stdin)
help-otp-agent-serve-arg-for-secs = Seconds to serve before locking
help-otp-agent-serve-arg-for-secs-value = SECONDS
help-otp-generate-assets-about = Regenerate man/ and completions/ under a directory (for maintainers)
help-otp-generate-assets-arg-root = The repository root
help-otp-generate-assets-arg-root-value = ROOT
help-otpd-generate-assets-about = Regenerate man/otpd*.1 under a directory (for maintainers)
help-otpd-generate-assets-arg-root = The repository root
help-otpd-generate-assets-arg-root-value = ROOT
