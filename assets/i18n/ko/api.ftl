# api messages (ko). Ids start with "api-".

# 프로토콜 오류 코드: 무슨 일이 있었는지와 할 일. otp는 코드 뒤에("SE3010: …"), otpd는
# JSON 오류에 싣습니다. 전체 화면에도 나오므로 명령줄 옵션은 쓰지 않습니다.

api-ce1001 = 등록되지 않은 { -customer-code }입니다. 기관에서 안내받은 { -customer-code }를 확인하거나 { -administrator }에게 문의하세요.
api-ce1002 = 입력한 값의 형식이 맞지 않습니다. { -customer-code }, { -user-id }, { -activation-code }를 확인한 뒤 다시 시도하세요.
api-ce2001 = 서버와의 보안 연결(https)을 확인할 수 없습니다. 서버 주소가 https://로 시작하는지 확인하고, 기관이 자체 인증서(CA)를 쓰는지 { -administrator }에게 문의하세요.
api-ce2002 = 서버의 증명이 확인되지 않아 아무것도 추가하지 않았습니다. { -activation-code }를 발급한 서버가 아니거나 전송 중에 데이터가 바뀌었습니다. 다시 시도하고, 계속되면 { -administrator }에게 알려 주세요.
api-se3005 = 이 { -user-id }로 발급된 OTP가 없습니다. { -user-id }를 기관에 등록된 그대로 입력했는지 확인하거나, { -administrator }에게 { -activation-code } 발급을 요청하세요.
api-se3010 = { -activation-code }가 맞지 않습니다. 틀렸거나 유효기간이 지났거나 이미 사용한 코드입니다(5번 틀리면 더 쓸 수 없습니다). { -activation-code }는 기관 이메일로 받은 6자리 등록용 코드로, 등록할 때 한 번만 쓰며 로그인할 때 입력하는 { -one-time-code }가 아닙니다. 코드를 확인하거나 { -administrator }에게 새 { -activation-code }를 요청하세요.
api-se3020 = 등록 시간이 지나 세션이 만료되었습니다. 처음부터 다시 등록하세요.
api-se4001 = { -one-time-code }가 틀렸습니다. 지금 앱에 표시된 번호를 입력하세요(연속 5번 틀리면 { -token }이 잠깁니다).
api-se4002 = 이미 사용한 { -one-time-code }입니다. 다음 번호가 나오면 다시 입력하세요.
api-se4003 = { -one-time-code }를 연속 5번 틀려 { -token }이 잠겼습니다. { -administrator }에게 잠금 해제를 요청하세요.
api-se4004 = 이 { -user-id }에는 사용 중인 { -token }이 없습니다. { -customer-code }로 등록하거나 { -administrator }에게 { -activation-code }를 요청하세요.
api-se5001 = 유효한 API 키가 필요합니다. { -server-product } { -administrator }에게 API 키를 요청하세요(`otpd client add`).
api-se5002 = 메트릭을 보려면 메트릭 토큰이 필요합니다. Authorization: Bearer <토큰> 헤더로 보내세요({ -server-product } { -administrator }에게 토큰을 요청하세요).
api-se5403 = 메트릭은 { -server-product }가 실행되는 컴퓨터에서만 볼 수 있습니다. 그 컴퓨터에서 수집하거나, { -server-product } { -administrator }에게 메트릭 토큰 설정을 요청하세요.
api-se5029 = 이 주소에서 요청이 너무 많습니다. 잠시 후 다시 시도하세요.
api-se5000 = 서버가 요청을 처리하지 못했습니다. 잠시 후 다시 시도하고, 계속되면 { -administrator }에게 알려 주세요.

## 이슈 14, otpd의 데이터: JSON 요청은 JSON이라고 밝혀야 합니다 (CE1003, HTTP 415)

api-ce1003 = 요청 본문이 JSON으로 표시되어 있지 않습니다. Content-Type: application/json 헤더를 붙여 보내세요.

## otpd 연결과 거절(이슈 14, 8·9번): otpd의 HTTP 계층이 읽을 수 없거나 너무 느리게
## 도착한 요청에 주는 답.
api-se5400 = 서버가 요청을 읽을 수 없습니다. 올바른 HTTP 요청이 아닙니다. 요청을 보내는 프로그램이나 프록시를 확인한 뒤 다시 시도하세요.
api-se5408 = 요청 본문이 제시간에 도착하지 않아 연결을 끊었습니다. 네트워크를 확인한 뒤 다시 시도하세요.
api-se5414 = 요청 주소(경로)가 너무 길어 서버가 처리할 수 없습니다. 주소를 확인한 뒤 다시 시도하세요.
api-se5431 = 요청 헤더가 너무 많거나 너무 커서 서버가 처리할 수 없습니다. 헤더를 줄이거나 짧게 해서 다시 시도하세요.

## Push approvals (issue 12): a login approved on the device, with number matching
api-se7001 = 이 { -user-id }에는 인증요청을 받을 기기가 등록되어 있지 않습니다. 최신 otp로 다시 등록하거나, 기기에서 otp push register를 실행하세요.
api-se7002 = 인증요청이 응답 전에 만료되었습니다. 로그인을 다시 시작해 새 요청을 받으세요.
api-se7003 = 이미 응답한 인증요청입니다. 응답은 한 번만 유효합니다. 직접 응답하지 않았다면 로그인을 다시 시작하세요.
api-se7004 = 선택한 번호가 로그인 화면의 번호와 다르므로 요청이 거부되었습니다. 로그인을 다시 시작하고 화면에 보이는 번호를 선택하세요.
api-se7005 = 본인이 아니라고 거부한 로그인 때문에 이 { -user-id }의 인증요청이 잠겼습니다. { -administrator }에게 잠금 해제(otpd unlock)를 요청하세요.
api-se7006 = 이 { -user-id }에 대기 중인 인증요청이 너무 많습니다. 응답하거나 만료되기를 기다린 뒤 다시 시도하세요.
api-se7007 = 서버에 이런 인증요청이 없습니다({ -customer-code } 기준). 요청 번호를 확인하세요.
api-se7008 = 기기 서명을 확인하지 못했습니다. 이 기기는 이 { -user-id }에 등록된 기기가 아닙니다. 이 기기를 다시 등록하거나 등록된 기기를 사용하세요.
