-- Whether the account's wrong codes have used up its current window.
SELECT EXISTS (
    SELECT 1
    FROM local_identity_code_failures
    WHERE sub = :sub
      AND failures >= :attempts
      AND window_start > now() - make_interval(secs => :windowSeconds)
)
