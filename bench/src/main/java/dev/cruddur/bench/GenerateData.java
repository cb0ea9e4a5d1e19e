package dev.cruddur.bench;

import dev.cruddur.database.DatabaseUrl;
import java.sql.Connection;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Fills the database named by {@code DATABASE_URL} with a generated dataset:
 * {@code java -cp bench/target/cruddur-bench.jar dev.cruddur.bench.GenerateData --users N --activities M [--reset]}.
 * See {@link GeneratorOptions} for the other options.
 */
public final class GenerateData {

    private GenerateData() {
    }

    public static void main(String[] args) throws Exception {
        GeneratorOptions options;
        try {
            options = GeneratorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GenerateData: " + e.getMessage());
            System.err.println("usage: GenerateData --activities M [--users N] [--reset] [--seed S]"
                    + " [--reply-share F] [--expired-share F] [--hashtag-share F] [--hot-reply-share F]"
                    + " [--likes N] [--reposts N] [--follows MIN-MAX] [--light-following N] [--heavy-readers K]"
                    + " [--heavy-following N] [--celebrities K] [--celebrity-reach F] [--notified N] [--quiet N]");
            System.exit(2);
            return;
        }
        DatabaseUrl url = Databases.fromEnvironment(System.getenv());
        long started = System.nanoTime();
        try (Connection connection = Databases.connect(url)) {
            DatasetPlan plan = generate(connection, options, Instant.now(), line -> System.out.println("  " + line));
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("generated %,d users, %,d cruds (%,d expired, %,d with %s, %,d with %s, %,d with %s),"
                            + " %,d replies (%,d to the hot crud %s) in %,d ms%n",
                    plan.users.length, plan.cruds.length, countExpired(plan),
                    countTagged(plan, GeneratorOptions.RARE_HASHTAG), GeneratorOptions.RARE_HASHTAG,
                    countTagged(plan), GeneratorOptions.HASHTAG,
                    countTagged(plan, GeneratorOptions.COMMON_HASHTAG), GeneratorOptions.COMMON_HASHTAG,
                    plan.replies.length, plan.hotCrud < 0 ? 0 : plan.crudReplies[plan.hotCrud],
                    plan.hotCrud < 0 ? "-" : plan.cruds[plan.hotCrud], millis);
            System.out.printf("social: %,d follows, %,d likes, %,d reposts; the light reader follows %,d, the heavy reader %,d%n",
                    plan.followees.length, plan.likeCrud.length, plan.repostCrud.length,
                    plan.users.length > 0 ? plan.following(0) : 0, plan.users.length > 1 ? plan.following(1) : 0);
        }
    }

    /** Plans and writes one dataset on the given connection; {@code now} anchors every timestamp. */
    static DatasetPlan generate(Connection connection, GeneratorOptions options, Instant now,
                                Consumer<String> progress) throws Exception {
        long nowMicros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        DatasetPlan plan = DatasetPlan.plan(options, nowMicros);
        new BulkLoader(connection, progress).load(plan);
        return plan;
    }

    static int countExpired(DatasetPlan plan) {
        int expired = 0;
        for (int i = 0; i < plan.cruds.length; i++) {
            expired += plan.expired(i) ? 1 : 0;
        }
        return expired;
    }

    static int countTagged(DatasetPlan plan) {
        return countTagged(plan, GeneratorOptions.HASHTAG);
    }

    /** The cruds that carry one of the known hashtags. */
    static int countTagged(DatasetPlan plan, String hashtag) {
        int tagged = 0;
        for (int i = 0; i < plan.cruds.length; i++) {
            tagged += plan.hashtags(i).contains(hashtag) ? 1 : 0;
        }
        return tagged;
    }
}
