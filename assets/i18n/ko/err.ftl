# err messages (ko). Ids start with "err-".

# 보관함, 비밀번호, 계정, 링크, 비밀 키, 에이전트, 설정 파일, 클립보드에서 생긴 오류를
# 사용자에게 알리는 문장입니다. $path, $backup은 파일 경로, $detail은 운영체제가
# 거부한 이유(common-os-…)나, "기술 정보: …"라고 밝힌 해석기의 문구
# (common-technical-detail, 영어일 수 있음)입니다.

## 기다리는 시간

err-duration = { $unit ->
    [seconds] { $count }초
    [minutes] { $count }분
   *[hours] { $count }시간
}

## 보관함

err-vault-not-found = { $path }에 { -vault }이 없습니다. `otp init`으로 새로 만드세요.
err-vault-already-exists = { $path }에 이미 { -vault }이 있어 그대로 두었습니다. { -vault }을 하나 더 만들려면 --vault로 다른 경로를 지정하세요.
err-vault-backup-exists = { $backup }에 이전 { -vault }의 { -backup }이 남아 있습니다. `otp --vault { $backup } list`로 열어 보거나, 다른 곳으로 옮긴 뒤 새 { -vault }을 만드세요.
err-vault-wrong-pin = { $count ->
    [0] { -pin }가 틀렸습니다. 너무 여러 번 연달아 틀려서 잠금 해제를 잠시 멈춥니다.
   *[other] { -pin }가 틀렸습니다. { $count }번 더 틀리면 잠금 해제를 잠시 멈춥니다.
}
err-vault-locked-out = { -pin }를 너무 여러 번 틀렸습니다. { $wait } 후에 다시 시도하세요.
err-vault-damaged-with-backup = { $path }의 { -vault }을 열 수 없습니다. { $reason }. 파일은 손대지 않고 그대로 두었습니다. 이전 버전이 { $backup }에 있으니 `otp --vault { $backup } list`로 여세요.
err-vault-damaged-no-backup = { $path }의 { -vault }을 열 수 없습니다. { $reason }. 파일은 손대지 않고 그대로 두었지만, 옆에 { -backup } 파일이 없습니다.
err-vault-excessive-work = 이 { -vault }은 scrypt 작업량 { $required }을(를) 요구하는데, 허용하는 최대값은 { $max }입니다. 이 프로그램의 기본 설정으로 만든 파일이 아니어서 열지 않았습니다.
err-vault-work-factor-range = scrypt 작업량 { $given }은(는) 지원 범위({ $min }~{ $max })를 벗어났습니다. 이 범위에서 고르세요.
err-vault-encryption-failed = { -vault }을 암호화하지 못했습니다. 아무것도 저장하지 않았습니다.
err-vault-io = { $action ->
    [create-directory] 디렉터리 { $path }을(를) 만들지 못했습니다: { $detail }
    [open-vault] { -vault } { $path }을(를) 열지 못했습니다: { $detail }
    [read-vault] { -vault } { $path }을(를) 읽지 못했습니다: { $detail }
    [write-vault] { -vault } { $path }에 저장하지 못했습니다: { $detail }
    [create-temporary] { $path }에 임시 파일을 만들지 못했습니다: { $detail }
    [write-temporary] { $path }의 임시 파일에 쓰지 못했습니다: { $detail }
    [flush-directory] 디렉터리 { $path }의 변경을 디스크에 기록하지 못했습니다: { $detail }
    [replace] { $path }을(를) 새 파일로 바꾸지 못했습니다: { $detail }
    [create] { $path }을(를) 만들지 못했습니다: { $detail }
    [replace-vault] { -vault } { $path }을(를) 새 내용으로 바꾸지 못했습니다: { $detail }
    [lock] { $path }을(를) 잠그지 못했습니다: { $detail }
    [open-lock-file] 잠금 파일 { $path }을(를) 열지 못했습니다: { $detail }
   *[write-attempts] 틀린 횟수를 { $path }에 기록하지 못했습니다: { $detail }
}

