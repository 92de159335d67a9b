package coop.domain;

/** One problem with one field of a payload, phrased to follow the field name: "amount must be greater than 0". */
public record FieldProblem(String field, String problem) {
}
