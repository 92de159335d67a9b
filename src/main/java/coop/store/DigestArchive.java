package coop.store;

/**
 * Where every digest of the ledger ({@code coop.ledger.LedgerDigests}) is also kept out of reach of those who can
 * write the tables: in AWS an S3 bucket with Object Lock in compliance mode, which nobody, root included, can shorten
 * or delete (docs/ledger-digests.md). A store contract, so that the S3 adapter sits below the ledger that uses it.
 */
public interface DigestArchive {

    /**
     * Keeps the digest as {@code tenant/digest_id.json}, its body the digest's JSON as the read-model row holds it.
     * Throws when it cannot, so that a digest is never listed without its locked copy.
     */
    void keep(String tenantId, String digestId, String json);
}
