package coop.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.app.EventCodec;
import coop.app.Loaded;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.store.ReadModelRow;
import coop.store.StreamId;

import java.util.Optional;

/**
 * How a family summary is kept in a read-model row: the Family state once, under its state schema, next to the
 * row's version and the time of its last event. The summary served is derived from them when read, so the row holds
 * the state a single time (it once held it twice, as state and as view, and hit DynamoDB's item limit at half the
 * size). Rows of earlier releases, which also carry the view, still read.
 */
public final class FamilySummaryRows {

    private final EventCodec codec;
    private final ObjectMapper json;

    public FamilySummaryRows(EventCodec codec, ObjectMapper json) {
        this.codec = codec;
        this.json = json;
    }

    /** The row of a family at a loaded state. */
    public ReadModelRow row(StreamId stream, Loaded<FamilyState> loaded) {
        return ReadModelRow.ofSource(stream.tenantId(), FamilySummary.MODEL, stream.aggregateId(), loaded.version(),
                Optional.of(FamilySummary.listing(loaded.state().paymentStatus())), loaded.lastEventAt(),
                new ReadModelRow.RowSource(codec.write(loaded.state()), Family.INSTANCE.stateSchemaVersion()));
    }

    /** The Family state a row was made from, if it carries one of this release's state schema that still reads. */
    public Optional<FamilyState> state(ReadModelRow row) {
        return row.source()
                .filter(source -> source.stateSchema() == Family.INSTANCE.stateSchemaVersion())
                .flatMap(source -> {
                    try {
                        return Optional.of(codec.read(source.state(), FamilyState.class));
                    } catch (RuntimeException unreadable) {
                        return Optional.empty(); // another layout: callers load the state from the store instead
                    }
                });
    }

    /**
     * The summary a row serves: derived from its state, or, for a row whose state this release does not read, the
     * view an earlier release stored beside it.
     *
     * @throws IllegalStateException when the row has neither (rebuilding the projection rewrites it)
     */
    public FamilySummary summary(ReadModelRow row) {
        Optional<FamilySummary> derived = state(row)
                .map(state -> FamilySummary.of(state, row.version(), row.updatedAt()));
        if (derived.isPresent()) {
            return derived.get();
        }
        String view = row.view().orElseThrow(() -> new IllegalStateException("the family summary of "
                + row.tenantId() + "/" + row.rowId() + " has no state this release reads; rebuild "
                + "the family-summary projection"));
        try {
            // The view's fields are the state's: the state reads from it, the rest comes from the row.
            return FamilySummary.of(json.readValue(view, FamilyState.class), row.version(), row.updatedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored family summary no longer reads", e);
        }
    }
}
