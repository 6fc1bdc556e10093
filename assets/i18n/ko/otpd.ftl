# otpd messages (ko). Ids start with "otpd-".
# 서버를 운영하는 기관 관리자가 읽는 문장입니다. 로그 줄(otpd-log-…)은 grep을 위해
# 영어와 같게 둡니다. 값 뒤에 조사를 붙이지 않도록 "고객코드 1106의 사용자 jklee"처럼
# 명사를 앞에 둡니다.

## otpd init

# 새 otpd.toml 맨 위의 설명 (줄마다 "#"로 시작합니다).
otpd-config-header =
    # otpd 설정 파일입니다 (비밀 값은 없습니다. 마스터 키는 master_key_file에 있습니다).
    # database: 서버 한 대는 sqlite://경로, 여러 대는 postgres://사용자@호스트/DB.
    # TLS: tls_cert와 tls_key(PEM)를 지정하세요. 암호화하지 않은 HTTP는 루프백 주소에서만,
    # 또는 TLS 프록시 뒤에서 plain_http_behind_proxy = true일 때만 제공합니다.
    # lang: 관리 명령의 언어 "ko" 또는 "en" (기본값: 시스템 로캘).
    # 인증코드를 이메일이나 웹훅으로 보내기 (README의 "Delivering activation codes"):
    # [delivery] channel = "email" 또는 "webhook" (기본값 "print"는 코드를 여기에 표시);
    #   lang = "ko", contact = "IT 지원센터 042-000-0000", server_url = "https://otp.example.org"
    # [smtp] host = "mail.example.org", security = "starttls", username = "otp",
    #   password_file = "smtp.pass" (비밀번호 자체는 쓰지 않음), from = "Example OTP <otp@example.org>"
    # [webhook] url = "https://sms.example.org/otp", secret_file = "webhook.secret", retries = 3
otpd-init-done =
    설정 파일과 마스터 키 파일(권한 0600)을 만들었습니다: { $config }, { $key }. 마스터 키 파일은 꼭 백업하세요. 키가 없으면 데이터베이스에 있는 시드와 { -activation-code }를 하나도 읽을 수 없습니다.
    데이터베이스: { $database }
    다음 단계: `otpd customer add <고객코드> <기관 이름>`
otpd-customer-added = 고객 기관을 등록했습니다: { $code } ({ $name })
otpd-customer-disabled = 고객코드 { $code }의 사용을 중지했습니다.
otpd-user-added = 고객코드 { $customer }에 사용자를 등록했습니다: { $user }. `otpd issue --customer { $customer } --user { $user }` 명령으로 { -activation-code }를 발급하세요.
otpd-issued = 고객코드 { $customer }의 사용자 { $user }에게 발급한 { -activation-code }입니다. 유효기간은 { $expires }까지이고 한 번만 쓸 수 있으며, 지금만 표시됩니다. 이 사용자에게 전에 발급한 코드는 더 이상 쓸 수 없습니다.
otpd-unlocked = 고객코드 { $customer }의 사용자 { $user }의 { -token } 잠김을 풀었습니다.
otpd-revoked =
    { $count ->
        [0] 고객코드 { $customer }의 사용자 { $user }에게는 폐기할 { -token }이나 유효한 { -activation-code }가 없습니다.
       *[other] 고객코드 { $customer }의 사용자 { $user }의 { -token }과 { -activation-code } { $count }개를 폐기했습니다.
    }
otpd-client-added = 로그인 시스템 { $name }의 API 키입니다(클라이언트 ID { $id }). 지금만 표시됩니다. 이 키를 로그인 시스템에 넣으세요. 로그인 시스템은 /v1/verify에 `Authorization: Bearer <키>` 헤더로 보냅니다. 폐기하려면 `otpd client revoke { $id }` 명령을 실행하세요.
otpd-client-revoked = API 클라이언트를 폐기했습니다: { $id }

## 표 머리글과 상태

otpd-col-code = 고객코드
otpd-col-state = 상태
otpd-col-users = 사용자 수
otpd-col-code-digits = 인증코드 자릿수
otpd-col-name = 이름
otpd-col-email = 이메일
otpd-col-lang = 언어
otpd-col-id = 아이디
otpd-col-token = 토큰
otpd-col-activation = 인증코드
otpd-col-time = 시각
otpd-col-actor = 실행자
otpd-col-action = 작업
otpd-col-outcome = 결과
otpd-col-customer = 고객코드
otpd-col-user = 사용자
otpd-col-detail = 세부 내용
otpd-customer-state =
    { $state ->
        [disabled] 중지됨
       *[enabled] 사용 중
    }
