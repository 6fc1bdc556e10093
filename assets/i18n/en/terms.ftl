# The product's vocabulary, shared by every catalogue file of this language.
# Terms only (names starting with "-"); a message that uses one writes { -term }.
# Korean follows the organisations' own manuals: see ko/terms.ftl.

-product = otp
-server-product = otpd
-customer-code = customer code
-agency-code = agency code
-user-id = ID
-activation-code = activation code
-issuance-code = issuance code
-one-time-code = one-time code
-pin = PIN
-second-factor = second factor
-vault = vault
-account = account
-agent = agent
-token = token
-organisation = organisation
-administrator = administrator
-config-file = config file
-backup = backup
