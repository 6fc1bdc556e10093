
set edit:completion:arg-completer[otp] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) OTP_COMPLETE="elvish" otp -- $@words) | to-lines
}