otpd-token-state =
    { $state ->
        [active] 사용 중
        [locked] 잠김
        [pending] 대기 중
       *[none] 없음
    }
otpd-activation-live = { $until }까지 유효
otpd-activation-state =
    { $state ->
        [expired] 만료됨
        [used] 사용됨
        [burned] 오입력으로 폐기됨
        [revoked] 폐기됨
       *[none] 없음
    }

## 관리자가 읽는 오류

otpd-err-code = { $code }: { $sentence }
otpd-err-no-customer = 등록된 고객코드가 아닙니다: { $code }. `otpd customer add { $code } <기관 이름>` 명령으로 등록하세요.
otpd-err-no-user = 고객코드 { $customer }에 등록된 사용자가 아닙니다: “{ $user }”. `otpd user add --customer { $customer } { $user }` 명령으로 등록하세요.
otpd-err-bad-customer-code = { -customer-code }로 쓸 수 없는 값입니다: “{ $code }”. 영문자와 숫자로 4~8자를 쓰세요(대소문자는 구분하지 않습니다).
otpd-err-bad-code-digits = { -activation-code }의 길이로 쓸 수 없는 값입니다: { $digits }. 5~8자리로 정하세요.
otpd-err-bad-org-name = { -organisation } 이름은 비어 있거나 제어 문자를 포함할 수 없습니다.
otpd-err-customer-exists = 이미 등록된 고객코드입니다: { $code }. `otpd customer list`로 확인하세요.
otpd-err-bad-user-id = { -user-id }로 쓸 수 없는 값입니다: “{ $user }”. 1~128자로, 제어 문자 없이, 앞뒤 공백 없이 쓰세요.
otpd-err-user-exists = 고객코드 { $customer }에 이미 등록된 사용자입니다: “{ $user }”.
otpd-err-bad-email = otpd가 보낼 수 있는 이메일 주소가 아닙니다: “{ $email }”. name@example.org처럼 공백, 따옴표, 꺾쇠괄호 없이 쓰세요.
otpd-err-bad-lang = otpd가 안내문을 쓸 수 있는 언어가 아닙니다: “{ $lang }”. en(영어) 또는 ko(한국어)를 쓰세요.
otpd-err-nothing-to-unlock = 사용자 “{ $user }”에게는 잠김을 풀 { -token }이 없습니다. `otpd issue` 명령으로 { -activation-code }를 발급하세요.
otpd-err-no-client = ID가 { $id }인 API 클라이언트가 없습니다.
otpd-err-config-exists = { $path } 파일이 이미 있습니다. otpd init은 기존 설정 파일을 덮어쓰지 않습니다.
otpd-err-config-invalid = 설정 파일 { $path }에 잘못된 내용이 있습니다: { $detail }
otpd-err-config-unwritable = 설정 파일을 쓸 수 없습니다: { $detail }
otpd-err-token-algorithm = [tokens] algorithm에 쓸 수 없는 값입니다: “{ $value }”. SHA1, SHA256, SHA512 중 하나를 쓰세요.
otpd-err-token-digits = [tokens] digits에 쓸 수 없는 값입니다: { $value }. 6, 7, 8 중 하나를 쓰세요.
otpd-err-token-period = [tokens] period에 쓸 수 없는 값입니다: { $value }. 1부터 86400(하루)까지의 초 단위 숫자를 쓰세요.
otpd-err-sqlite-synchronous = [sqlite] synchronous 값은 "full", "normal", "off" 중 하나여야 합니다. 지금 값: “{ $value }”
otpd-err-tls-half = tls_cert와 tls_key는 함께 지정해야 합니다. 둘 다 쓰거나 둘 다 빼세요.
otpd-err-duration = 기간으로 읽을 수 없는 값입니다: “{ $value }”. 72h처럼 숫자 뒤에 s(초), m(분), h(시간), d(일)를 붙여 1초에서 1년 사이로 쓰세요.
otpd-err-database-url = database 값은 sqlite://경로 또는 postgres://... 형식의 URL이어야 합니다.
otpd-err-plain-http = 서버를 시작하지 않았습니다: { $addr } 주소는 루프백 주소가 아니므로 암호화하지 않은 HTTP를 제공하지 않습니다. tls_cert와 tls_key를 지정하거나, 앞에 TLS 프록시가 있다면 plain_http_behind_proxy = true로 설정하세요.
otpd-err-key-readable = 마스터 키 파일을 다른 사용자도 읽을 수 있습니다: { $path }. `chmod 600`으로 권한을 바꾸세요.
otpd-err-key-damaged = 마스터 키 파일이 손상되었습니다: { $path }. base64url로 적은 32바이트가 들어 있어야 합니다.
otpd-err-db-open = 데이터베이스를 열 수 없습니다: { $detail }
otpd-err-db-migrate = 데이터베이스 구조를 최신으로 바꿀 수 없습니다: { $detail }
otpd-err-db-column = 데이터베이스 오류(열 { $name }): { $detail }
otpd-err-db-bad-token = 데이터베이스의 { -token } 하나에 otpd가 쓸 수 없는 설정이 있습니다(손상된 행).
otpd-err-db-commit-stopped = 데이터베이스 오류: 인증 결과를 기록하는 작업이 멈췄습니다.
otpd-err-db-other = 데이터베이스 오류: { $detail }
otpd-err-sealed = 데이터베이스의 비밀 값을 이 마스터 키로 열 수 없습니다. master_key_file이 이 데이터베이스를 만들 때 쓴 키가 맞는지 확인하세요.
otpd-err-clock = 시스템 시계가 1970년 이전으로 되어 있습니다. 날짜와 시간을 맞춘 뒤 otpd를 다시 시작하세요.
otpd-err-random = 운영체제의 난수 생성기가 실패했습니다.
otpd-err-tls = 인증서와 키를 쓸 수 없습니다({ $cert }, { $key }): { $detail }
otpd-err-io-read-config = otpd 설정 파일을 읽을 수 없습니다({ $path }: { $detail }). `otpd init` 명령으로 만드세요.
otpd-err-io-write-config = { $path } 파일을 쓸 수 없습니다: { $detail }
otpd-err-io-create-dir = 디렉터리를 만들 수 없습니다({ $path }): { $detail }
otpd-err-io-resolve-dir = { $path }의 전체 경로를 찾을 수 없습니다: { $detail }
otpd-err-io-create-key = 마스터 키 파일을 만들 수 없습니다({ $path }): { $detail }
otpd-err-io-read-key = 마스터 키 파일을 읽을 수 없습니다({ $path }): { $detail }
otpd-err-io-resolve-listen = 수신 주소를 해석할 수 없습니다({ $addr }): { $detail }
otpd-err-io-listen = { $addr }에서 연결을 받을 수 없습니다: { $detail }
otpd-err-io-configure-listener = 수신 소켓을 설정할 수 없습니다: { $detail }
otpd-err-io-serve = 서비스가 멈췄습니다: { $detail }
otpd-err-io-write-addr = 주소를 { $path } 파일에 쓸 수 없습니다: { $detail }
otpd-err-io-runtime = 비동기 런타임을 시작할 수 없습니다: { $detail }
otpd-err-io-write-man-pages = { $path } 아래에 man 페이지를 쓸 수 없습니다: { $detail }

