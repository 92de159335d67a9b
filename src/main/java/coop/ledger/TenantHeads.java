package coop.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import coop.app.Json;
import coop.store.ReadModelPage;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.stream.StreamHeadsProjection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A tenant's stream heads as the stream-heads projection keeps them: read page by page from its listing. */
public final class TenantHeads {

    private static final int PAGE = 100;

    private final ReadModelStore rows;

    public TenantHeads(ReadModelStore rows) {
        this.rows = rows;
    }

    public List<StreamLeaf> of(String tenantId) {
        List<StreamLeaf> heads = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ReadModelPage page = rows.list(tenantId, StreamHeadsProjection.MODEL, StreamHeadsProjection.LISTING,
                    PAGE, token);
            page.rows().forEach(row -> heads.add(leaf(row)));
            token = page.nextPageToken();
        } while (token.isPresent());
        return heads;
    }

    private static StreamLeaf leaf(ReadModelRow row) {
        try {
            String hash = Json.mapper().readTree(row.view().orElse("{}")).path("chain_hash").asText();
            return new StreamLeaf(row.rowId(), row.version(), hash);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stream head row " + row.rowId() + " is not JSON", e);
        }
    }
}
