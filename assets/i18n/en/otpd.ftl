# otpd messages (en). Ids start with "otpd-".
# The administrator reads these in the language of the locale (OTP_LANG, LC_ALL,
# LC_MESSAGES, LANG, or `lang` in otpd.toml). The log lines (otpd-log-…) are always
# said in English, for grep.

## otpd init

# The comment at the top of a new otpd.toml (each line starts with "#").
otpd-config-header =
    # otpd configuration (no secrets here: the master key is in master_key_file).
    # database: sqlite://PATH for one instance, postgres://USER@HOST/DB for several.
    # TLS: set tls_cert and tls_key (PEM). Plain HTTP is served only on a loopback
    # address, or with plain_http_behind_proxy = true behind a TLS proxy.
    # lang: "en" or "ko" for the admin commands (default: the locale).
    # Activation codes by email or webhook (README, "Delivering activation codes"):
    # [delivery] channel = "email" or "webhook" ("print", the default, shows the code here);
    #   lang = "ko", contact = "IT help desk, help@example.org", server_url = "https://otp.example.org"
    # [smtp] host = "mail.example.org", security = "starttls", username = "otp",
    #   password_file = "smtp.pass" (never the password itself), from = "Example OTP <otp@example.org>"
    # [webhook] url = "https://sms.example.org/otp", secret_file = "webhook.secret", retries = 3
otpd-init-done =
    Created { $config } and the master key { $key } (mode 0600; back it up: without it no seed or { -activation-code } in the database can be read).
    Database: { $database }
    Next: `otpd customer add <code> <name>`.

## Admin commands

otpd-customer-added = Added customer { $code } ({ $name }).
otpd-customer-disabled = Disabled customer { $code }.
otpd-user-added = Added user { $user } to customer { $customer }. Issue an { -activation-code } with `otpd issue --customer { $customer } --user { $user }`.
otpd-issued = { -activation-code } for { $user } at customer { $customer }, valid until { $expires }, one use, shown only now. Any earlier code of this user no longer works.
otpd-unlocked = Unlocked the { -token } of { $user } at customer { $customer }.
otpd-revoked =
    { $count ->
        [0] { $user } at customer { $customer } had no { -token } or live { -activation-code } to revoke.
        [one] Revoked 1 { -token } or { -activation-code } of { $user } at customer { $customer }.
       *[other] Revoked { $count } { -token }s and { -activation-code }s of { $user } at customer { $customer }.
    }
otpd-client-added = API key for { $name } (client id { $id }), shown only now: give it to the login system, which sends it as `Authorization: Bearer <key>` to /v1/verify. Revoke it with `otpd client revoke { $id }`.
otpd-client-revoked = Revoked API client { $id }.

## Table headings and states

otpd-col-code = CODE
otpd-col-state = STATE
otpd-col-users = USERS
otpd-col-code-digits = CODE DIGITS
otpd-col-name = NAME
otpd-col-email = EMAIL
otpd-col-lang = LANG
otpd-col-id = ID
otpd-col-token = TOKEN
otpd-col-activation = ACTIVATION CODE
otpd-col-time = TIME
otpd-col-actor = BY
otpd-col-action = ACTION
otpd-col-outcome = OUTCOME
otpd-col-customer = CUSTOMER
otpd-col-user = USER
otpd-col-detail = DETAIL
otpd-customer-state =
    { $state ->
        [disabled] disabled
       *[enabled] enabled
    }
otpd-token-state =
    { $state ->
        [active] active
        [locked] locked
        [pending] pending
       *[none] none
    }
otpd-activation-live = live until { $until }
otpd-activation-state =
    { $state ->
        [expired] expired
        [used] used
        [burned] burned
        [revoked] revoked
       *[none] none
    }

## Errors the administrator reads

