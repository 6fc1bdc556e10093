# help messages (en). Ids start with "help-".

