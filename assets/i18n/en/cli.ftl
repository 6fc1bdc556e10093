# cli messages (en). Ids start with "cli-".
# Prompts and questions end without a space: the code adds the one before the answer.

## Prompts

cli-prompt-pin = { -pin }:
cli-prompt-new-pin = New 6-digit { -pin }:
cli-prompt-repeat-pin = Type the new { -pin } again:
cli-prompt-secret = Secret key (base32, as the site shows it; steam://KEY for Steam Guard):
cli-prompt-uri = otpauth:// link (or steam:// key):
cli-prompt-export-password = Password for the { $format } (at least { $min } characters):
cli-prompt-export-password-again = Type the password again:
cli-prompt-import-password = Password of the { $format }:
# The answers to a [y/N] question that mean yes, separated by commas.
cli-yes-words = y, yes
cli-pins-differ = The two { -pin }s differ; try again.

## Outcomes

cli-created-vault = Created an empty { -vault } at { $path }. Add an { -account } with `otp add <name>`.
cli-added = Added { $label } ({ $summary }).
cli-removed = Removed { $label }.
cli-renamed = Renamed { $old } to { $new }.
cli-pin-changed = { -pin } changed.
cli-confirm-remove = Remove { $label }? Its secret cannot be recovered from otp afterwards. [y/N]
cli-unlocked = Unlocked { $vault } for { $duration }: `otp code` and `otp list` need no { -pin } until then. `otp lock` locks it now.
cli-locked = Locked: the { -agent } has forgotten the { -vault }.
cli-nothing-to-lock = No { -agent } was running for this { -vault }; nothing to lock.
cli-locked-after-passwd = The running { -agent } held the old { -pin } and was locked; `otp unlock` starts a new one.
cli-agent-running = An { -agent } (pid { $pid }) serves { $vault } for another { $duration }; { $memory ->
        [locked] its memory is locked out of swap.
       *[unlocked] its memory could not be locked out of swap (memory-lock limit too low).
    }

## Warnings

cli-warning = warning
cli-weak-work-factor = work factor { $log_n } is below the default { $default }: each { -pin } guess against a stolen { -vault } file gets cheaper
cli-pin-file-readable = the { -pin } file { $path } can be read by other users; run `chmod 600` on it
cli-not-using-agent = not using the { -agent }: { $reason }; opening the { -vault } with the { -pin } instead
cli-not-using-agent-refused = not using the { -agent }: it refuses this user; opening the { -vault } with the { -pin } instead

## otp list and otp show

cli-list-account = ACCOUNT
cli-list-type = TYPE
cli-list-algorithm = ALGORITHM
cli-list-digits = DIGITS
cli-list-moving = PERIOD/COUNTER
cli-list-period = { $seconds } s
cli-list-empty = The { -vault } has no { -account }s yet. Add one with `otp add <name>`.
cli-show-account = Account
cli-show-issuer = Issuer
cli-show-name = Name
cli-show-type = Type
cli-show-algorithm = Algorithm
cli-show-digits = Digits
cli-show-period = Period
cli-show-counter = Counter
cli-show-no-issuer = (none)
cli-show-totp = TOTP (time-based)
cli-show-hotp = HOTP (counter-based)
cli-show-steam = Steam Guard (time-based, letters and digits)
cli-show-period-value = { $seconds } s
cli-show-counter-value = { $counter } (the next code uses it)
cli-qr-shows-secret = This QR code holds the secret of { $label }: anyone who sees or photographs it can copy the { -account }. Clear the screen (`clear`) once your phone has scanned it.
cli-qr-terminal-too-small = the QR code needs { $width } columns and { $height } rows but the terminal has { $columns }×{ $rows }, so it may not scan; enlarge the window or make the font smaller and run the command again

## otp add --qr

cli-qr-stdin-is-terminal = --qr - reads the picture from standard input, which is a terminal here; pipe the picture in (otp add --qr - < shot.png) or give its path
cli-qr-is-export = { $source ->
        [stdin] the QR code in the picture on standard input is a Google Authenticator export (otpauth-migration://), which can hold several { -account }s; to add them, save the picture to a file and run `otp import <file>` instead
       *[file] the QR code in the picture { $path } is a Google Authenticator export (otpauth-migration://), which can hold several { -account }s; to add them, run `otp import { $path }` instead
    }
cli-qr-several = { $source ->
        [stdin] the picture on standard input holds { $count } QR codes; crop it to the one to add, or to add every { -account } in it, save the picture to a file and run `otp import <file>`
       *[file] the picture { $path } holds { $count } QR codes; crop it to the one to add, or to add every { -account } in it, run `otp import { $path }`
    }
cli-steam-key-needs-name = a steam:// key names no { -account }; give its name: `otp add NAME --uri` (or `--qr`)
cli-steam-key-options = a steam:// key is for Steam Guard codes, which are always SHA1, 5 characters and 30 seconds; leave out --algorithm, --digits, --period, --hotp and --counter
cli-qr-not-a-link = { $source ->
        [stdin] the QR code in the picture on standard input holds no otpauth:// link, so it is not for an authenticator app; use the QR code the service shows when you turn on two-factor authentication
       *[file] the QR code in the picture { $path } holds no otpauth:// link, so it is not for an authenticator app; use the QR code the service shows when you turn on two-factor authentication
    }

## otp add --customer

cli-no-enroll-feature = this otp was built without enrollment support (cargo feature "enroll"); rebuild with it to use --customer

## otp import

cli-import-read = Read { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    } from the { $format }:
cli-import-added = + { $label } ({ $summary })
cli-import-renamed = ~ { $from } → { $to } (the name was taken by another { -account })
cli-import-duplicate = = { $label }: already in the { -vault }, skipped
cli-import-left-out = ! { $label }: left out: { $reason }
cli-import-note = note { $label }: { $note }
cli-import-without-code = { $count ->
        [one] { $count } item of the file holds no TOTP key (a password, a note, a card, ...) and was skipped: it is not an { -account }.
       *[other] { $count } items of the file hold no TOTP key (passwords, notes, cards, ...) and were skipped: they are not { -account }s.
    }
cli-import-nothing = Nothing imported: the { -vault } already holds every { -account } the file has that otp can use.
cli-import-too-many = the file has { $new } new { -account }s but only { $room } fit (the { -vault } holds { $count } of at most { $limit }); nothing was imported. Remove { -account }s with `otp remove`, or raise max_accounts in the { -config-file }
cli-would-import = Would import { $count ->
        [one] { $count } { -account }
       *[other] { $count } { -account }s
    }.
cli-confirm-import = Import { $count ->
        [one] { $count } { -account }
       *[other] { $count } { -account }s
    }? [y/N]
cli-imported = Imported { $count ->
        [one] { $count } { -account }
       *[other] { $count } { -account }s
    }.
cli-import-needs-yes = standard input is not a terminal, so otp cannot ask; check the list above and pass --yes to import (or --dry-run to only see it)
cli-import-too-large = { $path } is larger than { $limit } MiB, which no authenticator export is; check the file name
cli-import-stdin-clash = the export and the { -pin } cannot both come from standard input; give the export as a file, or the { -pin } through OTP_PIN_FILE or OTP_PIN_COMMAND

## otp export

cli-export-password-short = the password must have at least { $min } characters: it is all that protects the exported secrets; nothing was written
cli-export-passwords-differ = the two passwords differ; nothing was written. Run the command again
cli-confirm-unencrypted-export = This writes every secret UNENCRYPTED: anyone who sees the output can make your codes. Continue? [y/N]
cli-export-needs-yes = this export is unencrypted and standard input is not a terminal, so otp cannot ask; pass --yes to confirm
cli-export-empty = the { -vault } has no { -account }s to export
cli-export-on-screen = These links show your secrets; clear the screen and the scrollback when done.
cli-export-exists = { $path } already exists; choose another file, or pass --force to replace it
cli-export-left-out = { $label } was left out of the export: { $reason }
cli-qr-page = QR code { $index } of { $count }
cli-exported = Exported { $count ->
        [one] { $count } { -account }
       *[other] { $count } { -account }s
    } ({ $format }).
cli-exported-to = Exported { $count ->
        [one] { $count } { -account }
       *[other] { $count } { -account }s
    } to { $path } ({ $format }).

## Errors

cli-remove-needs-yes = standard input is not a terminal, so otp cannot ask; pass --yes to remove without asking
cli-work-factor-tui-only = --work-factor before the subcommand applies to the { -vault } the full-screen interface creates (plain `otp`); for `otp init` write it after `init`
cli-no-pin = no { -pin } given and no terminal to ask on; use --pin-stdin, OTP_PIN_FILE, OTP_PIN_COMMAND or OTP_PIN (see `otp --help`)
cli-declined = nothing changed
cli-clock = the system clock is set before 1970; fix the date and time, since codes depend on them
cli-unexpected-answer = the { -agent } gave an unexpected answer; run `otp lock`, then `otp unlock` again
cli-agent-needs-vault = the { -agent } needs --vault
cli-agent-exited-early = the { -agent } exited before it was ready; nothing was unlocked
cli-agent-socket-missing = the { -agent }'s socket is missing; nothing was unlocked
cli-agent-other-answered = another { -agent } answered on the socket; run `otp lock` and try again
cli-pin-command-failed = OTP_PIN_COMMAND failed ({ $status }); check the command, or unset it to be asked for the { -pin }
cli-stdin-ended = standard input ended before { $what ->
        [pin] the { -pin }
        [new-pin] the new { -pin }
        [secret] the secret key
        [uri] the otpauth:// link
        [id] the { -user-id }
        [activation] the { -activation-code }
        [export-password] the export password
        [import-password] the file's password
       *[answer] an answer
    } was given
cli-stdin-ended-named = standard input ended before { $what } was given
cli-tui-not-a-terminal = the full-screen interface needs a terminal on standard input and output; in scripts use a subcommand such as `otp code <account>` (see `otp --help`)
cli-tui-terminal = the terminal failed: { $reason }
cli-tui-clock = the system clock is set before 1970; fix the date and time, since codes depend on them

## Input and output failures: what was being done, then why

cli-io-read-stdin = error reading { $what ->
        [pin] the { -pin }
        [new-pin] the new { -pin }
        [secret] the secret key
        [uri] the otpauth:// link
        [id] the { -user-id }
        [activation] the { -activation-code }
        [export-password] the export password
        [import-password] the file's password
       *[answer] an answer
    } from standard input: { $reason }
cli-io-read-terminal = error reading { $what ->
        [pin] the { -pin }
        [new-pin] the new { -pin }
        [secret] the secret key
        [uri] the otpauth:// link
        [id] the { -user-id }
        [activation] the { -activation-code }
        [export-password] the export password
        [import-password] the file's password
       *[answer] an answer
    } from the terminal: { $reason }
cli-io-read-stdin-named = error reading { $what } from standard input: { $reason }
cli-io-read-terminal-named = error reading { $what } from the terminal: { $reason }
cli-io-read-pin-file = error reading the { -pin } file { $path } (OTP_PIN_FILE): { $reason }
cli-io-run-pin-command = error running OTP_PIN_COMMAND: { $reason }
cli-io-write-json = error writing JSON: { $reason }
cli-io-write-assets = error writing the man pages and completions under { $path }: { $reason }
cli-io-read-picture = { $source ->
        [stdin] error reading the picture on standard input: { $reason }
       *[file] error reading the picture { $path }: { $reason }
    }
cli-io-read-import = { $source ->
        [stdin] error reading the export from standard input: { $reason }
       *[file] error reading { $path }: { $reason }
    }
cli-io-write-export-stdout = error writing the export to standard output: { $reason }
cli-io-write-export = error writing { $path }: { $reason }
cli-io-find-program = error finding the otp program to start the { -agent } with: { $reason }
cli-io-start-agent = error starting the { -agent } ({ $path }): { $reason }

## Issue 15, the command line: giving up on a new PIN (src/cli/input.rs)

cli-new-pin-gave-up-differ = The two { -pin }s differed again; giving up after { $tries } tries. Run the command again and type the same 6 digits at both prompts.
cli-new-pin-gave-up-refused = Giving up after { $tries } tries: { $reason }. Run the command again and choose a { -pin } that keeps this rule.
cli-agent-push-title = Login request for { $account }
cli-agent-push-body = { $service } from { $from } { $text } — open otp to see the numbers and answer
cli-agent-push-unknown = unknown

## Push approvals (otp approve, otp deny, otp push register)

cli-push-none-waiting = no login request is waiting for approval
cli-push-no-accounts = no { -account } in the { -vault } answers approval requests: enroll with otp add --customer, or give an { -account } enrolled earlier a device key with otp push register ACCOUNT
# $label: the account.
cli-push-no-link = { $label } has no device key for approval requests; give it one with otp push register "{ $label }"
# $label: the account.
cli-push-register-no-customer = the { -customer-code } of { $label } is not known: give it with --customer CODE, or keep a single entry in the [customers] table of the { -config-file }
# $label: the account.
cli-push-register-not-totp = { $label } is not a time-based { -account }; registering a device key proves it with a current { -one-time-code }
