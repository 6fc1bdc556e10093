# transfer messages (en). Ids start with "transfer-".
# Import, export and QR pictures: what a file is called, why it cannot be read,
# why an entry was left out, and remarks about imported accounts.

## How a file format is named.

transfer-format-google = Google Authenticator export
transfer-format-aegis = Aegis export
transfer-format-2fas = 2FAS backup
transfer-format-andotp = andOTP backup
transfer-format-andotp-encrypted = andOTP encrypted backup
transfer-format-freeotp = FreeOTP+ export
transfer-format-freeotp-backup = FreeOTP backup
transfer-format-freeotp-tokens = FreeOTP token file (tokens.xml)
transfer-format-bitwarden = Bitwarden export
transfer-format-bitwarden-csv = Bitwarden CSV export
transfer-format-proton = Proton Authenticator export
transfer-format-authpro = Authenticator Pro backup
transfer-format-uris = list of otpauth:// links
transfer-format-backup = { -product } { -backup }
transfer-format-qr = QR code image

## Why a file could not be read or written.

transfer-unknown-format = { $looks ->
    [empty] this file is empty: there is nothing to import
    [json] this file is JSON, but not that of an export { -product } reads ({ $formats }); if it comes from one of them, name it with --format to see what { -product } misses in it
    [xml] this file is XML, but not one of FreeOTP's files, the only XML { -product } reads (it reads { $formats }); if it is one, name it with --format freeotp-backup or --format freeotp-tokens to see what { -product } misses in it
    [csv] this file looks like a table (CSV), but its first line is not the header of a Bitwarden CSV export, the only table { -product } reads (it reads { $formats }); if it is one, name it with --format bitwarden-csv to see what { -product } misses in it
   *[text] this file is text, but neither otpauth:// links (one a line) nor an export { -product } reads ({ $formats })
}
# Bytes that are not text: the one format otp cannot recognise by content is named.
transfer-unknown-binary = this file is not text and not a format { -product } recognises; an encrypted andOTP backup (.json.aes) cannot be recognised by its content: name it with --format andotp-encrypted ({ -product } reads { $formats })
transfer-unknown-format-name = unknown format "{ $given }": use one of { $formats }
# The file is damaged or cut short: exporting it again can help.
transfer-malformed-damaged = this { $format } cannot be read: { $problem }; export it again from the app
# The file is whole but not one otp reads; exporting it again would not help.
transfer-malformed = this { $format } cannot be read: { $problem }
transfer-malformed-image = this QR code image cannot be read: { $problem }
transfer-wrong-password = wrong password for this { $format }; nothing was imported
# Neither layout of an andOTP encrypted backup opened: the old one with this password,
# the current one because of the iteration count its first bytes would give.
transfer-andotp-iterations = wrong password for this andOTP encrypted backup, or the file is not one: read as andOTP's current layout it asks for { $iterations } PBKDF2 iterations, outside the 1 to { $max } { -product } accepts so that a crafted file cannot keep it busy for hours (andOTP writes 140000 to 160000); nothing was imported
transfer-empty = this { $format } holds no accounts
transfer-no-codes = { $items ->
    [one] the only item in this { $format } holds no TOTP key, so there is nothing to import
   *[other] none of the { $items } items in this { $format } holds a TOTP key, so there is nothing to import
}
transfer-unknown-version = this { $format } is version { $version }, which { -product } does not know yet (it reads up to { $known })

## What is wrong with a damaged file (said after "cannot be read:").

