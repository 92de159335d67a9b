package coop.observability;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The EMF classes registered for the native image by name still exist under those names. */
class EmfReflectionTest {

    @Test
    void every_registered_emf_class_exists() {
        String[] names = EmfReflection.class.getAnnotation(RegisterForReflection.class).classNames();

        assertThat(names).isNotEmpty().allSatisfy(name ->
                assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull());
    }
}
