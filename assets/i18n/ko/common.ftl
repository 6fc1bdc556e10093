# common messages (ko). Ids start with "common-".

common-attempts-left = { $count }번 남음
