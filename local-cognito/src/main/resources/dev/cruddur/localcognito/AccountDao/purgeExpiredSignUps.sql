-- Sign-ups nobody confirmed, once their latest code has expired and the hold on their handle is
-- over (:holdSeconds after the sign-up, so that wrong guesses, which expire a code early, cannot
-- get someone's pending sign-up deleted). Their email and handle are free again; what belongs to
-- the account (its count of wrong codes) goes with it.
DELETE FROM local_identity_accounts
WHERE NOT confirmed
  AND created_at <= now() - make_interval(secs => :holdSeconds)
  AND (confirmation_code_expires IS NULL OR confirmation_code_expires <= now())
