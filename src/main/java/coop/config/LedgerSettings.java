package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The scheduled check of the hash chains (docs/ledger.md). */
@ConfigMapping(prefix = "coop.ledger")
public interface LedgerSettings {

    /** How many families of each tenant each run of the scheduled function verifies, sampled at random. */
    @WithName("verify-sample-per-tenant")
    @WithDefault("20")
    int verifySamplePerTenant();
}
