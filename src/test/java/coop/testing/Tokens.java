package coop.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Claims as API Gateway's JWT authorizer passes them on (all strings), and unsigned tokens for the local server. */
public final class Tokens {

    private Tokens() {
    }

    /** A tenant id no other test uses: the tables are shared by every Quarkus test of the run. */
    public static String newTenant() {
        return "coop-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, String> claims(String user, String tenant, String roles) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", user);
        claims.put("tenant_id", tenant);
        claims.put("roles", roles);
        return claims;
    }

    public static Map<String, String> coordinator(String tenant) {
        return claims("sarah", tenant, "[coordinator]");
    }

    public static Map<String, String> auditor(String tenant) {
        return claims("audrey", tenant, "auditor");
    }

    public static Map<String, String> admin(String tenant) {
        return claims("root-admin", tenant, "[\"admin\"]");
    }

    /** One of the platform's operators; the tenant the token names does not limit what an operator sees or starts. */
    public static Map<String, String> operator(String tenant) {
        return claims("olga-operator", tenant, "[\"operator\"]");
    }

    public static Map<String, String> family(String tenant, String familyId) {
        Map<String, String> claims = claims("parent-" + familyId, tenant, "family");
        claims.put("family_id", familyId);
        return claims;
    }

    /** An {@code alg: none} JWT carrying {@code payloadJson}. */
    public static String unsigned(String payloadJson) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
