# enroll messages (en). Ids start with "enroll-".

