# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_otp_global_optspecs
    string join \n vault= config= pin-stdin no-agent lang= work-factor= h/help V/version
end

function __fish_otp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_otp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_otp_using_subcommand
    set -l cmd (__fish_otp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c otp -n "__fish_otp_needs_command" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_needs_command" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_needs_command" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_needs_command" -l work-factor -d 'scrypt work factor (log2 of N) of a vault the full-screen interface creates on first run; `otp init --work-factor` does the same for the CLI' -r
complete -c otp -n "__fish_otp_needs_command" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_needs_command" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otp -n "__fish_otp_needs_command" -s V -l version -d 'Print version'
complete -c otp -n "__fish_otp_needs_command" -f -a "init" -d 'Create a new, empty vault protected by a 6-digit PIN'
complete -c otp -n "__fish_otp_needs_command" -f -a "add" -d 'Add an account from a base32 secret, an otpauth:// URI, a QR code picture, or your organisation\'s customer code'
complete -c otp -n "__fish_otp_needs_command" -f -a "list" -d 'List the accounts (no secrets, no codes)'
complete -c otp -n "__fish_otp_needs_command" -f -a "code" -d 'Print the current code of one account'
complete -c otp -n "__fish_otp_needs_command" -f -a "import" -d 'Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP+, a QR picture, a list of otpauth:// links, or an otp backup'
complete -c otp -n "__fish_otp_needs_command" -f -a "export" -d 'Export the accounts: otpauth:// links, Google Authenticator QR codes, an encrypted Aegis file, or an encrypted otp backup'
complete -c otp -n "__fish_otp_needs_command" -f -a "show" -d 'Show one account\'s details, or its otpauth:// link as text or a QR code (to move it to another app)'
complete -c otp -n "__fish_otp_needs_command" -f -a "remove" -d 'Remove an account'
complete -c otp -n "__fish_otp_needs_command" -f -a "rename" -d 'Rename an account'
complete -c otp -n "__fish_otp_needs_command" -f -a "passwd" -d 'Change the PIN (a running agent is locked)'
complete -c otp -n "__fish_otp_needs_command" -f -a "unlock" -d 'Ask for the PIN once and keep the vault unlocked in a background agent for a while'
complete -c otp -n "__fish_otp_needs_command" -f -a "lock" -d 'Lock the vault now: end the agent started by `otp unlock`'
complete -c otp -n "__fish_otp_needs_command" -f -a "status" -d 'Say whether an agent serves the vault, and for how long'
complete -c otp -n "__fish_otp_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c otp -n "__fish_otp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otp -n "__fish_otp_using_subcommand init" -l work-factor -d 'scrypt work factor (log2 of N) that each unlock, and each guess by whoever steals the file, must pay. 18 costs about 0.5 s and 256 MiB' -r
complete -c otp -n "__fish_otp_using_subcommand init" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand init" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand init" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand init" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand init" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand init" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand add" -l issuer -d 'Who issued the account, e.g. GitHub (with --uri or --qr: replaces the link\'s issuer)' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l qr -d 'Read the otpauth:// link from a QR code in a PNG or JPEG picture, e.g. a screenshot (`-`: standard input)' -r -F
complete -c otp -n "__fish_otp_using_subcommand add" -l algorithm -d 'HMAC algorithm: SHA1, SHA256 or SHA512 [default: SHA1]' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l digits -d 'Code length: 6, 7 or 8 [default: 6]' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l period -d 'Seconds each code lasts [default: 30]' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l counter -d 'HOTP counter of the next code [default: 0]' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l customer -d 'Enroll with your organisation\'s customer code (asks for the ID and the activation code)' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l id -d 'Your ID at the organisation (asked when missing)' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l server -d 'The organisation\'s otpd server [default: from [customers] or directory in the config file]' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l ca-cert -d 'Trust this PEM certificate authority for the server (a private CA) instead of the public ones' -r -F
complete -c otp -n "__fish_otp_using_subcommand add" -l device-name -d 'A name for this device, shown to the administrator' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand add" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand add" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand add" -l uri -d 'Read an otpauth:// URI (from a hidden prompt or stdin) instead of a secret'
complete -c otp -n "__fish_otp_using_subcommand add" -l hotp -d 'Counter-based (HOTP) instead of time-based (TOTP)'
complete -c otp -n "__fish_otp_using_subcommand add" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand add" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand add" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand list" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand list" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand list" -l json -d 'Print a JSON array instead of a table'
complete -c otp -n "__fish_otp_using_subcommand list" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand list" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand list" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand code" -l at -d 'Compute the code for this Unix time instead of now (TOTP only; for checking clocks)' -r
complete -c otp -n "__fish_otp_using_subcommand code" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand code" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand code" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand code" -l next -d 'Print the code of the next period instead (TOTP only)'
complete -c otp -n "__fish_otp_using_subcommand code" -l json -d 'Print a JSON object with the code and its timing'
complete -c otp -n "__fish_otp_using_subcommand code" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand code" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand code" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand import" -l format -d 'The file\'s format: google, aegis, 2fas, andotp, freeotp, uris, backup or qr [default: detected]' -r
complete -c otp -n "__fish_otp_using_subcommand import" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand import" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand import" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand import" -s y -l yes -d 'Import without asking (needed when standard input is not a terminal)'
complete -c otp -n "__fish_otp_using_subcommand import" -l dry-run -d 'Show what would be imported and change nothing'
complete -c otp -n "__fish_otp_using_subcommand import" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand import" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand import" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand export" -l format -d 'What to write' -r -f -a "uris\t'otpauth:// links, one per line, unencrypted'
google\t'Google Authenticator migration QR codes, drawn in the terminal, unencrypted'
aegis\t'An Aegis vault export, encrypted with a password you type'
backup\t'The whole vault (HOTP counters included), encrypted with a password you type; `otp import` restores it'"
complete -c otp -n "__fish_otp_using_subcommand export" -s o -l output -d 'Write to this file (created readable by you only) instead of standard output' -r -F
complete -c otp -n "__fish_otp_using_subcommand export" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand export" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand export" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand export" -s y -l yes -d 'Confirm that uris and google write the secrets unencrypted (needed when standard input is not a terminal)'
complete -c otp -n "__fish_otp_using_subcommand export" -l force -d 'Replace the output file if it exists'
complete -c otp -n "__fish_otp_using_subcommand export" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand export" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otp -n "__fish_otp_using_subcommand show" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand show" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand show" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand show" -l qr -d 'Draw the account\'s otpauth:// link as a QR code for a phone to scan (shows the secret)'
complete -c otp -n "__fish_otp_using_subcommand show" -l uri -d 'Print the account\'s otpauth:// link (shows the secret; for scripts)'
complete -c otp -n "__fish_otp_using_subcommand show" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand show" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand show" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand remove" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand remove" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand remove" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand remove" -s y -l yes -d 'Do not ask for confirmation (needed when standard input is not a terminal)'
complete -c otp -n "__fish_otp_using_subcommand remove" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand remove" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand remove" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand rename" -l issuer -d 'Also set the issuer (an empty value removes it)' -r
complete -c otp -n "__fish_otp_using_subcommand rename" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand rename" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand rename" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand rename" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand rename" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand rename" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand passwd" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand passwd" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand passwd" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand passwd" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand passwd" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand passwd" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand unlock" -l for -d 'How long the agent serves before it locks by itself, counted from now and never extended by use: 90s, 15m, 2h, 1h30m (at most 24h)' -r
complete -c otp -n "__fish_otp_using_subcommand unlock" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand unlock" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand unlock" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand unlock" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand unlock" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand unlock" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand lock" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand lock" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand lock" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand lock" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand lock" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand lock" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand status" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand status" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand status" -l json -d 'Print a JSON object (running, pid, socket, remaining_secs, ...)'
complete -c otp -n "__fish_otp_using_subcommand status" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand status" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand status" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand completions" -l vault -d 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]' -r -F
complete -c otp -n "__fish_otp_using_subcommand completions" -l config -d 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]' -r -F
complete -c otp -n "__fish_otp_using_subcommand completions" -l lang -d 'The language of messages: en or ko [default: the config\'s `lang`, then LC_ALL, LC_MESSAGES, LANG]' -r
complete -c otp -n "__fish_otp_using_subcommand completions" -l pin-stdin -d 'Read the PIN from the first line of standard input (for scripts)'
complete -c otp -n "__fish_otp_using_subcommand completions" -l no-agent -d 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
complete -c otp -n "__fish_otp_using_subcommand completions" -s h -l help -d 'Print help'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "init" -d 'Create a new, empty vault protected by a 6-digit PIN'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "add" -d 'Add an account from a base32 secret, an otpauth:// URI, a QR code picture, or your organisation\'s customer code'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "list" -d 'List the accounts (no secrets, no codes)'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "code" -d 'Print the current code of one account'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "import" -d 'Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP+, a QR picture, a list of otpauth:// links, or an otp backup'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "export" -d 'Export the accounts: otpauth:// links, Google Authenticator QR codes, an encrypted Aegis file, or an encrypted otp backup'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "show" -d 'Show one account\'s details, or its otpauth:// link as text or a QR code (to move it to another app)'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "remove" -d 'Remove an account'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "rename" -d 'Rename an account'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "passwd" -d 'Change the PIN (a running agent is locked)'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "unlock" -d 'Ask for the PIN once and keep the vault unlocked in a background agent for a while'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "lock" -d 'Lock the vault now: end the agent started by `otp unlock`'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "status" -d 'Say whether an agent serves the vault, and for how long'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c otp -n "__fish_otp_using_subcommand help; and not __fish_seen_subcommand_from init add list code import export show remove rename passwd unlock lock status completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
