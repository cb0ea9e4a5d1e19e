package dev.cruddur.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The people the benchmark signs in as: {@code CognitoSubjects --count K --out FILE}, with
 * {@code DATABASE_URL} naming the generated database, writes the {@code cognito_user_id} of its
 * first K users that have one (oldest first), one a line. The test kit's {@code ServePool} then
 * signs an access token for each: this class knows the database, the kit only signs.
 */
public final class CognitoSubjects {

    private CognitoSubjects() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !"--count".equals(args[0]) || !"--out".equals(args[2])) {
            throw new IllegalArgumentException("usage: CognitoSubjects --count K --out FILE");
        }
        int count = Integer.parseInt(args[1]);
        List<String> subjects;
        try (Connection connection = Databases.connect(Databases.fromEnvironment(System.getenv()))) {
            subjects = first(connection, count);
        }
        if (subjects.isEmpty()) {
            throw new IllegalStateException("no user has a cognito_user_id: generate data first");
        }
        Files.write(Path.of(args[3]), subjects, StandardCharsets.UTF_8);
    }

    /** In the order bench/run.sh's pick_notified_user numbers them. */
    static List<String> first(Connection connection, int count) throws SQLException {
        List<String> subjects = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT cognito_user_id FROM users"
                + " WHERE cognito_user_id IS NOT NULL ORDER BY created_at, uuid LIMIT ?")) {
            query.setInt(1, count);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    subjects.add(rows.getString(1));
                }
            }
        }
        return subjects;
    }
}
