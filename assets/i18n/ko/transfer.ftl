# transfer messages (ko). Ids start with "transfer-".

