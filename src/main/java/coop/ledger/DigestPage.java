package coop.ledger;

import java.util.List;
import java.util.Optional;

/** One page of a tenant's digests, newest first, and the opaque token that continues after it. */
public record DigestPage(List<Digest> digests, Optional<String> nextPageToken) {

    public DigestPage {
        digests = List.copyOf(digests);
    }
}
