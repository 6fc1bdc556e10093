# otp와 otpd의 도움말(--help, 사용법 오류, 설명서)입니다. 한국어판.
# 아이디 규칙은 en/help.ftl 머리말을 보세요. 값 이름(-value)은 사용법 줄에
# <경로>처럼 나오므로 띄어쓰기 없이 씁니다.

## 제목과 clap이 덧붙이는 안내

help-heading-usage = 사용법
help-heading-commands = 명령
help-heading-arguments = 인수
help-usage-options = 옵션
help-usage-command = 명령
help-heading-options = 옵션
help-spec-default = [기본값: { $value }]
help-spec-env = [환경 변수: { $name }]
help-spec-possible-values = [가능한 값: { $values }]
help-spec-possible-values-heading = 가능한 값:

## 사용법 오류

help-error-label = 오류
help-error-tip = 도움말
help-error-more = 자세한 내용은 '{ $flag }'로 확인하세요.
help-error-unknown-argument = '{ $arg }'은(는) 알 수 없는 인수입니다
help-error-value-required = '{ $arg }'에는 값이 필요한데 값을 주지 않았습니다
help-error-invalid-value = '{ $arg }'에 쓸 수 없는 값입니다: '{ $value }'
help-error-value-validation = '{ $arg }'에 쓸 수 없는 값입니다: '{ $value }' ({ $reason })
help-error-invalid-subcommand = '{ $subcommand }'은(는) 없는 명령입니다
help-error-missing-required = 꼭 필요한 인수가 빠졌습니다:
help-error-missing-subcommand = '{ $command }' 다음에 하위 명령을 입력하세요
help-error-conflict = '{ $arg }'은(는) '{ $other }'와(과) 함께 쓸 수 없습니다
help-error-conflict-repeated = '{ $arg }'은(는) 한 번만 쓸 수 있습니다
help-error-conflict-many = '{ $arg }'은(는) 다음 인수와 함께 쓸 수 없습니다:
help-error-too-many-values = '{ $arg }'에 값 '{ $value }'이(가) 더 들어왔습니다. 더는 받지 않습니다
help-error-wrong-number-of-values = '{ $arg }'에는 값이 { $expected }개 필요한데 { $actual }개를 받았습니다
help-error-no-equals = '{ $arg }'에 값을 줄 때는 등호(=)를 붙여야 합니다
help-error-invalid-utf8 = 인수에 올바르지 않은 UTF-8 문자가 있습니다
help-error-other = 인수가 올바르지 않습니다
help-error-possible-values = 가능한 값: { $values }
help-error-subcommands = 하위 명령: { $values }
help-error-similar-subcommand = 비슷한 명령이 있습니다: '{ $value }'
help-error-similar-argument = 비슷한 인수가 있습니다: '{ $value }'
help-error-similar-value = 비슷한 값이 있습니다: '{ $value }'

## 설명서(man) 절 제목

help-man-name = 이름
help-man-synopsis = 사용법
help-man-description = 설명
help-man-options = 옵션
help-man-subcommands = 하위 명령
help-man-notes = 참고 사항
help-man-version = 버전
help-man-environment = 환경 변수
help-man-files = 파일
help-man-see-also = 참고
help-man-authors = 만든 사람

## otp

help-otp-about = 터미널 인증 앱: 6자리 비밀번호로 여는 암호화된 보관함에서 TOTP/HOTP OTP 번호를 만듭니다
help-otp-long-about =
    otp: 6자리 비밀번호로 여는 암호화된 보관함에서 TOTP/HOTP OTP 번호를 만듭니다.

    하위 명령 없이 실행하면 전체 화면을 엽니다(처음 실행할 때는 보관함을 만듭니다).
