
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'otp' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'otp'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'otp' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--work-factor', '--work-factor', [CompletionResultType]::ParameterName, 'scrypt work factor (log2 of N) of a vault the full-screen interface creates on first run; `otp init --work-factor` does the same for the CLI')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new, empty vault protected by a 6-digit PIN')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account from a base32 secret, an otpauth:// URI, a QR code picture, or your organisation''s customer code')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts (no secrets, no codes)')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Print the current code of one account')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP+, a QR picture, a list of otpauth:// links, or an otp backup')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the accounts: otpauth:// links, Google Authenticator QR codes, an encrypted Aegis file, or an encrypted otp backup')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account''s details, or its otpauth:// link as text or a QR code (to move it to another app)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an account')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the PIN (a running agent is locked)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Ask for the PIN once and keep the vault unlocked in a background agent for a while')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Lock the vault now: end the agent started by `otp unlock`')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether an agent serves the vault, and for how long')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otp;init' {
            [CompletionResult]::new('--work-factor', '--work-factor', [CompletionResultType]::ParameterName, 'scrypt work factor (log2 of N) that each unlock, and each guess by whoever steals the file, must pay. 18 costs about 0.5 s and 256 MiB')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;add' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Who issued the account, e.g. GitHub (with --uri or --qr: replaces the link''s issuer)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Read the otpauth:// link from a QR code in a PNG or JPEG picture, e.g. a screenshot (`-`: standard input)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'HMAC algorithm: SHA1, SHA256 or SHA512 [default: SHA1]')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Code length: 6, 7 or 8 [default: 6]')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'Seconds each code lasts [default: 30]')
            [CompletionResult]::new('--counter', '--counter', [CompletionResultType]::ParameterName, 'HOTP counter of the next code [default: 0]')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Enroll with your organisation''s customer code (asks for the ID and the activation code)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Your ID at the organisation (asked when missing)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The organisation''s otpd server [default: from [customers] or directory in the config file]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM certificate authority for the server (a private CA) instead of the public ones')
            [CompletionResult]::new('--device-name', '--device-name', [CompletionResultType]::ParameterName, 'A name for this device, shown to the administrator')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--uri', '--uri', [CompletionResultType]::ParameterName, 'Read an otpauth:// URI (from a hidden prompt or stdin) instead of a secret')
            [CompletionResult]::new('--hotp', '--hotp', [CompletionResultType]::ParameterName, 'Counter-based (HOTP) instead of time-based (TOTP)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array instead of a table')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;code' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Compute the code for this Unix time instead of now (TOTP only; for checking clocks)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--next', '--next', [CompletionResultType]::ParameterName, 'Print the code of the next period instead (TOTP only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object with the code and its timing')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The file''s format: google, aegis, 2fas, andotp, freeotp, uris, backup or qr [default: detected]')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Import without asking (needed when standard input is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Import without asking (needed when standard input is not a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be imported and change nothing')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to write')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (created readable by you only) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (created readable by you only) instead of standard output')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm that uris and google write the secrets unencrypted (needed when standard input is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm that uris and google write the secrets unencrypted (needed when standard input is not a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the output file if it exists')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'otp;show' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Draw the account''s otpauth:// link as a QR code for a phone to scan (shows the secret)')
            [CompletionResult]::new('--uri', '--uri', [CompletionResultType]::ParameterName, 'Print the account''s otpauth:// link (shows the secret; for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;remove' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when standard input is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when standard input is not a terminal)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;rename' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Also set the issuer (an empty value removes it)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;passwd' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;unlock' {
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'How long the agent serves before it locks by itself, counted from now and never extended by use: 90s, 15m, 2h, 1h30m (at most 24h)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;lock' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;status' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object (running, pid, socket, remaining_secs, ...)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;completions' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input (for scripts)')
            [CompletionResult]::new('--no-agent', '--no-agent', [CompletionResultType]::ParameterName, 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'otp;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new, empty vault protected by a 6-digit PIN')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account from a base32 secret, an otpauth:// URI, a QR code picture, or your organisation''s customer code')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts (no secrets, no codes)')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Print the current code of one account')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP+, a QR picture, a list of otpauth:// links, or an otp backup')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the accounts: otpauth:// links, Google Authenticator QR codes, an encrypted Aegis file, or an encrypted otp backup')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account''s details, or its otpauth:// link as text or a QR code (to move it to another app)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an account')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the PIN (a running agent is locked)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Ask for the PIN once and keep the vault unlocked in a background agent for a while')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Lock the vault now: end the agent started by `otp unlock`')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether an agent serves the vault, and for how long')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otp;help;init' {
            break
        }
        'otp;help;add' {
            break
        }
        'otp;help;list' {
            break
        }
        'otp;help;code' {
            break
        }
        'otp;help;import' {
            break
        }
        'otp;help;export' {
            break
        }
        'otp;help;show' {
            break
        }
        'otp;help;remove' {
            break
        }
        'otp;help;rename' {
            break
        }
        'otp;help;passwd' {
            break
        }
        'otp;help;unlock' {
            break
        }
        'otp;help;lock' {
            break
        }
        'otp;help;status' {
            break
        }
        'otp;help;completions' {
            break
        }
        'otp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
