package coop.functions;

import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native safety without GraalVM: derives the types Jackson may read or write and fails when one is not registered for
 * reflection ({@link NativeReflection}, or {@code @RegisterForReflection} on the type). The candidates are every
 * record and enum of the application (the shapes Jackson maps here: payloads, state, read models, HTTP bodies,
 * envelopes) and every type a {@code @Funq} method takes or returns. A registered type covers what its fields reach,
 * as {@code registerFullHierarchy} does. A record that never crosses JSON must be named in {@link #NOT_JSON} with
 * its reason, so a new type is either registered or consciously left out: it cannot be missed.
 */
class NativeReflectionTest {

    /** Records and enums that never meet Jackson, and why. */
    private static final Map<String, String> NOT_JSON = Map.ofEntries(
            Map.entry("coop.admin.DeadLetter", "read field by field from a JsonNode"),
            Map.entry("coop.admin.RebuildSettings", "configuration"),
            Map.entry("coop.admin.ReplayResult", "the replay function answers a Map"),
            Map.entry("coop.app.AppendRequest", "built by AppendBody from a JsonNode"),
            Map.entry("coop.app.LoadTarget$AsOf", "a load parameter"),
            Map.entry("coop.app.LoadTarget$AtVersion", "a load parameter"),
            Map.entry("coop.app.Loaded", "a load result, written as its state"),
            Map.entry("coop.app.ProposedEvent", "built from a JsonNode"),
            Map.entry("coop.app.InvalidEvents$Problem", "written as functions.http.Problem"),
            Map.entry("coop.store.AppendResult$Position", "written as AppendEventsFunction.Appended.Position"),
            Map.entry("coop.store.AppendResult", "written as AppendEventsFunction.Appended"),
            Map.entry("coop.store.BackfillPage", "a backfill page, logged"),
            Map.entry("coop.store.Checkpoint", "served as ProjectionInfo"),
            Map.entry("coop.store.DuplicateEventId", "logged by the backfill"),
            Map.entry("coop.store.EventMetadata", "store parameter"),
            Map.entry("coop.store.EventPage", "served as EventList"),
            Map.entry("coop.store.ExpectedVersion$Any", "store parameter"),
            Map.entry("coop.store.ExpectedVersion$Exactly", "store parameter"),
            Map.entry("coop.store.NewEvent", "store parameter"),
            Map.entry("coop.store.ReadModelPage", "served as FamilyPage"),
            Map.entry("coop.store.ReadModelRow", "a DynamoDB item"),
            Map.entry("coop.store.Rebuild", "answered as a Map"),
            Map.entry("coop.store.RebuildSegment", "a DynamoDB item"),
            Map.entry("coop.store.RecordedEvent", "served as Envelope"),
            Map.entry("coop.store.SegmentPage", "a scan page"),
            Map.entry("coop.store.Snapshot", "a DynamoDB item whose state EventCodec writes"),
            Map.entry("coop.store.StreamId", "a key"),
            Map.entry("coop.store.dynamodb.StoreSettings", "configuration"),
            Map.entry("coop.stream.FeedEvent", "published as its Envelope"),
            Map.entry("coop.stream.SnapshotPolicy", "configuration"),
            Map.entry("coop.stream.Subscription", "served as ProjectionInfo"),
            Map.entry("coop.functions.AppendBody", "reads a JsonNode by hand"),
            Map.entry("coop.functions.http.Caller", "built from JWT claims"),
            Map.entry("coop.functions.http.Reply", "its body is written, not the reply"),
            Map.entry("coop.functions.http.Role", "read from claims by name"),
            Map.entry("coop.functions.http.Route", "routing table"),
            Map.entry("coop.functions.http.Routes$Match", "routing table"),
            Map.entry("coop.functions.http.Routes$Entry", "routing table"),
            Map.entry("coop.domain.Field", "payload schema"),
            Map.entry("coop.domain.Field$Kind", "payload schema"),
            Map.entry("coop.domain.Field$Privacy", "payload schema"),
            Map.entry("coop.keys.DataKey", "key material, never serialised"),
            Map.entry("coop.keys.KeyCache$Entry", "key material, never serialised"),
            Map.entry("coop.store.Erasure", "a DynamoDB item, answered as ErasureResult"),
            Map.entry("coop.store.dynamodb.PersonalData$Sealed", "payloads about to be written"),
            Map.entry("coop.store.dynamodb.StreamKeys$NewKey", "key material, never serialised"),
            Map.entry("coop.store.dynamodb.ConditionalWrites$KeyWrite", "a DynamoDB item"),
            Map.entry("coop.domain.FieldProblem", "turned into Problem details"),
            Map.entry("coop.domain.PayloadSchema", "payload schema"),
            Map.entry("coop.domain.EventType", "the event registry"),
            Map.entry("coop.domain.Compensation$Append", "a revert decision"),
            Map.entry("coop.domain.Compensation$Skip", "a revert decision"),
            Map.entry("coop.app.EventCodec$Checked", "a checked event before its append"),
            Map.entry("coop.app.Reverts$Outcome", "a revert step"),
            Map.entry("coop.config.MetricsSettings$Output", "configuration"),
            Map.entry("coop.functions.SimulateBody", "built by hand from a JsonNode"),
            Map.entry("coop.observability.HttpRequestLog$Served", "logged field by field"),
            Map.entry("coop.store.EventIdConflict$StoredAt", "written as the 409's fields"),
            Map.entry("coop.store.dynamodb.ConditionalWrites$Cancelled", "a cancelled transaction's reasons"),
            Map.entry("coop.store.dynamodb.EventIdItems$StoredId", "a DynamoDB item"),
            Map.entry("coop.domain.family.PortalPolicy", "a decision of the domain"),
            Map.entry("coop.store.BatchProgress", "a checkpoint update"),
            Map.entry("coop.store.FamilyFailures", "a failure count, read from a DynamoDB item"),
            Map.entry("coop.store.ReadModelRow$RowSource", "DynamoDB attributes of a row"),
            Map.entry("coop.store.ReadModelStore$RowKey", "a key"),
            Map.entry("coop.stream.Applied", "an event of a batch and the state after it"),
            Map.entry("coop.stream.Dispatched", "a batch's outcome, logged field by field"),
            Map.entry("coop.stream.EventKey", "names a stored event inside a batch"),
            Map.entry("coop.stream.Failure", "a subscriber's failed event"),
            Map.entry("coop.stream.Folded", "a batch's state of an aggregate"),
            Map.entry("coop.stream.StartingPoints$Start", "a batch's starting state"));

    @Test
    void every_type_jackson_reads_or_writes_is_registered_for_reflection() throws Exception {
        List<Class<?>> application = applicationClasses();
        Set<Class<?>> registered = reachable(application);
        Set<String> candidates = new TreeSet<>();
        for (Class<?> type : application) {
            if ((type.isRecord() || type.isEnum()) && !type.isAnonymousClass()) {
                candidates.add(type.getName());
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Funq.class)) {
                    Stream.concat(Stream.of(method.getGenericReturnType()),
                            Stream.of(method.getGenericParameterTypes())).forEach(t -> rawTypes(t, candidates));
                }
            }
        }
        candidates.removeIf(name -> name.startsWith("java.") || name.startsWith("com.fasterxml.jackson.")
                || name.startsWith("coop.local.") || NOT_JSON.containsKey(name));
        Set<String> registeredNames = new TreeSet<>();
        registered.forEach(type -> registeredNames.add(type.getName()));

        assertThat(candidates).as("register these in NativeReflection (or name them in NOT_JSON with a reason)")
                .isSubsetOf(registeredNames);
        assertThat(NOT_JSON.keySet()).as("NOT_JSON names only existing types")
                .allSatisfy(name -> Class.forName(name, false, getClass().getClassLoader()));
    }

    /** What the registrations cover: their targets, and (full hierarchy) what their fields and supertypes reach. */
    private static Set<Class<?>> reachable(List<Class<?>> application) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        for (Class<?> type : application) {
            for (Annotation annotation : type.getAnnotations()) {
                // By name: Quarkus' test class loading may load the annotation type in another class loader.
                if (annotation.annotationType().getName().equals(RegisterForReflection.class.getName())) {
                    Class<?>[] targets = targets(annotation);
                    pending.addAll(targets.length == 0 ? List.of(type) : List.of(targets));
                }
            }
        }
        Set<Class<?>> seen = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (type.isPrimitive() || type.getName().startsWith("java.") || !seen.add(type)) {
                continue;
            }
            if (type.getSuperclass() != null) {
                pending.push(type.getSuperclass());
            }
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    Set<String> names = new TreeSet<>();
                    rawTypes(field.getGenericType(), names);
                    names.forEach(name -> load(name).ifPresent(pending::push));
                }
            }
        }
        return seen;
    }

    private static Class<?>[] targets(Annotation registration) {
        try {
            return (Class<?>[]) registration.annotationType().getMethod("targets").invoke(registration);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Optional<Class<?>> load(String name) {
        try {
            return java.util.Optional.of(Class.forName(name, false, NativeReflectionTest.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    /** The classes a (generic) type mentions: {@code Optional<List<Child>>} gives Optional, List and Child. */
    private static void rawTypes(Type type, Set<String> into) {
        switch (type) {
            case Class<?> c when c.isArray() -> rawTypes(c.getComponentType(), into);
            case Class<?> c -> {
                if (!c.isPrimitive()) {
                    into.add(c.getName());
                }
            }
            case ParameterizedType p -> {
                rawTypes(p.getRawType(), into);
                for (Type argument : p.getActualTypeArguments()) {
                    rawTypes(argument, into);
                }
            }
            case GenericArrayType a -> rawTypes(a.getGenericComponentType(), into);
            case WildcardType w -> Stream.of(w.getUpperBounds()).forEach(bound -> rawTypes(bound, into));
            default -> {
            }
        }
    }

    /** Every class compiled from src/main/java. */
    private static List<Class<?>> applicationClasses() throws IOException, URISyntaxException {
        Path root = Path.of(NativeReflection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root.resolve("coop"))) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", ""))
                    .filter(name -> !name.contains("$$"))
                    .map(name -> load(name).orElseThrow())
                    .<Class<?>>map(type -> type)
                    .toList();
        }
    }
}
