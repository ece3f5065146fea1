package io.dagflow.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectScheduleTest {

    private final ReconnectSchedule schedule = ReconnectSchedule.giveUpAfter(Duration.ofMinutes(10));

    @Test
    void theDelayDoublesUpToItsLongest() {
        assertThat(schedule.next(1, Duration.ZERO)).contains(Duration.ofSeconds(1));
        assertThat(schedule.next(2, Duration.ofSeconds(1))).contains(Duration.ofSeconds(2));
        assertThat(schedule.next(3, Duration.ofSeconds(3))).contains(Duration.ofSeconds(4));
        assertThat(schedule.next(5, Duration.ofSeconds(15))).contains(Duration.ofSeconds(16));
        assertThat(schedule.next(6, Duration.ofSeconds(31))).contains(Duration.ofSeconds(30));
        assertThat(schedule.next(1000, Duration.ofSeconds(60))).contains(Duration.ofSeconds(30));
    }

    @Test
    void noTryIsScheduledPastTheLimit() {
        assertThat(schedule.next(20, Duration.ofSeconds(570))).contains(Duration.ofSeconds(30));
        assertThat(schedule.next(21, Duration.ofSeconds(571))).isEmpty();
        assertThat(ReconnectSchedule.giveUpAfter(Duration.ZERO).next(1, Duration.ZERO)).isEmpty();
    }

    @Test
    void aScheduleThatCannotWaitIsRefused() {
        assertThatThrownBy(() -> new ReconnectSchedule(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectSchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