otpd-err-code = { $code }: { $sentence }
otpd-err-no-customer = There is no customer { $code }; add it with `otpd customer add { $code } <name>`.
otpd-err-no-user = Customer { $customer } has no user “{ $user }”; add it with `otpd user add --customer { $customer } { $user }`.
otpd-err-bad-customer-code = “{ $code }” is not a usable { -customer-code }: use 4 to 8 letters and digits (case does not matter).
otpd-err-bad-code-digits = { $digits } is not a length { -activation-code }s may have: use 5 to 8 digits.
otpd-err-bad-org-name = The { -organisation }'s name must not be empty or hold control characters.
otpd-err-customer-exists = Customer { $code } already exists; see `otpd customer list`.
otpd-err-bad-user-id = “{ $user }” is not a usable { -user-id }: 1 to 128 characters, without control characters or spaces at either end.
otpd-err-user-exists = Customer { $customer } already has a user “{ $user }”.
otpd-err-bad-email = “{ $email }” is not an email address otpd can deliver to: write it as name@example.org, without spaces, quotes or angle brackets.
otpd-err-bad-lang = “{ $lang }” is not a language otpd writes messages in: use en (English) or ko (Korean).
otpd-err-nothing-to-unlock = “{ $user }” has no { -token } to unlock; issue an { -activation-code } with `otpd issue`.
otpd-err-no-client = There is no API client with id { $id }.
otpd-err-config-exists = { $path } already exists; otpd init never overwrites a config.
otpd-err-config-invalid = { $path } is not valid: { $detail }
otpd-err-config-unwritable = Cannot write the config: { $detail }
otpd-err-token-algorithm = [tokens] algorithm “{ $value }” is not usable: use SHA1, SHA256 or SHA512.
otpd-err-token-digits = [tokens] digits { $value } is not usable: use 6, 7 or 8.
otpd-err-token-period = [tokens] period { $value } is not usable: use a number of seconds from 1 to 86400 (a day).
otpd-err-sqlite-synchronous = [sqlite] synchronous must be "full", "normal" or "off", not “{ $value }”.
otpd-err-tls-half = tls_cert and tls_key go together: give both, or neither.
otpd-err-duration = “{ $value }” is not a duration: use a number with s, m, h or d, e.g. 72h, between 1 second and a year.
otpd-err-database-url = database must be a sqlite://PATH or postgres://... URL.
otpd-err-plain-http = Not serving: refusing plain HTTP on { $addr }, which is not a loopback address: set tls_cert and tls_key, or plain_http_behind_proxy = true when a TLS proxy is in front.
otpd-err-key-readable = The master key file { $path } can be read by other users; run `chmod 600` on it.
otpd-err-key-damaged = The master key file { $path } is damaged: it must hold 32 bytes in base64url.
otpd-err-db-open = Cannot open the database: { $detail }
otpd-err-db-migrate = Cannot bring the database up to date: { $detail }
otpd-err-db-column = Database error in column { $name }: { $detail }
otpd-err-db-bad-token = A { -token } in the database has settings otpd cannot use (a damaged row).
otpd-err-db-commit-stopped = Database error: the task that records verifications stopped.
otpd-err-db-other = Database error: { $detail }
otpd-err-sealed = A secret in the database does not open with this master key; is master_key_file the one this database was created with?
otpd-err-clock = The system clock is set before 1970; set the date and time, then start otpd again.
otpd-err-random = The operating system's random generator failed.
otpd-err-tls = Cannot use the certificate { $cert } and key { $key }: { $detail }
otpd-err-io-read-config = Cannot read the otpd config { $path } ({ $detail }); create one with `otpd init`.
otpd-err-io-write-config = Cannot write { $path }: { $detail }
otpd-err-io-create-dir = Cannot create { $path }: { $detail }
otpd-err-io-resolve-dir = Cannot find the full path of { $path }: { $detail }
otpd-err-io-create-key = Cannot create the master key file { $path }: { $detail }
otpd-err-io-read-key = Cannot read the master key file { $path }: { $detail }
otpd-err-io-resolve-listen = Cannot resolve the listen address { $addr }: { $detail }
otpd-err-io-listen = Cannot listen on { $addr }: { $detail }
otpd-err-io-configure-listener = Cannot set up the listening socket: { $detail }
otpd-err-io-serve = Serving stopped: { $detail }
otpd-err-io-write-addr = Cannot write the address to { $path }: { $detail }
otpd-err-io-runtime = Cannot start the async runtime: { $detail }
otpd-err-io-write-man-pages = Cannot write man pages under { $path }: { $detail }

## Log lines (always English)

otpd-log-listening = otpd: listening on { $url }
otpd-log-shutting-down = otpd: shutting down
otpd-log-internal-error = otpd: internal error: { $detail }

## Issue 14, otpd's data: private database files, a private data directory, the counted anonymous audit

otpd-err-io-create-database = Cannot create the database file { $path } (mode 0600): { $detail }
otpd-err-io-protect-database = Cannot take the other users' access away from { $path }: { $detail }; run `chmod 600 { $path }` as its owner.
otpd-warn-data-dir-open = Other users can enter the data directory { $dir }. otpd keeps its files there private (0600), but run `chmod 700 { $dir }` to keep the directory private too.
otpd-col-count = COUNT
otpd-log-data-dir-open = otpd: warning: other users can enter the data directory { $dir }; run `chmod 700 { $dir }`

# Delivering activation codes (otpd issue --send, [delivery], [smtp], [webhook])
otpd-customer-set = Changed the messages of customer { $code }.
otpd-col-delivery = DELIVERY
otpd-delivery-state =
    { $state ->
        [sent] { $channel } sent { $at }
        [failed] { $channel } failed { $error } { $at }
       *[other] { $channel } { $state } { $at }
    }
