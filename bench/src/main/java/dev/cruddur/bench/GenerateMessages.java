package dev.cruddur.bench;

import dev.cruddur.database.DatabaseUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Fills the direct-message tables of a database that {@link GenerateData} filled already
 * (docs/benchmarks.md, "Direct messages"): conversations between its users and their messages,
 * replacing any there were.
 */
@Command(name = "GenerateMessages", showDefaultValues = true, sortOptions = false, sortSynopsis = false,
        description = {"Fill the direct-message tables of the database named by DATABASE_URL, whose users",
                "GenerateData made, with conversations and messages, by COPY (replacing what they held).",
                "The same options and users give the same data."},
        footer = {"", "Example:", "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cruddur_bench \\",
                "    java -cp bench/target/cruddur-bench.jar dev.cruddur.bench.GenerateMessages \\",
                "    --conversations 200000 --messages 5000000"})
public final class GenerateMessages implements Callable<Integer> {

    /** The people the benchmark signs in as: as many as run.sh mints tokens for. */
    static final int MINTED = 16;
    /** Among them (numbered from 1, as bench/lua reads the tokens): the person with few conversations, the one with many. */
    static final int FEW_TOKEN = 5;
    static final int MANY_TOKEN = 6;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--conversations", paramLabel = "N", description = "Conversations in all.")
    private int conversations = 200_000;
    @Option(names = "--messages", paramLabel = "M", description = "Messages in all (at least one a conversation).")
    private long messages = 5_000_000;
    @Option(names = "--few", paramLabel = "K",
            description = "Conversations of the person with few (the " + FEW_TOKEN + "th person the benchmark signs in as).")
    private int few = 10;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed: the same options give the same data.")
    private long seed = 42L;
    @Option(names = "--expired-share", paramLabel = "F",
            description = "Fraction of the conversations whose messages have all expired, and of the other messages.")
    private double expiredShare = 0.05;
    @Option(names = "--unread-share", paramLabel = "F",
            description = "Of the sides whose latest messages came from the other person, the fraction that has not read them.")
    private double unreadShare = 0.4;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateMessages()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DatabaseUrl url;
        try {
            if (conversations < 1 || messages < conversations) {
                throw new IllegalArgumentException("--conversations must be at least 1 and --messages at least --conversations");
            }
            if (expiredShare < 0 || expiredShare > 1 || unreadShare < 0 || unreadShare > 1) {
                throw new IllegalArgumentException("the --*-share options are fractions between 0 and 1");
            }
            url = Databases.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long started = System.nanoTime();
        try (Connection connection = Databases.connect(url)) {
            ConversationPlan plan = generate(connection, conversations, messages, few, seed, expiredShare, unreadShare,
                    Instant.now(), line -> System.out.println("  " + line));
            System.out.printf("generated %,d conversations (%,d expired), %,d messages in %,d ms; the person with few"
                            + " conversations has %,d, the one with many %,d%n",
                    plan.size(), countExpired(plan), messages, (System.nanoTime() - started) / 1_000_000,
                    plan.conversationsOf(plan.few), plan.conversationsOf(plan.many));
        }
        return 0;
    }

    static ConversationPlan generate(Connection connection, int conversations, long messages, int few, long seed,
                                     double expiredShare, double unreadShare, Instant now, Consumer<String> progress)
            throws SQLException {
        List<UUID> users = new ArrayList<>();
        List<Integer> minted = new ArrayList<>();
        // The order CognitoSubjects numbers the people the benchmark signs in as.
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT uuid, cognito_user_id IS NOT NULL FROM users ORDER BY created_at, uuid");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (rows.getBoolean(2) && minted.size() < MINTED) {
                    minted.add(users.size());
                }
                users.add(rows.getObject(1, UUID.class));
            }
        }
        if (minted.size() < MANY_TOKEN) {
            throw new IllegalStateException("fewer than " + MANY_TOKEN + " users with a Cognito identity: generate the users first");
        }
        long nowMicros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        ConversationPlan plan = new ConversationPlan(users.toArray(UUID[]::new),
                minted.stream().mapToInt(Integer::intValue).toArray(), minted.get(FEW_TOKEN - 1), few,
                minted.get(MANY_TOKEN - 1), conversations, messages, seed, expiredShare, unreadShare, nowMicros);
        new ConversationLoader(connection, progress).load(plan);
        return plan;
    }

    static int countExpired(ConversationPlan plan) {
        int expired = 0;
        for (boolean e : plan.expired) {
            expired += e ? 1 : 0;
        }
        return expired;
    }
}
