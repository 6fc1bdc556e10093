# err messages (en). Ids start with "err-".

# Errors of the lower layers (vault, PIN, accounts, links, secrets, agent, config
# file, clipboard), said by the front-ends. Values: $path, $backup: file paths;
# $detail: why the system refused (common-os-…), or a parser's own words already
# marked "technical detail: …" (common-technical-detail).

## Waits

# A wait, rounded up: $unit is seconds, minutes or hours.
err-duration = { $unit ->
    [seconds] { $count ->
        [one] { $count } second
       *[other] { $count } seconds
    }
    [minutes] { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
   *[hours] { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
}

## The vault

err-vault-not-found = no { -vault } at { $path }; run `otp init` to create one
err-vault-already-exists = a { -vault } already exists at { $path }; it was left as it is (use another path with --vault to create a second one)
err-vault-backup-exists = a { -backup } of an earlier { -vault } exists at { $backup }; open it with `otp --vault { $backup } list`, or move it away before creating a new { -vault }
err-vault-wrong-pin = { $count ->
    [0] wrong { -pin }; that was too many in a row, so unlocking is now paused for a while
    [one] wrong { -pin }; { $count } attempt left before unlocking is paused
   *[other] wrong { -pin }; { $count } attempts left before unlocking is paused
}
# $wait: a duration (err-duration).
err-vault-locked-out = too many wrong { -pin }s in a row; unlocking is paused, try again in { $wait }
# $reason: one of the err-damage- messages.
err-vault-damaged-with-backup = the { -vault } at { $path } cannot be opened: { $reason }; it was left untouched. The previous version is kept at { $backup }: open it with `otp --vault { $backup } list`
err-vault-damaged-no-backup = the { -vault } at { $path } cannot be opened: { $reason }; it was left untouched, and there is no { -backup } file next to it
err-vault-excessive-work = the { -vault } asks for scrypt work factor { $required }, above the allowed maximum of { $max }; it was not written by this program's defaults, so it was not opened
err-vault-work-factor-range = scrypt work factor { $given } is outside the supported range { $min } to { $max }; choose one in that range
err-vault-encryption-failed = the { -vault } could not be encrypted; nothing was written
err-vault-io = { $action ->
    [create-directory] could not create the directory { $path }: { $detail }
    [open-vault] could not open the { -vault } { $path }: { $detail }
    [read-vault] could not read the { -vault } { $path }: { $detail }
    [write-vault] could not write the { -vault } { $path }: { $detail }
    [create-temporary] could not create a temporary file in { $path }: { $detail }
    [write-temporary] could not write a temporary file in { $path }: { $detail }
    [flush-directory] could not flush the directory { $path }: { $detail }
    [replace] could not replace { $path }: { $detail }
    [create] could not create { $path }: { $detail }
    [replace-vault] could not replace the { -vault } { $path }: { $detail }
    [lock] could not lock { $path }: { $detail }
    [open-lock-file] could not open the lock file { $path }: { $detail }
   *[write-attempts] could not write the attempt count to { $path }: { $detail }
}

## Why a vault file is damaged (after "cannot be opened:")

err-damage-empty = the file is empty
err-damage-truncated = the file is cut short
err-damage-not-age = it is not an age-encrypted file
err-damage-unknown-version = it is an age file of a newer version this program cannot read
err-damage-not-pin-locked = it is an age file, but locked with a key, not with a { -pin }
err-damage-header = its header is damaged
err-damage-payload = its encrypted contents are damaged or cut short
err-damage-too-large = it is far larger than any { -vault }

## The vault's contents

err-payload-too-new = the { -vault } was written by a newer { -product } (format { $found }, this one reads up to { $supported }); upgrade { -product } to open it
err-payload-invalid = the { -vault } decrypted but its contents are not valid ({ $detail }); restore the { -backup } next to the { -vault } file

err-payload-not-utf8 = the { -vault } decrypted but its contents are not text; restore the { -backup } next to the { -vault } file
# $reason: why (err-param- or err-payload-bad-type).
err-payload-bad-account = the { -vault } decrypted but its { -account } "{ $name }" is not valid: { $reason }; restore the { -backup } next to the { -vault } file
err-payload-steam-params = a Steam Guard { -account } must be SHA1 with 5 characters
err-payload-push-link = its push link (device key) is damaged, or names no { -account } of the { -vault }
err-payload-bad-type = type "{ $kind }" with these period/counter fields is not valid

## The PIN policy

err-pin-not-six-digits = a { -pin } is exactly 6 digits (0-9) with nothing else; type 6 digits
err-pin-repeated-digit = a { -pin } may not repeat one digit six times (like 111111); choose at least two different digits
err-pin-straight-run = a { -pin } may not count straight up or down (like 123456 or 987654); choose digits that do not follow each other

## Accounts

err-account-too-many = the { -vault } already holds { $count ->
        [one] { $count } { -account }
       *[other] { $count } { -account }s
    } and allows at most { $limit }; remove one with `otp remove`, or raise max_accounts in the { -config-file }
err-account-duplicate = an { -account } named "{ $label }" already exists; choose another name or pass --issuer
err-account-bad-name = "{ $name }" is not a usable { -account } name: it must be non-empty and have no control characters
err-code-hotp-no-time = --next and --at apply to time-based { -account }s; each `otp code` of a counter-based (HOTP) { -account } uses and advances its counter
err-code-counter-max = the HOTP counter is at its largest value and cannot advance; add the { -account } again with a new secret
# $candidates: the labels, separated by commas.
err-match-not-found = no { -account } matches "{ $query }"; { -account }s in the { -vault }: { $candidates }
err-match-not-found-empty = no { -account } matches "{ $query }"; the { -vault } is empty, add one with `otp add`
err-match-ambiguous = "{ $query }" matches more than one { -account }; type more of one of: { $candidates }

## Secret keys (base32)

err-secret-empty = the secret is empty
# $hint: one of the err-secret-hint- messages.
err-secret-invalid-character = the secret has an invalid character "{ $character }" at position { $position }; { $hint }
err-secret-hint-zero = base32 has no digit 0: it is most likely the letter O
err-secret-hint-one = base32 has no digit 1: it is most likely the letter I or L
err-secret-hint-eight = base32 has no digit 8: it is most likely the letter B
err-secret-hint-nine = base32 has no digit 9: only the digits 2 to 7 occur
err-secret-hint-alphabet = base32 uses only the letters A to Z and the digits 2 to 7
err-secret-after-padding = the secret has "{ $character }" after '=' padding at position { $position }; padding may only end the secret
err-secret-bad-length = the secret has { $length } base32 characters, a length no encoder produces; a character is probably missing or extra

## Code parameters

err-param-algorithm = unknown algorithm "{ $value }": use SHA1, SHA256 or SHA512
err-param-digits = { $value } digits is not supported: codes have 6, 7 or 8 digits
err-param-period = a period of "{ $value }" seconds is not supported: use a whole number from 1 to 86400
err-param-counter = counter "{ $value }" is not a whole number from 0 to 18446744073709551615

## otpauth:// links

err-uri-not-otpauth = this is not an otpauth:// link: it must start with otpauth://totp/, otpauth://hotp/ or otpauth://steam/; copy the whole link again, or enter the setup key by hand
err-uri-migration-export = this is a Google Authenticator export link (otpauth-migration://), which can hold several { -account }s; it is not a single { -account }'s otpauth:// link
err-uri-missing-type = the link does not name a code type after otpauth://; it must start with otpauth://totp/, otpauth://hotp/ or otpauth://steam/
err-uri-unknown-type = the link is for "{ $kind }" codes, which are not supported: only otpauth://totp/ (time-based), otpauth://hotp/ (counter-based) and otpauth://steam/ (Steam Guard) links work
err-uri-fragment = the link contains '#', which otpauth:// links never do; if it belongs to a name it must be written %23, otherwise copy the whole link again
err-uri-missing-label = the link has no { -account } name after its type (otpauth://totp/, otpauth://hotp/ or otpauth://steam/); copy the whole link again
err-uri-empty-account = the link's label names no { -account } (nothing after the issuer and colon); copy the whole link again
# $part: one of the err-uri-part- messages.
err-uri-bad-percent = { $part } has a broken percent escape (a % not followed by two hexadecimal digits); copy the whole link again
err-uri-invalid-utf8 = { $part } does not decode to UTF-8 text; copy the whole link again
err-uri-control-character = { $part } contains a control character, which an { -account } or issuer name cannot hold; the link may have been tampered with
err-uri-part-label = the label
err-uri-part-parameter-name = a parameter name
err-uri-part-parameter = the { $name }= parameter
err-uri-missing-secret = the link has no secret= parameter; copy the whole otpauth:// link again
err-uri-empty-param = the link's { $name }= parameter is empty; copy the whole otpauth:// link again
err-uri-duplicate-param = the link has more than one { $name }= parameter, so it is unclear which one is meant; copy the whole link again or ask the service for a new one
# $reason: why the secret or the value is refused (err-secret-, err-param-).
err-uri-secret = the link's secret= parameter is not a valid setup key: { $reason }
err-uri-param = the link's { $name }= parameter is not usable: { $reason }
err-uri-steam-param = the link is for Steam Guard codes, which are always SHA1, 5 characters and 30 seconds, but its { $name }= parameter says otherwise; copy the whole link again
err-uri-missing-counter = the link is for counter-based codes (hotp) but has no counter= parameter; copy the whole link again or ask the service for the counter
err-uri-warning-issuer-mismatch = The link's label names the issuer "{ $label }" but its issuer= parameter says "{ $parameter }"; the { -account } was read with the issuer "{ $parameter }".
err-uri-warning-counter-ignored = The link is for time-based codes (totp) but also has a counter= parameter; the counter was ignored.
err-uri-warning-period-ignored = The link is for counter-based codes (hotp) but also has a period= parameter; the period was ignored.

## The session agent

err-agent-unsupported = the session { -agent } needs Unix sockets, which this platform does not have; every command asks for the { -pin } instead
err-agent-not-running = no { -agent } serves this { -vault }; `otp unlock` starts one
err-agent-unsafe-not-directory = { $path } is not a directory, so { -product } does not trust it with the unlocked { -vault }; remove it (`rm -r { $path }`) and run `otp unlock` again
err-agent-unsafe-directory-owner = { $path } belongs to user id { $uid }, not to you, so { -product } does not trust it with the unlocked { -vault }; remove it (`rm -r { $path }`) and run `otp unlock` again
err-agent-unsafe-directory-mode = { $path } can be used by other users (mode { $mode }), so { -product } does not trust it with the unlocked { -vault }; run `chmod 700 { $path }`
err-agent-unsafe-not-socket = { $path } is not a socket, so { -product } does not trust it with the unlocked { -vault }; remove it (`rm { $path }`)
err-agent-unsafe-socket-owner = { $path } belongs to user id { $uid }, not to you, so { -product } does not trust it with the unlocked { -vault }; remove it (`rm { $path }`)
err-agent-unsafe-socket-mode = { $path } can be used by other users (mode { $mode }), so { -product } does not trust it with the unlocked { -vault }; run `otp lock` and `otp unlock` again, or `chmod 600 { $path }`
err-agent-unsafe-peer = { $path } is served by a process of user id { $uid }, not yours, so { -product } does not trust it with the unlocked { -vault }; remove it (`rm { $path }`)
err-agent-protocol-too-long = the { -agent } answered something { -product } does not understand (an answer too long); run `otp lock` and `otp unlock` again
err-agent-protocol-unexpected = the { -agent } answered something { -product } does not understand (an unexpected "{ $reply }" answer); run `otp lock` and `otp unlock` again
err-agent-protocol-malformed = the { -agent } answered something { -product } does not understand ({ $detail }); run `otp lock` and `otp unlock` again
err-agent-trouble-lock = the { -agent } could not lock the { -vault } ({ $detail })
err-agent-trouble-save = the { -agent } could not save the { -vault }, so the code was not given out ({ $detail })
err-agent-trouble-account-vanished = the { -account } disappeared from the { -vault } while the { -agent } was looking; try again
err-agent-wrong-vault = the { -agent } serves another { -vault }
err-agent-forbidden = the { -agent } refused this user
err-agent-bad-version = the { -agent } speaks protocol version { $expected }, not { $found }: another version of { -product } started it; run `otp unlock` again
err-agent-request-too-large = the { -agent } refused the request: a request is at most { $max } bytes
err-agent-malformed-request = the { -agent } could not read the request ({ $detail })
err-agent-gone-pin-changed = the { -vault }'s { -pin } was changed, so the { -agent } has locked; the { -pin } is asked for instead
err-agent-gone-removed = the { -vault } file was removed, so the { -agent } has locked
err-agent-gone-invalid = the { -vault } file now holds contents that are not valid, so the { -agent } has locked
err-agent-gone-damaged = the { -vault } file can no longer be read ({ $reason }), so the { -agent } has locked
err-agent-gone-too-new = a newer { -product } rewrote the { -vault } (format { $found }), so the { -agent } has locked
err-agent-gone-other = the { -vault } changed in a way the { -agent } cannot follow ({ $detail }), so it has locked
err-agent-io = { $action ->
    [find-vault] could not find the { -vault } { $path }: { $detail }
    [inspect-directory] could not inspect the directory { $path }: { $detail }
    [create-directory] could not create the directory { $path }: { $detail }
    [inspect-socket] could not inspect the { -agent } socket { $path }: { $detail }
    [listen] could not listen on { $path }: { $detail }
    [set-up-socket] could not set up the { -agent } socket { $path }: { $detail }
    [find-socket] could not find the { -agent } socket { $path }: { $detail }
    [connect] could not connect to the { -agent } at { $path }: { $detail }
    [set-timeout] could not set a timeout on { $path }: { $detail }
    [write] could not write to the { -agent } at { $path }: { $detail }
    [read-answer] could not read the answer of the { -agent } at { $path }: { $detail }
    [identify-agent] could not identify the { -agent } at { $path }: { $detail }
    [find-program] could not find the { -product } program: { $detail }
   *[start-agent] could not start the { -agent } ({ $path }): { $detail }
}
err-agent-lifetime-invalid = "{ $text }" is not a duration; write a number with s, m, h or d, like 90s, 15m, 2h or 1h30m
err-agent-lifetime-range = "{ $text }" is outside the allowed range of 1 second to 24 hours

## The config file

err-config-read = cannot read the { -config-file } { $path }: { $detail }
err-config-invalid = the { -config-file } { $path } is not valid ({ $detail }); correct the line it names
err-config-write = cannot write the { -config-file } { $path }: { $detail }
err-config-no-home = { $file ->
    [vault] cannot find a home directory for the default { -vault } location; pass --vault or set OTP_VAULT
   *[config] cannot find a home directory for the default { -config-file } location; pass --vault or set OTP_VAULT
}

## The clipboard

# $system: one of the err-clipboard-system- messages.
err-clipboard-unavailable = no clipboard is reachable: { $system }, and this terminal ({ $term }) cannot take OSC 52; type the code by hand, or run { -product } in a terminal emulator or with a display
err-clipboard-unavailable-no-term = no clipboard is reachable: { $system }, and this terminal (no TERM) cannot take OSC 52; type the code by hand, or run { -product } in a terminal emulator or with a display
err-clipboard-system-ssh = this is an SSH session, whose display is not yours
err-clipboard-system-no-display = no X11 or Wayland display is set
err-clipboard-system-failed = the display's clipboard failed ({ $detail })
err-clipboard-system-failed-plain = the display's clipboard failed
err-clipboard-terminal = could not send the copy request to the terminal ({ $detail })
# $value: tmux's set-clipboard option (external or off).
err-clipboard-tmux = tmux passes no copy request on (its set-clipboard option is { $value }); add `set -g set-clipboard on` to ~/.tmux.conf and run `tmux source-file ~/.tmux.conf`, or type the code by hand

## The system

err-clock = the system clock is set before 1970; set the date and time, then try again
err-random = the operating system's random generator failed

## age files (the vault's encryption)

err-age-wrong-passphrase = wrong passphrase
err-age-excessive-work = the file asks for scrypt work factor { $required }, above the allowed { $max }
err-age-not-passphrase-locked = the age file is locked with a key, not a passphrase
# $reason: one of the err-age-damage- messages.
err-age-damaged = the age file is damaged: { $reason }
err-age-damage-header = its header is not valid
err-age-damage-header-mac = its header fails its integrity check
err-age-damage-unknown-version = it is a newer age format
err-age-damage-header-cut-short = it ends inside its header
err-age-damage-armor = its ASCII armor is not valid
err-age-damage-unreadable = its header cannot be read
err-age-damage-payload-cut-short = its contents are cut short
err-age-damage-payload = its contents fail their integrity check
err-age-work-factor-range = scrypt work factor { $given } is outside the supported range { $min } to { $max }
err-age-encrypt-failed = age could not encrypt

## Hardening (issue 14), the session agent: codes near now only

err-agent-needs-pin = the { -agent } hands out only the codes of the current time step and the steps just before and after it; a code for another time needs the { -pin }

## Hardening (issue 14), the vault: a file that cannot be read, damage told from a
## wrong PIN, a PIN attempt that cannot be counted

# $kind: permission (no permission to read), directory (a directory in the vault
# file's place) or other ($detail: the operating system's words).
err-vault-unreadable = { $kind ->
    [permission] the { -vault } { $path } cannot be read: permission denied. Nothing was changed. Give your user access to it (as its owner, for example `chmod 600 { $path }`), or run otp as the user who owns it
    [directory] { $path } is a directory, not a { -vault } file. Nothing was changed. Move the directory away, or point --vault (or OTP_VAULT, or `vault` in the config file) at the { -vault } file
   *[other] the { -vault } { $path } cannot be read: { $detail }. Nothing was changed; check the file and the disk it is on
}
# The PIN opens the backup but not the vault: the vault file is damaged.
err-vault-damaged-backup-opens = the { -vault } at { $path } is damaged: this { -pin } does not open it but opens its { -backup } { $backup }, so the { -pin } is right and the file is not (this try was not counted as a wrong { -pin }). The { -vault } was left untouched. To restore the { -backup }, which holds the version before the last change: `cp { $backup } { $path }`
# $path: the attempt count file; $detail: the operating system's words.
err-vault-attempts-not-recorded = the { -pin } was not tried: the count of wrong { -pin }s cannot be written to { $path } ({ $detail }), and without it wrong { -pin }s could be tried without end. Make the directory of { $path } writable for your user (or remove what is in the way at { $path }), then try again
err-agent-push-unknown = no such login request is waiting any more: it was answered, or it expired
err-agent-push-no-key = this { -account } has no device key in the { -vault }, so the { -agent } cannot answer its login requests; run otp push register for it
err-agent-push-unreachable = the { -agent } could not reach the server to send the answer: { $detail }
err-agent-push-unsupported = this { -agent } is built without push approvals
