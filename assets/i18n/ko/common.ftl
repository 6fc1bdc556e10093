# common messages (ko). Ids start with "common-".

common-attempts-left = { $count }번 남음

# 계정의 설정을 한 줄로: "TOTP, 30초마다, SHA1, 6자리".
common-summary-totp = TOTP, { $period }초마다, { $algorithm }, { $digits }자리
common-summary-hotp = HOTP, 카운터 { $counter }부터, { $algorithm }, { $digits }자리
common-summary-steam = Steam Guard, { $period }초마다, { $algorithm }, { $digits }글자

# 올림한 시간: "45초", "2분", "1시간".
common-duration-seconds = { $count }초
common-duration-minutes = { $count }분
common-duration-hours = { $count }시간

## 이슈 11, 사용자의 언어로 된 이유: 시스템이 파일, 소켓, 파이프 작업을 거부한 이유
## (여러 오류의 $detail / $reason), 그리고 라이브러리가 쓴 그 밖의 정보
## (src/i18n/detail.rs).
common-os-not-found = 그런 파일이나 디렉터리가 없습니다
common-os-permission-denied = 권한이 없습니다
common-os-already-exists = 그 경로에 이미 무언가가 있습니다
common-os-is-a-directory = 파일이 아니라 디렉터리입니다
common-os-not-a-directory = 경로 중간에 디렉터리가 아닌 파일이 있습니다
common-os-directory-not-empty = 디렉터리가 비어 있지 않습니다
common-os-read-only = 읽기 전용 파일 시스템입니다
common-os-storage-full = 디스크가 가득 찼습니다
common-os-quota-exceeded = 디스크 할당량을 다 썼습니다
common-os-file-too-large = 파일이 너무 큽니다
common-os-invalid-filename = 여기서는 쓸 수 없는 파일 이름입니다
common-os-busy = 지금 다른 곳에서 쓰고 있습니다. 잠시 뒤 다시 시도하세요
common-os-timed-out = 너무 오래 걸려 그만두었습니다
common-os-interrupted = 작업이 중단되었습니다
common-os-connection-refused = 연결이 거부되었습니다(그 주소에서 기다리는 곳이 없습니다)
common-os-connection-cut = 연결이 끊겼습니다
common-os-not-connected = 연결되어 있지 않습니다
common-os-broken-pipe = 읽는 쪽이 끊겼습니다
common-os-address-in-use = 그 주소는 이미 쓰이고 있습니다
common-os-address-not-available = 이 컴퓨터에서 쓸 수 없는 주소입니다
common-os-unreachable = 네트워크로 닿을 수 없습니다
common-os-unexpected-end = 데이터가 도중에 끝났습니다
common-os-out-of-memory = 메모리가 부족합니다
# 그 밖의 이유: 시스템이나 라이브러리가 쓴 문구 그대로, 기술 정보라고 밝혀 둡니다.
common-technical-detail = 기술 정보: { $detail }