## 보관함 파일이 손상된 이유

err-damage-empty = 파일이 비어 있습니다
err-damage-truncated = 파일이 중간에 잘렸습니다
err-damage-not-age = age로 암호화된 파일이 아닙니다
err-damage-unknown-version = 이 프로그램이 읽을 수 없는 새 버전의 age 파일입니다
err-damage-not-pin-locked = age 파일이지만 { -pin }가 아니라 키로 잠겨 있습니다
err-damage-header = 파일 헤더가 손상되었습니다
err-damage-payload = 암호화된 내용이 손상되었거나 잘렸습니다
err-damage-too-large = { -vault } 파일이라고 보기에는 너무 큽니다

## 보관함의 내용

err-payload-too-new = 더 새로운 { -product }로 저장한 { -vault }입니다(형식 { $found }, 이 버전은 { $supported }까지 읽습니다). { -product }를 업데이트한 뒤 여세요.
err-payload-invalid = { -vault }은 풀었지만 내용이 올바르지 않습니다({ $detail }). { -vault } 파일 옆의 { -backup }으로 되돌리세요.

err-payload-not-utf8 = { -vault }은 풀었지만 내용이 텍스트가 아닙니다. { -vault } 파일 옆의 { -backup }으로 되돌리세요.
err-payload-bad-account = { -vault }은 풀었지만 { -account } "{ $name }"의 값이 올바르지 않습니다. { $reason } { -vault } 파일 옆의 { -backup }으로 되돌리세요.
err-payload-steam-params = Steam Guard { -account }은 SHA1에 5글자여야 합니다.
err-payload-push-link = 푸시 승인 연결(기기 키)이 손상되었거나 { -vault }에 없는 { -account }을 가리킵니다.
err-payload-bad-type = 종류 "{ $kind }"와(과) 주기/카운터 값의 조합이 올바르지 않습니다.

## 비밀번호 규칙

err-pin-not-six-digits = { -pin }는 숫자(0-9) 6자리입니다. 다른 문자 없이 숫자 6자리를 입력하세요.
err-pin-repeated-digit = 같은 숫자 하나만 여섯 번 쓴 { -pin }(예: 111111)는 쓸 수 없습니다. 서로 다른 숫자를 두 개 이상 넣으세요.
err-pin-straight-run = 차례로 올라가거나 내려가는 { -pin }(예: 123456, 987654)는 쓸 수 없습니다. 이어지지 않는 숫자로 정하세요.

## 계정

err-account-too-many = { -vault }에는 { -account }을 최대 { $limit }개까지 둘 수 있는데 이미 { $count }개가 있습니다. `otp remove`로 하나를 지우거나 { -config-file }의 max_accounts를 늘리세요.
err-account-duplicate = 이름이 "{ $label }"인 { -account }이 이미 있습니다. 다른 이름을 쓰거나 --issuer로 발급자를 지정하세요.
err-account-bad-name = "{ $name }"은(는) { -account } 이름으로 쓸 수 없습니다. 비어 있지 않아야 하고 제어 문자가 없어야 합니다.
err-code-hotp-no-time = --next와 --at은 시간 기반 { -account }에만 쓸 수 있습니다. 카운터 기반(HOTP) { -account }은 `otp code`를 실행할 때마다 카운터를 쓰고 하나씩 올립니다.
err-code-counter-max = HOTP 카운터가 최댓값이라 더 올릴 수 없습니다. 새 비밀 키로 { -account }을 다시 추가하세요.
err-match-not-found = "{ $query }"에 맞는 { -account }이 없습니다. { -vault }에 있는 { -account }: { $candidates }
err-match-not-found-empty = "{ $query }"에 맞는 { -account }이 없습니다. { -vault }이 비어 있으니 `otp add`로 추가하세요.
err-match-ambiguous = "{ $query }"에 맞는 { -account }이 여러 개입니다. 다음 중 하나를 더 길게 입력하세요: { $candidates }

