# cli messages (ko). Ids start with "cli-".
# 질문과 입력 안내 끝의 빈칸은 코드가 붙입니다.

## 입력 안내

cli-prompt-pin = { -pin }:
cli-prompt-new-pin = 새 { -pin } (숫자 6자리):
cli-prompt-repeat-pin = 새 { -pin }를 한 번 더 입력하세요:
cli-prompt-secret = 비밀 키 (사이트에 표시된 base32 문자열, Steam Guard는 steam://키):
cli-prompt-uri = otpauth:// 링크(또는 steam:// 키):
cli-prompt-export-password = { $format }에 쓸 암호 ({ $min }자 이상):
cli-prompt-export-password-again = 암호를 한 번 더 입력하세요:
cli-prompt-import-password = { $format }의 암호:
# The answers to a [y/N] question that mean yes, separated by commas.
cli-yes-words = y, yes, 예, 네, ㅇ
cli-pins-differ = 두 { -pin }가 서로 다릅니다. 다시 입력하세요.

## 결과

cli-created-vault = { $path }에 빈 { -vault }을 만들었습니다. `otp add <이름>`으로 { -account }을 추가하세요.
cli-added = { $label } { -account }을 추가했습니다 ({ $summary }).
cli-removed = { $label } { -account }을 삭제했습니다.
cli-renamed = { $old } { -account }의 이름을 { $new }(으)로 바꿨습니다.
cli-pin-changed = { -pin }를 바꿨습니다.
cli-confirm-remove = { $label } { -account }을 삭제할까요? 삭제하면 otp에서 비밀 키를 되살릴 수 없습니다. [y/N]
cli-unlocked = { $vault } { -vault }의 잠금을 { $duration } 동안 해제했습니다. 그동안 `otp code`와 `otp list`는 { -pin }를 묻지 않습니다. 지금 잠그려면 `otp lock`을 실행하세요.
cli-locked = 잠갔습니다. { -agent }가 { -vault }을 잊었습니다.
cli-nothing-to-lock = 이 { -vault }을 맡은 { -agent }가 없어 잠글 것이 없습니다.
cli-locked-after-passwd = 실행 중이던 { -agent }가 이전 { -pin }를 갖고 있어 잠갔습니다. 다시 쓰려면 `otp unlock`을 실행하세요.
cli-agent-running = { -agent }(pid { $pid })가 앞으로 { $duration } 동안 { $vault } { -vault }을 맡습니다. { $memory ->
        [locked] 메모리는 스왑되지 않도록 잠겨 있습니다.
       *[unlocked] 메모리 잠금 한도가 낮아 메모리를 스왑에서 보호하지 못했습니다.
    }

## 경고

cli-warning = 경고
cli-weak-work-factor = 작업량 설정({ $log_n })이 기본값({ $default })보다 낮습니다. { -vault } 파일을 도둑맞으면 { -pin }를 추측하는 비용이 그만큼 싸집니다
cli-pin-file-readable = 다른 사용자도 { -pin } 파일({ $path })을 읽을 수 있습니다. `chmod 600`을 실행하세요
cli-not-using-agent = { -agent }를 쓰지 않습니다({ $reason }). 대신 { -pin }로 { -vault }을 엽니다
cli-not-using-agent-refused = { -agent }가 이 사용자를 거부하므로 쓰지 않습니다. 대신 { -pin }로 { -vault }을 엽니다

## otp list, otp show

cli-list-account = 계정
cli-list-type = 종류
cli-list-algorithm = 알고리즘
cli-list-digits = 자릿수
cli-list-moving = 주기/카운터
cli-list-period = { $seconds }초
cli-list-empty = { -vault }에 아직 { -account }이 없습니다. `otp add <이름>`으로 추가하세요.
cli-show-account = 계정
cli-show-issuer = 발급처
cli-show-name = 이름
cli-show-type = 종류
cli-show-algorithm = 알고리즘
cli-show-digits = 자릿수
cli-show-period = 주기
cli-show-counter = 카운터
cli-show-no-issuer = (없음)
cli-show-totp = TOTP (시간 기반)
cli-show-hotp = HOTP (카운터 기반)
cli-show-steam = Steam Guard (시간 기반, 영문자와 숫자)
cli-show-period-value = { $seconds }초
cli-show-counter-value = { $counter } (다음 번호에 쓰임)
cli-qr-shows-secret = 이 QR 코드에는 { $label }의 비밀 키가 들어 있습니다. 보거나 사진을 찍은 사람은 누구나 이 { -account }을 복사할 수 있습니다. 휴대폰으로 읽은 뒤에는 화면을 지우세요(`clear`).
cli-qr-terminal-too-small = QR 코드에는 가로 { $width }칸, 세로 { $height }줄이 필요하지만 터미널은 { $columns }×{ $rows }라 읽히지 않을 수 있습니다. 창을 키우거나 글꼴을 줄인 뒤 다시 실행하세요

## otp add --qr

cli-qr-stdin-is-terminal = --qr - 는 표준 입력에서 그림을 읽는데, 지금 표준 입력은 터미널입니다. 그림을 파이프로 넘기거나(otp add --qr - < shot.png) 파일 경로를 주세요
cli-qr-is-export = { $source ->
        [stdin] 표준 입력으로 받은 그림의 QR 코드는 여러 { -account }을 담을 수 있는 Google Authenticator 내보내기(otpauth-migration://)입니다. 추가하려면 그림을 파일로 저장한 뒤 `otp import <파일>`을 실행하세요
       *[file] 그림 { $path }의 QR 코드는 여러 { -account }을 담을 수 있는 Google Authenticator 내보내기(otpauth-migration://)입니다. 추가하려면 `otp import { $path }` 명령을 실행하세요
    }
cli-qr-several = { $source ->
        [stdin] 표준 입력으로 받은 그림에 QR 코드가 { $count }개 있습니다. 추가할 코드 하나만 남도록 자르거나, 모든 { -account }을 추가하려면 그림을 파일로 저장한 뒤 `otp import <파일>`을 실행하세요
       *[file] 그림 { $path }에 QR 코드가 { $count }개 있습니다. 추가할 코드 하나만 남도록 자르거나, 모든 { -account }을 추가하려면 `otp import { $path }` 명령을 실행하세요
    }
cli-steam-key-needs-name = steam:// 키에는 { -account } 이름이 없습니다. 이름을 함께 주세요: `otp add 이름 --uri`(또는 `--qr`)
cli-steam-key-options = steam:// 키는 Steam Guard 코드용이며 Steam Guard 코드는 언제나 SHA1, 5글자, 30초입니다. --algorithm, --digits, --period, --hotp, --counter를 빼고 실행하세요
cli-qr-not-a-link = { $source ->
        [stdin] 표준 입력으로 받은 그림의 QR 코드에는 otpauth:// 링크가 없어 인증 앱용이 아닙니다. 서비스에서 { -second-factor }을 켤 때 보여 주는 QR 코드를 쓰세요
       *[file] 그림 { $path }의 QR 코드에는 otpauth:// 링크가 없어 인증 앱용이 아닙니다. 서비스에서 { -second-factor }을 켤 때 보여 주는 QR 코드를 쓰세요
    }

## otp add --customer

cli-no-enroll-feature = 이 otp는 등록 기능(cargo 기능 "enroll") 없이 빌드되었습니다. --customer를 쓰려면 이 기능을 넣어 다시 빌드하세요

## otp import

cli-import-read = { $format }에서 항목 { $count }개를 읽었습니다:
cli-import-added = + { $label } ({ $summary })
cli-import-renamed = ~ { $from } → { $to } (같은 이름의 { -account }이 이미 있음)
cli-import-duplicate = = { $label }: 이미 { -vault }에 있어 건너뜀
cli-import-left-out = ! { $label }: 제외됨: { $reason }
cli-import-note = 참고 { $label }: { $note }
cli-import-without-code = 파일의 항목 { $count }개에는 TOTP 키가 없어(비밀번호, 메모, 카드 등) 건너뛰었습니다. { -account }이 아닌 항목입니다.
cli-import-nothing = 가져온 것이 없습니다. 파일에 있는 쓸 수 있는 { -account }은 모두 이미 { -vault }에 있습니다.
cli-import-too-many = 파일에 새 { -account }이 { $new }개 있지만 { $room }개만 더 넣을 수 있습니다({ -vault }에 { $count }개, 최대 { $limit }개). 아무것도 가져오지 않았습니다. `otp remove`로 { -account }을 지우거나 { -config-file }의 max_accounts를 늘리세요
cli-would-import = { -account } { $count }개를 가져올 예정입니다.
cli-confirm-import = { -account } { $count }개를 가져올까요? [y/N]
cli-imported = { -account } { $count }개를 가져왔습니다.
cli-import-needs-yes = 표준 입력이 터미널이 아니라 확인을 물을 수 없습니다. 위 목록을 확인한 뒤 --yes를 붙여 가져오세요(보기만 하려면 --dry-run)
cli-import-too-large = { $path } 파일은 { $limit } MiB보다 커서 인증 앱의 내보내기 파일일 수 없습니다. 파일 이름을 확인하세요
cli-import-stdin-clash = 내보내기 파일과 { -pin }를 둘 다 표준 입력으로 받을 수는 없습니다. 내보내기는 파일로 주거나, { -pin }는 OTP_PIN_FILE 또는 OTP_PIN_COMMAND로 주세요

## otp export

cli-export-password-short = 암호는 { $min }자 이상이어야 합니다. 내보낸 비밀 키를 지키는 것은 이 암호뿐입니다. 아무것도 쓰지 않았습니다
cli-export-passwords-differ = 두 암호가 서로 다릅니다. 아무것도 쓰지 않았습니다. 명령을 다시 실행하세요
cli-confirm-unencrypted-export = 모든 비밀 키를 암호화하지 않고 씁니다. 출력을 본 사람은 누구나 내 OTP 번호를 만들 수 있습니다. 계속할까요? [y/N]
cli-export-needs-yes = 암호화하지 않는 내보내기인데 표준 입력이 터미널이 아니라 확인을 물을 수 없습니다. 확인하려면 --yes를 붙이세요
cli-export-empty = { -vault }에 내보낼 { -account }이 없습니다
cli-export-on-screen = 이 링크에는 비밀 키가 보입니다. 다 쓴 뒤에는 화면과 스크롤 기록을 지우세요.
cli-export-exists = { $path } 파일이 이미 있습니다. 다른 파일을 고르거나, 바꾸려면 --force를 붙이세요
cli-export-left-out = { $label } { -account }은 내보내기에서 제외되었습니다: { $reason }
cli-qr-page = QR 코드 { $index }/{ $count }
cli-exported = { -account } { $count }개를 내보냈습니다 ({ $format }).
cli-exported-to = { -account } { $count }개를 { $path }에 내보냈습니다 ({ $format }).

## 오류

cli-remove-needs-yes = 표준 입력이 터미널이 아니라 확인을 물을 수 없습니다. 묻지 않고 삭제하려면 --yes를 붙이세요
cli-work-factor-tui-only = 하위 명령 앞의 --work-factor는 전체 화면(그냥 `otp`)이 만드는 { -vault }에만 쓰입니다. `otp init`에서는 `init` 뒤에 쓰세요
cli-no-pin = { -pin }가 주어지지 않았고 물어볼 터미널도 없습니다. --pin-stdin, OTP_PIN_FILE, OTP_PIN_COMMAND, OTP_PIN 중 하나를 쓰세요(`otp --help` 참고)
cli-declined = 아무것도 바꾸지 않았습니다
cli-clock = 시스템 시계가 1970년 이전으로 맞춰져 있습니다. OTP 번호는 시각에 따라 정해지므로 날짜와 시간을 바로잡으세요
cli-unexpected-answer = { -agent }가 예상하지 못한 응답을 보냈습니다. `otp lock`을 실행한 뒤 `otp unlock`을 다시 실행하세요
cli-agent-needs-vault = { -agent }에는 --vault가 필요합니다
cli-agent-exited-early = { -agent }가 준비되기 전에 끝났습니다. 잠금은 해제되지 않았습니다
cli-agent-socket-missing = { -agent }의 소켓이 없습니다. 잠금은 해제되지 않았습니다
cli-agent-other-answered = 다른 { -agent }가 소켓에서 응답했습니다. `otp lock`을 실행한 뒤 다시 해 보세요
cli-pin-command-failed = OTP_PIN_COMMAND가 실패했습니다({ $status }). 명령을 확인하거나, { -pin }를 직접 입력하려면 이 변수를 지우세요
cli-stdin-ended = { $what ->
        [pin] { -pin }를
        [new-pin] 새 { -pin }를
        [secret] 비밀 키를
        [uri] otpauth:// 링크를
        [id] { -user-id }를
        [activation] { -activation-code }를
        [export-password] 내보내기 암호를
        [import-password] 파일의 암호를
       *[answer] 대답을
    } 받기 전에 표준 입력이 끝났습니다
cli-stdin-ended-named = 표준 입력이 끝나 { $what } 값을 받지 못했습니다
cli-tui-not-a-terminal = 전체 화면은 표준 입력과 출력이 터미널일 때만 열립니다. 스크립트에서는 `otp code <계정>` 같은 하위 명령을 쓰세요(`otp --help` 참고)
cli-tui-terminal = 터미널에 문제가 생겼습니다: { $reason }
cli-tui-clock = 시스템 시계가 1970년 이전으로 맞춰져 있습니다. OTP 번호는 시각에 따라 정해지므로 날짜와 시간을 바로잡으세요

## 입출력 실패: 하던 일, 그리고 까닭

cli-io-read-stdin = 표준 입력에서 { $what ->
        [pin] { -pin }를
        [new-pin] 새 { -pin }를
        [secret] 비밀 키를
        [uri] otpauth:// 링크를
        [id] { -user-id }를
        [activation] { -activation-code }를
        [export-password] 내보내기 암호를
        [import-password] 파일의 암호를
       *[answer] 대답을
    } 읽지 못했습니다: { $reason }
cli-io-read-terminal = 터미널에서 { $what ->
        [pin] { -pin }를
        [new-pin] 새 { -pin }를
        [secret] 비밀 키를
        [uri] otpauth:// 링크를
        [id] { -user-id }를
        [activation] { -activation-code }를
        [export-password] 내보내기 암호를
        [import-password] 파일의 암호를
       *[answer] 대답을
    } 읽지 못했습니다: { $reason }
cli-io-read-stdin-named = 표준 입력에서 { $what } 값을 읽지 못했습니다: { $reason }
cli-io-read-terminal-named = 터미널에서 { $what } 값을 읽지 못했습니다: { $reason }
cli-io-read-pin-file = { -pin } 파일({ $path }, OTP_PIN_FILE)을 읽지 못했습니다: { $reason }
cli-io-run-pin-command = OTP_PIN_COMMAND를 실행하지 못했습니다: { $reason }
cli-io-write-json = JSON을 쓰지 못했습니다: { $reason }
cli-io-write-assets = { $path } 아래에 매뉴얼 페이지와 자동 완성 파일을 쓰지 못했습니다: { $reason }
cli-io-read-picture = { $source ->
        [stdin] 표준 입력에서 그림을 읽지 못했습니다: { $reason }
       *[file] { $path } 그림 파일을 읽지 못했습니다: { $reason }
    }
cli-io-read-import = { $source ->
        [stdin] 표준 입력에서 내보내기 파일을 읽지 못했습니다: { $reason }
       *[file] { $path } 파일을 읽지 못했습니다: { $reason }
    }
cli-io-write-export-stdout = 내보내기를 표준 출력에 쓰지 못했습니다: { $reason }
cli-io-write-export = { $path } 파일에 쓰지 못했습니다: { $reason }
cli-io-find-program = { -agent }를 시작할 otp 프로그램을 찾지 못했습니다: { $reason }
cli-io-start-agent = { -agent }를 시작하지 못했습니다({ $path }): { $reason }

## Issue 15, 명령줄: 새 비밀번호 입력을 그만둘 때 (src/cli/input.rs)

cli-new-pin-gave-up-differ = 두 { -pin }가 또 서로 달라 { $tries }번 시도 끝에 그만둡니다. 명령을 다시 실행해 두 번 모두 같은 숫자 6자리를 입력하세요.
cli-new-pin-gave-up-refused = { $tries }번 시도 끝에 그만둡니다. { $reason } 명령을 다시 실행해 이 규칙에 맞는 { -pin }를 정하세요.
cli-agent-push-title = { $account } 로그인 인증요청
cli-agent-push-body = { $service }, 접속 주소 { $from } { $text } — otp를 열어 번호를 보고 응답하십시오
cli-agent-push-unknown = 알 수 없음

## Push approvals (otp approve, otp deny, otp push register)

cli-push-none-waiting = 승인을 기다리는 로그인 요청이 없습니다
cli-push-no-accounts = { -vault }에 인증요청에 응답하는 { -account }이 없습니다. otp add --customer로 등록하거나, 예전에 등록한 { -account }에 otp push register ACCOUNT로 기기 키를 주세요
# $label: the account.
cli-push-no-link = { $label }에는 인증요청용 기기 키가 없습니다. otp push register "{ $label }"로 키를 주세요
# $label: the account.
cli-push-register-no-customer = { $label }의 { -customer-code }를 알 수 없습니다. --customer CODE로 주거나 { -config-file }의 [customers] 표에 항목을 하나만 두세요
# $label: the account.
cli-push-register-not-totp = { $label }은 시간 기반 { -account }이 아닙니다. 기기 키 등록은 현재 { -one-time-code }로 증명합니다
