package coop.store.dynamodb;

import coop.store.AppendResult;
import coop.store.EventIdConflict;
import coop.store.NewEvent;
import coop.store.StreamId;
import coop.store.dynamodb.EventIdItems.StoredId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Judges an append whose event ids are (partly) stored: the same events again, or an id reused for something else. */
final class StoredIds {

    private StoredIds() {
    }

    /**
     * @param stored      per event of {@code events}, its id as stored, or empty when the id is free
     * @param fingerprint an event's fingerprint as its id item would hold it ({@link Fingerprints})
     * @return the original positions when every event is stored as the same event, at consecutive versions of
     *         {@code stream} in request order; empty when no id is stored
     * @throws EventIdConflict when any id is stored for anything else, or stored and free ids are mixed
     */
    static Optional<AppendResult> judge(StreamId stream, List<NewEvent> events, List<Optional<StoredId>> stored,
                                        Function<NewEvent, String> fingerprint) {
        if (stored.stream().allMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        StoredId first = stored.stream().flatMap(Optional::stream).findFirst().orElseThrow();
        if (stored.stream().anyMatch(Optional::isEmpty)) {
            throw conflict(first, "is already stored, and this request mixes it with event ids that are not: "
                    + "a retry must send the very same events");
        }
        List<AppendResult.Position> positions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            StoredId id = stored.get(i).orElseThrow();
            if (!id.stream().equals(stream)) {
                throw conflict(id, "already names an event of another aggregate");
            }
            if (!sameEvent(id.fingerprint(), events.get(i), fingerprint)) {
                throw conflict(id, "already names an event with another type, schema version or payload");
            }
            if (id.version() != first.version() + i) {
                throw conflict(id, "is already stored, but not at the position that follows the request's previous "
                        + "event: a retry must send the very same events in the same order");
            }
            positions.add(new AppendResult.Position(id.eventId(), id.version()));
        }
        return Optional.of(new AppendResult(stream, positions, first.correlationId(), true));
    }

    /**
     * A plain fingerprint of an event with personal values was stored by a release before keyed ones (until the
     * upgrade backfill rekeys it): a retry of that release's append is still recognised.
     */
    private static boolean sameEvent(String stored, NewEvent event, Function<NewEvent, String> fingerprint) {
        return stored.equals(fingerprint.apply(event))
                || !Fingerprints.isKeyed(stored) && stored.equals(Fingerprints.plain(event));
    }

    private static EventIdConflict conflict(StoredId id, String problem) {
        EventIdConflict.StoredAt at = new EventIdConflict.StoredAt(id.stream().aggregateType(),
                id.stream().aggregateId(), id.version());
        return new EventIdConflict(id.eventId(), Optional.of(at),
                "event_id " + id.eventId() + " " + problem + " (it is stored at " + at + ")");
    }
}
