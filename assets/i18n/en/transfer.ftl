# transfer messages (en). Ids start with "transfer-".

