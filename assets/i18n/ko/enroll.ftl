# enroll messages (ko). Ids start with "enroll-".

