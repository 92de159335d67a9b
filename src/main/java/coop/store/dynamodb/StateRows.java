package coop.store.dynamodb;

import java.util.List;

/**
 * A read model whose rows show one aggregate's state (row id = aggregate id): the aggregate type, and where the
 * personal values sit in its state, as the type declares them (e.g. {@code children.child_name}).
 */
public record StateRows(String aggregateType, List<String> personalStateFields) {

    public StateRows {
        personalStateFields = List.copyOf(personalStateFields);
    }
}
