# otpd messages (ko). Ids start with "otpd-".

