package io.dagflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisBenchBackendTest {

    @Test
    void readsCallsPerCommandAndLeavesOutTheBenchmarksOwn() {
        String info = """
                # Commandstats\r
                cmdstat_xadd:calls=60,usec=300,usec_per_call=5.00,rejected_calls=0,failed_calls=0\r
                cmdstat_xgroup|create:calls=2,usec=10,usec_per_call=5.00,rejected_calls=0,failed_calls=0\r
                cmdstat_info:calls=1,usec=40,usec_per_call=40.00,rejected_calls=0,failed_calls=0\r
                cmdstat_config|resetstat:calls=1,usec=3,usec_per_call=3.00,rejected_calls=0,failed_calls=0\r
                """;

        assertThat(RedisBenchBackend.parseCommandStats(info))
                .containsExactly(java.util.Map.entry("xadd", 60L), java.util.Map.entry("xgroup|create", 2L));
    }
}