## 로그 줄 (grep을 위해 영어와 같게 둡니다)

otpd-log-listening = otpd: listening on { $url }
otpd-log-shutting-down = otpd: shutting down
otpd-log-internal-error = otpd: internal error: { $detail }

## 이슈 14, otpd의 데이터: 소유자만 쓰는 데이터베이스 파일과 데이터 디렉터리, 횟수로 묶는 익명 감사 기록

otpd-err-io-create-database = 데이터베이스 파일을 만들 수 없습니다({ $path }, 권한 0600): { $detail }
otpd-err-io-protect-database = { $path } 파일에서 다른 사용자의 권한을 뺄 수 없습니다: { $detail }. 파일 소유자로 `chmod 600 { $path }`를 실행하세요.
otpd-warn-data-dir-open = 다른 사용자도 데이터 디렉터리 { $dir }에 들어갈 수 있습니다. otpd는 그 안의 파일을 소유자만 읽게(0600) 두지만, 디렉터리도 막으려면 `chmod 700 { $dir }`를 실행하세요.
otpd-col-count = 횟수
# 로그 줄은 grep을 위해 영어와 같게 둡니다.
otpd-log-data-dir-open = otpd: warning: other users can enter the data directory { $dir }; run `chmod 700 { $dir }`

# 인증코드 보내기 (otpd issue --send, [delivery], [smtp], [webhook])
otpd-customer-set = 고객코드 { $code }의 안내문 설정을 바꿨습니다.
otpd-col-delivery = 전달
otpd-delivery-state =
    { $state ->
        [sent] { $channel } 보냄 { $at }
        [failed] { $channel } 실패 { $error } { $at }
       *[other] { $channel } { $state } { $at }
    }
