# help messages (ko). Ids start with "help-".

