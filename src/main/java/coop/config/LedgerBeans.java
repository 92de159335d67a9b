package coop.config;

import coop.store.DigestArchive;
import coop.ledger.DigestProofs;
import coop.ledger.LedgerDigests;
import coop.schedule.DailyDigests;
import coop.store.EventStore;
import coop.store.ReadModelStore;
import coop.store.s3.S3DigestArchive;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;

/** Wires the ledger's digests, their proofs and the S3 client of their locked copies into CDI. */
public class LedgerBeans {

    @Produces
    @Singleton
    S3Client s3(DigestSettings settings) {
        var builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpointOverride().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get())));
        }
        return builder.build();
    }

    void closeS3(@Disposes S3Client client) {
        client.close();
    }

    @Produces
    @Singleton
    DigestArchive digestArchive(S3Client s3, DigestSettings settings) {
        return new S3DigestArchive(s3, settings.bucket());
    }

    @Produces
    @Singleton
    LedgerDigests ledgerDigests(ReadModelStore rows, DigestArchive archive, Clock clock) {
        return new LedgerDigests(rows, archive, clock);
    }

    @Produces
    @Singleton
    DigestProofs digestProofs(EventStore store) {
        return new DigestProofs(store);
    }

    @Produces
    @Singleton
    DailyDigests dailyDigests(ReadModelStore rows, LedgerDigests digests, Clock clock) {
        return new DailyDigests(rows, digests, clock);
    }
}