help-otp-arg-vault = 보관함 파일 [기본: $XDG_DATA_HOME/otp/vault.age]
help-otp-arg-vault-value = 경로
help-otp-arg-config = 설정 파일 [기본: $XDG_CONFIG_HOME/otp/config.toml]
help-otp-arg-config-value = 경로
help-otp-arg-pin-stdin = 비밀번호를 표준 입력의 첫 줄에서 읽습니다(스크립트용)
help-otp-arg-no-agent = 실행 중인 에이전트(`otp unlock` 참고)에 묻지 않고 비밀번호로 보관함을 엽니다
help-otp-arg-lang = 메시지 언어: en 또는 ko [기본: 설정 파일의 `lang`, 그다음 LC_ALL, LC_MESSAGES, LANG]
help-otp-arg-lang-value = 언어
help-otp-arg-work-factor = 전체 화면이 처음 실행될 때 만드는 보관함의 scrypt 작업량(N의 log2). 명령줄에서는 `otp init --work-factor`가 같은 일을 합니다
help-otp-arg-work-factor-value = LOG_N
help-flag-help-more = 도움말을 봅니다('--help'로 더 자세히)
help-flag-help-summary = 도움말을 봅니다('-h'로 요약만)
help-flag-help = 도움말을 봅니다
help-flag-version = 버전을 봅니다
help-otp-init-about = 6자리 비밀번호로 지키는 빈 보관함을 새로 만듭니다
help-otp-init-arg-work-factor = scrypt 작업량(N의 log2): 잠금을 풀 때마다, 그리고 파일을 훔친 사람이 비밀번호를 한 번 추측할 때마다 치러야 하는 비용입니다. 18이면 약 0.5초, 256 MiB가 듭니다
help-otp-init-arg-work-factor-value = LOG_N
help-otp-add-about = base32 비밀 키, otpauth:// URI, Steam Guard 키(steam://), QR 코드 그림, 또는 기관의 고객코드로 계정을 추가합니다
help-otp-add-arg-name = 계정 이름(예: alice@example.com). --uri, --qr, --customer와 함께 쓰면 받은 이름 대신 이 이름을 씁니다
help-otp-add-arg-name-value = 이름
help-otp-add-arg-issuer = 계정을 발급한 곳(예: GitHub). --uri, --qr와 함께 쓰면 링크의 발급자 대신 이 값을 씁니다
help-otp-add-arg-issuer-value = 발급자
help-otp-add-arg-uri = 비밀 키 대신 otpauth:// URI나 steam:// 키를 읽습니다(숨김 입력이나 표준 입력에서)
help-otp-add-arg-qr = PNG나 JPEG 그림(예: 화면 캡처) 속 QR 코드에서 otpauth:// 링크를 읽습니다(`-`: 표준 입력)
help-otp-add-arg-qr-value = 그림
help-otp-add-arg-algorithm = HMAC 알고리즘: SHA1, SHA256, SHA512 [기본: SHA1]
help-otp-add-arg-algorithm-value = 이름
help-otp-add-arg-digits = OTP 번호 자릿수: 6, 7, 8 [기본: 6]
help-otp-add-arg-digits-value = N
help-otp-add-arg-period = OTP 번호 하나가 유효한 초 [기본: 30]
help-otp-add-arg-period-value = 초
help-otp-add-arg-hotp = 시간 기반(TOTP) 대신 카운터 기반(HOTP)으로 만듭니다
help-otp-add-arg-counter = 다음 OTP 번호의 HOTP 카운터 [기본: 0]
help-otp-add-arg-counter-value = N
help-otp-add-arg-customer = 기관의 고객코드로 등록합니다(아이디와 이메일로 받은 6자리 등록용 인증코드를 묻고, 서버가 코드를 받아들인 뒤에 비밀번호를 묻습니다)
help-otp-add-arg-customer-value = 고객코드
help-otp-add-arg-id = 기관에서 쓰는 아이디(없으면 묻습니다)
help-otp-add-arg-id-value = 아이디
help-otp-add-arg-server = 기관의 otpd 서버 [기본: 설정 파일의 [customers] 또는 directory]
help-otp-add-arg-server-value = URL
help-otp-add-arg-ca-cert = 공인 인증 기관 대신 이 PEM 인증 기관(사설 CA)을 믿고 서버에 연결합니다
help-otp-add-arg-ca-cert-value = 경로
help-otp-add-arg-device-name = 이 기기의 이름(관리자에게 보입니다)
help-otp-add-arg-device-name-value = 이름
help-otp-list-about = 계정 목록을 봅니다(비밀 키와 OTP 번호는 나오지 않습니다)
help-otp-list-arg-json = 표 대신 JSON 배열로 출력합니다
help-otp-code-about = 계정 하나의 현재 OTP 번호를 출력합니다
help-otp-code-arg-account = 계정: 이름, 발급자:이름, 또는 하나로 정해지는 그 일부(대소문자 무관)
help-otp-code-arg-account-value = 계정
help-otp-code-arg-next = 대신 다음 주기의 OTP 번호를 출력합니다(시간 기반 계정만: TOTP, Steam Guard)
help-otp-code-arg-json = OTP 번호와 남은 시간을 JSON 객체로 출력합니다
help-otp-code-arg-at = 지금 대신 이 유닉스 시각의 OTP 번호를 계산합니다(시간 기반 계정만, 시계 확인용)
help-otp-code-arg-at-value = 유닉스초
help-otp-import-about = Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP, FreeOTP+, Bitwarden, Proton Authenticator, Authenticator Pro(Stratum), QR 그림, otpauth:// 링크 목록, otp 백업에서 계정을 가져옵니다
help-otp-import-arg-file = 읽을 내보내기 파일(- 이면 표준 입력)
help-otp-import-arg-file-value = 파일
help-otp-import-arg-format = 파일 형식: google, aegis, 2fas, andotp, andotp-encrypted, freeotp, freeotp-backup, freeotp-tokens, bitwarden, bitwarden-csv, proton, authpro, uris, backup, qr [기본: 자동 감지. 예전 방식의 andOTP 암호화 백업은 형식을 지정해야 합니다]
help-otp-import-arg-format-value = 형식
help-otp-import-arg-yes = 묻지 않고 가져옵니다(표준 입력이 터미널이 아니면 필요합니다)
help-otp-import-arg-dry-run = 무엇을 가져올지 보여 주기만 하고 아무것도 바꾸지 않습니다
help-otp-export-about = 계정을 내보냅니다: otpauth:// 링크, Google Authenticator QR 코드, 암호화한 Aegis 파일, 암호화한 otp 백업
help-otp-export-arg-format = 내보낼 형식
help-otp-export-arg-format-value = 형식
help-otp-export-arg-format-value-uris = otpauth:// 링크, 한 줄에 하나씩, 암호화하지 않음
help-otp-export-arg-format-value-google = Google Authenticator 이전용 QR 코드를 터미널에 그림, 암호화하지 않음
help-otp-export-arg-format-value-aegis = Aegis 보관함 내보내기, 입력한 암호로 암호화
help-otp-export-arg-format-value-backup = 보관함 전체(HOTP 카운터 포함), 입력한 암호로 암호화. `otp import`로 되살립니다
help-otp-export-arg-output = 표준 출력 대신 이 파일에 씁니다(본인만 읽을 수 있게 만듭니다)
help-otp-export-arg-output-value = 파일
help-otp-export-arg-yes = uris와 google 형식은 비밀 키를 암호화하지 않고 쓴다는 것을 확인합니다(표준 입력이 터미널이 아니면 필요합니다)
help-otp-export-arg-force = 출력 파일이 있으면 덮어씁니다
help-otp-show-about = 계정 하나의 자세한 정보, 또는 otpauth:// 링크를 글자나 QR 코드로 보여 줍니다(다른 앱으로 옮길 때)
help-otp-show-arg-account = 계정: 이름, 발급자:이름, 또는 하나로 정해지는 그 일부(대소문자 무관)
help-otp-show-arg-account-value = 계정
help-otp-show-arg-qr = 휴대폰으로 찍을 수 있게 계정의 otpauth:// 링크를 QR 코드로 그립니다(비밀 키가 보입니다)
help-otp-show-arg-uri = 계정의 otpauth:// 링크를 출력합니다(비밀 키가 보입니다, 스크립트용)
help-otp-remove-about = 계정을 삭제합니다
help-otp-remove-arg-account = 계정: 이름, 발급자:이름, 또는 하나로 정해지는 그 일부(대소문자 무관)
help-otp-remove-arg-account-value = 계정
help-otp-remove-arg-yes = 확인을 묻지 않습니다(표준 입력이 터미널이 아니면 필요합니다)
help-otp-rename-about = 계정 이름을 바꿉니다
help-otp-rename-arg-account = 계정: 이름, 발급자:이름, 또는 하나로 정해지는 그 일부(대소문자 무관)
help-otp-rename-arg-account-value = 계정
help-otp-rename-arg-new-name = 새 계정 이름
help-otp-rename-arg-new-name-value = 새이름
help-otp-rename-arg-issuer = 발급자도 바꿉니다(빈 값을 주면 발급자를 지웁니다)
help-otp-rename-arg-issuer-value = 발급자
help-otp-passwd-about = 비밀번호를 바꿉니다(실행 중인 에이전트는 잠깁니다)
help-otp-unlock-about = 비밀번호를 한 번만 묻고, 백그라운드 에이전트가 한동안 보관함을 열어 둡니다
help-otp-unlock-arg-lifetime = 에이전트가 스스로 잠기기까지의 시간. 지금부터 세며, 사용해도 늘어나지 않습니다: 90s, 15m, 2h, 1h30m (최대 24h)
help-otp-unlock-arg-lifetime-value = 기간
help-otp-lock-about = 지금 보관함을 잠급니다: `otp unlock`이 시작한 에이전트를 끝냅니다
help-otp-status-about = 에이전트가 보관함을 열어 두고 있는지, 얼마나 더 열어 둘지 알려 줍니다
help-otp-status-arg-json = JSON 객체로 출력합니다(running, pid, socket, remaining_secs, ...)
help-otp-approve-about = 기다리는 로그인을 승인합니다: 로그인 화면에 보이는 번호를 고릅니다
help-otp-approve-arg-account = 이 계정의 요청만: 이름, 발급자:이름, 또는 하나로 정해지는 일부(대소문자 무관)
help-otp-approve-arg-account-value = 계정
help-otp-approve-arg-wait = 기다리는 요청이 없을 때 요청을 기다릴 초(0~30, 0이면 확인만 합니다)
help-otp-approve-arg-wait-value = 초
help-otp-approve-arg-ca-cert = 공인 인증 기관 대신 이 PEM 인증 기관(사설 CA)을 믿고 서버에 연결합니다
help-otp-approve-arg-ca-cert-value = 경로
help-otp-deny-about = 기다리는 로그인 요청을 거부합니다("본인 아님")
help-otp-deny-arg-request-id = 거부할 요청(otp approve가 보여 주는 요청 번호) [기본: 기다리는 모든 요청]
help-otp-deny-arg-request-id-value = 요청번호
help-otp-deny-arg-ca-cert = 공인 인증 기관 대신 이 PEM 인증 기관(사설 CA)을 믿고 서버에 연결합니다
help-otp-deny-arg-ca-cert-value = 경로
help-otp-push-about = 인증요청: 예전에 등록한 계정에 기기 키를 줍니다
help-otp-push-register-about = 기기 키가 생기기 전에 등록한 계정에 키를 주어 인증요청에 응답할 수 있게 합니다
help-otp-push-register-arg-account = 계정: 이름, 발급자:이름, 또는 하나로 정해지는 일부(대소문자 무관)
help-otp-push-register-arg-account-value = 계정
help-otp-push-register-arg-customer = 계정을 등록할 때 쓴 고객코드 [기본: 설정 파일 [customers]에 하나뿐인 코드]
help-otp-push-register-arg-customer-value = 코드
help-otp-push-register-arg-id = 기관에서 쓰는 아이디 [기본: 계정 이름]
help-otp-push-register-arg-id-value = 아이디
help-otp-push-register-arg-server = 기관의 otpd 서버 [기본: 설정 파일의 [customers] 또는 directory]
help-otp-push-register-arg-server-value = URL
help-otp-push-register-arg-ca-cert = 공인 인증 기관 대신 이 PEM 인증 기관(사설 CA)을 믿고 서버에 연결합니다
help-otp-push-register-arg-ca-cert-value = 경로
help-otp-completions-about = 셸 자동 완성 스크립트를 출력합니다
help-otp-completions-arg-shell = 자동 완성을 쓸 셸
help-otp-completions-arg-shell-value = 셸
help-flag-help-command = 이 도움말이나 지정한 하위 명령의 도움말을 봅니다
help-otp-after-help =
    비밀번호를 받는 곳(안전한 순서, 먼저 있는 것을 씁니다):
      --pin-stdin        표준 입력의 첫 줄
      OTP_PIN_FILE       첫 줄이 비밀번호인 파일(chmod 600으로 지키세요)
      OTP_PIN_COMMAND    비밀번호를 출력하는 셸 명령(예: 비밀번호 관리자)
      OTP_PIN            비밀번호 그 자체(같은 사용자의 다른 프로세스가 볼 수 있습니다)
      그 밖에            터미널의 숨김 입력(OTP_NO_PROMPT=1이면 묻지 않고
                         스크립트가 기다리지 않고 바로 실패합니다)

    `otp unlock`으로 에이전트가 실행 중인 동안에는 `otp code`, `otp list`와
    전체 화면(`otp`)이 에이전트에 물으므로 비밀번호가 필요 없습니다(`--no-agent`를
    주면 비밀번호로 보관함을 엽니다. 보관함을 바꾸는 일은 늘 비밀번호를 묻습니다).

    종료 코드:
      0  성공
      1  아래에 없는 오류(입출력, 시계 등)
      2  잘못된 사용법이나 입력(인수, 비밀 키, URI, 비밀번호 형식이나 규칙,
         손상되었거나 다른 암호가 필요한 가져오기 파일)
      3  입력한 이름에 맞는 계정이 없거나 둘 이상임
      4  비밀번호가 틀림
      5  비밀번호를 너무 많이 틀려 한동안 잠금 해제를 거부함
      6  보관함이 없거나, 손상되었거나, 읽을 수 없음
      7  등록이나 인증요청 응답이 거부되었거나 실패함(메시지가 SE3010, SE7004
         같은 코드로 시작합니다)
      8  otp approve / otp deny: 기다리는 로그인 요청이 없음

