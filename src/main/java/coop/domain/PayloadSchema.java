package coop.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields one version of an event's payload may carry. Checking a payload reports every problem at once, so a
 * client can fix a request in one go.
 */
public record PayloadSchema(List<Field> fields) {

    public PayloadSchema {
        fields = List.copyOf(fields);
    }

    public static PayloadSchema of(Field... fields) {
        return new PayloadSchema(List.of(fields));
    }

    /** The names of the fields declared personal, in schema order. */
    public List<String> personalFields() {
        return fields.stream().filter(Field::isPersonal).map(Field::name).toList();
    }

    /** Every problem of {@code payload}: missing required fields, values of the wrong kind, unknown fields. */
    public List<FieldProblem> problems(Map<String, Object> payload) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Field field : fields) {
            Object value = payload.get(field.name());
            if (value == null) {
                if (field.required()) {
                    problems.add(new FieldProblem(field.name(), "is required"));
                }
            } else {
                field.problem(value).ifPresent(problem -> problems.add(new FieldProblem(field.name(), problem)));
            }
        }
        Set<String> known = fields.stream().map(Field::name).collect(Collectors.toSet());
        payload.keySet().stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .forEach(name -> problems.add(new FieldProblem(name, "is not a field of this event")));
        return problems;
    }
}
