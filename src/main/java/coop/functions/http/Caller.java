package coop.functions.http;

import java.util.Optional;
import java.util.Set;

/**
 * Who calls, from the verified token's claims, and what they may do. Every check throws a 403 {@link ApiError}
 * when the caller may not; tenant isolation needs no check, since every store call is scoped to {@link #tenantId()}.
 *
 * @param familyId the {@code family_id} claim, which limits the {@code family} role to one Family
 */
public record Caller(String userId, String tenantId, Set<Role> roles, Optional<String> familyId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Coordinators and admins append events. */
    public void requireAppend() {
        if (!has(Role.COORDINATOR) && !has(Role.ADMIN)) {
            throw ApiError.forbidden("Only a coordinator or an admin may append events");
        }
    }

    /** Coordinators, auditors and admins read everything of their tenant. */
    public boolean readsAll() {
        return has(Role.COORDINATOR) || has(Role.AUDITOR) || has(Role.ADMIN);
    }

    /** Queries across aggregates are for those who read everything. */
    public void requireReadAll() {
        if (!readsAll()) {
            throw ApiError.forbidden("Only a coordinator, an auditor or an admin may query events across aggregates");
        }
    }

    /** Those who read everything, or a family reading its own Family. */
    public void requireReadAggregate(String aggregateType, String aggregateId) {
        if (readsAll()) {
            return;
        }
        if (has(Role.FAMILY) && "Family".equals(aggregateType) && familyId.filter(aggregateId::equals).isPresent()) {
            return;
        }
        throw ApiError.forbidden("This caller may not read " + aggregateType + " " + aggregateId);
    }

    /** The ledger's digests are taken and read by those who answer to the auditor: auditors and admins. */
    public void requireAuditorOrAdmin(String work) {
        if (!has(Role.AUDITOR) && !has(Role.ADMIN)) {
            throw ApiError.forbidden("Only an auditor or an admin may " + work);
        }
    }

    public void requireAdmin() {
        if (!has(Role.ADMIN)) {
            throw ApiError.forbidden("Only an admin may do this");
        }
    }

    /**
     * Work that covers every tenant at once belongs to the platform's operators: a tenant's admin runs one co-op, so
     * its role says nothing about the others, and the answer names the role that may.
     *
     * @param work what the caller asked for and why it is the platform's, e.g. "rebuild a projection: a rebuild reads
     *             every tenant's events"
     */
    public void requireOperator(String work) {
        if (!has(Role.OPERATOR)) {
            throw ApiError.forbidden("Only the platform's operators (role operator) may " + work);
        }
    }
}
