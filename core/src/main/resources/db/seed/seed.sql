-- The original app's seed data. Idempotent: running it again adds nothing.
INSERT INTO users (display_name, handle, email)
VALUES ('Andrew Brown', 'andrewbrown', 'andrew@exampro.co'),
       ('Andrew Bayko', 'andrewbayko', 'bayko@exampro.co')
ON CONFLICT ((lower(handle))) DO NOTHING;

INSERT INTO activities (user_uuid, message, expires_at)
SELECT u.uuid, 'This was imported as seed data!', now() + interval '10 days'
FROM users u
WHERE lower(u.handle) = 'andrewbrown'
  AND NOT EXISTS (
      SELECT 1 FROM activities a
      WHERE a.user_uuid = u.uuid AND a.message = 'This was imported as seed data!');
