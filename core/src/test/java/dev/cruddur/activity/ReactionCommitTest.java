package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A like or repost commits without waiting for the WAL flush, so that a hot crud's row lock is not
 * held through one; and that choice belongs to that one statement only: whatever the same pooled
 * connection runs next (a post, a reply, a follow) waits for the flush again.
 */
class ReactionCommitTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());

    private Handle handle;
    private UUID reader;
    private UUID crud;

    @BeforeEach
    void oneCrudAndAWitness() {
        handle = db.jdbi().open();
        // The test database skips flushes for speed; this connection commits as production does.
        handle.execute("SET synchronous_commit = on");
        handle.execute("TRUNCATE users, activities CASCADE");
        reader = data.user("reader");
        crud = data.crud(data.user("author"), "a crud to like", Duration.ofMinutes(1));
        // What the setting is while a mark is written, seen from inside the statement.
        handle.execute("""
                CREATE TABLE commit_modes (kind text, synchronous_commit text);
                CREATE FUNCTION note_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO commit_modes VALUES (TG_OP, current_setting('synchronous_commit'));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER note_commit_mode AFTER INSERT OR DELETE ON reactions
                    FOR EACH ROW EXECUTE FUNCTION note_commit_mode();""");
    }

    @AfterEach
    void removeTheWitness() {
        handle.execute("DROP TABLE commit_modes; DROP FUNCTION note_commit_mode() CASCADE");
        handle.close();
    }

    @Test
    void addingAndRemovingAMarkDoNotWaitForTheFlush() {
        ActivityDao dao = new ActivityDao(handle);
        assertThat(dao.changeMarks(crud, List.of(new Mark(reader, Reaction.LIKE, true)))).containsKey(reader);
        assertThat(dao.changeMarks(crud, List.of(new Mark(reader, Reaction.LIKE, false)))).containsKey(reader);
        assertThat(handle.createQuery("SELECT kind || ' ' || synchronous_commit FROM commit_modes ORDER BY 1")
                .mapTo(String.class).list())
                .containsExactly("DELETE off", "INSERT off");
    }

    @Test
    void theConnectionWaitsForTheFlushAgainAfterwards() {
        ActivityDao dao = new ActivityDao(handle);
        dao.changeMarks(crud, List.of(new Mark(reader, Reaction.REPOST, true)));
        assertThat(synchronousCommit()).isEqualTo("on");
        dao.changeMarks(crud, List.of(new Mark(reader, Reaction.REPOST, false)));
        assertThat(synchronousCommit()).isEqualTo("on");
    }

    private String synchronousCommit() {
        return handle.createQuery("SHOW synchronous_commit").mapTo(String.class).one();
    }
}