otpd-issue-sent = 고객코드 { $customer }의 사용자 { $user }에게 { -activation-code }를 { $channel }(으)로 보냈습니다: { $to }. 유효기간은 { $expires }까지이고 한 번만 쓸 수 있습니다. 코드는 여기에 표시하지 않았습니다. 이 사용자에게 전에 발급한 코드는 더 이상 쓸 수 없습니다.
otpd-issue-undelivered =
    경고: { $code }: { $channel } 전달에 실패해 고객코드 { $customer }의 사용자 { $user }가 이 코드를 받지 못했습니다: { $reason }
    위 코드는 발급되었고 { $expires }까지 유효합니다(1회). 직접 전달하거나, 원인을 고친 뒤 새로 발급하세요.
otpd-err-no-email = 고객코드 { $customer }의 사용자 { $user }에게 이메일 주소가 없어 코드를 발급하지 않았습니다. `otpd user add`/`otpd user import`(--email)로 주소를 넣거나 --send print를 쓰세요.
otpd-err-bad-contact = 문의처는 한 줄이어야 합니다. 줄바꿈을 빼세요.
otpd-err-secret-in-config = otpd.toml에 [{ $section }] { $key }가 있습니다. 비밀 값은 설정 파일에 두지 않습니다: otpd 사용자만 읽을 수 있는 파일에 넣고 { $key }_file로 지정하거나, 환경 변수 이름을 { $key }_env로 지정하세요.
otpd-err-secret-twice = [{ $section }]에 비밀 값을 파일과 환경 변수로 모두 지정했습니다. 하나만 남기세요.
otpd-err-secret-missing = [{ $section }]에 쓸 수 있는 비밀 값이 없습니다. 지정한 파일이나 환경 변수가 없거나 비어 있습니다(웹훅에는 secret_file이나 secret_env가, SMTP username에는 password_file이나 password_env가 필요합니다).
otpd-err-plain-not-loopback = { $target }은(는) 이 컴퓨터가 아니므로 인증코드를 암호화 없이 보낼 수 없습니다. SMTP는 security = "starttls" 또는 "tls"를, 웹훅은 https:// 주소를 쓰세요.
otpd-err-smtp-from = [smtp] from “{ $value }”은(는) 보내는 사람 주소가 아닙니다. otp@example.org 또는 "Example OTP <otp@example.org>"처럼 쓰세요.
otpd-err-webhook-url = [webhook] url “{ $url }”을(를) 쓸 수 없습니다. https:// 주소를 쓰세요(http://는 이 컴퓨터로만 됩니다).
otpd-err-delivery-lang = [delivery] lang “{ $value }”은(는) otpd가 안내문을 쓸 수 있는 언어가 아닙니다. en 또는 ko를 쓰세요.
otpd-err-time-zone = [delivery] time_zone “{ $value }”은(는) 이 컴퓨터가 아는 시간대가 아닙니다. Asia/Seoul 같은 이름을 쓰세요.
otpd-err-channel-not-configured = 이 전달 방법에는 otpd.toml의 [{ $section }] 섹션이 필요합니다. 섹션을 추가하거나(README 참고) --send print를 쓰세요.
otpd-err-template =
    { $line ->
        [none] 안내문 템플릿 { $path }을(를) 쓸 수 없습니다: { $detail }. 코드는 발급하지 않았습니다.
       *[other] 안내문 템플릿 { $path }의 { $line }번째 줄을 쓸 수 없습니다: { $detail }. 코드는 발급하지 않았습니다.
    }
