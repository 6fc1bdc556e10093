# tui messages (ko). Ids start with "tui-".

