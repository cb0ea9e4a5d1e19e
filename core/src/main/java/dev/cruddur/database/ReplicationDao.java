package dev.cruddur.database;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The SQL behind {@link ReplicaRouting}; each method runs the file of the same name in
 * {@code resources/dev/cruddur/database/ReplicationDao/}. A person's write mark is recorded on
 * each of their writes and read on each of their reads, so those are {@link DirectStatement}s.
 */
final class ReplicationDao {

    private static final DirectStatement RECORD_WRITE = sql("recordWrite");
    private static final DirectStatement LAST_WRITE = sql("lastWrite");
    private static final DirectStatement CURRENT_LSN = sql("currentLsn");
    private static final DirectStatement REPLAYED_LSN = sql("replayedLsn");

    private final Handle handle;

    ReplicationDao(Handle handle) {
        this.handle = handle;
    }

    void recordWrite(UUID userUuid) {
        RECORD_WRITE.execute(handle, a -> a.set("userUuid", userUuid));
    }

    Optional<Lsn> lastWrite(UUID userUuid) {
        return LAST_WRITE.findOne(handle, a -> a.set("userUuid", userUuid), rs -> Lsn.parse(rs.getString("lsn")));
    }

    Lsn currentLsn() {
        return CURRENT_LSN.findOne(handle, DirectStatement.NO_ARGUMENTS, rs -> Lsn.parse(rs.getString("lsn"))).orElseThrow();
    }

    /** Empty when the server is not replaying WAL: it is not a replica. */
    Optional<Lsn> replayedLsn() {
        return REPLAYED_LSN.findOne(handle, DirectStatement.NO_ARGUMENTS, rs -> Optional.ofNullable(rs.getString("lsn")))
                .flatMap(lsn -> lsn).map(Lsn::parse);
    }

    private static DirectStatement sql(String name) {
        return DirectStatement.fromFile(ReplicationDao.class, name);
    }
}
