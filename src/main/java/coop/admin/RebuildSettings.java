package coop.admin;

/**
 * How rebuilds fan out.
 *
 * @param segments            parallel scan segments, each run by its own invocations
 * @param pageSize            events read per scan page; each page is checkpointed
 * @param pagesPerInvocation  pages one invocation does before it hands the segment on to a fresh invocation, so an
 *                            invocation stays well within Lambda's time limit however large the table
 */
public record RebuildSettings(int segments, int pageSize, int pagesPerInvocation) {

    public RebuildSettings {
        if (segments < 1 || pageSize < 1 || pagesPerInvocation < 1) {
            throw new IllegalArgumentException("rebuild segments, page size and pages per invocation must be >= 1");
        }
    }
}
