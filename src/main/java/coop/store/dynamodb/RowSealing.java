package coop.store.dynamodb;

import coop.keys.FieldCipher;
import coop.store.ReadModelRow;
import coop.store.StreamId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Read-model rows made from one aggregate's state (a family's summary) hold its personal values. The source state
 * (stored once; the served view is derived from it on read) has each personal value sealed on its own under that
 * aggregate's key, so that from the moment the key is erased the row still reads, with those values null, and the
 * family stays listed: no read answers 404 while the stream has not yet rewritten the row. A view that a row of an
 * earlier release still carries, and a state sealed whole by the release before, are opened whole (such a row reads
 * as absent once its key is gone, until the stream rewrites it). Listing attributes (payment status, row id) are
 * not personal and stay in clear. Rows stored in clear by earlier releases open as they are.
 */
final class RowSealing {

    private final PersonalData personal;
    /** Per read model whose rows show one aggregate's state, that aggregate type and its personal state fields. */
    private final Map<String, StateRows> stateRowsOfModel;
    private final Map<String, StateFields> fieldsOfModel = new HashMap<>();

    RowSealing(PersonalData personal, Map<String, StateRows> stateRowsOfModel) {
        this.personal = personal;
        this.stateRowsOfModel = Map.copyOf(stateRowsOfModel);
        stateRowsOfModel.forEach((model, rows) -> fieldsOfModel.put(model, new StateFields(rows.personalStateFields())));
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
                        personal.sealFields(stream.get(), row.version(), fieldsOf(row), source.state()),
                        source.stateSchema())));
    }

    /**
     * The row opened, its personal state values null where the key is gone; empty only for a row sealed whole under
     * a key that is gone (the stream rewrites it after the erasure).
     */
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
            Optional<String> state = FieldCipher.isSealed(stored.state())
                    ? personal.openWhole(stream.get(), row.version(), "state", stored.state())
                    : Optional.of(personal.openFields(stream.get(), row.version(), fieldsOf(row), stored.state()));
            if (state.isEmpty()) {
                return Optional.empty();
            }
            source = Optional.of(new ReadModelRow.RowSource(state.get(), stored.stateSchema()));
        }
        return Optional.of(new ReadModelRow(row.tenantId(), row.model(), row.rowId(), row.version(), view,
                row.listing(), row.updatedAt(), source));
    }

    private Optional<StreamId> streamOf(ReadModelRow row) {
        return Optional.ofNullable(stateRowsOfModel.get(row.model()))
                .map(model -> new StreamId(row.tenantId(), model.aggregateType(), row.rowId()));
    }

    private StateFields fieldsOf(ReadModelRow row) {
        return fieldsOfModel.get(row.model());
    }
}
