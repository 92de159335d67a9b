package coop.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Merkle tree of a digest: one leaf per stream head, sorted by stream (so the same heads always give the same
 * root), paired left to right level by level; a level's odd last node is promoted unchanged to the next level, never
 * duplicated (duplicating would let two different leaf lists share a root, as Bitcoin's CVE-2012-2459 showed).
 */
public final class MerkleTree {

    private final List<StreamLeaf> leaves;
    private final List<List<String>> levels;

    private MerkleTree(List<StreamLeaf> leaves, List<List<String>> levels) {
        this.leaves = leaves;
        this.levels = levels;
    }

    public static MerkleTree of(List<StreamLeaf> heads) {
        List<StreamLeaf> sorted = heads.stream().sorted(Comparator.comparing(StreamLeaf::stream)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).stream().equals(sorted.get(i - 1).stream())) {
                throw new IllegalArgumentException("a stream has one head in a digest: " + sorted.get(i).stream());
            }
        }
        List<List<String>> levels = new ArrayList<>();
        levels.add(sorted.stream().map(MerkleHashes::leaf).toList());
        while (levels.getLast().size() > 1) {
            levels.add(parents(levels.getLast()));
        }
        return new MerkleTree(sorted, levels);
    }

    private static List<String> parents(List<String> level) {
        List<String> up = new ArrayList<>((level.size() + 1) / 2);
        for (int i = 0; i < level.size(); i += 2) {
            up.add(i + 1 < level.size() ? MerkleHashes.node(level.get(i), level.get(i + 1)) : level.get(i));
        }
        return up;
    }

    public String root() {
        return leaves.isEmpty() ? MerkleHashes.EMPTY_ROOT : levels.getLast().getFirst();
    }

    /** The leaves in tree order (sorted by stream). */
    public List<StreamLeaf> leaves() {
        return leaves;
    }

    /** The proof for the stream's head; empty when the tree does not cover the stream. */
    public Optional<MerkleProof> proofFor(String stream) {
        int leaf = indexOf(stream);
        if (leaf < 0) {
            return Optional.empty();
        }
        int index = leaf;
        List<ProofStep> steps = new ArrayList<>();
        for (List<String> level : levels.subList(0, levels.size() - 1)) {
            int sibling = index ^ 1;
            if (sibling < level.size()) {
                steps.add(new ProofStep(level.get(sibling), sibling < index));
            }
            index /= 2;
        }
        return Optional.of(new MerkleProof(leaves.get(leaf), steps, root()));
    }

    private int indexOf(String stream) {
        int low = 0;
        int high = leaves.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = leaves.get(middle).stream().compareTo(stream);
            if (order == 0) {
                return middle;
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return -1;
    }
}
