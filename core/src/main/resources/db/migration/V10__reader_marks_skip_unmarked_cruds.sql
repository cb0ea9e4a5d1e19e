-- A reader's marks on a crud, as before, but asked only of a crud someone has marked: its counts
-- (likes_count + reposts_count, kept exact by the statement that marks it, and read in the same
-- snapshot as the marks) say when nobody has, and then no index is probed. Most cruds and most
-- replies are never liked or reposted, and each probe of reactions_pkey was most of what a
-- signed-in page cost more than the same page read anonymously.
-- A null reader (someone not signed in) or a crud with no marks matches nothing: false, false.
CREATE FUNCTION reader_marks(activity uuid, marks_on_it integer, reader uuid)
    RETURNS TABLE (liked boolean, reposted boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT coalesce(bool_or(r.kind = 'like'), false), coalesce(bool_or(r.kind = 'repost'), false)
    FROM reactions r
    WHERE marks_on_it > 0 AND r.activity_uuid = activity AND r.user_uuid = reader
$$;

-- The two-argument reader_marks stays: a server of the release before, still answering while a
-- new one migrates the database, calls it.
