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
# A Steam Guard account's parameters, which Steam fixes.
common-summary-steam = Steam Guard every { $period } s, { $algorithm }, { $digits } characters

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

## Issue 11, reasons in the reader's language: why the system refused a file,
## socket or pipe operation (the $detail / $reason of many errors), and other
## detail a library wrote (src/i18n/detail.rs).
common-os-not-found = no such file or directory
common-os-permission-denied = permission denied
common-os-already-exists = something already exists at that path
common-os-is-a-directory = it is a directory, not a file
common-os-not-a-directory = a part of the path is a file, not a directory
common-os-directory-not-empty = the directory is not empty
common-os-read-only = the file system is read-only
common-os-storage-full = the disk is full
common-os-quota-exceeded = your disk quota is used up
common-os-file-too-large = the file is too large
common-os-invalid-filename = the file name is not valid here
common-os-busy = it is in use right now; try again in a moment
common-os-timed-out = it took too long and was given up
common-os-interrupted = it was interrupted
common-os-connection-refused = the connection was refused (nothing is listening there)
common-os-connection-cut = the connection was cut
common-os-not-connected = there is no connection
common-os-broken-pipe = the reader went away
common-os-address-in-use = the address is already in use
common-os-address-not-available = the address is not available on this machine
common-os-unreachable = the network cannot reach it
common-os-unexpected-end = the data ended too early
common-os-out-of-memory = out of memory
# Any other reason or detail: the system's or a library's own words, marked as such.
common-technical-detail = technical detail: { $detail }