transfer-json-cut-short = it is cut short (line { $line }, column { $column })
transfer-json-syntax = it is not valid JSON (line { $line }, column { $column })
transfer-json-unreadable = it could not be read (line { $line }, column { $column })
transfer-json-missing-field = the "{ $field }" field is missing (line { $line }, column { $column })
transfer-json-wrong-type = a value has the wrong type or range (line { $line }, column { $column })
transfer-json-wrong-type-expected = a value has the wrong type or range (line { $line }, column { $column }); expected { $expected }
transfer-not-utf8 = it is damaged: it holds bytes that are not UTF-8 text
transfer-qr-not-link = the QR code holds neither an otpauth:// nor an otpauth-migration:// link
transfer-backup-invalid = its contents are not valid ({ $detail })
transfer-backup-account = the account { $name } in it is not valid: { $problem }
transfer-backup-excessive-work = it asks for scrypt work factor { $required }, above the { $max } { -product } accepts (a larger one could take hours and gigabytes to open)
transfer-backup-key-locked = it is an age file locked with a key, not with a password, so it is not an { -product } { -backup }
transfer-backup-header = its header is damaged
transfer-backup-newer-age = it is a newer age format than this { -product } reads; upgrade { -product }
transfer-backup-cut-short = it is cut short
transfer-backup-armor = its ASCII armor is damaged
transfer-backup-unreadable = it is not a readable age file
transfer-backup-payload = it is cut short or damaged
transfer-aegis-encrypted-without-keys = its contents are encrypted but its header holds no keys
transfer-aegis-plain-but-encrypted = its header says it is encrypted but its contents are not
transfer-aegis-scrypt-n = its password slot gives scrypt N = { $n }, which is not a power of two
transfer-aegis-scrypt-refused = its password slot asks for { $excess }; { -product } refuses such scrypt parameters so that a crafted file cannot exhaust memory or time (Aegis uses N = 32768, r = 8, p = 1)
transfer-scrypt-zero-cost = r = { $r }, p = { $p }
transfer-scrypt-log-n = N = 2^{ $log_n }, above 2^{ $max }
transfer-scrypt-r-times-p = r · p = { $value }, above { $max }
transfer-scrypt-memory = { $mib } MiB of memory, above { $max_mib } MiB
transfer-scrypt-work = N · r · p = 2^{ $log_work }, above 2^{ $max_log }
transfer-aegis-scrypt-invalid = its password slot's scrypt parameters are not valid
transfer-aegis-slot-field = password slot { $slot } has no { $field }
transfer-aegis-not-hex = { $part } is not hexadecimal
transfer-aegis-length = { $part } is not { $bytes } bytes
transfer-aegis-part-slot-key = the key of a password slot
transfer-aegis-part-slot-salt = the salt of a password slot
transfer-aegis-part-slot-nonce = the nonce of password slot { $slot }
transfer-aegis-part-slot-tag = the tag of password slot { $slot }
transfer-aegis-part-contents-nonce = the nonce of the contents
transfer-aegis-part-contents-tag = the tag of the contents
transfer-aegis-salt-length = a password slot's salt has an impossible length
transfer-aegis-no-slots = its header has encryption parameters but no slots
transfer-aegis-no-params = its header has slots but no encryption parameters
transfer-aegis-not-base64 = its encrypted contents are not base64
transfer-aegis-no-password-slot = it has no password slot, so only the phone that wrote it can open it; in Aegis, set a password and export again
transfer-aegis-too-many-slots = it has { $count } password slots; { -product } tries at most { $max }
transfer-aegis-master-key = its master key is not 32 bytes
transfer-aegis-contents-damaged = the password is right but the encrypted contents are damaged
transfer-2fas-services = encrypted services
transfer-2fas-reference = password check (reference)
transfer-2fas-layout = its { $field } is not ciphertext:salt:iv
transfer-2fas-not-base64 = the { $part } of its { $field } is not base64
transfer-2fas-part-ciphertext = ciphertext
transfer-2fas-part-salt = salt
transfer-2fas-part-iv = iv
transfer-2fas-iv-length = the iv of its { $field } is not { $bytes } bytes
transfer-2fas-too-short = its { $field } is too short to be encrypted data
transfer-2fas-salt-length = the salt of its { $field } has an impossible length
transfer-2fas-services-damaged = the password is right but the encrypted services are damaged
transfer-bitwarden-validation = password check (encKeyValidation_DO_NOT_EDIT)
transfer-bitwarden-data = encrypted data
transfer-bitwarden-part-mac = MAC
transfer-bitwarden-account-restricted = it is encrypted with the key of the Bitwarden account that wrote it, which only that account can open; in Bitwarden, export again choosing the file type "Password protected" (or an unencrypted .json)
transfer-bitwarden-enc-string = its { $field } is not an encrypted string of type 2 (2.iv|data|mac)
transfer-bitwarden-not-base64 = the { $part } of its { $field } is not base64
transfer-bitwarden-length = the { $part } of its { $field } has the wrong length
transfer-bitwarden-no-salt = its salt is empty
transfer-bitwarden-kdf-type = its kdfType is { $value }; { -product } reads 0 (PBKDF2-SHA256) and 1 (Argon2id), the two Bitwarden uses
transfer-bitwarden-kdf-type-not-number = its kdfType is not a number; { -product } reads 0 (PBKDF2-SHA256) and 1 (Argon2id), the two Bitwarden uses
transfer-bitwarden-kdf-missing = its { $setting } is missing
transfer-bitwarden-kdf-refused = its { $setting } is { $value }, outside the { $min } to { $max } Bitwarden writes; { -product } refuses it so that a crafted file cannot exhaust memory or time
transfer-bitwarden-data-damaged = the password is right but the encrypted data is damaged
transfer-bitwarden-csv-header = its first line has no { $column } column, which every Bitwarden CSV export has
transfer-csv = line { $line } is not a whole CSV record (a field too few or too many, or text that is not UTF-8)
transfer-proton-salt = its salt is not 16 bytes of base64
transfer-proton-content = its encrypted content is not base64, or too short to be encrypted data
transfer-authpro-cut-short = its encrypted part is cut short
transfer-authpro-damaged = the password is right but the encrypted backup is damaged
transfer-andotp-cut-short = it is too short to be an encrypted andOTP backup
# The original FreeOTP's backup (a Java-serialised map or a preferences file) and
# tokens.xml; $at is a byte offset from 0.
transfer-freeotp-cut-short = it is cut short
transfer-freeotp-stream = it is damaged: byte { $at } is not what a Java-serialised map of texts holds there
transfer-freeotp-xml = it is damaged: it is not a well-formed Android preferences file (at byte { $at })
transfer-freeotp-too-many = it holds more than { $max } entries; { -product } refuses more so that a crafted file cannot exhaust memory
transfer-freeotp-twice = it is damaged: it holds the entry "{ $name }" twice
transfer-freeotp-no-master-key = it has no masterKey entry, which every FreeOTP backup has
transfer-freeotp-entry = its entry "{ $entry }" is not what FreeOTP writes there
transfer-freeotp-kdf = its master key is derived with "{ $algorithm }"; { -product } reads PBKDF2withHmacSHA512 and PBKDF2withHmacSHA1, the two FreeOTP uses
transfer-freeotp-iterations = its master key asks for { $value } PBKDF2 iterations; { -product } runs 1 to { $max } (FreeOTP uses 100000) so that a crafted file cannot take hours to open
transfer-freeotp-key-damaged = the password is right but the key of { $token } is damaged: it does not decrypt
transfer-google-single-link = { $line ->
    [0] the link is
   *[other] line { $line } is
} a single { -account }'s otpauth:// link, not a Google Authenticator export; read such links with --format uris
transfer-google-not-migration = { $line ->
    [0] the link does
   *[other] line { $line } does
} not start with otpauth-migration://
transfer-google-data-twice = { $line ->
    [0] the link has
   *[other] line { $line } has
} more than one data= parameter
transfer-google-no-data = { $line ->
    [0] the link has
   *[other] line { $line } has
} no data= parameter
transfer-google-broken-escape = { $line ->
    [0] the link has
   *[other] line { $line } has
} a broken percent escape (a % not followed by two hexadecimal digits) in its data= parameter
transfer-google-not-base64 = the data= parameter of { $line ->
    [0] the link
   *[other] line { $line }
} is not valid base64; the link may be cut short
transfer-google-not-export = the data of { $line ->
    [0] the link
   *[other] line { $line }
} is not a Google Authenticator export; the link may be cut short or damaged
transfer-link-line = line { $line }: { $problem }

