# transfer messages (ko). Ids start with "transfer-".
# 가져오기·내보내기·QR 이미지: 파일 형식의 이름, 파일을 읽지 못한 까닭, 항목을 뺀 까닭,
# 가져온 계정에 대한 안내. 파일 암호는 "암호", 앱의 PIN은 { -pin }(비밀번호)라고 씁니다.

## 파일 형식의 이름

transfer-format-google = Google Authenticator 내보내기 파일
transfer-format-aegis = Aegis 내보내기 파일
transfer-format-2fas = 2FAS 백업 파일
transfer-format-andotp = andOTP 백업 파일
transfer-format-andotp-encrypted = andOTP 암호화 백업 파일
transfer-format-freeotp = FreeOTP+ 내보내기 파일
transfer-format-freeotp-backup = FreeOTP 백업 파일
transfer-format-freeotp-tokens = FreeOTP 토큰 파일(tokens.xml)
transfer-format-bitwarden = Bitwarden 내보내기 파일
transfer-format-bitwarden-csv = Bitwarden CSV 내보내기 파일
transfer-format-proton = Proton Authenticator 내보내기 파일
transfer-format-authpro = Authenticator Pro 백업 파일
transfer-format-uris = otpauth:// 링크 목록
transfer-format-backup = { -product } { -backup } 파일
transfer-format-qr = QR 코드 이미지

## 파일을 읽거나 쓰지 못한 까닭

transfer-unknown-format = { $looks ->
    [empty] 파일이 비어 있어 가져올 것이 없습니다.
    [json] 이 파일은 JSON이지만 { -product }가 읽는 내보내기 파일({ $formats })의 JSON이 아닙니다. 그중 하나에서 내보낸 파일이라면 --format으로 형식을 지정해 무엇이 빠졌는지 확인하세요.
    [xml] 이 파일은 XML이지만 { -product }가 읽는 유일한 XML인 FreeOTP 파일이 아닙니다({ -product }가 읽는 형식: { $formats }). FreeOTP 파일이라면 --format freeotp-backup이나 --format freeotp-tokens로 형식을 지정해 무엇이 빠졌는지 확인하세요.
    [csv] 이 파일은 표(CSV)처럼 보이지만 첫 줄이 { -product }가 읽는 유일한 표인 Bitwarden CSV 내보내기 파일의 머리글이 아닙니다({ -product }가 읽는 형식: { $formats }). Bitwarden CSV 파일이라면 --format bitwarden-csv로 형식을 지정해 무엇이 빠졌는지 확인하세요.
   *[text] 이 파일은 텍스트이지만 otpauth:// 링크 목록(한 줄에 하나)도 아니고 { -product }가 읽는 내보내기 파일({ $formats })도 아닙니다.
}
transfer-unknown-binary = 텍스트 파일이 아니고, { -product }가 내용으로 알아볼 수 있는 형식도 아닙니다. andOTP 암호화 백업 파일(.json.aes)은 내용만으로는 알아볼 수 없으니 --format andotp-encrypted로 형식을 지정하세요({ -product }가 읽는 형식: { $formats }).
transfer-unknown-format-name = 알 수 없는 형식입니다("{ $given }"). 다음 중 하나를 쓰세요: { $formats }
transfer-malformed-damaged = { $format }의 내용을 읽을 수 없습니다. { $problem } 앱에서 다시 내보낸 뒤 가져오세요.
transfer-malformed = { $format }의 내용을 읽을 수 없습니다. { $problem }
transfer-malformed-image = QR 코드 이미지를 읽을 수 없습니다. { $problem }
transfer-wrong-password = { $format }의 암호가 맞지 않습니다. 아무것도 가져오지 않았습니다.
transfer-andotp-iterations = andOTP 암호화 백업 파일의 암호가 맞지 않거나, andOTP 백업 파일이 아닙니다. andOTP의 현재 방식으로 읽으면 PBKDF2 반복 횟수가 { $iterations }번인데, 조작된 파일이 { -product }를 몇 시간씩 붙잡아 두지 못하도록 { -product }는 1~{ $max }번만 받습니다(andOTP는 140000~160000번을 씁니다). 아무것도 가져오지 않았습니다.
transfer-empty = { $format }에 { -account }이 하나도 없습니다.
transfer-no-codes = { $format }의 항목 { $items }개 가운데 TOTP 키가 있는 항목이 없어 가져올 것이 없습니다.
transfer-unknown-version = { $format }의 버전({ $version })은 이 { -product }가 아직 모르는 버전입니다. { $known } 버전까지 읽을 수 있습니다.

