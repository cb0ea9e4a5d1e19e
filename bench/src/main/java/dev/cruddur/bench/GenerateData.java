package dev.cruddur.bench;

import dev.cruddur.bench.GeneratorOptions.Social;
import dev.cruddur.database.DatabaseUrl;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Fills the database named by {@code DATABASE_URL} with a generated dataset (docs/benchmarks.md, "Data"). */
@Command(name = "GenerateData", showDefaultValues = true, sortOptions = false, sortSynopsis = false,
        description = {"Fill the database named by DATABASE_URL (migrated first) with a generated",
                "dataset, by COPY. The same options give the same data."},
        footer = {"", "Example:", "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cruddur_bench \\",
                "    java -cp bench/target/cruddur-bench.jar dev.cruddur.bench.GenerateData \\",
                "    --activities 1000000 --users 10000 --reset"})
public final class GenerateData implements Callable<Integer> {

    private static final GeneratorOptions BASE = GeneratorOptions.defaults(1, 0);
    private static final Social SOCIAL = BASE.social();

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--activities", paramLabel = "M", required = true, description = "Activities in all, cruds and replies together.")
    private Integer activities;
    @Option(names = "--users", paramLabel = "N", description = "Users (default: one per hundred activities, at least 10).")
    private Integer users;
    @Option(names = "--reset", description = "Empty the tables first, and load in one transaction with the row triggers off.")
    private boolean reset;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed: the same options give the same data.")
    private long seed = BASE.seed();
    @Option(names = "--reply-share", paramLabel = "F", description = "Fraction of the activities that are replies.")
    private double replyShare = BASE.replyShare();
    @Option(names = "--expired-share", paramLabel = "F", description = "Fraction of the cruds already expired.")
    private double expiredShare = BASE.expiredShare();
    @Option(names = "--hashtag-share", paramLabel = "F", description = "Fraction of the cruds with " + GeneratorOptions.HASHTAG + ".")
    private double hashtagShare = BASE.hashtagShare();
    @Option(names = "--hot-reply-share", paramLabel = "F", description = "Fraction of the replies that go to one hot crud.")
    private double hotReplyShare = BASE.hotReplyShare();

    @Option(names = "--likes", paramLabel = "N", description = "Likes in all, on top-level cruds (default: five per activity).")
    private Integer likes;
    @Option(names = "--reposts", paramLabel = "N", description = "Reposts in all, of visible cruds (default: one per ten activities).")
    private Integer reposts;
    @Option(names = "--follows", paramLabel = "MIN-MAX", description = "How many people an ordinary person follows.")
    private String follows = SOCIAL.followMin() + "-" + SOCIAL.followMax();
    @Option(names = "--light-following", paramLabel = "N", description = "How many people the light reader (the first user) follows.")
    private int lightFollowing = SOCIAL.lightFollowing();
    @Option(names = "--heavy-readers", paramLabel = "K", description = "People who follow --heavy-following others (the second user is one).")
    private int heavyReaders = SOCIAL.heavyReaders();
    @Option(names = "--heavy-following", paramLabel = "N", description = "How many people each heavy reader follows.")
    private int heavyFollowing = SOCIAL.heavyFollowing();
    @Option(names = "--celebrities", paramLabel = "K", description = "People each followed by a share --celebrity-reach of everyone.")
    private int celebrities = SOCIAL.celebrities();
    @Option(names = "--celebrity-reach", paramLabel = "F", description = "Fraction of everyone who follows each celebrity.")
    private double celebrityReach = SOCIAL.celebrityReach();
    @Option(names = "--notified", paramLabel = "N",
            description = "About how many notifications the third user has (default: one per ten activities, at most 100,000).")
    private Integer notified;
    @Option(names = "--quiet", paramLabel = "N", description = "Notifications of the fourth user: likes of their one crud, no follower.")
    private int quiet = SOCIAL.quiet();

    /** {@code --follows MIN-MAX}, or N for exactly N. */
    record Range(int min, int max) {

        static Range parse(String value) {
            if (!value.matches("\\d{1,9}(-\\d{1,9})?")) {
                throw new IllegalArgumentException("--follows takes MIN-MAX (as in 100-500) or N, not '" + value + "'");
            }
            String[] bounds = value.split("-");
            return new Range(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1]));
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateData()).execute(args));
    }

    /** What the options ask for, with the defaults that scale with {@code --activities}. */
    GeneratorOptions options() {
        Social scaled = Social.defaults(activities);
        Range range = Range.parse(follows);
        return new GeneratorOptions(users == null ? Math.max(10, activities / 100) : users, activities, replyShare,
                expiredShare, hashtagShare, hotReplyShare, seed, reset, new Social(likes == null ? scaled.likes() : likes,
                reposts == null ? scaled.reposts() : reposts, range.min(), range.max(), lightFollowing, heavyReaders,
                heavyFollowing, celebrities, celebrityReach, notified == null ? scaled.notified() : notified, quiet));
    }

    @Override
    public Integer call() throws Exception {
        GeneratorOptions options;
        DatabaseUrl url;
        try {
            options = options();
            url = Databases.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            // a size out of range, a --follows that is not a range, no DATABASE_URL: a usage error (exit code 2)
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
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
        return 0;
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
