# common messages (ko). Ids start with "common-".

common-attempts-left = { $count }번 남음

# 계정의 설정을 한 줄로: "TOTP, 30초마다, SHA1, 6자리".
common-summary-totp = TOTP, { $period }초마다, { $algorithm }, { $digits }자리
common-summary-hotp = HOTP, 카운터 { $counter }부터, { $algorithm }, { $digits }자리

# 올림한 시간: "45초", "2분", "1시간".
common-duration-seconds = { $count }초
common-duration-minutes = { $count }분
common-duration-hours = { $count }시간
