# 제품 전체에서 함께 쓰는 용어입니다. 기관 안내문과 AnyOTP·i-ONE PASS 설명서가 쓰는
# 말을 그대로 따릅니다: 고객코드, 기관코드, 아이디, 인증코드(등록할 때 한 번 쓰는 코드),
# 발급코드, OTP 번호(로그인할 때 입력하는 일회용 번호), 비밀번호(앱 PIN), 2차인증.

-product = otp
-server-product = otpd
-customer-code = 고객코드
-agency-code = 기관코드
-user-id = 아이디
-activation-code = 인증코드
-issuance-code = 발급코드
-one-time-code = OTP 번호
-pin = 비밀번호
-second-factor = 2차인증
-vault = 보관함
-account = 계정
-agent = 에이전트
-token = 토큰
-organisation = 기관
-administrator = 관리자
-config-file = 설정 파일
-backup = 백업