## 손상된 파일의 문제

transfer-json-cut-short = 파일이 중간에 끊겼습니다({ $line }번째 줄, { $column }번째 칸).
transfer-json-syntax = 올바른 JSON이 아닙니다({ $line }번째 줄, { $column }번째 칸).
transfer-json-unreadable = 파일을 읽지 못했습니다({ $line }번째 줄, { $column }번째 칸).
transfer-json-missing-field = "{ $field }" 항목이 없습니다({ $line }번째 줄, { $column }번째 칸).
transfer-json-wrong-type = 값의 형식이나 범위가 맞지 않습니다({ $line }번째 줄, { $column }번째 칸).
transfer-json-wrong-type-expected = 값의 형식이나 범위가 맞지 않습니다({ $line }번째 줄, { $column }번째 칸). 필요한 값: { $expected }.
transfer-not-utf8 = 파일이 손상되었습니다. UTF-8 텍스트가 아닌 바이트가 들어 있습니다.
transfer-qr-not-link = QR 코드에 otpauth:// 링크도 otpauth-migration:// 링크도 들어 있지 않습니다.
transfer-backup-invalid = 내용이 올바르지 않습니다({ $detail }).
transfer-backup-account = 이 안의 계정 “{ $name }”의 값이 올바르지 않습니다: { $problem }
transfer-backup-excessive-work = 요구하는 scrypt 작업 계수({ $required })가 { -product }가 허용하는 최댓값 { $max }보다 큽니다. 이보다 크면 여는 데 몇 시간과 수 GB의 메모리가 들 수 있습니다.
transfer-backup-key-locked = 암호가 아닌 키로 잠근 age 파일이므로 { -product } { -backup } 파일이 아닙니다.
transfer-backup-header = 헤더가 손상되었습니다.
transfer-backup-newer-age = 이 { -product }가 읽지 못하는 새 age 형식입니다. { -product }를 업그레이드하세요.
transfer-backup-cut-short = 파일이 중간에 끊겼습니다.
transfer-backup-armor = ASCII 아머가 손상되었습니다.
transfer-backup-unreadable = 읽을 수 있는 age 파일이 아닙니다.
transfer-backup-payload = 파일이 끊겼거나 손상되었습니다.
transfer-aegis-encrypted-without-keys = 내용은 암호화되어 있는데 헤더에 키가 없습니다.
transfer-aegis-plain-but-encrypted = 헤더에는 암호화되었다고 적혀 있지만 내용은 암호화되어 있지 않습니다.
transfer-aegis-scrypt-n = 암호 슬롯의 scrypt N 값({ $n })이 2의 거듭제곱이 아닙니다.
transfer-aegis-scrypt-refused = 암호 슬롯이 요구하는 scrypt 값이 너무 큽니다({ $excess }). 조작된 파일이 메모리나 시간을 다 써 버리지 않도록 { -product }는 이런 값을 거부합니다(Aegis는 N = 32768, r = 8, p = 1을 씁니다).
transfer-scrypt-zero-cost = r = { $r }, p = { $p }
transfer-scrypt-log-n = N = 2^{ $log_n }, 최대 2^{ $max }
transfer-scrypt-r-times-p = r · p = { $value }, 최대 { $max }
transfer-scrypt-memory = 메모리 { $mib } MiB, 최대 { $max_mib } MiB
transfer-scrypt-work = N · r · p = 2^{ $log_work }, 최대 2^{ $max_log }
transfer-aegis-scrypt-invalid = 암호 슬롯의 scrypt 값이 올바르지 않습니다.
transfer-aegis-slot-field = { $slot }번 암호 슬롯에 { $field } 값이 없습니다.
transfer-aegis-not-hex = { $part }가 16진수가 아닙니다.
transfer-aegis-length = { $part }가 { $bytes }바이트가 아닙니다.
transfer-aegis-part-slot-key = 암호 슬롯의 키
transfer-aegis-part-slot-salt = 암호 슬롯의 솔트
transfer-aegis-part-slot-nonce = { $slot }번 암호 슬롯의 논스
transfer-aegis-part-slot-tag = { $slot }번 암호 슬롯의 태그
transfer-aegis-part-contents-nonce = 내용의 논스
transfer-aegis-part-contents-tag = 내용의 태그
transfer-aegis-salt-length = 암호 슬롯의 솔트 길이가 올바르지 않습니다.
transfer-aegis-no-slots = 헤더에 암호화 값은 있지만 슬롯이 없습니다.
transfer-aegis-no-params = 헤더에 슬롯은 있지만 암호화 값이 없습니다.
transfer-aegis-not-base64 = 암호화된 내용이 base64가 아닙니다.
transfer-aegis-no-password-slot = 암호 슬롯이 없어 이 파일을 만든 휴대폰에서만 열 수 있습니다. Aegis에서 암호를 설정한 뒤 다시 내보내세요.
transfer-aegis-too-many-slots = 암호 슬롯이 { $count }개 있습니다. { -product }는 최대 { $max }개까지만 시도합니다.
transfer-aegis-master-key = 마스터 키가 32바이트가 아닙니다.
transfer-aegis-contents-damaged = 암호는 맞지만 암호화된 내용이 손상되었습니다.
transfer-2fas-services = 암호화된 서비스 목록
transfer-2fas-reference = 암호 확인 값(reference)
transfer-2fas-layout = { $field } 항목이 ciphertext:salt:iv 형식이 아닙니다.
transfer-2fas-not-base64 = { $field } 항목의 { $part } 부분이 base64가 아닙니다.
transfer-2fas-part-ciphertext = 암호문
transfer-2fas-part-salt = 솔트
transfer-2fas-part-iv = IV
transfer-2fas-iv-length = { $field } 항목의 IV가 { $bytes }바이트가 아닙니다.
transfer-2fas-too-short = { $field } 항목이 너무 짧아 암호화된 데이터일 수 없습니다.
transfer-2fas-salt-length = { $field } 항목의 솔트 길이가 올바르지 않습니다.
transfer-2fas-services-damaged = 암호는 맞지만 암호화된 서비스 목록이 손상되었습니다.
transfer-bitwarden-validation = 암호 확인 값(encKeyValidation_DO_NOT_EDIT)
transfer-bitwarden-data = 암호화된 데이터
transfer-bitwarden-part-mac = MAC
transfer-bitwarden-account-restricted = 이 파일은 내보낸 Bitwarden 계정의 키로 암호화되어 그 계정에서만 열 수 있습니다. Bitwarden에서 파일 형식을 "암호로 보호됨"(Password protected)으로 골라 다시 내보내거나, 암호화하지 않은 .json으로 내보내세요.
transfer-bitwarden-enc-string = { $field } 항목이 2번 형식의 암호화 문자열(2.iv|data|mac)이 아닙니다.
transfer-bitwarden-not-base64 = { $field } 항목의 { $part } 부분이 base64가 아닙니다.
transfer-bitwarden-length = { $field } 항목의 { $part } 부분 길이가 올바르지 않습니다.
transfer-bitwarden-no-salt = 솔트가 비어 있습니다.
transfer-bitwarden-kdf-type = kdfType이 { $value }입니다. { -product }는 Bitwarden이 쓰는 두 가지, 0(PBKDF2-SHA256)과 1(Argon2id)만 읽습니다.
transfer-bitwarden-kdf-type-not-number = kdfType이 숫자가 아닙니다. { -product }는 Bitwarden이 쓰는 두 가지, 0(PBKDF2-SHA256)과 1(Argon2id)만 읽습니다.
transfer-bitwarden-kdf-missing = { $setting } 값이 없습니다.
transfer-bitwarden-kdf-refused = { $setting } 값({ $value })이 Bitwarden이 쓰는 범위({ $min }~{ $max })를 벗어났습니다. 조작된 파일이 메모리나 시간을 다 써 버리지 않도록 { -product }는 이런 값을 받지 않습니다.
transfer-bitwarden-data-damaged = 암호는 맞지만 암호화된 데이터가 손상되었습니다.
transfer-bitwarden-csv-header = 첫 줄에 모든 Bitwarden CSV 내보내기 파일에 있는 { $column } 열이 없습니다.
transfer-csv = { $line }번째 줄이 온전한 CSV 레코드가 아닙니다(필드 수가 맞지 않거나 UTF-8이 아닌 글자가 있습니다).
transfer-proton-salt = 솔트가 16바이트짜리 base64 값이 아닙니다.
transfer-proton-content = 암호화된 내용이 base64가 아니거나, 암호화된 데이터라고 하기에는 너무 짧습니다.
transfer-authpro-cut-short = 암호화된 부분이 중간에 끊겼습니다.
transfer-authpro-damaged = 암호는 맞지만 암호화된 백업 내용이 손상되었습니다.
transfer-andotp-cut-short = andOTP 암호화 백업 파일이라고 하기에는 너무 짧습니다.
# 원래 FreeOTP의 백업(Java로 직렬화한 맵이나 환경설정 파일)과 tokens.xml. $at은 0부터 센
# 바이트 위치입니다.
transfer-freeotp-cut-short = 파일이 중간에 잘렸습니다.
transfer-freeotp-stream = 파일이 손상되었습니다. { $at }번 바이트가 Java로 직렬화한 텍스트 맵에 들어갈 수 있는 값이 아닙니다.
transfer-freeotp-xml = 파일이 손상되었습니다. 올바른 Android 환경설정(preferences) 파일이 아닙니다({ $at }번 바이트).
transfer-freeotp-too-many = 항목이 { $max }개보다 많습니다. 조작된 파일이 메모리를 다 써 버리지 않도록 { -product }는 이보다 많은 항목을 받지 않습니다.
transfer-freeotp-twice = 파일이 손상되었습니다. "{ $name }" 항목이 두 번 들어 있습니다.
transfer-freeotp-no-master-key = 모든 FreeOTP 백업에 있는 masterKey 항목이 없습니다.
transfer-freeotp-entry = "{ $entry }" 항목이 FreeOTP가 쓰는 형식이 아닙니다.
transfer-freeotp-kdf = 마스터 키를 "{ $algorithm }" 방식으로 만들었습니다. { -product }는 FreeOTP가 쓰는 두 가지, PBKDF2withHmacSHA512와 PBKDF2withHmacSHA1만 읽습니다.
transfer-freeotp-iterations = 마스터 키의 PBKDF2 반복 횟수가 { $value }번입니다. 조작된 파일을 여느라 몇 시간씩 걸리지 않도록 { -product }는 1번부터 { $max }번까지만 반복합니다(FreeOTP는 100000번을 씁니다).
transfer-freeotp-key-damaged = 암호는 맞지만 { $token }의 키가 손상되어 복호화할 수 없습니다.
transfer-google-single-link = { $line ->
    [0] 링크가
   *[other] { $line }번째 줄의 링크가
} Google Authenticator 내보내기 링크가 아니라 { -account } 하나의 otpauth:// 링크입니다. 이런 링크는 --format uris로 가져오세요.
transfer-google-not-migration = { $line ->
    [0] 링크가
   *[other] { $line }번째 줄의 링크가
} otpauth-migration://로 시작하지 않습니다.
transfer-google-data-twice = { $line ->
    [0] 링크에
   *[other] { $line }번째 줄의 링크에
} data= 매개변수가 두 개 이상 있습니다.
transfer-google-no-data = { $line ->
    [0] 링크에
   *[other] { $line }번째 줄의 링크에
} data= 매개변수가 없습니다.
transfer-google-broken-escape = { $line ->
    [0] 링크의
   *[other] { $line }번째 줄 링크의
} data= 매개변수에 잘못된 퍼센트 이스케이프(뒤에 16진수 두 자리가 없는 %)가 있습니다.
transfer-google-not-base64 = { $line ->
    [0] 링크의
   *[other] { $line }번째 줄 링크의
} data= 매개변수가 올바른 base64가 아닙니다. 링크가 잘렸을 수 있습니다.
transfer-google-not-export = { $line ->
    [0] 링크의
   *[other] { $line }번째 줄 링크의
} 데이터가 Google Authenticator 내보내기가 아닙니다. 링크가 잘렸거나 손상되었을 수 있습니다.
transfer-link-line = { $line }번째 줄: { $problem }

