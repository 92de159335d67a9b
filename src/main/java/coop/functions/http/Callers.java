package coop.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.store.StreamId;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the caller from the JWT claims API Gateway's authorizer verified and passed on as strings (locally: the
 * claims the local server decoded from the unverified token, passed on the same way).
 */
@Singleton
public class Callers {

    /** A JSON number as API Gateway renders it (integers, decimals, exponents). */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private final ClaimNames names;

    public Callers(ClaimNames names) {
        this.names = names;
    }

    /** @throws ApiError 401 when there are no claims, or no valid subject or tenant among them */
    public Caller of(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        String userId = claims.get(names.sub());
        String tenantId = claims.get(names.tenant());
        if (userId == null || userId.isBlank() || tenantId == null || tenantId.isBlank()) {
            throw ApiError.unauthenticated("A token with the claims " + names.sub() + " and " + names.tenant()
                    + " is required");
        }
        // Both end up in keys and on events: an id that the store cannot hold is not a usable identity.
        if (!StreamId.isValidId(userId) || !StreamId.isValidId(tenantId) || rendersNonString(tenantId)) {
            throw ApiError.unauthenticated("The token's " + names.sub() + " or " + names.tenant() + " is not a valid id");
        }
        Optional<String> familyId = Optional.ofNullable(claims.get(names.family())).filter(StreamId::isValidId);
        return new Caller(userId, tenantId, roles(claims.get(names.roles())), familyId);
    }

    /**
     * API Gateway hands every claim over as text, so a token whose tenant is {@code null}, a number or a boolean
     * arrives as "null", "42" or "true": such a tenant was not a string in the token, and is no tenant.
     */
    private static boolean rendersNonString(String claim) {
        return claim.equals("null") || claim.equals("true") || claim.equals("false")
                || NUMBER.matcher(claim).matches();
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return Map.of();
        }
        return context.getAuthorizer().getJwt().getClaims();
    }

    /** Roles as API Gateway renders a claim: a JSON array string, "[a b]", or "a b" / "a,b". Unknown roles are ignored. */
    static Set<Role> roles(String claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claim == null || claim.isBlank()) {
            return roles;
        }
        String text = claim.trim();
        if (text.startsWith("[")) {
            try {
                JsonNode array = Json.mapper().readTree(text);
                if (array.isArray()) {
                    array.forEach(item -> Role.parse(item.asText()).ifPresent(roles::add));
                    return roles;
                }
            } catch (Exception notJson) {
                // API Gateway renders ["a","b"] as [a b]: not JSON, handled below.
            }
            text = text.substring(1, text.endsWith("]") ? text.length() - 1 : text.length());
        }
        for (String part : text.split("[\\s,]+")) {
            if (!part.isBlank()) {
                Role.parse(part.replace("\"", "")).ifPresent(roles::add);
            }
        }
        return roles;
    }
}
