# enroll messages (en). Ids start with "enroll-".
#
# Customer-code enrollment: why it failed (said by otp's command line and its
# full-screen interface alike, so no command-line flags outside enroll-cli-*), and
# what `otp add --customer` asks and says.

## A protocol error: the code as it is, then what happened and what to do.

enroll-error-with-code = { $code }: { $sentence }
enroll-error-with-detail = { $code }: { $sentence } ({ $detail })
# SE3010 when the server says how many wrong tries the code has left ($left).
enroll-wrong-activation = { $code }: the { -activation-code } is wrong; { $left ->
    [0] that was its last try, so it no longer works. Ask your { -administrator } for a new one
    [one] { $left } try left before it stops working. It is the 6-digit code from your { -organisation }'s email, not a { -one-time-code }
   *[other] { $left } tries left before it stops working. It is the 6-digit code from your { -organisation }'s email, not a { -one-time-code }
}

## What exactly the client found wrong (shown in brackets after a CE sentence).

enroll-detail-customer-form = a { -customer-code } has 4 to 8 letters and digits
# $digits: how many digits the organisation's activation codes have (5 to 8).
enroll-detail-activation-form = the { -activation-code } has { $digits } digits
enroll-detail-answer-form = the server's answer is not in the expected form
enroll-detail-not-otpd = the server answered HTTP { $status } without an error code; check that it is your { -organisation }'s { -server-product } server
enroll-detail-request-encoding = the request could not be encoded
enroll-detail-randomness = no random numbers: { $reason }
enroll-detail-other-session = the server answered for another session or protocol
enroll-detail-pake-message = the server's key-exchange message is malformed
enroll-detail-proof = the server's proof is wrong
enroll-detail-sealed-secret = the sealed secret does not open
enroll-detail-algorithm = the server sent an unknown algorithm
enroll-detail-digits = the server sent an unsupported number of digits
enroll-detail-period = the server sent an unsupported period
enroll-detail-account = the server sent an unusable account
enroll-detail-not-time-based = the account is not time-based
enroll-detail-tls = TLS: { $reason }
enroll-detail-not-https = { $address } is not an https:// address
enroll-detail-bad-address = { $address } is not a usable server address
enroll-detail-plain-http = plain http to { $host } would show the enrollment to the network; use https://

## Failures without a protocol code.

enroll-unreachable = cannot reach the enrollment server at { $url } ({ $reason }); check the address and your network, then try again
enroll-not-configured = no server is known for { -customer-code } { $customer }: check the { -customer-code } your { -organisation } gave you. If it is right, write the server address your { -administrator } gives you into the { -config-file } { $path }, under [customers]: { $customer } = "https://..."
enroll-rate-limited = { $code }: too many requests from this address; wait { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
} and try again
enroll-ca-cert-unreadable = cannot read the CA certificate { $path } ({ $reason }); check the path of the file your { -administrator } gave you
enroll-ca-cert-not-pem = { $path } is not a PEM certificate ({ $reason }); use the CA certificate file your { -administrator } gave you
enroll-ca-cert-too-large = { $path } is larger than { $max } bytes, too large for a CA certificate; use the CA certificate file your { -administrator } gave you
enroll-ca-cert-saved-invalid = the CA certificate saved for { $server } is not a valid PEM certificate ({ $reason }); add the account again with the CA certificate file your { -administrator } gave you
enroll-save = the account could not be saved in the { -vault } ({ $reason }), so nothing was added and the { -token } was not activated. The server had already accepted the { -activation-code }, so it is used up: ask your { -administrator } for a new one
enroll-not-rolled-back = { $activation } The account { $label } was saved in the { -vault } but the server did not activate it, and taking it out again failed ({ $reason }): its codes will not work, so delete it.

## otp add --customer (the command line only).

# The prompts end with a space the code adds.
enroll-cli-prompt-id = Your { -user-id } at { $organisation }:
# $digits: how many digits the organisation's activation codes have (5 to 8).
enroll-cli-prompt-activation = { -activation-code } (the { $digits } digits your { -organisation } gave you, not a { -one-time-code }):
enroll-cli-what-id = the { -user-id }
enroll-cli-what-activation = the { -activation-code }
enroll-cli-organisation = { -customer-code } { $customer }: { $organisation } ({ $server })
enroll-cli-enrolled = { $replaced ->
    [yes] Added { $label } ({ $summary }); the { -token } is active. Your previous device's { -token } no longer works.
   *[no] Added { $label } ({ $summary }); the { -token } is active.
}
enroll-cli-remove-unactivated = { $label } was saved in the { -vault } but the server did not activate it, and removing it again failed ({ $reason }); its codes will not work: remove it with { $command }
# An error, then on the next line what the command line can do about it.
enroll-cli-with-hint =
    { $error }
    { $hint }
enroll-cli-hint-server = If you know the server's address, you can also give it for this one enrollment: otp add --customer { $customer } --server https://...
enroll-cli-hint-ca-cert = If your { -organisation } uses its own certificate authority, give its certificate with --ca-cert FILE.

## Push approvals (otp approve, otp deny, otp push register)

# $reason: why (the agent's or the system's words).
enroll-push-sign-failed = the device key could not sign ({ $reason })
# $label: the account; $user: the ID at the organisation; $service, $address,
# $text: what the login page said (or enroll-push-unknown); $seconds: seconds left;
# $id: the request id; $numbers: "[1] 47   [2] 12   [3] 90".
enroll-push-request =
    Login request for { $label } ({ -user-id } { $user })
      service: { $service }
      from: { $address }
      details: { $text }
      expires in { $seconds } s (request { $id })
    Which number does the login page show?   { $numbers }
enroll-push-unknown = (not given)
enroll-push-prompt = Number (1, 2, 3, or d if this login is not yours):
enroll-push-what-choice = the number
enroll-push-choice-again = Type 1, 2 or 3, the number itself, or d if this login is not yours.
# $state: approved, denied, expired or pending; $service: the service (may be empty).
enroll-push-outcome = { $state ->
    [approved] Approved: the login to { $service } goes on.
    [denied] Denied: the login was refused.
   *[other] The request is { $state }.
}
# $seconds: how long otp waits.
enroll-push-waiting = Waiting up to { $seconds } s for a login request…
# $label: the account; $error: why its poll failed.
enroll-push-poll-failed = could not ask for { $label }'s requests: { $error }
# $label: the account.
enroll-push-registered = { $label } now answers approval requests (otp approve) with this device's key.
