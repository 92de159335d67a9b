package coop.store.dynamodb;

import coop.keys.FieldCipher;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.store.Erasure;
import coop.store.EventPage;
import coop.store.KeyErased;
import coop.store.NewEvent;
import coop.store.PersonalFields;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Personal data at rest: events are sealed before they are written and opened as they are read, on every read path
 * (the store's queries, the table scans of rebuilds and backfills, the stream's images), so plain values exist only
 * in memory. A snapshot or summary state of an aggregate that has a key is sealed whole, since a state holds the
 * personal values of its events.
 */
public final class PersonalData {

    private final PersonalPayloads payloads;
    private final StreamKeys keys;

    public PersonalData(DynamoDbClient dynamo, String keysTable, KmsDataKeys kms, KeyCache cache,
                        PersonalFields personal, Clock clock) {
        this(new PersonalPayloads(personal), new StreamKeys(dynamo, keysTable, kms, cache, clock));
    }

    private PersonalData(PersonalPayloads payloads, StreamKeys keys) {
        this.payloads = payloads;
        this.keys = keys;
    }

    /** For stores of aggregates without personal fields: nothing is sealed, and no key is ever asked for. */
    public static PersonalData none() {
        return new PersonalData(new PersonalPayloads(PersonalFields.NONE), null);
    }