otpd-issue-sent = { -activation-code } for { $user } at customer { $customer } sent by { $channel } to { $to }, valid until { $expires }, one use. It was not shown here. Any earlier code of this user no longer works.
otpd-issue-undelivered =
    WARNING: { $code }: the { $channel } delivery failed, so { $user } at customer { $customer } did not get this code: { $reason }
    The code above is issued and valid until { $expires } (one use): hand it over yourself, or fix the cause and issue a new one.
otpd-err-no-email = User { $user } at customer { $customer } has no email address, so no code was issued; add one with `otpd user add`/`otpd user import` (--email), or use --send print.
otpd-err-bad-contact = A contact must be one line: remove the line breaks.
otpd-err-secret-in-config = otpd.toml holds [{ $section }] { $key }, and secrets do not belong in the config: put it in a file only otpd's user can read and name it with { $key }_file, or name an environment variable with { $key }_env.
otpd-err-secret-twice = [{ $section }] names its secret both by a file and by an environment variable; keep one.
otpd-err-secret-missing = [{ $section }] has no usable secret: the file or environment variable it names is missing or empty (a webhook needs secret_file or secret_env; an SMTP username needs password_file or password_env).
otpd-err-plain-not-loopback = { $target } is not on this machine, and activation codes must not cross the network unencrypted: use security = "starttls" or "tls" for SMTP, an https:// URL for a webhook.
otpd-err-smtp-from = [smtp] from “{ $value }” is not a mailbox: write it as otp@example.org or "Example OTP <otp@example.org>".
otpd-err-webhook-url = [webhook] url “{ $url }” is not usable: give an https:// URL (http:// only to this machine).
otpd-err-delivery-lang = [delivery] lang “{ $value }” is not a language otpd writes messages in: use en or ko.
otpd-err-time-zone = [delivery] time_zone “{ $value }” is not a time zone this machine knows: use a name such as Asia/Seoul.
otpd-err-channel-not-configured = This channel needs a [{ $section }] section in otpd.toml; add it (see the README), or use --send print.
otpd-err-template =
    { $line ->
        [none] The message template { $path } is not usable: { $detail }. No code was issued.
       *[other] The message template { $path }, line { $line }, is not usable: { $detail }. No code was issued.
    }
otpd-err-io-read-secret = Cannot read the secret file { $path }: { $detail }
otpd-err-io-read-delivery-file = Cannot read { $path }: { $detail }
otpd-err-smtp-login = The mail server { $server } refused the login ({ $detail }); check [smtp] username and the password in password_file or password_env.
otpd-err-smtp-unreachable = Cannot reach the mail server { $server } ({ $detail }); check [smtp] host, port and security, and that the server is up and reachable from this machine.
otpd-err-smtp-tls = The secure connection to the mail server { $server } failed ({ $detail }); check [smtp] security (starttls or tls, for the port) and, for an internal certificate authority, ca_file.
otpd-err-recipient-refused = The mail server { $server } refused the recipient ({ $detail }); check the user's email address.
otpd-err-smtp-refused = The mail server { $server } refused the message ({ $detail }).
otpd-err-webhook-refused = The webhook { $url } refused the request with HTTP status { $status }; check [webhook] url and the secret the receiver expects (not retried).
otpd-err-webhook-failed = The webhook { $url } did not take the request after { $tries } tries (last: { $last }); check that the receiver is up.

## Issue 16, users in bulk: `otpd user import`

otpd-err-bad-name = A display name must be at most 128 characters, without control characters such as line breaks.
otpd-err-import-too-large = The file is larger than { $mib } MiB, more than one import reads; split it into several files.
otpd-err-import-not-text = The file is neither UTF-8 nor CP949 (EUC-KR) text. In Excel, choose Save As and the type “CSV UTF-8 (Comma delimited) (*.csv)”, then import that file.
otpd-err-import-no-header = The file is empty: it needs a header row naming its columns (ID, name, email, language), then one user per line.
otpd-err-import-too-many-rows = The file has more than { $limit } users, more than one import takes; split it into several files.
otpd-err-import-problems =
    { $count ->
        [one] The file has a problem, so nothing was changed:
       *[other] The file has { $count } problems, so nothing was changed:
    }
    { $list }
