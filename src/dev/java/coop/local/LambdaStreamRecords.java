package coop.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the record Lambda would deliver from one that {@code DynamoDbStreamsClient} read (SDK v2 attribute values
 * into lambda-events ones), so the local poller and the tests call the stream function with what AWS hands it.
 */
public final class LambdaStreamRecords {

    private LambdaStreamRecords() {
    }

    public static DynamodbEvent.DynamodbStreamRecord from(Record record, String streamArn, String region) {
        DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventVersion(record.eventVersion() == null ? "1.1" : record.eventVersion());
        lambda.setEventSource("aws:dynamodb");
        lambda.setAwsRegion(region);
        lambda.setEventSourceARN(streamArn);
        var source = record.dynamodb();
        StreamRecord stream = new StreamRecord();
        stream.setKeys(convert(source.keys()));
        if (source.hasNewImage()) {
            stream.setNewImage(convert(source.newImage()));
        }
        if (source.hasOldImage()) {
            stream.setOldImage(convert(source.oldImage()));
        }
        stream.setSequenceNumber(source.sequenceNumber());
        stream.setSizeBytes(source.sizeBytes());
        if (source.streamViewTypeAsString() != null) {
            stream.setStreamViewType(StreamViewType.fromValue(source.streamViewTypeAsString()));
        }
        if (source.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        lambda.setDynamodb(stream);
        return lambda;
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> convert(
            Map<String, AttributeValue> values) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted =
                new LinkedHashMap<>();
        values.forEach((name, value) -> converted.put(name, convert(value)));
        return converted;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue convert(AttributeValue value) {
        var lambda = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (value.s() != null) {
            lambda.setS(value.s());
        } else if (value.n() != null) {
            lambda.setN(value.n());
        } else if (value.b() != null) {
            lambda.setB(value.b().asByteBuffer());
        } else if (value.bool() != null) {
            lambda.setBOOL(value.bool());
        } else if (value.nul() != null) {
            lambda.setNULL(value.nul());
        } else if (value.hasSs()) {
            lambda.setSS(value.ss());
        } else if (value.hasNs()) {
            lambda.setNS(value.ns());
        } else if (value.hasBs()) {
            lambda.setBS(value.bs().stream().map(b -> b.asByteBuffer()).toList());
        } else if (value.hasL()) {
            List<com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> list =
                    value.l().stream().map(LambdaStreamRecords::convert).toList();
            lambda.setL(list);
        } else if (value.hasM()) {
            lambda.setM(convert(value.m()));
        }
        return lambda;
    }
}
