package coop.store.dynamodb;

import coop.store.Checkpoint;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds a subscriber's status item and progress items into one {@link Checkpoint}: the most recent event and error
 * win, error counts add up.
 */
final class CheckpointViews {

    private CheckpointViews() {
    }

    static Optional<Checkpoint> of(String name, Optional<Map<String, AttributeValue>> statusItem,
                                   List<Map<String, AttributeValue>> progressItems) {
        if (statusItem.isEmpty() && progressItems.isEmpty()) {
            return Optional.empty();
        }
        Comparator<Map<String, AttributeValue>> byUpdate = Comparator.comparing(
                item -> CheckpointItems.instant(item, CheckpointItems.LAST_UPDATED).orElse(Instant.MIN));
        Optional<Map<String, AttributeValue>> lastEvent = progressItems.stream()
                .filter(item -> item.containsKey(CheckpointItems.LAST_EVENT_ID)).max(byUpdate);
        List<Map<String, AttributeValue>> all = new java.util.ArrayList<>(progressItems);
        statusItem.ifPresent(all::add);
        Optional<Map<String, AttributeValue>> lastError = all.stream()
                .filter(item -> item.containsKey(CheckpointItems.LAST_ERROR))
                .max(Comparator.comparing(item -> CheckpointItems.instant(item, CheckpointItems.LAST_ERROR_AT)
                        .or(() -> CheckpointItems.instant(item, CheckpointItems.LAST_UPDATED)).orElse(Instant.MIN)));
        return Optional.of(new Checkpoint(name,
                statusItem.map(CheckpointItems::statusOf).orElse(Checkpoint.Status.RUNNING),
                lastEvent.flatMap(item -> CheckpointItems.text(item, CheckpointItems.LAST_EVENT_ID)),
                lastEvent.flatMap(item -> CheckpointItems.instant(item, CheckpointItems.LAST_EVENT_TIMESTAMP)),
                all.stream().map(item -> CheckpointItems.instant(item, CheckpointItems.LAST_UPDATED))
                        .flatMap(Optional::stream).max(Comparator.naturalOrder()),
                all.stream().mapToLong(CheckpointItems::errorCount).sum(),
                lastError.flatMap(item -> CheckpointItems.text(item, CheckpointItems.LAST_ERROR))));
    }
}
