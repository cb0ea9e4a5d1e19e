package dev.cruddur.bench;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The shape of the direct messages of a dataset, decided before a row is written: which pairs of
 * people have a conversation, how many messages each holds and over what span of time, and which
 * conversations have nothing left to show. The messages themselves (their times, senders, texts
 * and expiries) are drawn while they stream out ({@link ConversationLoader}), each conversation
 * from a random stream of its own, so a conversation's rows depend on nothing written before it.
 *
 * <p>Conversations come in this order, which is also the order of their share of the messages
 * (the first ones are the long ones): every pair of the people the benchmark signs in as, except
 * the person with few conversations; the person with many conversations and everyone else; the
 * person with few and as many ordinary people as make their number; then random pairs of ordinary
 * people. Times are microseconds since the epoch.
 */
final class ConversationPlan {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    static final long HOUR = 3_600L * MICROS_PER_SECOND;
    static final long DAY = 24 * HOUR;

    final UUID[] users;
    final int few;
    final int many;
    final long now;
    final double expiredShare;
    final double unreadShare;

    /** The two people of each conversation, low and high in PostgreSQL's uuid order. */
    final int[] low;
    final int[] high;
    final UUID[] uuids;
    final int[] messageCount;
    /** When the first and the latest message of each conversation were written. */
    final long[] firstAt;
    final long[] lastAt;
    /**
     * Each conversation's random seed, drawn from the plan's stream: seeds that differ by a
     * constant would give SplittableRandom streams that are shifts of each other (and the same uuids).
     */
    final long[] seeds;
    /** Conversations whose messages have all expired. */
    final boolean[] expired;
    /** How many conversations pair people the benchmark signs in as (they come first). */
    final int mintedPairs;

    /**
     * @param users        every user, in the order CognitoSubjects numbers them
     * @param minted       indexes (into users) of the people the benchmark signs in as, in its order
     * @param few          the person with {@code fewCount} conversations (one of minted)
     * @param many         the person with a conversation with everyone else (one of minted)
     */
    ConversationPlan(UUID[] users, int[] minted, int few, int fewCount, int many, int conversations,
                     long messages, long seed, double expiredShare, double unreadShare, long now) {
        this.users = users;
        this.few = few;
        this.many = many;
        this.now = now;
        this.expiredShare = expiredShare;
        this.unreadShare = unreadShare;
        int n = users.length;
        if (n < 3 || few == many || fewCount < 1 || fewCount > n - 2) {
            throw new IllegalArgumentException("need at least 3 users, two different special people, and 1 <= --few <= users - 2");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Long> pairs = new HashSet<>();
        int[] a = new int[conversations];
        int[] b = new int[conversations];
        int count = 0;
        // Every pair of minted people but the one with few conversations (the sends go there).
        for (int i = 0; i < minted.length; i++) {
            for (int j = i + 1; j < minted.length; j++) {
                if (minted[i] != few && minted[j] != few && count < conversations && pairs.add(key(minted[i], minted[j], n))) {
                    a[count] = minted[i];
                    b[count++] = minted[j];
                }
            }
        }
        mintedPairs = count;
        for (int u = 0; u < n && count < conversations; u++) {
            if (u != many && pairs.add(key(many, u, n))) {
                a[count] = many;
                b[count++] = u;
            }
        }
        // The person with few: the one with many (above), and ordinary people.
        int fewHas = 1;
        while (fewHas < fewCount && count < conversations) {
            int other = random.nextInt(n);
            if (other != few && other != many && !isMinted(minted, other) && pairs.add(key(few, other, n))) {
                a[count] = few;
                b[count++] = other;
                fewHas++;
            }
        }
        long possible = (long) (n - 2) * (n - 3) / 2;
        if (conversations - count > possible - (pairs.size() - count)) {
            throw new IllegalArgumentException("--conversations " + conversations + " is more pairs than " + n + " users have");
        }
        while (count < conversations) {
            int x = random.nextInt(n);
            int y = random.nextInt(n);
            if (x != y && x != few && y != few && x != many && y != many && pairs.add(key(x, y, n))) {
                a[count] = x;
                b[count++] = y;
            }
        }
        low = new int[count];
        high = new int[count];
        uuids = new UUID[count];
        for (int c = 0; c < count; c++) {
            boolean inOrder = compareAsPostgres(users[a[c]], users[b[c]]) < 0;
            low[c] = inOrder ? a[c] : b[c];
            high[c] = inOrder ? b[c] : a[c];
            uuids[c] = DatasetPlan.randomUuid(random);
        }
        if (messages < count) {
            throw new IllegalArgumentException("--messages must be at least --conversations (one message each)");
        }
        messageCount = new int[count];
        Arrays.fill(messageCount, 1);
        // The rest skewed toward the first conversations (the share of conversation c falls as
        // 1/sqrt(c)): at 200,000 conversations and 5,000,000 messages the first pair of minted
        // people has 10,661 messages, the median conversation 19.
        for (long m = count; m < messages; m++) {
            double u = random.nextDouble();
            messageCount[(int) (u * u * count)]++;
        }
        seeds = new long[count];
        expired = new boolean[count];
        firstAt = new long[count];
        lastAt = new long[count];
        for (int c = 0; c < count; c++) {
            // The pairs of minted people stay visible: the scenarios read and write them.
            expired[c] = c >= mintedPairs && GeneratorOptions.selects(c, expiredShare);
            long lastAge = expired[c]
                    ? 2 * DAY + random.nextLong(DatasetPlan.SPREAD - 2 * DAY)
                    : random.nextLong(DatasetPlan.SPREAD);
            lastAt[c] = now - lastAge;
            seeds[c] = random.nextLong();
            firstAt[c] = messageCount[c] == 1 ? lastAt[c] : lastAt[c] - random.nextLong(DatasetPlan.SPREAD - lastAge + 1);
        }
    }

    int size() {
        return low.length;
    }

    /** How many conversations person {@code user} has. */
    int conversationsOf(int user) {
        int has = 0;
        for (int c = 0; c < low.length; c++) {
            has += low[c] == user || high[c] == user ? 1 : 0;
        }
        return has;
    }

    private static boolean isMinted(int[] minted, int user) {
        for (int m : minted) {
            if (m == user) {
                return true;
            }
        }
        return false;
    }

    private static long key(int x, int y, int n) {
        return (long) Math.min(x, y) * n + Math.max(x, y);
    }

    /** PostgreSQL orders uuids by their bytes, unsigned; {@link UUID#compareTo} compares signed halves. */
    static int compareAsPostgres(UUID x, UUID y) {
        int first = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
        return first != 0 ? first : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
    }
}
