-- Registers a Cognito identity; returns no row when that sub is already registered
-- (users_cognito_user_id_key is the conflict target: a taken handle still fails, loudly).
INSERT INTO users (cognito_user_id, display_name, handle, email)
VALUES (:cognitoUserId, :displayName, :handle, :email)
ON CONFLICT (cognito_user_id) DO NOTHING
RETURNING uuid, display_name, handle, email, cognito_user_id, created_at
