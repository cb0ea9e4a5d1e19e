package dev.cruddur.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.bench.GeneratorOptions.Social;
import dev.cruddur.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conversations generated into a real migrated database over a small generated dataset, and every
 * member row held against what the send statement would have left in it, worked out again here
 * from the messages with SQL.
 */
class GenerateMessagesTest {

    private static final Social SOCIAL = new Social(600, 20, 5, 15, 3, 2, 30, 2, 0.5, 30, 8);
    private static final GeneratorOptions USERS = GeneratorOptions.defaults(40, 200).withSocial(SOCIAL).withReset(true);
    private static final int CONVERSATIONS = 300;
    private static final long MESSAGES = 6_000;
    private static final int FEW = 3;

    private static TestDatabase database;
    private static ConversationPlan plan;

    @BeforeAll
    static void generate() throws Exception {
        database = TestDatabase.migrated();
        try (Connection connection = database.dataSource().getConnection()) {
            GenerateData.generate(connection, USERS, Instant.now(), line -> { });
            // Twice: the second load replaces the first, it does not add to it.
            GenerateMessages.generate(connection, CONVERSATIONS, MESSAGES, FEW, 42L, 0.05, 0.4, Instant.now(), line -> { });
            plan = GenerateMessages.generate(connection, CONVERSATIONS, MESSAGES, FEW, 42L, 0.05, 0.4, Instant.now(), line -> { });
        }
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void writesTheRequestedConversationsMessagesAndTwoMembersEach() {
        assertThat(count("SELECT count(*) FROM message_groups")).isEqualTo(CONVERSATIONS);
        assertThat(count("SELECT count(*) FROM messages")).isEqualTo(MESSAGES);
        assertThat(count("SELECT count(*) FROM message_group_members")).isEqualTo(2 * CONVERSATIONS);
        assertThat(count("""
                SELECT count(*) FROM message_groups g
                WHERE (SELECT count(*) FROM message_group_members m WHERE m.message_group_uuid = g.uuid
                         AND m.user_uuid IN (g.low_user_uuid, g.high_user_uuid)
                         AND m.other_user_uuid IN (g.low_user_uuid, g.high_user_uuid)) <> 2""")).isZero();
    }

    @Test
    void theSignedInPeopleWithFewAndManyConversationsHaveTheirNumbers() {
        List<String> minted = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT uuid::text FROM users WHERE cognito_user_id IS NOT NULL ORDER BY created_at, uuid LIMIT 16")
                .mapTo(String.class).list());
        assertThat(conversationsOf(minted.get(GenerateMessages.FEW_TOKEN - 1))).isEqualTo(FEW);
        assertThat(conversationsOf(minted.get(GenerateMessages.MANY_TOKEN - 1))).isEqualTo(39);
        // Every pair of the other signed-in people has a conversation in which both have written.
        assertThat(count("""
                WITH minted AS (
                    SELECT uuid FROM users WHERE cognito_user_id IS NOT NULL ORDER BY created_at, uuid LIMIT 16
                ), others AS (
                    SELECT uuid FROM minted EXCEPT SELECT '%s'::uuid
                )
                SELECT count(*) FROM message_groups g
                WHERE g.low_user_uuid IN (SELECT uuid FROM others) AND g.high_user_uuid IN (SELECT uuid FROM others)
                  AND EXISTS (SELECT FROM messages m WHERE m.message_group_uuid = g.uuid AND m.sender_uuid = g.low_user_uuid)
                  AND EXISTS (SELECT FROM messages m WHERE m.message_group_uuid = g.uuid AND m.sender_uuid = g.high_user_uuid)"""
                .formatted(minted.get(GenerateMessages.FEW_TOKEN - 1)))).isEqualTo(15 * 14 / 2);
    }

