package coop.store;

import java.util.List;

/** Reads the aggregates the stream has parked: a tenant's own, or the whole deployment's for operators. */
public interface ParkedFamilies {

    /** Nothing is ever parked (a deployment or test that does not park). */
    ParkedFamilies NONE = new ParkedFamilies() {
        @Override
        public List<ParkedFamily> parkedIn(String tenantId) {
            return List.of();
        }

        @Override
        public List<ParkedFamily> parkedEverywhere() {
            return List.of();
        }
    };

    /** The tenant's parked aggregates, by stream. */
    List<ParkedFamily> parkedIn(String tenantId);

    /** Every tenant's parked aggregates, by stream. */
    List<ParkedFamily> parkedEverywhere();
}
