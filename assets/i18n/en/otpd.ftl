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
otpd-col-name = NAME
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
otpd-err-bad-customer-code = “{ $code }” is not a usable { -customer-code }: use 1 to 32 letters, digits, - or _.
otpd-err-bad-org-name = The { -organisation }'s name must not be empty or hold control characters.
otpd-err-customer-exists = Customer { $code } already exists; see `otpd customer list`.
otpd-err-bad-user-id = “{ $user }” is not a usable { -user-id }: 1 to 128 characters, without control characters or spaces at either end.
otpd-err-user-exists = Customer { $customer } already has a user “{ $user }”.
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
otpd-metric-cpu = User and system CPU time spent, in seconds.
otpd-metric-resident = Resident memory size in bytes.
otpd-metric-virtual = Virtual memory size in bytes.
otpd-metric-open-fds = Open file descriptors.
otpd-metric-max-fds = Most open file descriptors allowed (the soft limit).
otpd-metric-start-time = Start time of the process, in seconds since the Unix epoch.