## 내보내기 파일을 쓰지 못한 까닭

transfer-export-backup-work-factor = { -backup }의 scrypt 작업 계수는 { $min }에서 { $max } 사이여야 합니다. 지정한 값: { $given }.
transfer-export-backup-empty-password = { -backup }에는 암호가 필요합니다. 암호가 비어 있으면 누구나 비밀 키를 읽을 수 있게 됩니다.
transfer-export-backup-encrypt-failed = { -backup }을 암호화하지 못했습니다.
transfer-export-aegis-empty-password = Aegis 내보내기에는 암호가 필요합니다. 암호가 비어 있으면 누구나 비밀 키를 읽을 수 있게 됩니다.
transfer-export-aegis-random = Aegis 내보내기 파일을 쓰지 못했습니다. 시스템의 난수 생성기가 실패했습니다.
transfer-export-aegis-json = Aegis 내보내기 파일을 쓰지 못했습니다. JSON 인코딩에 실패했습니다.
transfer-export-aegis-encrypt-failed = Aegis 내보내기 파일을 쓰지 못했습니다. 암호화에 실패했습니다.
transfer-export-aegis-counter = { $label }: Aegis는 { $max }보다 큰 HOTP 카운터를 저장할 수 없습니다.
transfer-export-google-batch-size = Google Authenticator 내보내기에는 QR 코드마다 { -account }이 하나 이상 들어가야 합니다.
transfer-export-google-too-many-codes = 내보내기 하나에 담기에는 QR 코드가 너무 많습니다.
transfer-export-google-random = 내보내기에 쓸 난수를 시스템에서 얻지 못했습니다.