help-otp-man-environment =
    OTP_PIN_FILE: 첫 줄이 비밀번호인 파일(chmod 600으로 보관하세요). --pin-stdin이 없을 때 씁니다
    OTP_PIN_COMMAND: 비밀번호를 출력하는 셸 명령(예: 비밀번호 관리자). --pin-stdin과 OTP_PIN_FILE이 모두 없을 때 씁니다
    OTP_PIN: 비밀번호 자체(같은 사용자의 다른 프로세스가 볼 수 있습니다). 입력 창을 띄우기 전 마지막 수단입니다
    OTP_NO_PROMPT: 1이면 숨김 비밀번호 입력 창을 띄우지 않아, 스크립트가 기다리지 않고 바로 실패합니다
    OTP_COMPLETE: 자동 완성 스크립트가 Tab에서 보여 줄 후보를 otp에 물을 때 설정합니다. 직접 설정하지 마세요
    XDG_DATA_HOME: 보관함이 있는 곳(기본 ~/.local/share)
    XDG_CONFIG_HOME: 설정 파일이 있는 곳(기본 ~/.config)
    XDG_RUNTIME_DIR: 에이전트 소켓이 있는 곳(없으면 임시 디렉터리의 otp-<uid>)
help-otp-man-files =
    $XDG_DATA_HOME/otp/vault.age: 보관함. 비밀번호에서 만든 키(scrypt)로 age 암호화되어 있으며, 권한 0600이고 저장할 때마다 원자적으로 바뀝니다(다른 파일은 --vault 또는 OTP_VAULT)
    <vault>.bak: 저장할 때마다 같은 비밀번호로 남겨 두는 이전 보관함. 보관함이 손상되면 `cp <vault>.bak <vault>`로 되돌립니다
    <vault>.attempts: 틀린 비밀번호 횟수와 너무 많이 틀렸을 때의 대기 시간. 맞는 비밀번호를 넣으면 지워집니다
    <vault>.lock: 보관함을 바꾸는 동안 잡아 두어, 두 otp 프로세스가 동시에 쓰지 않게 합니다
    $XDG_CONFIG_HOME/otp/config.toml: 설정(언어, 보관함 경로, 자동 잠금, 클립보드 지우기, 고객코드). 다른 파일은 --config 또는 OTP_CONFIG
    $XDG_RUNTIME_DIR/otp/agent-<hash>.sock: `otp unlock`이 띄운 에이전트의 소켓(보관함마다 하나). 권한 0600이며 본인만 연결할 수 있습니다