otpd-err-io-read-secret = 비밀 값 파일을 읽을 수 없습니다({ $path }): { $detail }
otpd-err-io-read-delivery-file = 파일을 읽을 수 없습니다({ $path }): { $detail }
otpd-err-smtp-login = 메일 서버 { $server }가 로그인을 거부했습니다({ $detail }). [smtp] username과 password_file 또는 password_env의 비밀번호를 확인하세요.
otpd-err-smtp-unreachable = 메일 서버 { $server }에 연결할 수 없습니다({ $detail }). [smtp] host, port, security를 확인하고, 서버가 켜져 있고 이 컴퓨터에서 연결할 수 있는지 확인하세요.
otpd-err-smtp-tls = 메일 서버 { $server }와 보안 연결을 맺지 못했습니다({ $detail }). [smtp] security(포트에 맞는 starttls 또는 tls)를 확인하고, 기관 내부 인증기관을 쓰면 ca_file을 지정하세요.
otpd-err-recipient-refused = 메일 서버 { $server }가 받는 사람을 거부했습니다({ $detail }). 사용자의 이메일 주소를 확인하세요.
otpd-err-smtp-refused = 메일 서버 { $server }가 메일을 거부했습니다({ $detail }).
otpd-err-webhook-refused = 웹훅 { $url }이(가) HTTP 상태 { $status }로 요청을 거부했습니다. [webhook] url과 받는 쪽이 기대하는 비밀 값을 확인하세요(다시 시도하지 않습니다).
otpd-err-webhook-failed = 웹훅 { $url }이(가) { $tries }번 시도하는 동안 요청을 받지 않았습니다(마지막: { $last }). 받는 쪽이 켜져 있는지 확인하세요.

## 이슈 16, 사용자 한꺼번에 등록: `otpd user import`

otpd-err-bad-name = 이름은 128자 이하여야 하고 줄바꿈 같은 제어 문자를 넣을 수 없습니다.
otpd-err-import-too-large = 파일이 { $mib }MiB보다 커서 한 번에 가져올 수 없습니다. 여러 파일로 나누세요.
otpd-err-import-not-text = 파일이 UTF-8이나 CP949(EUC-KR) 텍스트가 아닙니다. Excel에서 “다른 이름으로 저장”을 누르고 파일 형식을 “CSV UTF-8(쉼표로 분리)(*.csv)”로 골라 저장한 파일을 가져오세요.
otpd-err-import-no-header = 파일이 비어 있습니다. 첫 줄에 열 이름(아이디 또는 ID, 이름, 이메일, 언어)을 쓰고, 다음 줄부터 한 줄에 사용자 한 명씩 쓰세요.
otpd-err-import-too-many-rows = 파일의 사용자가 { $limit }명을 넘어 한 번에 가져올 수 없습니다. 여러 파일로 나누세요.
otpd-err-import-problems =
    파일에 문제가 { $count }개 있어 아무것도 바꾸지 않았습니다:
    { $list }
otpd-import-more-problems = … 그 밖에 { $count }개가 더 있습니다.
otpd-err-import-added-meanwhile = 가져오는 동안 다른 사람이 같은 사용자를 등록해서 아무것도 바꾸지 않았습니다: “{ $user }”. 다시 가져오세요.
otpd-err-import-not-issued = { -activation-code } { $total }개 가운데 { $failed }개를 발급하지 못했습니다(이유는 위에 있습니다). 사용자 등록은 끝났습니다. 그 코드는 `otpd issue` 명령으로 한 명씩 발급하세요.
otpd-err-io-read-import = { $path } 파일을 읽을 수 없습니다: { $detail }
otpd-err-io-write-codes = { -activation-code }를 표준 출력에 쓸 수 없습니다: { $detail }. 이미 발급한 코드는 볼 수 없으니 `otpd issue` 명령으로 다시 발급하세요.
otpd-import-problem-in-cell = { $line }번째 줄 { $column } 열: { $problem }
otpd-import-problem-on-line = { $line }번째 줄: { $problem }
otpd-import-missing-id = { -user-id }가 없습니다. 줄마다 있어야 합니다.
otpd-import-duplicate-id = { $first }번째 줄에 이미 있는 { -user-id }입니다: “{ $user }”. 사용자마다 한 번만 쓰세요.
otpd-import-field-count = 머리글은 { $expected }칸인데 이 줄은 { $found }칸입니다. 쉼표가 든 칸은 큰따옴표로 감싸세요.
otpd-import-duplicate-column = 같은 항목의 열이 또 있습니다. 하나만 남기세요.
otpd-import-no-id-column = 머리글에 아이디 열이 없습니다. 이름(name), 이메일(email), 언어(language)와 함께 아이디(ID) 열을 두세요.
otpd-import-syntax = CSV로 읽을 수 없습니다({ $detail }).
otpd-import-note-cp949 = { $file } 파일을 CP949(EUC-KR) 텍스트로 읽었습니다. 한국어 Excel이 “CSV”를 저장하는 방식입니다.
otpd-import-note-ignored = otpd가 쓰지 않는 열은 무시했습니다: { $columns }
otpd-import-note-trimmed = 칸 { $count }개의 앞뒤 공백을 지웠습니다.
otpd-col-line = 줄
otpd-col-change = 변경
otpd-col-valid-until = 유효기간
otpd-import-change =
    { $change ->
        [add] 추가
       *[update] 수정
    }
