package coop.admin;

import java.time.Instant;

/**
 * What the stream's on-failure destination knows of a batch that failed for good ({@code DDBStreamBatchInfo}):
 * shard and sequence numbers, which the stream forgets after 24 hours, and when its first and last records arrived,
 * which is what a replay from the events table goes by.
 */
public record DeadLetter(String shardId, String startSequenceNumber, String endSequenceNumber,
                         Instant firstRecordArrival, Instant lastRecordArrival) {
}