## Why an export could not be written.

transfer-export-backup-work-factor = a { -backup }'s scrypt work factor must be { $min } to { $max }, not { $given }
transfer-export-backup-empty-password = a { -backup } needs a password; an empty one would leave the secrets readable
transfer-export-backup-encrypt-failed = encrypting the { -backup } failed
transfer-export-aegis-empty-password = an Aegis export needs a password; an empty one would leave the secrets readable
transfer-export-aegis-random = the Aegis export could not be written: the system's random number generator failed
transfer-export-aegis-json = the Aegis export could not be written: JSON encoding failed
transfer-export-aegis-encrypt-failed = the Aegis export could not be written: encryption failed
transfer-export-aegis-counter = { $label }: Aegis cannot hold a HOTP counter above { $max }
transfer-export-google-batch-size = a Google Authenticator export needs room for at least one { -account } per QR code
transfer-export-google-too-many-codes = too many QR codes for one export
transfer-export-google-random = could not get random numbers from the system for the export

## Why an entry was left out.

transfer-reason-unsupported = { $scheme } codes are not supported ({ -product } makes TOTP, HOTP and Steam Guard codes)
transfer-reason-unknown-type = its type "{ $name }" is not supported: only TOTP, HOTP and Steam are
transfer-reason-no-parameters = it has no code parameters (info)
transfer-reason-secret-not-base32 = its secret is not valid base32
transfer-reason-secret-unusable = its secret is not usable: { $error }
transfer-reason-no-secret = it has no secret
transfer-reason-secret-not-bytes = its secret holds a number outside -128..255, so it is not a list of bytes
transfer-reason-secret-empty = its secret is empty
transfer-reason-not-whole-number = its { $field } is { $value }, not a whole number { -product } can use
transfer-reason-not-a-number = its { $field } is not a number
transfer-field-digits = digits
transfer-field-counter = counter
transfer-field-period = period
transfer-field-algorithm = algorithm
transfer-field-type = code type
transfer-reason-missing = its { $field } is missing from the file, and a guess could give wrong codes
transfer-reason-no-counter = it is counter-based (HOTP) but has no counter
transfer-reason-steam-parameters = it is a Steam Guard entry, but its { $field } is not Steam's (SHA1, 5 characters, 30 seconds), and a guess could give wrong codes
transfer-reason-md5 = it uses MD5 codes, which { -product } does not make (only SHA1, SHA256 and SHA512)
transfer-reason-unknown-algorithm-number = the export names an algorithm { -product } does not know (number { $number })
transfer-reason-unknown-digits-number = the export names a code length { -product } does not know (number { $number })
transfer-reason-unknown-type-number = the export names a code type { -product } does not know (number { $number })
transfer-reason-negative-counter = its counter is negative ({ $counter }), which no counter-based code can use
transfer-reason-google-digits = Google Authenticator makes 6- or 8-digit codes only, and this { -account }'s codes have { $digits } digits; export it with --format aegis or --format uris instead
transfer-reason-google-period = Google Authenticator makes 30-second codes only, and this { -account }'s period is { $seconds } seconds; export it with --format aegis or --format uris instead
transfer-reason-google-counter = its counter { $counter } is larger than a Google export can hold; export it with --format aegis or --format uris instead
transfer-reason-google-no-secret = it has no secret; export it with --format aegis or --format uris instead
transfer-reason-link = its otpauth:// link cannot be read: { $error }
transfer-reason-freeotp-settings = FreeOTP's settings for it cannot be read (they are not the JSON FreeOTP writes)
transfer-reason-freeotp-no-settings = the backup holds its key but not its settings, so its codes are unknown
transfer-reason-google-steam = Google Authenticator cannot hold Steam Guard { -account }s; export it with --format aegis or --format uris instead