otpd-import-dry-run = 시험 실행이라 아무것도 바꾸지 않았습니다. 고객코드 { $customer }: 추가 { $added }명, 수정 { $updated }명, 그대로 { $unchanged }명.
otpd-import-would-issue = --issue를 쓰면 { -activation-code } { $count }개를 발급하고, 이미 { -token }이 있는 사용자 { $skipped }명은 건너뜁니다.
otpd-import-done = { $file } 파일을 고객코드 { $customer }에 가져왔습니다: 추가 { $added }명, 수정 { $updated }명, 그대로 { $unchanged }명.
otpd-import-codes-warning = 아래 표준 출력에 { -activation-code }를 CSV로 내보냅니다. 지금만 표시되니 각 사용자에게 전하고(편지 병합에 이 파일을 쓸 수 있습니다) 파일은 지우세요. 이 사용자들에게 전에 발급한 코드는 더 이상 쓸 수 없습니다.
otpd-import-issue-failed = 사용자 { $user }에게 { -activation-code }를 발급하지 못했습니다: { $reason }
otpd-import-undelivered = 경고: { $code }: 사용자 { $user }에게 { $channel } 전달에 실패했습니다: { $reason } 이 사용자의 코드는 표준 출력에 있으니 직접 전달하세요.
otpd-import-delivered = { $channel }(으)로 { $sent }명에게 보냈습니다. { $undelivered }명에게는 전달하지 못했습니다(코드는 표준 출력에 있으니 직접 전달하세요).
otpd-import-issued = { -activation-code } { $issued }개를 발급했습니다. 이미 { -token }이 있는 사용자 { $skipped }명은 건너뛰었고, { $failed }개는 실패했습니다.

## otpd as a service: SIGHUP reloads the TLS certificate (log lines always English)

otpd-err-io-signals = SIGHUP 신호(TLS 인증서를 다시 읽는 데 쓰임)를 받을 수 없습니다: { $detail }
otpd-log-tls-reloaded = otpd: reloaded the TLS certificate { $cert } and key { $key }; new connections use them, open ones keep theirs
otpd-log-tls-reload-failed = otpd: cannot reload the TLS certificate, so otpd keeps using the certificate it has: { $detail }
otpd-log-nothing-to-reload = otpd: SIGHUP: nothing to reload (no TLS certificate is configured)

## otpd as a service: GET /metrics

otpd-err-metrics = 메트릭을 준비하거나 쓸 수 없습니다: { $detail }
otpd-err-metrics-token-readable = 다른 사용자도 메트릭 토큰 파일 { $path }의 내용을 읽을 수 있습니다. 이 파일에 `chmod 600`을 실행하세요.
otpd-err-metrics-token-empty = 메트릭 토큰 파일 { $path }의 내용이 비어 있습니다. 파일에 토큰을 넣거나 [metrics]에서 token_file 설정을 지우세요.
otpd-err-io-read-metrics-token = 메트릭 토큰 파일 { $path }의 내용을 읽을 수 없습니다: { $detail }

## /metrics HELP lines: English in both catalogues, like the log lines
# 메트릭 HELP 줄은 로그 줄처럼 영어와 같게 둡니다.

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
