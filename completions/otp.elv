
use builtin;
use str;

set edit:completion:arg-completer[otp] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'otp'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'otp'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --work-factor 'scrypt work factor (log2 of N) of a vault the full-screen interface creates on first run; `otp init --work-factor` does the same for the CLI'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a new, empty vault protected by a 6-digit PIN'
            cand add 'Add an account from a base32 secret, an otpauth:// URI, a QR code picture, or your organisation''s customer code'
            cand list 'List the accounts (no secrets, no codes)'
            cand code 'Print the current code of one account'
            cand import 'Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP+, a QR picture, a list of otpauth:// links, or an otp backup'
            cand export 'Export the accounts: otpauth:// links, Google Authenticator QR codes, an encrypted Aegis file, or an encrypted otp backup'
            cand show 'Show one account''s details, or its otpauth:// link as text or a QR code (to move it to another app)'
            cand remove 'Remove an account'
            cand rename 'Rename an account'
            cand passwd 'Change the PIN (a running agent is locked)'
            cand unlock 'Ask for the PIN once and keep the vault unlocked in a background agent for a while'
            cand lock 'Lock the vault now: end the agent started by `otp unlock`'
            cand status 'Say whether an agent serves the vault, and for how long'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otp;init'= {
            cand --work-factor 'scrypt work factor (log2 of N) that each unlock, and each guess by whoever steals the file, must pay. 18 costs about 0.5 s and 256 MiB'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;add'= {
            cand --issuer 'Who issued the account, e.g. GitHub (with --uri or --qr: replaces the link''s issuer)'
            cand --qr 'Read the otpauth:// link from a QR code in a PNG or JPEG picture, e.g. a screenshot (`-`: standard input)'
            cand --algorithm 'HMAC algorithm: SHA1, SHA256 or SHA512 [default: SHA1]'
            cand --digits 'Code length: 6, 7 or 8 [default: 6]'
            cand --period 'Seconds each code lasts [default: 30]'
            cand --counter 'HOTP counter of the next code [default: 0]'
            cand --customer 'Enroll with your organisation''s customer code (asks for the ID and the activation code)'
            cand --id 'Your ID at the organisation (asked when missing)'
            cand --server 'The organisation''s otpd server [default: from [customers] or directory in the config file]'
            cand --ca-cert 'Trust this PEM certificate authority for the server (a private CA) instead of the public ones'
            cand --device-name 'A name for this device, shown to the administrator'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --uri 'Read an otpauth:// URI (from a hidden prompt or stdin) instead of a secret'
            cand --hotp 'Counter-based (HOTP) instead of time-based (TOTP)'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;list'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --json 'Print a JSON array instead of a table'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;code'= {
            cand --at 'Compute the code for this Unix time instead of now (TOTP only; for checking clocks)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --next 'Print the code of the next period instead (TOTP only)'
            cand --json 'Print a JSON object with the code and its timing'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;import'= {
            cand --format 'The file''s format: google, aegis, 2fas, andotp, freeotp, uris, backup or qr [default: detected]'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand -y 'Import without asking (needed when standard input is not a terminal)'
            cand --yes 'Import without asking (needed when standard input is not a terminal)'
            cand --dry-run 'Show what would be imported and change nothing'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;export'= {
            cand --format 'What to write'
            cand -o 'Write to this file (created readable by you only) instead of standard output'
            cand --output 'Write to this file (created readable by you only) instead of standard output'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand -y 'Confirm that uris and google write the secrets unencrypted (needed when standard input is not a terminal)'
            cand --yes 'Confirm that uris and google write the secrets unencrypted (needed when standard input is not a terminal)'
            cand --force 'Replace the output file if it exists'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'otp;show'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --qr 'Draw the account''s otpauth:// link as a QR code for a phone to scan (shows the secret)'
            cand --uri 'Print the account''s otpauth:// link (shows the secret; for scripts)'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;remove'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand -y 'Do not ask for confirmation (needed when standard input is not a terminal)'
            cand --yes 'Do not ask for confirmation (needed when standard input is not a terminal)'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;rename'= {
            cand --issuer 'Also set the issuer (an empty value removes it)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;passwd'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;unlock'= {
            cand --for 'How long the agent serves before it locks by itself, counted from now and never extended by use: 90s, 15m, 2h, 1h30m (at most 24h)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;lock'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;status'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --json 'Print a JSON object (running, pid, socket, remaining_secs, ...)'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;completions'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/otp/vault.age]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/otp/config.toml]'
            cand --lang 'The language of messages: en or ko [default: the config''s `lang`, then LC_ALL, LC_MESSAGES, LANG]'
            cand --pin-stdin 'Read the PIN from the first line of standard input (for scripts)'
            cand --no-agent 'Do not ask a running agent (see `otp unlock`): open the vault with the PIN'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'otp;help'= {
            cand init 'Create a new, empty vault protected by a 6-digit PIN'
            cand add 'Add an account from a base32 secret, an otpauth:// URI, a QR code picture, or your organisation''s customer code'
            cand list 'List the accounts (no secrets, no codes)'
            cand code 'Print the current code of one account'
            cand import 'Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP+, a QR picture, a list of otpauth:// links, or an otp backup'
            cand export 'Export the accounts: otpauth:// links, Google Authenticator QR codes, an encrypted Aegis file, or an encrypted otp backup'
            cand show 'Show one account''s details, or its otpauth:// link as text or a QR code (to move it to another app)'
            cand remove 'Remove an account'
            cand rename 'Rename an account'
            cand passwd 'Change the PIN (a running agent is locked)'
            cand unlock 'Ask for the PIN once and keep the vault unlocked in a background agent for a while'
            cand lock 'Lock the vault now: end the agent started by `otp unlock`'
            cand status 'Say whether an agent serves the vault, and for how long'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'otp;help;init'= {
        }
        &'otp;help;add'= {
        }
        &'otp;help;list'= {
        }
        &'otp;help;code'= {
        }
        &'otp;help;import'= {
        }
        &'otp;help;export'= {
        }
        &'otp;help;show'= {
        }
        &'otp;help;remove'= {
        }
        &'otp;help;rename'= {
        }
        &'otp;help;passwd'= {
        }
        &'otp;help;unlock'= {
        }
        &'otp;help;lock'= {
        }
        &'otp;help;status'= {
        }
        &'otp;help;completions'= {
        }
        &'otp;help;help'= {
        }
    ]
    $completions[$command]
}
