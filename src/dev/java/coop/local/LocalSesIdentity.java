package coop.local;

import coop.config.NotificationSettings;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;

/**
 * Verifies the notices' sender identity on the local SES (the embedded moto) at start-up, as an operator does once in
 * AWS: SES v2 sends only from a verified identity. Never part of a production build.
 */
@Startup
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalSesIdentity {

    private static final Logger LOG = Logger.getLogger(LocalSesIdentity.class);

    LocalSesIdentity(SesV2Client ses, NotificationSettings settings) {
        try {
            ses.createEmailIdentity(request -> request.emailIdentity(settings.fromAddress()));
        } catch (AlreadyExistsException verifiedBefore) {
            // an earlier run or another test on the same server
        }
        LOG.infof("Local SES identity ready: %s", settings.fromAddress());
    }
}
