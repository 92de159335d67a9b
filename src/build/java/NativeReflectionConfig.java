import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the native image's reflection metadata from the compiled classes, so that no list of types is kept by hand:
 * a new record that crosses the JSON boundary is registered by the next build. Run by the pom in process-classes
 * (a single-file source program, so that it never ends up in the Lambda artifact):
 * {@code java -cp <compile classpath> NativeReflectionConfig.java <classes dir> <not-json.properties> <output json>}.
 *
 * <p>Registered: every record and enum of the application, every type a {@code @Funq} method takes or returns, and
 * what they reach through supertypes, fields and setters inside the application and the Lambda event classes (as
 * {@code @RegisterForReflection(registerFullHierarchy = true)} did). Left out: {@code coop.local} (dev and tests
 * only; it reaches Vert.x, which the artifact does not carry) and the types not-json.properties names with a reason.
 */
public final class NativeReflectionConfig {

    private static final String FUNQ = "io.quarkus.funqy.Funq";
    /** Where a reached type is followed further: Jackson maps these; the rest (java.*, joda, the SDK) it does not. */
    private static final List<String> FOLLOWED = List.of("coop.", "com.amazonaws.services.lambda.runtime.events.");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: NativeReflectionConfig <classes dir> <not-json.properties> <output>");
        }
        Path classes = Path.of(args[0]);
        Properties notJson = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[1]))) {
            notJson.load(reader);
        }
        List<Class<?>> application = applicationClasses(classes);
        Set<String> known = application.stream().map(Class::getName).collect(Collectors.toSet());
        List<String> stale = notJson.stringPropertyNames().stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!stale.isEmpty()) {
            throw new IllegalStateException(args[1] + " names types that do not exist (remove them): " + stale);
        }
        Set<String> registered = reachable(candidates(application, notJson));
        Path output = Path.of(args[2]);
        Files.createDirectories(output.getParent());
        Files.writeString(output, json(registered));
        System.out.println("NativeReflectionConfig: " + registered.size() + " types registered in " + output);
    }

    static Set<Class<?>> candidates(List<Class<?>> application, Properties notJson) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : application) {
            if ((type.isRecord() || type.isEnum()) && !type.isAnonymousClass()) {
                names.add(type.getName());
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Stream.of(method.getAnnotations()).anyMatch(a -> a.annotationType().getName().equals(FUNQ))) {
                    Stream.concat(Stream.of(method.getGenericReturnType()), Stream.of(method.getGenericParameterTypes()))
                            .forEach(t -> rawTypes(t, names));
                }
            }
        }
        names.removeIf(name -> name.startsWith("coop.local.") || notJson.containsKey(name) || !followed(name));
        Set<Class<?>> candidates = new java.util.LinkedHashSet<>();
        names.forEach(name -> candidates.add(load(name)));
        return candidates;
    }

    /** The candidates and what Jackson reaches from them: supertypes, field types and setter parameters. */
    static Set<String> reachable(Set<Class<?>> candidates) {
        Deque<Class<?>> pending = new ArrayDeque<>(candidates);
        Set<String> seen = new TreeSet<>();
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (type.isPrimitive() || !followed(type.getName()) || type.getName().startsWith("coop.local.")
                    || !seen.add(type.getName())) {
                continue;
            }
            Set<String> mentioned = new TreeSet<>();
            if (type.getSuperclass() != null) {
                mentioned.add(type.getSuperclass().getName());
            }
            Stream.of(type.getInterfaces()).forEach(i -> mentioned.add(i.getName()));
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    rawTypes(field.getGenericType(), mentioned);
                }
            }
            for (Method method : type.getMethods()) {
                if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
                    rawTypes(method.getGenericParameterTypes()[0], mentioned);
                }
            }
            mentioned.stream().filter(NativeReflectionConfig::followed).forEach(name -> pending.push(load(name)));
        }
        return seen;
    }

    private static boolean followed(String name) {
        return FOLLOWED.stream().anyMatch(name::startsWith);
    }

    /** The classes a (generic) type mentions: {@code Optional<List<Child>>} gives Optional, List and Child. */
    static void rawTypes(Type type, Set<String> into) {
        switch (type) {
            case Class<?> c when c.isArray() -> rawTypes(c.getComponentType(), into);
            case Class<?> c -> {
                if (!c.isPrimitive()) {
                    into.add(c.getName());
                }
            }
            case ParameterizedType p -> {
                rawTypes(p.getRawType(), into);
                Stream.of(p.getActualTypeArguments()).forEach(argument -> rawTypes(argument, into));
            }
            case GenericArrayType a -> rawTypes(a.getGenericComponentType(), into);
            case WildcardType w -> Stream.of(w.getUpperBounds()).forEach(bound -> rawTypes(bound, into));
            default -> {
            }
        }
    }

    private static List<Class<?>> applicationClasses(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("coop"))) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", ""))
                    .filter(name -> !name.contains("$$") && !name.startsWith("coop.local."))
                    .sorted()
                    .<Class<?>>map(NativeReflectionConfig::load)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReflectionConfig.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("not on the compile classpath: " + name, e);
        }
    }

    /** GraalVM's reflect-config.json: constructors, methods and fields of each type, as Jackson needs them. */
    private static String json(Set<String> types) {
        return types.stream().map(name -> "  {\"name\": \"" + name + "\", \"allDeclaredConstructors\": true,"
                        + " \"allPublicConstructors\": true, \"allDeclaredMethods\": true, \"allPublicMethods\": true,"
                        + " \"allDeclaredFields\": true, \"allPublicFields\": true}")
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }
}
