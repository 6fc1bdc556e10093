# err messages (en). Ids start with "err-".

