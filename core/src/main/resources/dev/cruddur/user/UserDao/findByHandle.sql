-- Handles are unique ignoring case (users_handle_lower_key).
SELECT uuid, display_name, handle, email, cognito_user_id, created_at
FROM users
WHERE lower(handle) = lower(:handle)
