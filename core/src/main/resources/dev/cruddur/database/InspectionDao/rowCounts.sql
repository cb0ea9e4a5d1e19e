SELECT (SELECT count(*) FROM users)                                   AS users,
       (SELECT count(*) FROM activities)                              AS activities,
       (SELECT count(*) FROM activities WHERE expires_at > now())     AS visible_activities,
       (SELECT count(*) FROM activities WHERE expires_at <= now())    AS expired_activities
