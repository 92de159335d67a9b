package coop.store;

import java.util.List;
import java.util.Optional;

/** One page of read-model rows, and the opaque token that continues after it (empty on the last page). */
public record ReadModelPage(List<ReadModelRow> rows, Optional<String> nextPageToken) {

    public ReadModelPage {
        rows = List.copyOf(rows);
    }
}
