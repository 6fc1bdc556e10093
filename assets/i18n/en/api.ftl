# api messages (en). Ids start with "api-".

# The protocol's error codes: what happened and what to do. otp prints them after
# the code ("SE3010: …"), otpd sends them in its JSON errors. No command-line flags
# here: the full-screen interface shows them too.

api-ce1001 = the server does not know this { -customer-code }; check the { -customer-code } your { -organisation } gave you, or ask your { -administrator }
api-ce1002 = the input is not in the expected form; check the { -customer-code }, the { -user-id } and the { -activation-code } and try again
api-ce2001 = the secure (https) connection to the server could not be checked; check that the server address starts with https://, and ask your { -administrator } whether your { -organisation } uses its own certificate authority
api-ce2002 = the server's proof did not verify, so nothing was added: the server is not the one that issued your code, or the data was altered on the way; try again, and tell your { -administrator } if it keeps happening
api-se3005 = no token has been issued to this { -user-id }; check the { -user-id } (as your { -organisation } spells it), or ask your { -administrator } to issue an { -activation-code } for it
api-se3010 = the { -activation-code } did not work: it is wrong, has expired or was already used (5 wrong tries use it up). It is the 6-digit code from your { -organisation }'s email, used once to enroll, not a { -one-time-code }; check it, or ask your { -administrator } for a new one
api-se3020 = the enrollment took too long and its session expired; start the enrollment again
api-se4001 = the { -one-time-code } is wrong; type the code your authenticator shows now (5 wrong codes in a row lock the { -token })
api-se4002 = this { -one-time-code } was already used; wait for the next code and try again
api-se4003 = the { -token } is locked after 5 wrong codes in a row; ask your { -administrator } to unlock it
api-se4004 = there is no active { -token } for this { -user-id }; enroll with your { -customer-code }, or ask your { -administrator } for an { -activation-code }
api-se5001 = the request needs a valid API key; ask the { -server-product } { -administrator } for one (`otpd client add`)
api-se5002 = the metrics need the metrics token; send it as Authorization: Bearer <token> (ask the { -server-product } { -administrator } for it)
api-se5403 = the metrics are served only to the machine { -server-product } runs on; scrape them from there, or ask the { -server-product } { -administrator } to set a metrics token
api-se5029 = too many requests from this address; wait and try again
api-se5000 = the server failed to handle the request; try again later, and tell your { -administrator } if it keeps happening

## Issue 14, otpd's data: JSON requests must say they are JSON (CE1003, HTTP 415)

api-ce1003 = the request body is not marked as JSON; send it with the header Content-Type: application/json

## otpd connections and refusals (issue 14, items 8 and 9): answers otpd's HTTP
## layer gives to requests it cannot read or that arrive too slowly.
api-se5400 = the server could not read the request: it is not well-formed HTTP; check the program or proxy that sends it, and try again
api-se5408 = the request's body did not arrive in time and the connection was closed; check the network and try again
api-se5414 = the request's address (path) is too long for the server; check the address and try again
api-se5431 = the request's headers are too many or too large for the server; send fewer or shorter headers and try again

## Push approvals (issue 12): a login approved on the device, with number matching
api-se7001 = this { -user-id } has no device registered for approval requests; enroll again with the current otp, or run otp push register on the device
api-se7002 = the approval request expired before it was answered; start the login again to get a new request
api-se7003 = the approval request was already answered, and an answer counts once; start the login again if it was not you who answered
api-se7004 = the number chosen is not the one the login page shows, so the request was denied; start the login again and choose the number on its screen
api-se7005 = approval requests for this { -user-id } are locked after logins were denied as not yours; ask your { -administrator } to unlock them (otpd unlock)
api-se7006 = too many approval requests are already waiting for this { -user-id }; answer or let them expire, then try again
api-se7007 = the server knows no such approval request (for this { -customer-code }); check the request id
api-se7008 = the device's signature did not verify: this device is not the one registered for the { -user-id }; enroll this device again, or use the registered one