## 비밀 키(base32)

err-secret-empty = 비밀 키가 비어 있습니다.
err-secret-invalid-character = 비밀 키의 { $position }번째 글자 "{ $character }"은(는) 쓸 수 없는 문자입니다. { $hint }
err-secret-hint-zero = base32에는 숫자 0이 없습니다. 영문자 O일 가능성이 큽니다.
err-secret-hint-one = base32에는 숫자 1이 없습니다. 영문자 I나 L일 가능성이 큽니다.
err-secret-hint-eight = base32에는 숫자 8이 없습니다. 영문자 B일 가능성이 큽니다.
err-secret-hint-nine = base32에는 숫자 9가 없습니다. 숫자는 2부터 7까지만 씁니다.
err-secret-hint-alphabet = base32는 영문자 A~Z와 숫자 2~7만 씁니다.
err-secret-after-padding = 비밀 키의 { $position }번째에 '=' 채움 문자 뒤로 "{ $character }"이(가) 있습니다. 채움 문자는 비밀 키의 맨 끝에만 올 수 있습니다.
err-secret-bad-length = 비밀 키가 base32 { $length }글자인데, 이런 길이는 나올 수 없습니다. 글자가 빠졌거나 더 들어갔을 가능성이 큽니다.

## 코드 설정값

err-param-algorithm = "{ $value }"은(는) 알 수 없는 알고리즘입니다. SHA1, SHA256, SHA512 중 하나를 쓰세요.
err-param-digits = 자릿수 { $value }은(는) 지원하지 않습니다. 코드는 6, 7, 8자리입니다.
err-param-period = 주기 "{ $value }"초는 지원하지 않습니다. 1부터 86400 사이의 정수를 쓰세요.
err-param-counter = 카운터 "{ $value }"은(는) 0부터 18446744073709551615 사이의 정수가 아닙니다.

## otpauth:// 링크

