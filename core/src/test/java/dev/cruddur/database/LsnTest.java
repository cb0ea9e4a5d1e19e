package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** WAL positions as PostgreSQL writes them, compared as it compares them. */
class LsnTest {

    @Test
    void positionsCompareByTheirWholeValueNotTheirText() {
        Lsn low = Lsn.parse("0/9FFFFFFF");
        Lsn high = Lsn.parse("1/0");
        assertThat(high.isAtLeast(low)).isTrue();
        assertThat(low.isAtLeast(high)).isFalse();
        assertThat(Lsn.parse("16/B374D848").isAtLeast(Lsn.parse("16/B374D848"))).isTrue();
        // The top half's high bit set: still after every smaller position.
        assertThat(Lsn.parse("FFFFFFFF/0").isAtLeast(Lsn.parse("7FFFFFFF/FFFFFFFF"))).isTrue();
    }

    @Test
    void itIsWrittenBackAsPostgreSqlWritesIt() {
        assertThat(Lsn.parse("16/B374D848")).hasToString("16/B374D848");
        assertThatThrownBy(() -> Lsn.parse("16B374D848")).isInstanceOf(IllegalArgumentException.class);
    }
}
