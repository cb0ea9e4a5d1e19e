package dev.cruddur.ops.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ipv4PriceTest {

    @Test
    void theTextConstantsAreTheFiguresTheCostIsComputedWith() {
        assertThat(Ipv4Price.PER_HOUR).isEqualTo("$" + Ipv4Price.hourly(1));
        assertThat(Ipv4Price.PER_MONTH).isEqualTo("$" + Ipv4Price.monthly(1));
    }
}
