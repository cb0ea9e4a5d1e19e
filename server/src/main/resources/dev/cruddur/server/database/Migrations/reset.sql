-- cruddur db reset: everything in the public schema goes (tables, data, the view, pg_trgm);
-- the migrations then rebuild it.
DROP SCHEMA public CASCADE;
CREATE SCHEMA public;
