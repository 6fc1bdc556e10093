# enroll messages (ko). Ids start with "enroll-".
#
# 고객코드 등록: 실패한 이유(명령줄과 전체 화면에 똑같이 나오므로 enroll-cli-* 밖에서는
# 명령줄 옵션을 말하지 않습니다)와 `otp add --customer`가 묻고 알리는 말.

## 프로토콜 오류: 코드는 그대로, 그 뒤에 무슨 일인지와 할 일.

enroll-error-with-code = { $code }: { $sentence }
enroll-error-with-detail = { $code }: { $sentence } ({ $detail })
# 서버가 인증코드에 남은 시도 횟수($left)를 알려 줄 때의 SE3010.
enroll-wrong-activation = { $code }: { -activation-code }가 틀렸습니다. { $left ->
    [0] 마지막 시도였으므로 이 { -activation-code }는 더 쓸 수 없습니다. { -administrator }에게 새 { -activation-code }를 요청하세요.
   *[other] { $left }번 더 틀리면 더 쓸 수 없습니다. 기관 이메일로 받은 6자리 등록용 코드이며, 로그인할 때 입력하는 { -one-time-code }가 아닙니다.
}

## 클라이언트가 찾은 문제(CE 문장 뒤 괄호 안).

enroll-detail-customer-form = { -customer-code }는 영문자와 숫자 4~8자입니다
# $digits: how many digits the organisation's activation codes have (5 to 8).
enroll-detail-activation-form = { -activation-code }는 { $digits }자리 숫자입니다
enroll-detail-answer-form = 서버의 응답 형식이 맞지 않습니다
enroll-detail-not-otpd = 서버가 오류 코드 없이 HTTP { $status }로 응답했습니다. 기관의 { -server-product } 서버 주소가 맞는지 확인하세요
enroll-detail-request-encoding = 요청을 만들 수 없습니다
enroll-detail-randomness = 난수를 만들 수 없습니다: { $reason }
enroll-detail-other-session = 서버가 다른 세션이나 프로토콜로 응답했습니다
enroll-detail-pake-message = 서버의 키 교환 메시지가 올바르지 않습니다
enroll-detail-proof = 서버의 증명이 틀렸습니다
enroll-detail-sealed-secret = 암호화된 비밀키를 열 수 없습니다
enroll-detail-algorithm = 서버가 알 수 없는 알고리즘을 보냈습니다
enroll-detail-digits = 서버가 지원하지 않는 자릿수를 보냈습니다
enroll-detail-period = 서버가 지원하지 않는 주기를 보냈습니다
enroll-detail-account = 서버가 사용할 수 없는 계정 정보를 보냈습니다
enroll-detail-not-time-based = 시간 기반(TOTP) 계정이 아닙니다
enroll-detail-tls = TLS: { $reason }
enroll-detail-not-https = { $address }: https:// 주소가 아닙니다
enroll-detail-bad-address = { $address }: 사용할 수 있는 서버 주소가 아닙니다
enroll-detail-plain-http = { $host }에 암호화되지 않은 http로 연결하면 등록 내용이 네트워크에 드러납니다. https://를 사용하세요

## 프로토콜 코드가 없는 실패.

enroll-unreachable = 등록 서버 { $url }에 연결할 수 없습니다({ $reason }). 주소와 네트워크 연결을 확인한 뒤 다시 시도하세요.
enroll-not-configured = { -customer-code } { $customer }에 연결할 서버를 찾지 못했습니다. 기관에서 안내받은 { -customer-code }가 맞는지 확인하세요. 맞다면 { -administrator }가 알려 준 서버 주소를 { -config-file } { $path }의 [customers] 아래에 { $customer } = "https://..." 형식으로 적으세요.
enroll-rate-limited = { $code }: 이 주소에서 요청이 너무 많습니다. { $seconds }초 뒤에 다시 시도하세요.
enroll-ca-cert-unreadable = CA 인증서 파일을 읽을 수 없습니다: { $path } ({ $reason }). { -administrator }가 준 파일의 경로를 확인하세요.
enroll-ca-cert-not-pem = { $path } 파일은 PEM 형식의 인증서가 아닙니다({ $reason }). { -administrator }가 준 CA 인증서 파일을 사용하세요.
enroll-ca-cert-too-large = { $path } 파일이 { $max }바이트보다 커서 CA 인증서로 볼 수 없습니다. { -administrator }가 준 CA 인증서 파일을 사용하세요.
enroll-ca-cert-saved-invalid = { $server } 서버용으로 저장된 CA 인증서가 올바른 PEM 인증서가 아닙니다({ $reason }). { -administrator }가 준 CA 인증서 파일로 계정을 다시 추가하세요.
enroll-save = 계정을 { -vault }에 저장하지 못해({ $reason }) 아무것도 추가하지 않았고 { -token }도 활성화하지 않았습니다. 서버가 이미 { -activation-code }를 받아들였으므로 이 코드는 더 쓸 수 없습니다. { -administrator }에게 새 { -activation-code }를 요청하세요.
enroll-not-rolled-back = { $activation } { $label } 계정은 { -vault }에 저장되었지만 서버가 활성화하지 않았고, 다시 지우는 데도 실패했습니다({ $reason }). 이 계정의 OTP 번호는 쓸 수 없으니 지우세요.

