SELECT uuid, display_name, handle, email, cognito_user_id, created_at
FROM users
WHERE cognito_user_id = :cognitoUserId
