package coop.functions;

import coop.ledger.DigestPage;

import java.util.List;

/** One page of {@code GET /ledger/digests}, newest first, and the token of the next page (null on the last). */
record DigestList(List<DigestView> digests, String nextPageToken) {

    static DigestList of(DigestPage page) {
        return new DigestList(page.digests().stream().map(DigestView::of).toList(),
                page.nextPageToken().orElse(null));
    }
}