## 항목을 뺀 까닭

transfer-reason-unsupported = { $scheme } 코드는 지원하지 않습니다({ -product }는 TOTP, HOTP, Steam Guard 코드만 만듭니다).
transfer-reason-unknown-type = 지원하지 않는 종류입니다("{ $name }"). TOTP, HOTP, Steam만 지원합니다.
transfer-reason-no-parameters = 코드 설정(info)이 없습니다.
transfer-reason-secret-not-base32 = 비밀 키가 올바른 base32가 아닙니다.
transfer-reason-secret-unusable = 비밀 키를 쓸 수 없습니다: { $error }
transfer-reason-no-secret = 비밀 키가 없습니다.
transfer-reason-secret-not-bytes = 비밀 키에 -128..255 범위를 벗어난 숫자가 있어 바이트 목록이 아닙니다.
transfer-reason-secret-empty = 비밀 키가 비어 있습니다.
transfer-reason-not-whole-number = { $field } 값({ $value })이 { -product }가 쓸 수 있는 0 이상의 정수가 아닙니다.
transfer-reason-not-a-number = { $field } 값이 숫자가 아닙니다.
transfer-field-digits = 자릿수
transfer-field-counter = 카운터
transfer-field-period = 주기
transfer-field-algorithm = 알고리즘
transfer-field-type = 코드 종류
transfer-reason-missing = 파일에 { $field } 값이 없습니다. 짐작한 값으로는 틀린 코드가 나올 수 있습니다.
transfer-reason-no-counter = 카운터 방식(HOTP)인데 카운터가 없습니다.
transfer-reason-steam-parameters = Steam Guard 항목인데 { $field } 값이 Steam의 값(SHA1, 5글자, 30초)과 다릅니다. 짐작한 값으로는 틀린 코드가 나올 수 있습니다.
transfer-reason-md5 = MD5 코드입니다. { -product }는 MD5 코드를 만들지 않습니다(SHA1, SHA256, SHA512만 지원합니다).
transfer-reason-unknown-algorithm-number = 내보내기 파일이 { -product }가 모르는 알고리즘(번호 { $number })을 지정합니다.
transfer-reason-unknown-digits-number = 내보내기 파일이 { -product }가 모르는 코드 길이(번호 { $number })를 지정합니다.
transfer-reason-unknown-type-number = 내보내기 파일이 { -product }가 모르는 코드 종류(번호 { $number })를 지정합니다.
transfer-reason-negative-counter = 카운터가 음수({ $counter })여서 카운터 방식 코드에 쓸 수 없습니다.
transfer-reason-google-digits = Google Authenticator는 6자리나 8자리 코드만 만드는데 이 { -account }의 코드는 { $digits }자리입니다. --format aegis나 --format uris로 내보내세요.
transfer-reason-google-period = Google Authenticator는 주기가 30초인 코드만 만드는데 이 { -account }의 주기는 { $seconds }초입니다. --format aegis나 --format uris로 내보내세요.
transfer-reason-google-counter = 카운터({ $counter })가 Google 내보내기에 담을 수 있는 값보다 큽니다. --format aegis나 --format uris로 내보내세요.
transfer-reason-google-no-secret = 비밀 키가 없습니다. --format aegis나 --format uris로 내보내세요.
transfer-reason-link = otpauth:// 링크를 읽을 수 없습니다: { $error }
transfer-reason-freeotp-settings = FreeOTP가 저장한 설정을 읽을 수 없습니다(FreeOTP가 쓰는 JSON이 아닙니다).
transfer-reason-freeotp-no-settings = 백업에 키는 있지만 설정이 없어 어떤 코드를 만드는지 알 수 없습니다.
transfer-reason-google-steam = Google Authenticator에는 Steam Guard { -account }을 담을 수 없습니다. --format aegis나 --format uris로 내보내세요.

