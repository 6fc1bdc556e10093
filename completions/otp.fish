complete --keep-order --exclusive --command otp --arguments "(OTP_COMPLETE=fish otp -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
