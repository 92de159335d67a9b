package coop.nativeimage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.testing.ApiCall;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.List;
import java.util.Map;

/** The JSON Lambda hands a function: API Gateway HTTP API events (payload 2.0) and DynamoDB stream batches. */
final class LambdaEvents {

    private static final ObjectMapper LAMBDA = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LambdaEvents() {
    }

    /** The API Gateway event of {@code call}, camel-case as Lambda sends it. */
    static String http(ApiCall call) throws JsonProcessingException {
        ObjectNode event = LAMBDA.valueToTree(call.event());
        event.remove("base64Encoded");  // Lombok's name for the flag; Lambda's JSON calls it isBase64Encoded
        event.put("isBase64Encoded", false);
        return LAMBDA.writeValueAsString(event);
    }

    /** A stream batch as Lambda delivers it: the records the events table's stream holds, images in DynamoDB JSON. */
    static String streamBatch(List<Record> records, String streamArn) throws JsonProcessingException {
        ArrayNode batch = NODES.arrayNode();
        for (Record record : records) {
            ObjectNode lambda = batch.addObject();
            lambda.put("eventID", record.eventID());
            lambda.put("eventName", record.eventNameAsString());
            lambda.put("eventVersion", "1.1");
            lambda.put("eventSource", "aws:dynamodb");
            lambda.put("awsRegion", "us-east-1");
            lambda.put("eventSourceARN", streamArn);
            var source = record.dynamodb();
            ObjectNode dynamodb = lambda.putObject("dynamodb");
            if (source.approximateCreationDateTime() != null) {
                dynamodb.put("ApproximateCreationDateTime", source.approximateCreationDateTime().getEpochSecond());
            }
            dynamodb.set("Keys", image(source.keys()));
            if (source.hasNewImage()) {
                dynamodb.set("NewImage", image(source.newImage()));
            }
            dynamodb.put("SequenceNumber", source.sequenceNumber());
            dynamodb.put("SizeBytes", source.sizeBytes());
            dynamodb.put("StreamViewType", source.streamViewTypeAsString());
        }
        ObjectNode event = NODES.objectNode();
        event.set("Records", batch);
        return LAMBDA.writeValueAsString(event);
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode image = NODES.objectNode();
        item.forEach((name, value) -> image.set(name, value(value)));
        return image;
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode json = NODES.objectNode();
        if (value.s() != null) {
            json.put("S", value.s());
        } else if (value.n() != null) {
            json.put("N", value.n());
        } else if (value.bool() != null) {
            json.put("BOOL", value.bool());
        } else if (value.nul() != null) {
            json.put("NULL", value.nul());
        } else if (value.hasM()) {
            json.set("M", image(value.m()));
        } else if (value.hasL()) {
            ArrayNode list = json.putArray("L");
            value.l().forEach(element -> list.add(value(element)));
        } else if (value.hasSs()) {
            value.ss().forEach(json.putArray("SS")::add);
        } else if (value.hasNs()) {
            value.ns().forEach(json.putArray("NS")::add);
        } else {
            throw new IllegalArgumentException("an attribute type the events table does not use: " + value);
        }
        return json;
    }
}
