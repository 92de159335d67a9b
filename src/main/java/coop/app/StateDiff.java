package coop.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The top-level fields two states (as readers see them) disagree on, in the order of the first state's fields. */
final class StateDiff {

    private StateDiff() {
    }

    static List<Simulation.Change> between(Map<String, Object> before, Map<String, Object> after) {
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<Simulation.Change> changes = new ArrayList<>();
        for (String field : fields) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                changes.add(new Simulation.Change(field, before.get(field), after.get(field)));
            }
        }
        return changes;
    }
}
