package coop.functions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import coop.app.Json;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Lambda's cold start pays only for its own function's JSON types: the mapper Funqy binds every function with does
 * not build (de)serializers for the functions the Lambda does not export (LambdaHandlerBindingTest shows the
 * exported one still binds an API Gateway event).
 */
@QuarkusTest
class LazyBindingsTest {

    @Test
    void the_lambda_mapper_builds_serializers_on_first_use_not_for_every_function_at_start() {
        ObjectMapper lambdaMapper = AmazonLambdaMapperRecorder.objectMapper;

        assertThat(lambdaMapper).isNotNull();
        assertThat(lambdaMapper.isEnabled(DeserializationFeature.EAGER_DESERIALIZER_FETCH)).isFalse();
        assertThat(lambdaMapper.isEnabled(SerializationFeature.EAGER_SERIALIZER_FETCH)).isFalse();
    }

    @Test
    void the_application_shares_one_mapper_so_each_type_is_introspected_once() {
        assertThat(Json.mapper()).isSameAs(Json.mapper());
    }
}
