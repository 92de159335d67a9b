package coop.ledger;

/**
 * One step up a Merkle proof: the sibling's hash and on which side of the running hash it sits.
 *
 * @param siblingOnLeft true when the parent is {@code node(sibling, running)}, false for {@code node(running, sibling)}
 */
public record ProofStep(String sibling, boolean siblingOnLeft) {
}
