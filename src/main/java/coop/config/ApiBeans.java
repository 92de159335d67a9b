package coop.config;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.Aggregates;
import coop.app.Envelopes;
import coop.app.Erasures;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.AuditTrail;
import coop.app.Explain;
import coop.app.History;
import coop.app.Json;
import coop.app.RevertPreviews;
import coop.app.Reverts;
import coop.app.Simulations;
import coop.store.EventStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the read and revert services behind the HTTP API, next to {@link CoreBeans}. */
public class ApiBeans {

    @Produces
    @Singleton
    Envelopes envelopes(AggregateTypes types, EventCodec codec) {
        return new Envelopes(types, codec);
    }

    @Produces
    @Singleton
    Aggregates aggregates(AggregateTypes types, AggregateRepository repository) {
        return new Aggregates(types, repository, Json.mapper());
    }

    @Produces
    @Singleton
    History history(AggregateTypes types, EventStore store, Envelopes envelopes) {
        return new History(types, store, envelopes);
    }

    @Produces
    @Singleton
    AuditTrail auditTrail(AggregateTypes types, EventStore store, Envelopes envelopes) {
        return new AuditTrail(types, store, envelopes);
    }

    @Produces
    @Singleton
    Explain explain(AggregateTypes types, EventStore store, EventCodec codec, Aggregates aggregates, Envelopes envelopes) {
        return new Explain(types, store, codec, aggregates, envelopes);
    }

    @Produces
    @Singleton
    Reverts reverts(AggregateTypes types, EventStore store, EventCodec codec, EventService events) {
        return new Reverts(types, store, codec, events);
    }

    @Produces
    @Singleton
    Erasures erasures(EventStore store, AggregateRepository repository, EventCodec codec) {
        return new Erasures(store, repository, codec);
    }

    @Produces
    @Singleton
    RevertPreviews revertPreviews(AggregateTypes types, EventStore store, AggregateRepository repository,
                                  EventCodec codec) {
        return new RevertPreviews(types, store, repository, codec);
    }

    @Produces
    @Singleton
    Simulations simulations(AggregateTypes types, AggregateRepository repository, EventCodec codec,
                            Aggregates aggregates) {
        return new Simulations(types, repository, codec, aggregates);
    }
}
