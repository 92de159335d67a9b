package coop.functions.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The names of the token claims the API reads, so that e.g. Cognito's {@code custom:tenant_id} and
 * {@code cognito:groups} map onto them ({@code COOP_AUTH_CLAIMS_TENANT=custom:tenant_id}).
 */
@ConfigMapping(prefix = "coop.auth.claims")
public interface ClaimNames {

    /** The user id recorded on every event. */
    @WithDefault("sub")
    String sub();

    @WithDefault("tenant_id")
    String tenant();

    /** A JSON array, a bracketed {@code [a b]} string (API Gateway's rendering of arrays), or space/comma separated. */
    @WithDefault("roles")
    String roles();

    @WithDefault("family_id")
    String family();
}