## 가져온 계정에 대한 안내

transfer-remark-assumed-sha1 = 파일에 알고리즘이 없어 SHA1로 간주했습니다.
transfer-remark-assumed-six-digits = 파일에 자릿수가 없어 6자리로 간주했습니다.
transfer-remark-assumed-counter-zero = 파일에 카운터가 없어 0으로 간주했습니다.
transfer-remark-assumed-period = 파일에 주기가 없어 30초로 간주했습니다.
transfer-remark-assumed-totp = 파일에 코드 종류가 없어 시간 기반 코드(TOTP)로 간주했습니다.
transfer-remark-google-period = Google Authenticator 내보내기에는 주기가 기록되지 않으므로, Google Authenticator가 쓰는 유일한 주기인 30초로 간주했습니다.
transfer-remark-google-missing-codes = Google Authenticator 내보내기의 QR 코드 { $size }개 중 { $read_count }개만 읽었습니다(읽은 번호: { $read }). 빠진 QR 코드 { $missing_count }개(번호: { $missing })에 있는 { -account }은 가져오지 않았습니다. 빠진 코드도 스캔하거나 다시 내보내세요.
transfer-code-numbers-more = { $numbers } 외 { $more }개
transfer-remark-freeotp-counter = FreeOTP+에 저장된 카운터({ $stored })는 링크에 있던 카운터보다 1 작습니다(FreeOTP+는 그렇게 셉니다). 서비스가 기대하는 첫 코드인 0으로 읽었습니다.
transfer-remark-issuer-mismatch = 링크 이름의 발급자("{ $label }")와 issuer= 매개변수의 발급자("{ $parameter }")가 다릅니다. 발급자는 issuer= 매개변수 값("{ $parameter }")을 따랐습니다.
transfer-remark-counter-ignored = 시간 기반 코드(totp) 링크인데 counter= 매개변수가 있어 카운터를 무시했습니다.
transfer-remark-period-ignored = 카운터 기반 코드(hotp) 링크인데 period= 매개변수가 있어 주기를 무시했습니다.
transfer-remark-assumed-totp-defaults = 파일에 비밀 키만 있어서, 이 파일을 만든 앱과 같이 SHA1을 쓰는 30초 주기 6자리 시간 기반 코드(TOTP)로 간주했습니다.
transfer-remark-freeotp-backup-counter = FreeOTP 백업에는 토큰을 추가하거나 마지막으로 이름을 바꿀 때의 카운터가 들어 있고, 그 뒤에 올라간 카운터는 들어 있지 않습니다. 그 뒤로 코드를 쓴 적이 있다면 서비스는 더 큰 카운터를 기대할 수 있습니다.
transfer-remark-bitwarden-hotp = Bitwarden은 이 카운터 기반(hotp) 링크로도 시간 기반 코드를 만들지만, { -product }는 링크에 적힌 대로 카운터 기반으로 가져왔습니다. 그래서 코드가 Bitwarden에 보이던 것과 다릅니다.

