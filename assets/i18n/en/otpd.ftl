# otpd messages (en). Ids start with "otpd-".