## otp add --customer (명령줄에서만).

# 입력 안내 뒤의 빈칸은 코드가 붙입니다.
enroll-cli-prompt-id = { $organisation } { -user-id }:
# $digits: how many digits the organisation's activation codes have (5 to 8).
enroll-cli-prompt-activation = { -activation-code }({ $digits }자리, 기관에서 받은 등록용 코드이며 { -one-time-code }가 아닙니다):
enroll-cli-what-id = { -user-id }
enroll-cli-what-activation = { -activation-code }
enroll-cli-organisation = { -customer-code } { $customer }: { $organisation } ({ $server })
enroll-cli-enrolled = { $replaced ->
    [yes] 계정을 추가했습니다: { $label } ({ $summary }). { -token }이 활성화되었습니다. 이전 기기의 { -token }은 더 이상 쓸 수 없습니다.
   *[no] 계정을 추가했습니다: { $label } ({ $summary }). { -token }이 활성화되었습니다.
}
enroll-cli-remove-unactivated = { $label } 계정은 { -vault }에 저장되었지만 서버가 활성화하지 않았고, 다시 지우는 데도 실패했습니다({ $reason }). 이 계정의 OTP 번호는 쓸 수 없으니 { $command } 명령으로 지우세요.
# 오류, 그리고 다음 줄에 명령줄에서 할 수 있는 일.
enroll-cli-with-hint =
    { $error }
    { $hint }
enroll-cli-hint-server = 서버 주소를 알고 있다면 이번 등록에만 직접 지정할 수도 있습니다: otp add --customer { $customer } --server https://...
enroll-cli-hint-ca-cert = 기관이 자체 인증서(CA)를 쓴다면 --ca-cert 파일 옵션으로 그 인증서를 지정하세요.

## Push approvals (otp approve, otp deny, otp push register)

# $reason: why (the agent's or the system's words).
enroll-push-sign-failed = 기기 키로 서명하지 못했습니다. ({ $reason })
# $label: the account; $user: the ID at the organisation; $service, $address,
# $text: what the login page said (or enroll-push-unknown); $seconds: seconds left;
# $id: the request id; $numbers: "[1] 47   [2] 12   [3] 90".
enroll-push-request =
    { $label }({ -user-id } { $user })의 인증요청
      서비스: { $service }
      접속 위치: { $address }
      내용: { $text }
      { $seconds }초 뒤 만료(요청 { $id })
    로그인 화면에 보이는 번호는 무엇입니까?   { $numbers }
enroll-push-unknown = (없음)
enroll-push-prompt = 번호(1, 2, 3, 본인의 로그인이 아니면 d):
enroll-push-what-choice = 번호
enroll-push-choice-again = 1, 2, 3이나 번호 자체를 입력하세요. 본인의 로그인이 아니면 d를 입력하세요.
# $state: approved, denied, expired or pending; $service: the service (may be empty).
enroll-push-outcome = { $state ->
    [approved] 승인했습니다. { $service } 로그인이 진행됩니다.
    [denied] 거부했습니다. 로그인이 거절되었습니다.
   *[other] 요청 상태: { $state }
}
# $seconds: how long otp waits.
enroll-push-waiting = 인증요청을 최대 { $seconds }초 기다립니다…
# $label: the account; $error: why its poll failed.
enroll-push-poll-failed = { $label }의 요청을 확인하지 못했습니다: { $error }
# $label: the account.
enroll-push-registered = 이제 { $label } 계정이 이 기기의 키로 인증요청(otp approve)에 응답합니다.
