-- One more wrong code: counted in the account's window, or as the first of a new window once
-- the last one is over. Returns the count in the window, this one included.
INSERT INTO local_identity_code_failures AS counted (sub, failures, window_start)
VALUES (:sub, 1, now())
ON CONFLICT (sub) DO UPDATE
SET failures = CASE WHEN counted.window_start > now() - make_interval(secs => :windowSeconds)
                    THEN counted.failures + 1 ELSE 1 END,
    window_start = CASE WHEN counted.window_start > now() - make_interval(secs => :windowSeconds)
                        THEN counted.window_start ELSE now() END
RETURNING failures