## otpd

help-otpd-about = otpd: 기관의 OTP 서버(고객코드로 등록하고, 로그인 시스템을 위해 OTP 번호를 확인합니다)
help-otpd-arg-config = 설정 파일
help-otpd-arg-config-value = 경로
help-otpd-init-about = 설정 파일, 마스터 키 파일(0600), 데이터베이스를 만듭니다
help-otpd-init-arg-database = 데이터베이스 URL [기본: sqlite://<설정 폴더>/otpd.db]. 여러 인스턴스를 돌리려면 postgres://...
help-otpd-init-arg-database-value = URL
help-otpd-init-arg-listen = 연결을 받을 주소
help-otpd-init-arg-listen-value = 주소
help-otpd-init-arg-tls-cert = TLS용 PEM 인증서 체인
help-otpd-init-arg-tls-cert-value = 경로
help-otpd-init-arg-tls-key = TLS용 PEM 개인 키
help-otpd-init-arg-tls-key-value = 경로
help-otpd-serve-about = HTTP API를 실행합니다
help-otpd-serve-arg-addr-file = 연결을 받기 시작하면 실제 주소(예: https://127.0.0.1:39127)를 이 파일에 씁니다
help-otpd-serve-arg-addr-file-value = 경로
help-otpd-serve-arg-listen = 설정 파일의 `listen` 대신 이 주소에서 받습니다(포트 0이면 빈 포트를 고릅니다)
help-otpd-serve-arg-listen-value = 주소
help-otpd-customer-about = 기관(고객코드)
help-otpd-customer-add-about = 고객코드로 기관을 등록합니다
help-otpd-customer-add-arg-code = 사용자가 입력할 고객코드(예: 1106)
help-otpd-customer-add-arg-code-value = 고객코드
help-otpd-customer-add-arg-name = 기관 이름(등록할 때 사용자에게 보입니다)
help-otpd-customer-add-arg-name-value = 이름
help-otpd-customer-add-arg-server-url = 이 고객코드를 이 서버가 아닌 다른 otpd가 맡을 때 그 주소(디렉터리 서버용)
help-otpd-customer-add-arg-server-url-value = URL
help-otpd-customer-add-arg-lang = 언어가 정해지지 않은 사용자에게 보내는 안내문의 언어: en 또는 ko
help-otpd-customer-add-arg-lang-value = 언어
help-otpd-customer-add-arg-contact = 사용자가 도움을 요청할 곳(안내문의 문의처)
help-otpd-customer-add-arg-contact-value = 문의처
help-otpd-customer-add-arg-code-digits = 등록용 인증코드의 자릿수(5~8)
help-otpd-customer-add-arg-code-digits-value = N
help-otpd-customer-set-about = 기관 안내문의 언어나 문의처를 바꿉니다("" 값은 지웁니다)
help-otpd-customer-set-arg-code = 고객코드
help-otpd-customer-set-arg-code-value = 고객코드
help-otpd-customer-set-arg-lang = 언어가 정해지지 않은 사용자에게 보내는 안내문의 언어: en 또는 ko
help-otpd-customer-set-arg-lang-value = 언어
help-otpd-customer-set-arg-contact = 사용자가 도움을 요청할 곳(안내문의 문의처)
help-otpd-customer-set-arg-contact-value = 문의처
help-otpd-customer-set-arg-code-digits = 앞으로 발급할 등록용 인증코드의 자릿수(5~8)
help-otpd-customer-set-arg-code-digits-value = N
help-otpd-customer-list-about = 기관 목록을 봅니다
help-otpd-customer-disable-about = 기관을 사용 중지합니다: 조회, 등록, 확인을 모두 막습니다
help-otpd-customer-disable-arg-code = 고객코드
help-otpd-customer-disable-arg-code-value = 고객코드
help-otpd-user-about = 기관의 사용자
help-otpd-user-add-about = 사용자를 등록합니다
help-otpd-user-add-arg-customer = 고객코드
help-otpd-user-add-arg-customer-value = 고객코드
help-otpd-user-add-arg-user-id = 기관에서 쓰는 사용자의 아이디
help-otpd-user-add-arg-user-id-value = 아이디
help-otpd-user-add-arg-name = 표시할 이름
help-otpd-user-add-arg-name-value = 이름
help-otpd-user-add-arg-email = 인증코드를 이메일로 보낼 주소(`otpd issue --send email`)
help-otpd-user-add-arg-email-value = 주소
help-otpd-user-add-arg-lang = 사용자에게 보내는 안내문의 언어: en 또는 ko [기본: 고객의 언어]
help-otpd-user-add-arg-lang-value = 언어
help-otpd-user-list-about = 기관의 사용자를 토큰과 인증코드 상태와 함께 봅니다
help-otpd-user-list-arg-customer = 고객코드
help-otpd-user-list-arg-customer-value = 고객코드
help-otpd-user-import-about = CSV 파일(아이디, 이름, 이메일, 언어)로 사용자를 한꺼번에 등록하거나 고칩니다. 파일 전체가 반영되거나 아무것도 반영되지 않습니다
help-otpd-user-import-arg-file = CSV 파일: 머리글 한 줄 다음에 한 줄에 사용자 한 명
help-otpd-user-import-arg-file-value = 파일
help-otpd-user-import-arg-customer = 고객코드
help-otpd-user-import-arg-customer-value = 고객코드
help-otpd-user-import-arg-dry-run = 바뀔 내용만 보여 주고 아무것도 바꾸지 않습니다
help-otpd-user-import-arg-issue = 이어서 파일의 사용자 가운데 토큰이 없는 사용자에게 인증코드를 발급합니다
help-otpd-user-import-arg-ttl = 발급한 인증코드의 유효 기간 [기본: 설정 파일의 activation_ttl]
help-otpd-user-import-arg-ttl-value = 기간
help-otpd-user-import-arg-send = 발급한 인증코드를 사용자에게 전하는 방법 [기본: 설정 파일의 전달 방법]
help-otpd-user-import-arg-send-value = 방법
help-otpd-user-import-arg-send-value-print = 여기에 한 번 출력하고 관리자가 전합니다
help-otpd-user-import-arg-send-value-email = 사용자의 이메일 주소로 보냅니다(설정 파일의 [smtp])
help-otpd-user-import-arg-send-value-webhook = 기관의 웹훅으로 POST합니다(설정 파일의 [webhook])
help-otpd-issue-about = 기관이 정한 자릿수의 등록용 인증코드를 발급합니다(한 번만 출력하며, 이전 인증코드는 취소됩니다)
help-otpd-issue-arg-customer = 고객코드
help-otpd-issue-arg-customer-value = 고객코드
help-otpd-issue-arg-user = 사용자의 아이디
help-otpd-issue-arg-user-value = 아이디
help-otpd-issue-arg-ttl = 인증코드의 유효 기간(예: 72h, 3d, 30m) [기본: 설정 파일의 activation_ttl]
help-otpd-issue-arg-ttl-value = 기간
help-otpd-issue-arg-send = 인증코드를 사용자에게 전하는 방법 [기본: 설정 파일의 전달 방법, 없으면 print]
help-otpd-issue-arg-send-value = 방법
help-otpd-issue-arg-send-value-print = 여기에 한 번 출력하고 관리자가 전합니다
help-otpd-issue-arg-send-value-email = 사용자의 이메일 주소로 보냅니다(설정 파일의 [smtp])
help-otpd-issue-arg-send-value-webhook = 기관의 웹훅으로 POST합니다(설정 파일의 [webhook])
help-otpd-unlock-about = OTP 번호를 5번 틀려 잠긴 토큰의 잠금을 풉니다
help-otpd-unlock-arg-customer = 고객코드
help-otpd-unlock-arg-customer-value = 고객코드
help-otpd-unlock-arg-user = 사용자의 아이디
help-otpd-unlock-arg-user-value = 아이디
help-otpd-revoke-about = 사용자의 토큰(기기 분실 시)과 아직 유효한 인증코드를 취소합니다
help-otpd-revoke-arg-customer = 고객코드
help-otpd-revoke-arg-customer-value = 고객코드
help-otpd-revoke-arg-user = 사용자의 아이디
help-otpd-revoke-arg-user-value = 아이디
help-otpd-client-about = 로그인 시스템용 API 키
help-otpd-client-add-about = 로그인 시스템용 API 키를 만듭니다(한 번만 출력하고 해시로 저장합니다)
help-otpd-client-add-arg-customer = 이 키로 사용자를 확인할 수 있는 고객코드
help-otpd-client-add-arg-customer-value = 고객코드
help-otpd-client-add-arg-name = 로그인 시스템의 이름
help-otpd-client-add-arg-name-value = 이름
help-otpd-client-revoke-about = API 키를 취소합니다
help-otpd-client-revoke-arg-id = `client add`가 출력한 클라이언트 ID
help-otpd-client-revoke-arg-id-value = ID
help-otpd-audit-about = 감사 기록을 봅니다
help-otpd-audit-arg-limit = 볼 항목 수(최신순)
help-otpd-audit-arg-limit-value = 개수
help-otpd-audit-arg-customer = 이 고객코드의 항목만 봅니다
help-otpd-audit-arg-customer-value = 고객코드
help-otpd-after-help =
    `otpd init`으로 시작한 다음 `otpd customer add 1106 "예시 기관"`,
    `otpd user add --customer 1106 jklee`, `otpd issue --customer 1106 --user jklee`
    (인증코드를 한 번만 출력합니다), `otpd serve` 순서로 실행하세요.

    종료 코드: 0 성공, 1 실패(입출력, 데이터베이스), 2 잘못된 요청이나 설정.

## 이슈 11, 사용자의 언어로 된 이유: 숫자 옵션의 값을 받지 않은 이유
## (help-error-value-validation 안의 이유). $min, $max: 범위의 양 끝.
help-reason-range = { $min }부터 { $max }까지의 정수를 쓰세요
help-reason-whole-number = 0 이상의 정수를 쓰세요
help-reason-too-large = 수가 너무 큽니다. 최대 { $max }까지 쓸 수 있습니다

## 이슈 11, 숨은 명령: 목록에는 없지만 각자의 --help는 읽힙니다.
help-otp-agent-serve-about = `otp unlock`이 시작하는 에이전트 프로세스입니다(비밀번호를 표준 입력에서 읽습니다)
help-otp-agent-serve-arg-for-secs = 잠기기 전까지 동작할 시간(초)
help-otp-agent-serve-arg-for-secs-value = 초
help-otp-generate-assets-about = 디렉터리 아래에 man/과 completions/를 다시 만듭니다(관리자용)
help-otp-generate-assets-arg-root = 저장소의 최상위 디렉터리
help-otp-generate-assets-arg-root-value = 경로
help-otpd-generate-assets-about = 디렉터리 아래에 man/otpd*.1을 다시 만듭니다(관리자용)
help-otpd-generate-assets-arg-root = 저장소의 최상위 디렉터리
help-otpd-generate-assets-arg-root-value = 경로
