package io.dagflow.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** Time the JVM's collectors report having spent (their pauses, for G1), in milliseconds. */
final class GcTime {

    private GcTime() {
    }

    static long millis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }
}