    @Test
    void messagesAreNumberedFromOneInTheOrderOfTheirTimesBySomeoneInTheConversation() {
        assertThat(count("""
                SELECT count(*) FROM message_groups g
                WHERE g.last_seq <> (SELECT count(*) FROM messages m WHERE m.message_group_uuid = g.uuid)
                   OR g.last_seq <> (SELECT max(seq) FROM messages m WHERE m.message_group_uuid = g.uuid)
                   OR g.created_at <> (SELECT min(created_at) FROM messages m WHERE m.message_group_uuid = g.uuid)""")).isZero();
        assertThat(count("""
                SELECT count(*) FROM messages m
                JOIN messages n ON n.message_group_uuid = m.message_group_uuid AND n.seq = m.seq + 1
                WHERE n.created_at < m.created_at""")).isZero();
        assertThat(count("""
                SELECT count(*) FROM messages m JOIN message_groups g ON g.uuid = m.message_group_uuid
                WHERE m.sender_uuid NOT IN (g.low_user_uuid, g.high_user_uuid) OR m.created_at > now()""")).isZero();
    }

    @Test
    void everyMemberRowHoldsWhatTheSendStatementWouldHaveLeft() {
        // The columns send.sql keeps (each the greatest so far over the messages sent), and
        // markRead.sql's (read up to some number; '-infinity' once nothing received is unread).
        assertThat(count("""
                SELECT count(*)
                FROM message_group_members s
                CROSS JOIN LATERAL (
                    SELECT max(m.created_at) AS last_message_at, max(m.expires_at) AS expires_at,
                           coalesce(max(m.seq) FILTER (WHERE m.sender_uuid = s.other_user_uuid), 0) AS last_received_seq,
                           coalesce(max(m.created_at) FILTER (WHERE m.sender_uuid = s.other_user_uuid), '-infinity') AS last_received_at,
                           coalesce(max(m.expires_at) FILTER (WHERE m.sender_uuid = s.other_user_uuid), '-infinity') AS received_expires_at,
                           coalesce(max(m.expires_at) FILTER (WHERE m.sender_uuid = s.other_user_uuid AND m.seq > s.last_read_seq),
                                    '-infinity') AS unread_expires_at,
                           max(m.seq) AS last_seq,
                           count(*) FILTER (WHERE m.seq > s.last_read_seq AND m.sender_uuid = s.user_uuid) AS own_unread
                    FROM messages m WHERE m.message_group_uuid = s.message_group_uuid
                ) d
                WHERE (s.last_message_at, s.expires_at, s.last_received_seq, s.last_received_at, s.received_expires_at,
                       s.unread_expires_at)
                      IS DISTINCT FROM
                      (d.last_message_at, d.expires_at, d.last_received_seq, d.last_received_at, d.received_expires_at,
                       d.unread_expires_at)
                   OR s.last_read_seq NOT BETWEEN 0 AND d.last_seq
                   OR d.own_unread > 0""")).isZero();
        // A share of the sides have something unread, of the other person's latest messages.
        long unread = count("SELECT count(*) FROM message_group_members WHERE last_received_seq > last_read_seq");
        assertThat(unread).isBetween(CONVERSATIONS / 20L, CONVERSATIONS * 2L / 3);
    }

    @Test
    void aKnownShareOfConversationsHasExpiredAndTheRestShowSomething() {
        assertThat(count("SELECT count(*) FROM message_groups g WHERE"
                + " (SELECT max(expires_at) FROM messages m WHERE m.message_group_uuid = g.uuid) <= now()"))
                .isEqualTo(GenerateMessages.countExpired(plan))
                .isPositive();
        // Messages are either gone or outlive a benchmark run by most of a day; some of the visible
        // conversations' messages are gone too.
        assertThat(count("SELECT count(*) FROM messages WHERE expires_at > now() AND expires_at < now() + interval '23 hours'"))
                .isZero();
        assertThat(count("""
                SELECT count(*) FROM messages m JOIN message_group_members s ON s.message_group_uuid = m.message_group_uuid
                WHERE s.expires_at > now() AND m.expires_at <= now()""")).isPositive();
    }

    private static long conversationsOf(String userUuid) {
        return count("SELECT count(*) FROM message_group_members WHERE user_uuid = '" + userUuid + "'");
    }

    private static long count(String sql) {
        return database.jdbi().withHandle((Handle h) -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