## 이미지에서 QR 코드를 얻지 못한 까닭, 텍스트가 QR 코드에 들어가지 않는 까닭

transfer-qr-not-an-image = PNG나 JPEG 이미지 파일이 아닙니다. QR 코드를 PNG나 JPEG로 저장한 뒤(스크린샷도 됩니다) 다시 시도하세요.
transfer-qr-damaged = 이미지가 손상되었거나 { -product }가 읽지 못하는 방식으로 저장되었습니다({ $detail }). QR 코드 스크린샷을 새로 찍어 PNG로 저장하세요.
transfer-qr-too-large = 이미지가 { $width }×{ $height } 픽셀로, { -product }가 읽을 수 있는 크기(최대 { $max }×{ $max }, 디코딩 시 { $mib } MiB)보다 큽니다. QR 코드 부분만 잘라 내거나 더 작은 스크린샷을 찍으세요.
transfer-qr-file-too-large = 파일이 { $mib } MiB보다 커서 QR 코드 이미지로 보기에는 너무 큽니다. QR 코드 부분만 잘라 PNG나 JPEG로 저장하세요.
transfer-qr-no-qr-code = 이미지에서 QR 코드를 찾지 못했습니다. 코드 전체가 선명하게 보이는지 확인하고(이미지에 다른 것이 많으면 코드 부분만 잘라 내세요) 다시 시도하세요.
transfer-qr-unreadable = QR 코드는 찾았지만 읽지 못했습니다(흐리거나 손상되었거나 일부가 가려졌을 수 있습니다). 코드 전체를 더 선명하게 찍어 다시 시도하세요.
transfer-qr-too-slow = 이미지에서 QR 코드를 찾는 데 시간이 너무 오래 걸렸습니다(이미지가 크고 복잡합니다). QR 코드 부분만 잘라 다시 시도하세요.
transfer-qr-not-text = QR 코드에 텍스트가 들어 있지 않아(UTF-8이 아닙니다) otpauth:// 링크가 아닙니다. 서비스가 인증 앱용으로 보여 주는 코드인지 확인하세요.
transfer-qr-too-long = 텍스트가 { $bytes }바이트로 QR 코드에 담기에는 너무 깁니다. { -account }의 이름이나 발급자를 줄인 뒤(otp rename) 다시 시도하세요.