    /**
     * The payloads of an append, sealed for the versions after {@code after}, and the key item to write with them
     * when the aggregate has no key yet. Events without personal values ask for no key.
     *
     * @param keyMayExist false when the events start the stream, whose aggregate cannot have a key yet: its new key
     *                    then costs no read (if one exists after all, the key item's condition fails and the caller
     *                    seals again with this true)
     */
    Sealed seal(StreamId stream, long after, List<NewEvent> events, boolean keyMayExist) {
        boolean personal = events.stream().anyMatch(event ->
                payloads.hasOpenValues(stream, event.eventType(), event.eventVersion(), event.data()));
        if (!personal) {
            return new Sealed(events.stream().map(NewEvent::data).toList(), Optional.empty(), Optional.empty());
        }
        Optional<byte[]> existing = keyMayExist ? keys.find(stream) : Optional.empty();
        if (existing.isEmpty() && keyMayExist && findErasure(stream).isPresent()) {
            throw new KeyErased(stream);
        }
        Optional<StreamKeys.NewKey> created = existing.isPresent() ? Optional.empty() : Optional.of(keys.create(stream));
        byte[] key = existing.orElseGet(() -> created.get().plaintext());
        List<String> data = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            data.add(payloads.seal(stream, after + 1 + i, event.eventType(), event.eventVersion(), event.data(), key));
        }
        return new Sealed(data, created, Optional.of(key));
    }

    /** Caches a key whose item an append has just written. */
    void written(StreamId stream, StreamKeys.NewKey key) {
        keys.remember(stream, key.plaintext());
    }

    /** The event with its personal values readable (null where the aggregate's key is gone). */
    public RecordedEvent open(RecordedEvent event) {
        return open(List.of(event)).getFirst();
    }

    /** Events of any streams, opened with one key lookup per stream that needs one. */
    public List<RecordedEvent> open(List<RecordedEvent> events) {
        if (keys == null) {
            return events;
        }
        Map<StreamId, Optional<byte[]>> found = new HashMap<>();
        Function<StreamId, Optional<byte[]>> lookup = stream -> found.computeIfAbsent(stream, keys::find);
        List<RecordedEvent> opened = new ArrayList<>(events.size());
        for (RecordedEvent event : events) {
            opened.add(payloads.open(event, lookup, new ArrayList<>()));
        }
        return opened;
    }

    EventPage open(EventPage page) {
        return new EventPage(open(page.events()), page.nextPageToken());
    }

    /**
     * A text made from {@code stream}'s state at {@code version} (the state itself, or a view of it), sealed whole
     * when the aggregate has a key; {@code part} names it in the associated data, so a state cannot pass as a view.
     */
    String sealWhole(StreamId stream, long version, String part, String text) {
        Optional<byte[]> key = keys == null ? Optional.empty() : keys.find(stream);
        return key.map(k -> FieldCipher.seal(k, text, PersonalPayloads.place(stream, version, part))).orElse(text);
    }

    /** A text stored by {@link #sealWhole}, opened; empty when it is sealed and the aggregate's key is gone. */
    Optional<String> openWhole(StreamId stream, long version, String part, String stored) {
        if (!FieldCipher.isSealed(stored)) {
            return Optional.of(stored);
        }
        Optional<byte[]> key = keys == null ? Optional.empty() : keys.find(stream);
        return key.map(k -> FieldCipher.open(k, stored, PersonalPayloads.place(stream, version, part)));
    }

    /** Whether the event's type declares personal fields, sealed or not. */
    boolean declaresPersonal(RecordedEvent event) {
        return !payloads.fields(event.aggregateType(), event.eventType(), event.eventVersion()).isEmpty();
    }

    /** Whether the stored event carries a personal value in clear (stored by a release before sealing). */
    boolean holdsClearValues(RecordedEvent event) {
        return payloads.hasOpenValues(event.stream(), event.eventType(), event.eventVersion(), event.data());
    }

    /** The stored event's payload with its clear personal values sealed under {@code key}, where it is stored. */
    String sealStored(RecordedEvent event, byte[] key) {
        return payloads.seal(event.stream(), event.aggregateVersion(), event.eventType(), event.eventVersion(),
                event.data(), key);
    }

    /**
     * The event's fingerprint for its id item ({@link Fingerprints}): keyed when it carries personal values, under
     * {@code key}, asked for only then (the aggregate's key; empty when it has none, e.g. erased: a fingerprint that
     * matches no stored one).
     */
    String fingerprint(StreamId stream, NewEvent event, Supplier<Optional<byte[]>> key) {
        if (!payloads.hasOpenValues(stream, event.eventType(), event.eventVersion(), event.data())) {
            return Fingerprints.plain(event);
        }
        return key.get().map(k -> Fingerprints.keyed(event, k)).orElse(Fingerprints.KEYED + "no-key");
    }

    /** The aggregate's stored key; empty when it has none. */
    Optional<byte[]> storedKey(StreamId stream) {
        return keys == null ? Optional.empty() : keys.find(stream);
    }

    /** The keys, for the backfill that gives aggregates with clear values theirs. */
    StreamKeys keys() {
        return keys;
    }

    /**
     * An aggregate state with the personal values at {@code fields} sealed one by one under the aggregate's key, so
     * that it still reads (with those values null) once the key is erased; in clear when the aggregate has no key.
     */
    String sealFields(StreamId stream, long version, StateFields fields, String state) {
        Optional<byte[]> key = keys == null ? Optional.empty() : keys.find(stream);
        return key.map(k -> fields.seal(stream, version, state, k)).orElse(state);
    }

    /** A state stored by {@link #sealFields}, opened: its sealed values null where the aggregate's key is gone. */
    String openFields(StreamId stream, long version, StateFields fields, String stored) {
        if (keys == null || !fields.anySealed(stored)) {
            return stored;
        }
        return fields.open(stream, version, stored, keys.find(stream));
    }

    /** The erasure of the aggregate's key, if it was erased. */
    Optional<Erasure> findErasure(StreamId stream) {
        return keys == null ? Optional.empty() : KeyItems.erasure(keys.item(stream));
    }

    /** The keys table, where an append writes an aggregate's new key; null when nothing is encrypted. */
    String keysTable() {
        return keys == null ? null : keys.table();
    }

    /** Drops a cached key, e.g. once it is erased. */
    public void forget(StreamId stream) {
        if (keys != null) {
            keys.forget(stream);
        }
    }

    /**
     * The payloads to store, in order, the key item to write with them if the aggregate had no key, and the key they
     * are sealed under (empty when none carries personal values).
     */
    record Sealed(List<String> data, Optional<StreamKeys.NewKey> newKey, Optional<byte[]> key) {
    }
}