otpd-import-more-problems = … and { $count } more.
otpd-err-import-added-meanwhile = User “{ $user }” was added by someone else while the import ran, so nothing was changed; run the import again.
otpd-err-import-not-issued = { $failed } of { $total } { -activation-code }s were not issued (the reasons are above); the users themselves were imported. Issue those codes one by one with `otpd issue`.
otpd-err-io-read-import = Cannot read { $path }: { $detail }
otpd-err-io-write-codes = Cannot write the { -activation-code }s to standard output: { $detail }. The codes already issued are lost; issue them again with `otpd issue`.
otpd-import-problem-in-cell = line { $line }, column { $column }: { $problem }
otpd-import-problem-on-line = line { $line }: { $problem }
otpd-import-missing-id = the { -user-id } is missing; every row needs one.
otpd-import-duplicate-id = { -user-id } “{ $user }” is already on line { $first }; each user may appear once.
otpd-import-field-count = { $found } cells where the header has { $expected }; put a cell that holds a comma in double quotes.
otpd-import-duplicate-column = a second column for the same field; keep one.
otpd-import-no-id-column = the header has no ID column: name one ID (or 아이디), beside name (이름), email (이메일) and language (언어).
otpd-import-syntax = not readable as CSV ({ $detail }).
otpd-import-note-cp949 = Read { $file } as CP949 (EUC-KR) text, the way Korean Excel saves “CSV”.
otpd-import-note-ignored = Ignored the columns otpd does not use: { $columns }.
otpd-import-note-trimmed = Removed the spaces at either end of { $count ->
        [one] 1 cell
       *[other] { $count } cells
    }.
otpd-col-line = LINE
otpd-col-change = CHANGE
otpd-col-valid-until = VALID UNTIL
otpd-import-change =
    { $change ->
        [add] add
       *[update] update
    }
otpd-import-dry-run = Dry run, nothing was changed. Customer { $customer }: { $added } to add, { $updated } to update, { $unchanged } unchanged.
otpd-import-would-issue = With --issue, { $count ->
        [one] 1 { -activation-code } would be issued
       *[other] { $count } { -activation-code }s would be issued
    }; { $skipped ->
        [one] 1 user would be skipped because they have
       *[other] { $skipped } users would be skipped because they have
    } a { -token }.
otpd-import-done = Imported { $file } into customer { $customer }: { $added } added, { $updated } updated, { $unchanged } unchanged.
otpd-import-codes-warning = The { -activation-code }s follow on standard output as CSV, shown only now: hand each to its user (a mail merge can use the file), then delete it. Any earlier code of these users no longer works.
otpd-import-issue-failed = No { -activation-code } for { $user }: { $reason }
otpd-import-undelivered = WARNING: { $code }: the { $channel } delivery to { $user } failed: { $reason } Their code is on standard output: hand it over yourself.
otpd-import-delivered = { $sent } sent by { $channel }; { $undelivered } not delivered (their codes are on standard output, to hand over yourself).
otpd-import-issued = Issued { $issued ->
        [one] 1 { -activation-code }
       *[other] { $issued } { -activation-code }s
    }; { $skipped ->
        [one] 1 user skipped because they have
       *[other] { $skipped } users skipped because they have
    } a { -token }; { $failed } failed.

## otpd as a service: SIGHUP reloads the TLS certificate (log lines always English)

otpd-err-io-signals = Cannot take over SIGHUP (used to reload the TLS certificate): { $detail }
otpd-log-tls-reloaded = otpd: reloaded the TLS certificate { $cert } and key { $key }; new connections use them, open ones keep theirs
otpd-log-tls-reload-failed = otpd: cannot reload the TLS certificate, so otpd keeps using the certificate it has: { $detail }
otpd-log-nothing-to-reload = otpd: SIGHUP: nothing to reload (no TLS certificate is configured)

## otpd as a service: GET /metrics

otpd-err-metrics = The metrics could not be set up or written: { $detail }
otpd-err-metrics-token-readable = The metrics token file { $path } can be read by other users; run `chmod 600` on it.
otpd-err-metrics-token-empty = The metrics token file { $path } is empty: put the token in it, or remove token_file from [metrics].
otpd-err-io-read-metrics-token = Cannot read the metrics token file { $path }: { $detail }

## /metrics HELP lines: English in both catalogues, like the log lines

otpd-metric-requests = HTTP requests answered, by route and status class.
otpd-metric-latency = Time from a request's arrival to its answer, by route.
otpd-metric-verifications = Verifications (POST /v1/verify) by outcome.
otpd-metric-enrollments = Enrollment steps: started (start), finished (finish: code used up, secret sent), completed (activate), failed (any step refused).
otpd-metric-deliveries = Activation codes handed to a delivery channel by the admin commands (otpd issue, otpd user import), by channel and outcome, as the database records them.
otpd-metric-cpu = User and system CPU time spent, in seconds.
otpd-metric-resident = Resident memory size in bytes.
otpd-metric-virtual = Virtual memory size in bytes.
otpd-metric-open-fds = Open file descriptors.
otpd-metric-max-fds = Most open file descriptors allowed (the soft limit).
otpd-metric-start-time = Start time of the process, in seconds since the Unix epoch.
