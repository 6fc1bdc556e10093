# cli messages (en). Ids start with "cli-".

