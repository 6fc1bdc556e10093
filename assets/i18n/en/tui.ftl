# tui messages (en). Ids start with "tui-".

