package coop.store.dynamodb;

import coop.store.ReadModelRow;
import coop.store.StreamId;

import java.util.Map;
import java.util.Optional;

/**
 * Read-model rows made from one aggregate's state (a family's summary) hold its personal values, so what they store
 * (the source state, stored once, and a view where a row of an earlier release still carries one) is sealed whole
 * under that aggregate's key, like its snapshots; the served view is derived from the opened state on read. The
 * listing attributes the index needs (payment status, row id) are not personal and stay in clear. Rows stored in
 * clear by earlier releases open as they are.
 */
final class RowSealing {

    private final PersonalData personal;
    /** Per read model, the aggregate type whose state its rows show, row id = aggregate id. */
    private final Map<String, String> aggregateTypeOfModel;

    RowSealing(PersonalData personal, Map<String, String> aggregateTypeOfModel) {
        this.personal = personal;
        this.aggregateTypeOfModel = Map.copyOf(aggregateTypeOfModel);
    }

    ReadModelRow seal(ReadModelRow row) {
        Optional<StreamId> stream = streamOf(row);
        if (stream.isEmpty()) {
            return row;
        }
        return new ReadModelRow(row.tenantId(), row.model(), row.rowId(), row.version(),
                row.view().map(view -> personal.sealWhole(stream.get(), row.version(), "view", view)),
                row.listing(), row.updatedAt(),
                row.source().map(source -> new ReadModelRow.RowSource(
                        personal.sealWhole(stream.get(), row.version(), "state", source.state()),
                        source.stateSchema())));
    }

    /** The row opened; empty when it is sealed under a key that is gone (the stream rewrites it after an erasure). */
    Optional<ReadModelRow> open(ReadModelRow row) {
        Optional<StreamId> stream = streamOf(row);
        if (stream.isEmpty()) {
            return Optional.of(row);
        }
        Optional<String> view = Optional.empty();
        if (row.view().isPresent()) {
            view = personal.openWhole(stream.get(), row.version(), "view", row.view().get());
            if (view.isEmpty()) {
                return Optional.empty();
            }
        }
        Optional<ReadModelRow.RowSource> source = Optional.empty();
        if (row.source().isPresent()) {
            ReadModelRow.RowSource stored = row.source().get();
            source = personal.openWhole(stream.get(), row.version(), "state", stored.state())
                    .map(state -> new ReadModelRow.RowSource(state, stored.stateSchema()));
            if (source.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ReadModelRow(row.tenantId(), row.model(), row.rowId(), row.version(), view,
                row.listing(), row.updatedAt(), source));
    }

    private Optional<StreamId> streamOf(ReadModelRow row) {
        return Optional.ofNullable(aggregateTypeOfModel.get(row.model()))
                .map(type -> new StreamId(row.tenantId(), type, row.rowId()));
    }
}
