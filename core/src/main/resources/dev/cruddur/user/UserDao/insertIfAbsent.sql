-- Registers a Cognito identity; returns no row when it conflicts with an existing user on any
-- unique index: the same sub (registered already) or the same handle ignoring case (taken).
-- No conflict target on purpose: with only the sub as the target, two concurrent registrations
-- of one person could collide on the handle index first and fail instead of doing nothing.
INSERT INTO users (cognito_user_id, display_name, handle, email)
VALUES (:cognitoUserId, :displayName, :handle, :email)
ON CONFLICT DO NOTHING
RETURNING uuid, display_name, handle, email, cognito_user_id, created_at
