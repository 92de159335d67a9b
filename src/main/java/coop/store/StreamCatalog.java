package coop.store;

import java.util.function.Consumer;

/** Enumerates the streams of the store, for admin work such as rebuilding a read model. */
public interface StreamCatalog {

    /** Calls {@code each} once per stream of {@code aggregateType}, across all tenants. Slow: admin use only. */
    void forEachStream(String aggregateType, Consumer<StreamId> each);
}
