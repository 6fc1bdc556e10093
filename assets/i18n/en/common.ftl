# common messages (en). Ids start with "common-".

# How many tries are left (the PIN lockout, an activation code).
common-attempts-left = { $count ->
    [one] { $count } attempt left
   *[other] { $count } attempts left
}
