package coop.functions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Funqy makes a reader and a writer for every function of the build when it starts, although a Lambda runs only the
 * one it exports. With eager fetching off, those readers and writers build their (de)serializers on first use, so
 * a function's cold start pays only for its own types (the stream function's, say, never for the HTTP events').
 * Quarkus' Lambda mapper is a copy of this one.
 */
@Singleton
public class LazyBindings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.EAGER_DESERIALIZER_FETCH)
                .disable(SerializationFeature.EAGER_SERIALIZER_FETCH);
    }
}
