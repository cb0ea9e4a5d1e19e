package dev.cruddur.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.bench.GeneratorOptions.Social;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** GenerateData's command line, without a database: every bad input stops before DATABASE_URL is read. */
class GenerateDataOptionsTest {

    @Test
    void theDefaultsAreThoseOfGeneratorOptionsScaledWithTheActivities() {
        assertThat(parse("--activities", "1000000")).isEqualTo(GeneratorOptions.defaults(10_000, 1_000_000));
        assertThat(parse("--activities", "500").users()).as("at least ten users").isEqualTo(10);
        Social social = parse("--activities", "1000000").social();
        assertThat(social.likes()).isEqualTo(5_000_000);
        assertThat(social.reposts()).isEqualTo(100_000);
        assertThat(social.notified()).isEqualTo(100_000);
        assertThat(parse("--activities", "2000000").social().notified()).isEqualTo(100_000);
    }

    @Test
    void everyOptionReachesItsComponent() {
        GeneratorOptions options = parse("--activities", "2000", "--users", "40", "--reset", "--seed", "7",
                "--reply-share", "0.3", "--expired-share", "0.1", "--hashtag-share", "0.05", "--hot-reply-share", "0.2",
                "--likes", "6000", "--reposts", "200", "--follows", "5-15", "--light-following", "3", "--heavy-readers", "2",
                "--heavy-following", "30", "--celebrities", "2", "--celebrity-reach=0.5", "--notified", "300", "--quiet", "8");
        assertThat(options).isEqualTo(new GeneratorOptions(40, 2_000, 0.3, 0.1, 0.05, 0.2, 7, true,
                new Social(6_000, 200, 5, 15, 3, 2, 30, 2, 0.5, 300, 8)));
        assertThat(parse("--activities", "10", "--follows", "7").social()).satisfies(s -> {
            assertThat(s.followMin()).isEqualTo(7);
            assertThat(s.followMax()).isEqualTo(7);
        });
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--activities=M", "--follows=MIN-MAX", "Default: 100-500", "--celebrity-reach=F",
                "Default: 0.4", "--notified=N", "--quiet=N", "--reset", "DATABASE_URL");
    }

    @Test
    void badInputIsAUsageErrorThatSaysWhatIsWrong() {
        assertThat(run("--activities", "10", "--follows", "5-x")).satisfies(r -> usageError(r, "--follows takes MIN-MAX"));
        assertThat(run("--activities", "10", "--follows", "500-100")).satisfies(r -> usageError(r, "MIN <= MAX"));
        assertThat(run("--activities", "10", "--celebrity-reach", "2")).satisfies(r -> usageError(r, "--celebrity-reach"));
        assertThat(run("--activities", "10", "--reply-share", "1.5")).satisfies(r -> usageError(r, "--*-share options are fractions"));
        assertThat(run("--activities", "10", "--likes", "-5")).satisfies(r -> usageError(r, "must not be negative"));
        assertThat(run("--activities", "10", "--users", "0")).satisfies(r -> usageError(r, "--users must be at least 1"));
        assertThat(run("--activities", "ten")).satisfies(r -> usageError(r, "'ten' is not an int"));
        assertThat(run("--activities", "10", "--bogus")).satisfies(r -> usageError(r, "Unknown option: '--bogus'"));
        assertThat(run("--users", "10")).satisfies(r -> usageError(r, "Missing required option: '--activities=M'"));
    }

    /** Exit code 2, the message on the first line, the usage after it. */
    private static void usageError(Run run, String message) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).contains(message));
        assertThat(run.err()).contains("Usage: GenerateData");
    }

    private static GeneratorOptions parse(String... args) {
        GenerateData command = new GenerateData();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new GenerateData());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
