package dev.cruddur.bench;

/**
 * What {@link GenerateData} is asked to produce. The shares are exact fractions of the rows,
 * not probabilities, so a test (and a benchmark script) knows the counts in advance.
 *
 * @param users          rows in {@code users}
 * @param activities     rows in {@code activities}, cruds and replies together
 * @param replyShare     fraction of the activities that are replies
 * @param expiredShare   fraction of the top-level cruds that have already self-destructed
 * @param hashtagShare   fraction of the top-level cruds that carry {@link #HASHTAG}
 * @param hotReplyShare  fraction of the replies that go to one "hot" crud (contention, long threads)
 * @param seed           the random seed: the same options give the same data
 * @param reset          empty the tables first
 * @param social         follows, likes, reposts and the people the social scenarios read as
 */
public record GeneratorOptions(int users, int activities, double replyShare, double expiredShare,
                               double hashtagShare, double hotReplyShare, long seed, boolean reset, Social social) {

    /**
     * The social graph and the marks on cruds. Every size is capped by what the dataset can hold
     * (nobody follows more people than there are, a crud has at most one like per other person).
     *
     * @param likes          rows of likes in all (on top-level cruds, never by their author)
     * @param reposts        rows of reposts in all (on visible cruds, never by their author)
     * @param followMin      the fewest people an ordinary person follows
     * @param followMax      the most people an ordinary person follows
     * @param lightFollowing how many people the light reader (the first user) follows
     * @param heavyReaders   how many people follow {@code heavyFollowing} others (the second user among them)
     * @param heavyFollowing how many people each heavy reader follows
     * @param celebrities    how many people are followed by a share {@code celebrityReach} of everyone
     * @param celebrityReach the share of everyone who follows each celebrity
     * @param notified       about how many notifications the third user has (replies, likes, follows)
     * @param quiet          how many notifications the fourth user has: likes of their one crud, nobody follows them
     */
    public record Social(int likes, int reposts, int followMin, int followMax, int lightFollowing,
                         int heavyReaders, int heavyFollowing, int celebrities, double celebrityReach,
                         int notified, int quiet) {

        /** The people the social scenarios read as, by their index (and so their order of creation). */
        public static final int LIGHT_READER = 0;
        public static final int HEAVY_READER = 1;
        public static final int NOTIFIED = 2;
        public static final int QUIET = 3;

        public Social {
            if (likes < 0 || reposts < 0 || followMin < 0 || followMax < followMin || lightFollowing < 0
                    || heavyReaders < 0 || heavyFollowing < 0 || celebrities < 0 || notified < 0 || quiet < 0) {
                throw new IllegalArgumentException(followMax < followMin ? "--follows MIN-MAX must have MIN <= MAX"
                        : "--likes, --reposts, --follows and the other social sizes must not be negative");
            }
            if (celebrityReach < 0 || celebrityReach > 1) {
                throw new IllegalArgumentException("--celebrity-reach is a fraction between 0 and 1");
            }
        }

        /**
         * Five likes and a tenth of a repost per activity (5,000,000 and 100,000 at a million);
         * most people follow 100–500, three follow 5,000, five are followed by 40 % of everyone;
         * the notified person gets a tenth of the activities' worth of notifications, at most
         * 100,000 (reached at a million), the quiet one 100.
         */
        public static Social defaults(int activities) {
            return new Social(5 * activities, activities / 10, 100, 500, 10, 3, 5_000, 5, 0.4,
                    Math.min(100_000, activities / 10), 100);
        }
    }

    /** The hashtag whose share is known ({@code --hashtag-share}, 2 % by default), for the search scenarios. */
    public static final String HASHTAG = "#cruddur";

    /**
     * Hashtags in fixed shares of the cruds, so search is measured from a handful of matches to a
     * fifth of everything: {@link #RARE_HASHTAG} in 0.002 % (16 of 800,000 cruds), {@link #HASHTAG}
     * at {@link #hashtagShare}, {@link #COMMON_HASHTAG} in 20 %. The rare one's word ("rarebird")
     * is also the rare word a word search looks for.
     */
    public static final String RARE_HASHTAG = "#rarebird";
    public static final double RARE_HASHTAG_SHARE = 0.00002;
    public static final String COMMON_HASHTAG = "#trending";
    public static final double COMMON_HASHTAG_SHARE = 0.2;

    public GeneratorOptions {
        if (users < 1) {
            throw new IllegalArgumentException("--users must be at least 1");
        }
        if (activities < 0) {
            throw new IllegalArgumentException("--activities must not be negative");
        }
        for (double share : new double[] {replyShare, expiredShare, hashtagShare, hotReplyShare}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("the --*-share options are fractions between 0 and 1");
            }
        }
    }

    public static GeneratorOptions defaults(int users, int activities) {
        return new GeneratorOptions(users, activities, 0.2, 0.05, 0.02, 0.1, 42L, false, Social.defaults(activities));
    }

    public GeneratorOptions withReset(boolean value) {
        return new GeneratorOptions(users, activities, replyShare, expiredShare, hashtagShare, hotReplyShare, seed, value, social);
    }

    public GeneratorOptions withSocial(Social value) {
        return new GeneratorOptions(users, activities, replyShare, expiredShare, hashtagShare, hotReplyShare, seed, reset, value);
    }

    /** Cruds: what is not a reply. A dataset with no crud has nothing to reply to, so no replies either. */
    public int cruds() {
        int cruds = activities - replies0();
        return cruds == 0 ? activities : cruds;
    }

    public int replies() {
        return activities - cruds();
    }

    private int replies0() {
        return (int) Math.round(activities * replyShare);
    }

    /** How many of {@code total} items an exact share selects (the same rule as {@link #selects}). */
    public static int count(int total, double share) {
        return (int) Math.floor(total * share);
    }

    /** Whether item {@code index} is one of the {@code share} selected: spread evenly, exactly {@link #count} in all. */
    public static boolean selects(int index, double share) {
        return Math.floor((index + 1) * share) > Math.floor(index * share);
    }
}
