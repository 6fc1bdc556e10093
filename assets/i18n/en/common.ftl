# common messages (en). Ids start with "common-".

# How many tries are left (the PIN lockout, an activation code).
common-attempts-left = { $count ->
    [one] { $count } attempt left
   *[other] { $count } attempts left
}

# An account's parameters in one line: "TOTP every 30 s, SHA1, 6 digits".
common-summary-totp = TOTP every { $period } s, { $algorithm }, { $digits ->
        [one] { $digits } digit
       *[other] { $digits } digits
    }
common-summary-hotp = HOTP from counter { $counter }, { $algorithm }, { $digits ->
        [one] { $digits } digit
       *[other] { $digits } digits
    }

# A length of time, rounded up: "45 seconds", "2 minutes", "1 hour".
common-duration-seconds = { $count ->
        [one] { $count } second
       *[other] { $count } seconds
    }
common-duration-minutes = { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
common-duration-hours = { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
