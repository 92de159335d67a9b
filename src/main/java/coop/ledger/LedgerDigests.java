package coop.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.app.Json;
import coop.store.DigestArchive;
import coop.store.ReadModelPage;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a tenant's digest from the stream heads (never from the events table) and keeps it, with its leaves, as a
 * read-model row of model {@code ledger_digests}, one listing per tenant, after its copy is kept in the
 * {@link DigestArchive} (so a listed digest always has its locked copy). Row ids sort newest first (the time is
 * stored inverted), so the listing pages from the latest digest back. One row holds up to about 3,000 leaves
 * (DynamoDB's 400 KB item limit); docs/ledger-digests.md says so.
 */
public final class LedgerDigests {

    public static final String MODEL = "ledger_digests";
    static final String LISTING = "all";
    private static final long LATEST_MILLIS = 9_999_999_999_999L;

    private final ReadModelStore rows;
    private final TenantHeads heads;
    private final DigestArchive archive;
    private final Clock clock;

    public LedgerDigests(ReadModelStore rows, DigestArchive archive, Clock clock) {
        this.rows = rows;
        this.heads = new TenantHeads(rows);
        this.archive = archive;
        this.clock = clock;
    }

    public Digest take(String tenantId) {
        Instant takenAt = clock.instant();
        MerkleTree tree = MerkleTree.of(heads.of(tenantId));
        String id = "%013d-%s".formatted(LATEST_MILLIS - takenAt.toEpochMilli(),
                UUID.randomUUID().toString().substring(0, 8));
        Digest digest = new Digest(id, tree.root(), takenAt, tree.leaves());
        String json = json(digest);
        archive.keep(tenantId, id, json);
        rows.putIfNewer(new ReadModelRow(tenantId, MODEL, id, 1, Optional.of(json), Optional.of(LISTING),
                takenAt, Optional.empty()));
        return digest;
    }

    /** The tenant's digest; empty for an id of another tenant or none. */
    public Optional<Digest> find(String tenantId, String digestId) {
        return rows.find(tenantId, MODEL, digestId).map(LedgerDigests::digest);
    }

    /** One page of the tenant's digests, newest first, with the token for the next page. */
    public DigestPage list(String tenantId, int limit, Optional<String> pageToken) {
        ReadModelPage page = rows.list(tenantId, MODEL, LISTING, limit, pageToken);
        return new DigestPage(page.rows().stream().map(LedgerDigests::digest).toList(), page.nextPageToken());
    }

    private static String json(Digest digest) {
        ObjectNode view = Json.mapper().createObjectNode().put("digest", digest.root())
                .put("taken_at", digest.takenAt().toString());
        ArrayNode leaves = view.putArray("leaves");
        digest.leaves().forEach(leaf -> leaves.addObject().put("stream", leaf.stream())
                .put("version", leaf.version()).put("chain_hash", leaf.chainHash()));
        return view.toString();
    }

    private static Digest digest(ReadModelRow row) {
        try {
            JsonNode view = Json.mapper().readTree(row.view().orElseThrow());
            List<StreamLeaf> leaves = new ArrayList<>();
            view.path("leaves").forEach(leaf -> leaves.add(new StreamLeaf(leaf.path("stream").asText(),
                    leaf.path("version").asLong(), leaf.path("chain_hash").asText())));
            return new Digest(row.rowId(), view.path("digest").asText(), Instant.parse(view.path("taken_at").asText()),
                    leaves);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("digest row " + row.rowId() + " is not JSON", e);
        }
    }
}