## Remarks about an imported account.

transfer-remark-assumed-sha1 = the file gives no algorithm; SHA1 assumed
transfer-remark-assumed-six-digits = the file gives no digit count; 6 assumed
transfer-remark-assumed-counter-zero = the file gives no counter; 0 assumed
transfer-remark-assumed-period = the file gives no period; 30 seconds assumed
transfer-remark-assumed-totp = the file gives no code type; time-based codes (TOTP) assumed
transfer-remark-google-period = Google Authenticator exports do not record the period; 30 seconds, the only period Google Authenticator uses, was assumed.
transfer-remark-google-missing-codes = Only QR { $read_count ->
    [one] code
   *[other] codes
} { $read } of the { $size } QR codes of a Google Authenticator export { $read_count ->
    [one] was
   *[other] were
} read; QR { $missing_count ->
    [one] code
   *[other] codes
} { $missing } { $missing_count ->
    [one] is
   *[other] are
} missing. The accounts on the missing codes were not imported: scan them too (or export again).
transfer-code-numbers-more = { $numbers }, and { $more } more
transfer-remark-freeotp-counter = FreeOTP+ stored the counter { $stored }, one below the counter its link gave (FreeOTP+ counts that way); it was read as 0, the first code the service expects.
transfer-remark-issuer-mismatch = The link's label names the issuer "{ $label }" but its issuer= parameter says "{ $parameter }"; the { -account } was read with the issuer "{ $parameter }".
transfer-remark-counter-ignored = The link is for time-based codes (totp) but also has a counter= parameter; the counter was ignored.
transfer-remark-period-ignored = The link is for counter-based codes (hotp) but also has a period= parameter; the period was ignored.
transfer-remark-assumed-totp-defaults = The file gives only the secret key; time-based codes (TOTP) of 6 digits every 30 seconds with SHA1 were assumed, as the app that wrote it makes them.
transfer-remark-freeotp-backup-counter = FreeOTP's backup keeps the counter a token had when it was added or last renamed, not the one it reached later; if codes were used since, the service may expect a later counter.
transfer-remark-bitwarden-hotp = Bitwarden makes time-based codes even from this counter-based (hotp) link; { -product } imported it as counter-based, as the link says, so its codes differ from the ones Bitwarden showed.

