package dev.cruddur.bench;

import java.util.ArrayList;
import java.util.List;

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
 * @param reset          empty both tables first
 */
public record GeneratorOptions(int users, int activities, double replyShare, double expiredShare,
                               double hashtagShare, double hotReplyShare, long seed, boolean reset) {

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
                throw new IllegalArgumentException("shares are fractions between 0 and 1");
            }
        }
    }

    public static GeneratorOptions defaults(int users, int activities) {
        return new GeneratorOptions(users, activities, 0.2, 0.05, 0.02, 0.1, 42L, false);
    }

    public GeneratorOptions withReset(boolean value) {
        return new GeneratorOptions(users, activities, replyShare, expiredShare, hashtagShare, hotReplyShare, seed, value);
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

    /** {@code --users N --activities M [--reset] [--seed S] [--reply-share F] [--expired-share F] [--hashtag-share F] [--hot-reply-share F]} */
    public static GeneratorOptions parse(String[] args) {
        Integer users = null;
        Integer activities = null;
        GeneratorOptions base = defaults(1, 0);
        double replyShare = base.replyShare;
        double expiredShare = base.expiredShare;
        double hashtagShare = base.hashtagShare;
        double hotReplyShare = base.hotReplyShare;
        long seed = base.seed;
        boolean reset = false;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--reset" -> reset = true;
                case "--users" -> users = Integer.parseInt(value(flag, rest));
                case "--activities" -> activities = Integer.parseInt(value(flag, rest));
                case "--seed" -> seed = Long.parseLong(value(flag, rest));
                case "--reply-share" -> replyShare = Double.parseDouble(value(flag, rest));
                case "--expired-share" -> expiredShare = Double.parseDouble(value(flag, rest));
                case "--hashtag-share" -> hashtagShare = Double.parseDouble(value(flag, rest));
                case "--hot-reply-share" -> hotReplyShare = Double.parseDouble(value(flag, rest));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (activities == null) {
            throw new IllegalArgumentException("--activities is required");
        }
        if (users == null) {
            // about a hundred activities per user, as in a small but lively community
            users = Math.max(10, activities / 100);
        }
        return new GeneratorOptions(users, activities, replyShare, expiredShare, hashtagShare, hotReplyShare, seed, reset);
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.remove(0);
    }
}