err-uri-not-otpauth = otpauth:// 링크가 아닙니다. 링크는 otpauth://totp/, otpauth://hotp/, otpauth://steam/ 중 하나로 시작해야 합니다. 링크 전체를 다시 복사하거나 비밀 키를 직접 입력하세요.
err-uri-migration-export = Google OTP(Google Authenticator) 내보내기 링크(otpauth-migration://)입니다. 여러 { -account }을 담을 수 있는 링크라서 { -account } 하나를 나타내는 otpauth:// 링크가 아닙니다.
err-uri-missing-type = 링크의 otpauth:// 뒤에 코드 종류가 없습니다. otpauth://totp/, otpauth://hotp/, otpauth://steam/ 중 하나로 시작해야 합니다.
err-uri-unknown-type = "{ $kind }" 종류의 코드를 위한 링크라서 쓸 수 없습니다. otpauth://totp/(시간 기반), otpauth://hotp/(카운터 기반), otpauth://steam/(Steam Guard) 링크만 쓸 수 있습니다.
err-uri-fragment = 링크에 otpauth:// 링크에는 없어야 할 '#'이 들어 있습니다. 이름의 일부라면 %23으로 써야 합니다. 아니면 링크 전체를 다시 복사하세요.
err-uri-missing-label = 링크의 종류(otpauth://totp/, otpauth://hotp/, otpauth://steam/) 뒤에 { -account } 이름이 없습니다. 링크 전체를 다시 복사하세요.
err-uri-empty-account = 링크의 이름 부분에 { -account } 이름이 없습니다(발급자와 콜론 뒤가 비어 있음). 링크 전체를 다시 복사하세요.
err-uri-bad-percent = { $part }에 잘못된 퍼센트 인코딩이 있습니다(% 뒤에 16진수 두 자리가 없음). 링크 전체를 다시 복사하세요.
err-uri-invalid-utf8 = { $part }을(를) UTF-8 문자로 풀 수 없습니다. 링크 전체를 다시 복사하세요.
err-uri-control-character = { $part }에 { -account } 이름이나 발급자 이름에 올 수 없는 제어 문자가 있습니다. 링크가 조작되었을 수 있습니다.
err-uri-part-label = 링크의 이름 부분
err-uri-part-parameter-name = 매개변수 이름
err-uri-part-parameter = { $name }= 매개변수
err-uri-missing-secret = 링크에 secret= 매개변수가 없습니다. otpauth:// 링크 전체를 다시 복사하세요.
err-uri-empty-param = 링크의 { $name }= 매개변수가 비어 있습니다. otpauth:// 링크 전체를 다시 복사하세요.
err-uri-duplicate-param = 링크에 { $name }= 매개변수가 두 번 이상 있어 어느 값인지 알 수 없습니다. 링크 전체를 다시 복사하거나 서비스에 새 링크를 요청하세요.
err-uri-secret = 링크의 secret= 매개변수 값이 올바른 비밀 키가 아닙니다. { $reason }
err-uri-param = 링크의 { $name }= 매개변수를 쓸 수 없습니다. { $reason }
err-uri-steam-param = Steam Guard 코드용 링크입니다. Steam Guard 코드는 언제나 SHA1, 5글자, 30초인데 이 링크의 { $name }= 매개변수는 다른 값을 말합니다. 링크 전체를 다시 복사하세요.
err-uri-missing-counter = 카운터 기반(hotp) 링크인데 counter= 매개변수가 없습니다. 링크 전체를 다시 복사하거나 서비스에 카운터 값을 문의하세요.
err-uri-warning-issuer-mismatch = 링크의 이름 부분에는 발급자가 "{ $label }"(으)로, issuer= 매개변수에는 "{ $parameter }"(으)로 되어 있습니다. 발급자를 "{ $parameter }"(으)로 읽었습니다.
err-uri-warning-counter-ignored = 시간 기반(totp) 링크에 counter= 매개변수가 있어 카운터는 무시했습니다.
err-uri-warning-period-ignored = 카운터 기반(hotp) 링크에 period= 매개변수가 있어 주기는 무시했습니다.

## 세션 에이전트

err-agent-unsupported = 세션 { -agent }는 Unix 소켓이 필요한데 이 플랫폼에는 없습니다. 명령을 실행할 때마다 { -pin }를 묻습니다.
err-agent-not-running = 이 { -vault }을 맡은 { -agent }가 없습니다. `otp unlock`으로 시작하세요.
err-agent-unsafe-not-directory = { $path }은(는) 디렉터리가 아니어서, 잠금 해제한 { -vault }을 맡길 수 없습니다. `rm -r { $path }`로 지운 뒤 `otp unlock`을 다시 실행하세요.
err-agent-unsafe-directory-owner = { $path }의 소유자가 내가 아닌 사용자(사용자 ID { $uid })여서, 잠금 해제한 { -vault }을 맡길 수 없습니다. `rm -r { $path }`로 지운 뒤 `otp unlock`을 다시 실행하세요.
err-agent-unsafe-directory-mode = { $path }을(를) 다른 사용자도 쓸 수 있어서(권한 { $mode }), 잠금 해제한 { -vault }을 맡길 수 없습니다. `chmod 700 { $path }`을 실행하세요.
err-agent-unsafe-not-socket = { $path }은(는) 소켓이 아니어서, 잠금 해제한 { -vault }을 맡길 수 없습니다. `rm { $path }`로 지우세요.
err-agent-unsafe-socket-owner = { $path }의 소유자가 내가 아닌 사용자(사용자 ID { $uid })여서, 잠금 해제한 { -vault }을 맡길 수 없습니다. `rm { $path }`로 지우세요.
err-agent-unsafe-socket-mode = { $path }을(를) 다른 사용자도 쓸 수 있어서(권한 { $mode }), 잠금 해제한 { -vault }을 맡길 수 없습니다. `otp lock`과 `otp unlock`을 다시 실행하거나 `chmod 600 { $path }`을 실행하세요.
err-agent-unsafe-peer = { $path }에서 응답하는 프로세스가 다른 사용자(사용자 ID { $uid })의 것이어서, 잠금 해제한 { -vault }을 맡길 수 없습니다. `rm { $path }`로 지우세요.
err-agent-protocol-too-long = { -agent }의 응답이 너무 길어 이해할 수 없습니다. `otp lock`과 `otp unlock`을 다시 실행하세요.
err-agent-protocol-unexpected = { -agent }가 요청과 맞지 않는 응답("{ $reply }")을 보냈습니다. `otp lock`과 `otp unlock`을 다시 실행하세요.
err-agent-protocol-malformed = { -agent }의 응답을 이해할 수 없습니다({ $detail }). `otp lock`과 `otp unlock`을 다시 실행하세요.
err-agent-trouble-lock = { -agent }가 { -vault }을 잠그지 못했습니다({ $detail }).
err-agent-trouble-save = { -agent }가 { -vault }을 저장하지 못해 코드를 내주지 않았습니다({ $detail }).
err-agent-trouble-account-vanished = { -agent }가 찾는 사이에 { -account }이 { -vault }에서 사라졌습니다. 다시 시도하세요.
err-agent-wrong-vault = 이 { -agent }는 다른 { -vault }을 맡고 있습니다.
err-agent-forbidden = { -agent }가 이 사용자의 요청을 거부했습니다.
err-agent-bad-version = { -agent }는 프로토콜 버전 { $expected }을(를) 쓰는데 요청은 버전 { $found }입니다. 다른 버전의 { -product }가 시작한 { -agent }이니 `otp unlock`을 다시 실행하세요.
err-agent-request-too-large = { -agent }가 요청을 거부했습니다. 요청은 { $max }바이트를 넘을 수 없습니다.
err-agent-malformed-request = { -agent }가 요청을 읽지 못했습니다({ $detail }).
err-agent-gone-pin-changed = { -vault }의 { -pin }가 바뀌어 { -agent }가 잠겼습니다. 대신 { -pin }를 묻습니다.
err-agent-gone-removed = { -vault } 파일이 지워져 { -agent }가 잠겼습니다.
err-agent-gone-invalid = { -vault } 파일의 새 내용이 올바르지 않아 { -agent }가 잠겼습니다.
err-agent-gone-damaged = { -vault } 파일을 더 이상 읽을 수 없어({ $reason }) { -agent }가 잠겼습니다.
err-agent-gone-too-new = 더 새로운 { -product }가 { -vault }을 다시 저장해서(형식 { $found }) { -agent }가 잠겼습니다.
err-agent-gone-other = { -vault }이 { -agent }가 따라갈 수 없게 바뀌어({ $detail }) { -agent }가 잠겼습니다.
err-agent-io = { $action ->
    [find-vault] { -vault } { $path }을(를) 찾지 못했습니다: { $detail }
    [inspect-directory] 디렉터리 { $path }을(를) 확인하지 못했습니다: { $detail }
    [create-directory] 디렉터리 { $path }을(를) 만들지 못했습니다: { $detail }
    [inspect-socket] { -agent } 소켓 { $path }을(를) 확인하지 못했습니다: { $detail }
    [listen] { $path }에서 연결을 기다리지 못했습니다: { $detail }
    [set-up-socket] { -agent } 소켓 { $path }을(를) 준비하지 못했습니다: { $detail }
    [find-socket] { -agent } 소켓 { $path }을(를) 찾지 못했습니다: { $detail }
    [connect] { $path }의 { -agent }에 연결하지 못했습니다: { $detail }
    [set-timeout] { $path } 연결에 제한 시간을 걸지 못했습니다: { $detail }
    [write] { $path }의 { -agent }에 요청을 보내지 못했습니다: { $detail }
    [read-answer] { $path }의 { -agent }에게서 응답을 읽지 못했습니다: { $detail }
    [identify-agent] { $path }의 { -agent }가 누구의 프로세스인지 확인하지 못했습니다: { $detail }
    [find-program] { -product } 프로그램을 찾지 못했습니다: { $detail }
   *[start-agent] { -agent }를 시작하지 못했습니다({ $path }): { $detail }
}
err-agent-lifetime-invalid = "{ $text }"은(는) 시간 길이가 아닙니다. 90s, 15m, 2h, 1h30m처럼 숫자 뒤에 s(초), m(분), h(시간), d(일)을 붙여 쓰세요.
err-agent-lifetime-range = "{ $text }"은(는) 허용 범위(1초~24시간)를 벗어났습니다.

## 설정 파일

err-config-read = { -config-file } { $path }을(를) 읽을 수 없습니다: { $detail }
err-config-invalid = { -config-file } { $path }의 내용이 올바르지 않습니다({ $detail }). 알려 준 줄을 고치세요.
err-config-write = { -config-file } { $path }에 저장할 수 없습니다: { $detail }
err-config-no-home = { $file ->
    [vault] 홈 디렉터리를 찾을 수 없어 { -vault }의 기본 위치를 정할 수 없습니다. --vault를 지정하거나 OTP_VAULT를 설정하세요.
   *[config] 홈 디렉터리를 찾을 수 없어 { -config-file }의 기본 위치를 정할 수 없습니다. --vault를 지정하거나 OTP_VAULT를 설정하세요.
}

## 클립보드

err-clipboard-unavailable = 쓸 수 있는 클립보드가 없습니다. { $system } 이 터미널({ $term })도 OSC 52를 받지 않습니다. 코드를 직접 입력하거나, 터미널 에뮬레이터나 화면(디스플레이)이 있는 곳에서 { -product }를 실행하세요.
err-clipboard-unavailable-no-term = 쓸 수 있는 클립보드가 없습니다. { $system } 이 터미널(TERM 없음)도 OSC 52를 받지 않습니다. 코드를 직접 입력하거나, 터미널 에뮬레이터나 화면(디스플레이)이 있는 곳에서 { -product }를 실행하세요.
err-clipboard-system-ssh = SSH 접속 중이라 그쪽 화면은 내 화면이 아닙니다.
err-clipboard-system-no-display = X11이나 Wayland 화면이 설정되어 있지 않습니다.
err-clipboard-system-failed = 화면의 클립보드가 동작하지 않았습니다({ $detail }).
err-clipboard-system-failed-plain = 화면의 클립보드가 동작하지 않았습니다.
err-clipboard-terminal = 터미널에 복사 요청을 보내지 못했습니다({ $detail }).
err-clipboard-tmux = tmux가 복사 요청을 넘겨주지 않습니다(set-clipboard 설정이 { $value }입니다). ~/.tmux.conf에 `set -g set-clipboard on`을 넣고 `tmux source-file ~/.tmux.conf`를 실행하거나, 코드를 직접 입력하세요.

## 시스템

err-clock = 시스템 시계가 1970년 이전으로 맞춰져 있습니다. 날짜와 시간을 맞춘 뒤 다시 시도하세요.
err-random = 운영체제의 난수 생성기가 실패했습니다.

## age 파일(보관함의 암호화)

err-age-wrong-passphrase = 암호가 틀렸습니다.
err-age-excessive-work = 파일이 scrypt 작업량 { $required }을(를) 요구하는데, 허용하는 최대값은 { $max }입니다.
err-age-not-passphrase-locked = 이 age 파일은 암호가 아니라 키로 잠겨 있습니다.
err-age-damaged = age 파일이 손상되었습니다. { $reason }
err-age-damage-header = 헤더가 올바르지 않습니다.
err-age-damage-header-mac = 헤더의 무결성 검사에 실패했습니다.
err-age-damage-unknown-version = 더 새로운 age 형식입니다.
err-age-damage-header-cut-short = 헤더 중간에서 파일이 끝납니다.
err-age-damage-armor = ASCII 아머 형식이 올바르지 않습니다.
err-age-damage-unreadable = 헤더를 읽을 수 없습니다.
err-age-damage-payload-cut-short = 내용이 중간에 잘렸습니다.
err-age-damage-payload = 내용의 무결성 검사에 실패했습니다.
err-age-work-factor-range = scrypt 작업량 { $given }은(는) 지원 범위({ $min }~{ $max })를 벗어났습니다.
err-age-encrypt-failed = age로 암호화하지 못했습니다.

## Hardening (issue 14), the session agent: codes near now only

err-agent-needs-pin = { -agent }는 지금 시간 단계와 바로 앞뒤 단계의 코드만 내줍니다. 다른 시각의 코드는 { -pin }를 입력해야 받을 수 있습니다.

## 강화(이슈 14), 보관함: 읽을 수 없는 파일, 틀린 비밀번호와 구별한 손상, 셀 수 없는
## 비밀번호 시도

# $kind: permission(읽을 권한 없음), directory(보관함 파일 자리에 디렉터리가 있음),
# other($detail: 운영체제가 알려 준 내용).
err-vault-unreadable = { $kind ->
    [permission] { -vault } { $path }을(를) 읽을 권한이 없습니다. 아무것도 바꾸지 않았습니다. 파일 주인으로서 접근 권한을 주거나(예: `chmod 600 { $path }`), 파일 주인인 사용자로 otp를 실행하세요.
    [directory] { $path }은(는) { -vault } 파일이 아니라 디렉터리입니다. 아무것도 바꾸지 않았습니다. 디렉터리를 다른 곳으로 옮기거나, --vault(또는 OTP_VAULT, 설정 파일의 `vault`)로 { -vault } 파일을 가리키세요.
   *[other] { -vault } { $path }을(를) 읽지 못했습니다: { $detail }. 아무것도 바꾸지 않았습니다. 파일과 파일이 있는 디스크를 확인하세요.
}
# 비밀번호로 백업은 열리지만 보관함은 열리지 않음: 보관함 파일이 손상됨.
err-vault-damaged-backup-opens = { $path }의 { -vault }이 손상되었습니다. 이 { -pin }로 { -vault }은 열리지 않지만 { -backup } { $backup }은(는) 열리므로, { -pin }는 맞고 파일이 잘못된 것입니다(이번 시도는 틀린 횟수에 넣지 않았습니다). { -vault }은 손대지 않고 그대로 두었습니다. 마지막 변경 직전 버전이 담긴 { -backup }으로 되돌리려면: `cp { $backup } { $path }`
# $path: 틀린 횟수 파일, $detail: 운영체제가 알려 준 내용.
err-vault-attempts-not-recorded = { -pin }를 확인하지 않았습니다. 틀린 횟수를 { $path }에 기록할 수 없어서({ $detail }), 이대로 두면 { -pin }를 끝없이 시도할 수 있기 때문입니다. { $path }이(가) 있는 디렉터리에 내 사용자가 쓸 수 있게 하거나 { $path } 자리에 있는 것을 치운 뒤 다시 시도하세요.
err-agent-push-unknown = 그 로그인 인증요청은 더 이상 기다리고 있지 않습니다. 이미 응답했거나 만료되었습니다.
err-agent-push-no-key = 이 { -account }에는 { -vault }에 기기 키가 없어서 { -agent }가 로그인 인증요청에 응답할 수 없습니다. otp push register를 실행하십시오.
err-agent-push-unreachable = { -agent }가 응답을 보내려고 서버에 연결하지 못했습니다: { $detail }
err-agent-push-unsupported = 이 { -agent }는 푸시 승인 없이 빌드되었습니다.