## Why a picture gave no QR code, or a text did not fit one.

transfer-qr-not-an-image = this file is not a PNG or JPEG picture; save the QR code as a PNG or JPEG (a screenshot works) and try again
transfer-qr-damaged = the picture is damaged or uses a variant { -product } cannot read ({ $detail }); take a new screenshot of the QR code and save it as PNG
transfer-qr-too-large = the picture is { $width }×{ $height } pixels, larger than { -product } reads ({ $max }×{ $max } at most and { $mib } MiB decoded); crop it to the QR code or take a smaller screenshot
transfer-qr-file-too-large = the file is larger than { $mib } MiB, too large for a picture of a QR code; crop the picture to the QR code and save it as PNG or JPEG
transfer-qr-no-qr-code = no QR code was found in the picture; make sure the whole code is visible and sharp (crop the screenshot to it if the picture holds much else) and try again
transfer-qr-unreadable = a QR code was found but could not be read (it may be blurred, damaged or partly hidden); take a sharper screenshot of the whole code and try again
transfer-qr-too-slow = searching the picture for a QR code took too long (it is large and busy); crop it to the QR code and try again
transfer-qr-not-text = the QR code does not hold text (its bytes are not UTF-8), so it is no otpauth:// link; check that it is the code the service shows for authenticator apps
transfer-qr-too-long = the text is { $bytes } bytes long, more than a QR code holds; shorten the { -account }'s name or issuer (otp rename) and try again
