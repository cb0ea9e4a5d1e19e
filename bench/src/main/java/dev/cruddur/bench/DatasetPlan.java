package dev.cruddur.bench;

import dev.cruddur.bench.GeneratorOptions.Social;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The shape of a dataset, decided before a single row is written: who exists, which cruds exist
 * and when they expire, and which crud every reply answers. Replies are decided first so that each
 * crud's {@code replies_count} is known when it is written, and equals the replies that point at it.
 * Texts are not kept here: they are made while the rows stream out. The social graph (who follows
 * whom) and the likes and reposts are decided here too, so every count column is known when its
 * row is written and equals the rows it counts.
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
    /** The quiet person's one crud, visible; -1 when there is no quiet person (or no crud for them). */
    int quietCrud = -1;

    final UUID[] replies;
    final int[] replyParent;
    final int[] replyAuthor;
    final long[] replyCreatedAt;

    /** Person {@code i} follows {@code followees[followStart[i]] .. followees[followStart[i + 1] - 1]}. */
    final int[] followStart;
    int[] followees;
    long[] followCreatedAt;
    final int[] followersCount;

    /** Likes and reposts: which crud, by whom, when; and each crud's counts. */
    int[] likeCrud;
    int[] likeUser;
    long[] likeCreatedAt;
    int[] repostCrud;
    int[] repostUser;
    long[] repostCreatedAt;
    final int[] crudLikes;
    final int[] crudReposts;

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
        followStart = new int[userCount + 1];
        followersCount = new int[userCount];
        crudLikes = new int[crudCount];
        crudReposts = new int[crudCount];
        hotCrud = firstVisible(crudCount, options.expiredShare());
    }

    static DatasetPlan plan(GeneratorOptions options, long nowMicros) {
        DatasetPlan plan = new DatasetPlan(options, nowMicros);
        SplittableRandom random = new SplittableRandom(options.seed());
        plan.planUsers(random);
        plan.planCruds(random);
        plan.planReplies(random);
        // A random stream of its own, so the social part never changes the rows above.
        SplittableRandom social = new SplittableRandom(options.seed() + 3);
        plan.planFollows(social);
        plan.planReactions(social);
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
            if (crudAuthor[i] == Social.QUIET && users.length > Social.QUIET + 1) {
                // The quiet person posts one crud only (below), liked a known number of times.
                crudAuthor[i] = Social.QUIET + 1;
            }
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
        if (users.length > Social.QUIET + 1) {
            for (int i = 0; i < cruds.length; i++) {
                if (i != hotCrud && !expired(i)) {
                    quietCrud = i;
                    crudAuthor[i] = Social.QUIET;
                    break;
                }
            }
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
            if (parent == quietCrud) {
                // Nobody replies to the quiet person: their notifications are their crud's likes alone.
                parent = hotCrud;
            }
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

    int following(int user) {
        return followStart[user + 1] - followStart[user];
    }

    /** The celebrities: the last users (never one of the four people the scenarios read as). */
    int[] celebrities() {
        int count = Math.max(0, Math.min(options.social().celebrities(), users.length - (Social.QUIET + 1)));
        int[] celebrities = new int[count];
        for (int i = 0; i < count; i++) {
            celebrities[i] = users.length - 1 - i;
        }
        return celebrities;
    }

    /** The heavy readers: the second user, and users just below the celebrities. */
    boolean heavyReader(int user) {
        int heavy = options.social().heavyReaders();
        if (heavy == 0) {
            return false;
        }
        if (user == Social.HEAVY_READER) {
            return true;
        }
        int firstBelowCelebrities = users.length - 1 - celebrities().length;
        return user > Social.QUIET && user <= firstBelowCelebrities && user > firstBelowCelebrities - (heavy - 1);
    }

    /**
     * Who follows whom: most people 100–500 others, the light reader 10, the heavy readers 5,000,
     * each celebrity followed by a share of everyone; nobody follows themselves or anyone twice,
     * and nobody follows the quiet person.
     */
    private void planFollows(SplittableRandom random) {
        Social social = options.social();
        int n = users.length;
        boolean hasQuiet = n > Social.QUIET;
        int[] celebrities = celebrities();
        int[] mark = new int[n];
        int[] picked = new int[n];
        IntBuffer followeeRows = new IntBuffer(n * 16);
        for (int u = 0; u < n; u++) {
            followStart[u] = followeeRows.size;
            int wanted;
            if (u == Social.LIGHT_READER) {
                wanted = social.lightFollowing();
            } else if (heavyReader(u)) {
                wanted = social.heavyFollowing();
            } else {
                wanted = social.followMin() + random.nextInt(social.followMax() - social.followMin() + 1);
            }
            boolean mayFollowQuiet = !hasQuiet || u == Social.QUIET;
            int candidates = n - 1 - (mayFollowQuiet ? 0 : 1);
            wanted = Math.min(wanted, candidates);
            int count = 0;
            int stamp = u + 1;
            mark[u] = stamp;
            for (int c : celebrities) {
                if (count < wanted && mark[c] != stamp && random.nextDouble() < social.celebrityReach()) {
                    mark[c] = stamp;
                    picked[count++] = c;
                }
            }
            while (count < wanted) {
                int c = random.nextInt(n);
                if (mark[c] == stamp || (hasQuiet && c == Social.QUIET)) {
                    continue;
                }
                mark[c] = stamp;
                picked[count++] = c;
            }
            for (int i = 0; i < count; i++) {
                followeeRows.add(picked[i]);
                followersCount[picked[i]]++;
            }
        }
        followStart[n] = followeeRows.size;
        followees = followeeRows.toArray();
        followCreatedAt = new long[followees.length];
        // After both people exist, and before now.
        long first = usersCreatedAt + n;
        for (int i = 0; i < followCreatedAt.length; i++) {
            followCreatedAt[i] = first + random.nextLong(Math.max(1, now - first));
        }
    }

    /**
     * Likes and reposts. Likes go to top-level cruds (a hundredth of them draw half the likes),
     * reposts to visible ones; nobody marks their own crud or the same crud twice. The notified
     * person's visible cruds get as many likes as bring their notifications (followers, replies,
     * likes) to about {@link Social#notified()}, and no other like or repost, so that figure is
     * planned rather than left to chance. The quiet person's one crud gets exactly
     * {@link Social#quiet()} likes, and nothing else of theirs is liked or reposted.
     */
    private void planReactions(SplittableRandom random) {
        Social social = options.social();
        int n = users.length;
        int c = cruds.length;
        if (c == 0 || n < 2) {
            likeCrud = likeUser = repostCrud = repostUser = new int[0];
            likeCreatedAt = repostCreatedAt = new long[0];
            return;
        }
        boolean hasNotified = n > Social.NOTIFIED;
        IntBuffer notifiedCruds = new IntBuffer(64);
        IntBuffer visible = new IntBuffer(c);
        for (int i = 0; i < c; i++) {
            if (!expired(i)) {
                visible.add(i);
                if (hasNotified && crudAuthor[i] == Social.NOTIFIED) {
                    notifiedCruds.add(i);
                }
            }
        }
        int[] likesPerCrud = crudLikes;
        int directed = 0;
        if (quietCrud >= 0) {
            likesPerCrud[quietCrud] = Math.min(Math.min(social.quiet(), n - 1), social.likes());
            directed += likesPerCrud[quietCrud];
        }
        if (hasNotified && notifiedCruds.size > 0) {
            long already = followersCount[Social.NOTIFIED];
            for (int r = 0; r < replies.length; r++) {
                if (crudAuthor[replyParent[r]] == Social.NOTIFIED && replyAuthor[r] != Social.NOTIFIED && !expired(replyParent[r])) {
                    already++;
                }
            }
            long room = (long) notifiedCruds.size * (n - 1);
            int aimed = (int) Math.max(0, Math.min(Math.min(social.notified() - already, room), social.likes() - directed));
            for (int j = 0; j < aimed; j++) {
                likesPerCrud[notifiedCruds.get(j % notifiedCruds.size)]++;
            }
            directed += aimed;
        }
        long otherCruds = c - (hasNotified ? countAuthoredBy(Social.NOTIFIED) : 0) - (quietCrud >= 0 ? 1 : 0);
        int others = (int) Math.min(social.likes() - directed, otherCruds * (n - 1));
        int popular = Math.max(1, c / 100);
        for (int j = 0; j < others; ) {
            int crud = random.nextBoolean() ? random.nextInt(popular) : random.nextInt(c);
            if (planned(crud) || likesPerCrud[crud] >= n - 1) {
                continue;
            }
            likesPerCrud[crud]++;
            j++;
        }
        int likes = directed + others;
        likeCrud = new int[likes];
        likeUser = new int[likes];
        likeCreatedAt = new long[likes];
        int[] pool = identity(n);
        int row = 0;
        for (int crud = 0; crud < c; crud++) {
            row = pickMarkers(crud, likesPerCrud[crud], pool, random, likeCrud, likeUser, likeCreatedAt, row);
        }

        long visibleOthers = 0;
        for (int j = 0; j < visible.size; j++) {
            visibleOthers += planned(visible.get(j)) ? 0 : 1;
        }
        int reposts = (int) Math.min(social.reposts(), visibleOthers * (n - 1));
        for (int j = 0; j < reposts; ) {
            int crud = visible.get(random.nextInt(visible.size));
            if (planned(crud) || crudReposts[crud] >= n - 1) {
                continue;
            }
            crudReposts[crud]++;
            j++;
        }
        repostCrud = new int[reposts];
        repostUser = new int[reposts];
        repostCreatedAt = new long[reposts];
        row = 0;
        for (int crud = 0; crud < c; crud++) {
            row = pickMarkers(crud, crudReposts[crud], pool, random, repostCrud, repostUser, repostCreatedAt, row);
        }
    }

    /** A crud whose marks are planned exactly: the notified person's and the quiet person's. */
    private boolean planned(int crud) {
        return crud == quietCrud || (users.length > Social.NOTIFIED && crudAuthor[crud] == Social.NOTIFIED);
    }

    private int countAuthoredBy(int user) {
        int count = 0;
        for (int author : crudAuthor) {
            count += author == user ? 1 : 0;
        }
        return count;
    }

    /** {@code count} different people other than its author mark crud {@code crud}, after it was posted and before it expired. */
    private int pickMarkers(int crud, int count, int[] pool, SplittableRandom random,
                            int[] crudOf, int[] userOf, long[] createdAt, int row) {
        long start = crudCreatedAt[crud];
        long span = Math.max(1, Math.min(now, crudExpiresAt[crud]) - start);
        int pos = 0;
        for (int taken = 0; taken < count; ) {
            int u = pickNext(pool, pos++, random);
            if (u == crudAuthor[crud]) {
                continue;
            }
            crudOf[row] = crud;
            userOf[row] = u;
            createdAt[row] = start + random.nextLong(span);
            row++;
            taken++;
        }
        return row;
    }

    /** A partial Fisher–Yates step: a random one of {@code pool[pos..]}, moved to {@code pos}; the pool stays a permutation. */
    private static int pickNext(int[] pool, int pos, SplittableRandom random) {
        int j = pos + random.nextInt(pool.length - pos);
        int value = pool[j];
        pool[j] = pool[pos];
        pool[pos] = value;
        return value;
    }

    private static int[] identity(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    /** A growing int array. */
    private static final class IntBuffer {
        int[] values;
        int size;

        IntBuffer(int capacity) {
            values = new int[Math.max(16, capacity)];
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int index) {
            return values[index];
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
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
