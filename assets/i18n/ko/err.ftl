# err messages (ko). Ids start with "err-".

