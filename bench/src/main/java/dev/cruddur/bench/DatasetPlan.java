package dev.cruddur.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The shape of a dataset, decided before a single row is written: who exists, which cruds exist
 * and when they expire, and which crud every reply answers. Replies are decided first so that each
 * crud's {@code replies_count} is known when it is written, and equals the replies that point at it.
 * Texts are not kept here: they are made while the rows stream out.
 *
 * <p>Times are microseconds since the epoch, PostgreSQL's own resolution.
 */
final class DatasetPlan {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long HOUR = 3_600L * MICROS_PER_SECOND;
    private static final long DAY = 24 * HOUR;
    /** Cruds are spread over the past four weeks. */
    static final long SPREAD = 28 * DAY;
    /** Every visible crud outlives the plan by at least this, so none expires during a benchmark run. */
    static final long VISIBLE_MARGIN = DAY;

    // The TTLs the API offers (dev.cruddur.activity.Ttl), longest first.
    private static final long[] TTLS = {30 * DAY, 7 * DAY, 3 * DAY, DAY, 12 * HOUR, 3 * HOUR, HOUR};

    final GeneratorOptions options;
    final long now;

    final UUID[] users;
    final long usersCreatedAt;

    final UUID[] cruds;
    final int[] crudAuthor;
    final long[] crudCreatedAt;
    final long[] crudExpiresAt;
    final int[] crudReplies;
    /** The crud most replies go to; always visible. -1 when there are no cruds. */
    final int hotCrud;

    final UUID[] replies;
    final int[] replyParent;
    final int[] replyAuthor;
    final long[] replyCreatedAt;

    private DatasetPlan(GeneratorOptions options, long now) {
        this.options = options;
        this.now = now;
        int userCount = options.users();
        int crudCount = options.cruds();
        int replyCount = options.replies();
        users = new UUID[userCount];
        cruds = new UUID[crudCount];
        crudAuthor = new int[crudCount];
        crudCreatedAt = new long[crudCount];
        crudExpiresAt = new long[crudCount];
        crudReplies = new int[crudCount];
        replies = new UUID[replyCount];
        replyParent = new int[replyCount];
        replyAuthor = new int[replyCount];
        replyCreatedAt = new long[replyCount];
        usersCreatedAt = now - SPREAD - 7 * DAY;
        hotCrud = firstVisible(crudCount, options.expiredShare());
    }

    static DatasetPlan plan(GeneratorOptions options, long nowMicros) {
        DatasetPlan plan = new DatasetPlan(options, nowMicros);
        SplittableRandom random = new SplittableRandom(options.seed());
        plan.planUsers(random);
        plan.planCruds(random);
        plan.planReplies(random);
        return plan;
    }

    boolean expired(int crud) {
        return crud != hotCrud && GeneratorOptions.selects(crud, options.expiredShare());
    }

    boolean tagged(int crud) {
        return GeneratorOptions.selects(crud, options.hashtagShare());
    }

    /**
     * The known hashtags crud {@code crud} carries, each in its share of the cruds. The rare and
     * the common one are counted from the next crud on: {@link #expired} selects every 20th crud
     * from the 20th, which would otherwise be every one of the rare tag's (each 50,000th) and a
     * quarter of the common tag's (each 5th). Shifted, none of theirs has expired.
     */
    List<String> hashtags(int crud) {
        List<String> tags = new ArrayList<>(3);
        if (GeneratorOptions.selects(crud + 1, GeneratorOptions.RARE_HASHTAG_SHARE)) {
            tags.add(GeneratorOptions.RARE_HASHTAG);
        }
        if (tagged(crud)) {
            tags.add(GeneratorOptions.HASHTAG);
        }
        if (GeneratorOptions.selects(crud + 1, GeneratorOptions.COMMON_HASHTAG_SHARE)) {
            tags.add(GeneratorOptions.COMMON_HASHTAG);
        }
        return tags;
    }

    private void planUsers(SplittableRandom random) {
        for (int i = 0; i < users.length; i++) {
            users[i] = randomUuid(random);
        }
    }

    private void planCruds(SplittableRandom random) {
        for (int i = 0; i < cruds.length; i++) {
            cruds[i] = randomUuid(random);
            crudAuthor[i] = random.nextInt(users.length);
            long age;
            long ttl;
            if (i == hotCrud) {
                // Recent, so its thread is on the first page of the home feed too.
                age = random.nextLong(HOUR);
                ttl = TTLS[0];
            } else if (expired(i)) {
                ttl = TTLS[random.nextInt(TTLS.length)];
                // Expired between a minute and a week ago.
                age = ttl + 60 * MICROS_PER_SECOND + random.nextLong(7 * DAY);
            } else {
                age = random.nextLong(SPREAD);
                ttl = visibleTtl(random, age);
            }
            crudCreatedAt[i] = now - age;
            crudExpiresAt[i] = crudCreatedAt[i] + ttl;
        }
    }

    /** A TTL that keeps a crud of this age visible for at least {@link #VISIBLE_MARGIN} more. */
    private static long visibleTtl(SplittableRandom random, long age) {
        int usable = 0;
        while (usable < TTLS.length && TTLS[usable] > age + VISIBLE_MARGIN) {
            usable++;
        }
        return TTLS[random.nextInt(usable)];
    }

    private void planReplies(SplittableRandom random) {
        for (int i = 0; i < replies.length; i++) {
            int parent = random.nextDouble() < options.hotReplyShare() ? hotCrud : random.nextInt(cruds.length);
            replies[i] = randomUuid(random);
            replyParent[i] = parent;
            replyAuthor[i] = random.nextInt(users.length);
            // After its parent, before now and before the parent (and so the reply) expires.
            long start = crudCreatedAt[parent];
            long end = Math.min(now, crudExpiresAt[parent]);
            replyCreatedAt[i] = start + (long) (random.nextDouble() * (end - start));
            crudReplies[parent]++;
        }
    }

    private static int firstVisible(int crudCount, double expiredShare) {
        for (int i = 0; i < crudCount; i++) {
            if (!GeneratorOptions.selects(i, expiredShare)) {
                return i;
            }
        }
        return crudCount == 0 ? -1 : 0;
    }

    /** A version-4 UUID from the seeded generator, so a seed always gives the same ids. */
    static UUID randomUuid(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
