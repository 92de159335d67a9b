package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The DynamoDB tables, by their configured names (in AWS, from the template's outputs via environment variables). */
@ConfigMapping(prefix = "coop.tables")
public interface TableNames {

    String events();

    /** One item per event id: keeps ids unique per tenant, and finds an event by id consistently. */
    @WithName("event-ids")
    String eventIds();

    String snapshots();

    @WithName("read-models")
    String readModels();

    String checkpoints();

    /** One item per aggregate with personal data: its data key, wrapped by the KMS key. */
    String keys();

    /** One item per notice to a family: the claim that makes each notice go out once. */
    String notices();
}
