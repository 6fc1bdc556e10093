# cli messages (ko). Ids start with "cli-".

