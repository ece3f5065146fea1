package io.dagflow.transport;

/**
 * A message handed to a consumer and not yet acknowledged. Until it is acknowledged the
 * transport keeps it, and may hand it to another consumer if this one dies.
 *
 * @param id the transport's id of the entry (a stream entry id on Redis)
 * @param channel where it came from (the stream), needed to acknowledge it
 * @param deliveryCount 1 for a first delivery, more when it was reclaimed from a dead consumer
 */
public record Delivery<T>(String id, String channel, T message, long deliveryCount) {

    public boolean isRedelivery() {
        return deliveryCount > 1;
    }
}
