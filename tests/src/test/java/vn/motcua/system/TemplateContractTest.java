package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vn.motcua.config.Config;
import vn.motcua.http.HttpFunction;
import vn.motcua.local.LocalStack;
import vn.motcua.local.Template;

/**
 * What `sam build`, `sam deploy` and `sam local` would trip over, checked without them: every
 * function's artifact, handler, routes, resources and policies in template.yaml fit the code.
 */
class TemplateContractTest {

    static final Path ROOT = LocalStack.projectRoot();
    static final Template TEMPLATE = Template.load(ROOT.resolve("template.yaml"));
    static final Set<String> DATA_RESOURCE_TYPES = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue",
            "AWS::S3::Bucket", "AWS::SNS::Topic");

    @Test
    void globalsUseJava21AndSnapStart() {
        Map<String, Object> globals = TEMPLATE.globalsFunction();
        assertThat(globals.get("Runtime")).isEqualTo("java21");
        assertThat(String.valueOf(globals.get("SnapStart"))).contains("PublishedVersions");
        assertThat(globals.get("AutoPublishAlias")).isNotNull();
    }

    @TestFactory
    List<DynamicTest> everyFunctionHasItsArtifactAndHandler() {
        return TEMPLATE.functions().stream().map(fn -> DynamicTest.dynamicTest(fn.logicalId(), () -> {
            assertThat(fn.codeUri()).matches("functions/[a-z-]+/target/motcua-[a-z-]+\\.jar");
            Path jar = ROOT.resolve(fn.codeUri());
            assertThat(jar).as("run mvn package first; CodeUri of " + fn.logicalId()).isRegularFile();
            assertThat(Files.size(jar)).as("deployment artifact under 15 MB").isLessThan(15L * 1024 * 1024);
            String classFile = fn.handlerClass().replace('.', '/') + ".class";
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.getEntry(classFile)).as(classFile + " in " + jar.getFileName()).isNotNull();
                // The local stack's fault injection (TransactionConflicts, a global SDK interceptor)
                // and its emulators never ship in a deployed function.
                assertThat(zip.getEntry("software/amazon/awssdk/global/handlers/execution.interceptors"))
                        .as("global SDK interceptors in " + jar.getFileName()).isNull();
                assertThat(zip.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith("vn/motcua/local/")))
                        .as("local stack classes in " + jar.getFileName()).isEmpty();
            }
            assertThat(fn.handler()).endsWith("::handleRequest");
            assertThat(String.valueOf(TEMPLATE.resources().get(fn.logicalId()).get("Metadata"))).contains("SkipBuild");

            Class<?> type = Class.forName(fn.handlerClass());
            type.getConstructor(Config.class);
            type.getConstructor();
            // "::handleRequest" must name exactly one public method, so the runtime cannot pick
            // the wrong one of two overloads.
            assertThat(Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals("handleRequest") && !m.isBridge())
                    .map(Method::toString)).as(fn.logicalId()).hasSize(1);
            // Every function reads its event's JSON itself (a stream handler): Lambda's runtime
            // then never loads its own serialisation library.
            assertThat(RequestStreamHandler.class).isAssignableFrom(type);
            assertThat(type.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class)).isNotNull();
            if (!fn.events("HttpApi").isEmpty()) {
                assertThat(HttpFunction.class).isAssignableFrom(type);
            }
            // The same event in-process, already decoded: what the tests call.
            if (!fn.events("SQS").isEmpty()) {
                assertThat(type.getMethod("handleEvent", SQSEvent.class, Context.class)).isNotNull();
            }
            if (!fn.events("S3").isEmpty()) {
                assertThat(type.getMethod("handleEvent", S3Event.class, Context.class)).isNotNull();
            }
            if (!fn.events("Schedule").isEmpty() || !fn.events("ScheduleV2").isEmpty()) {
                assertThat(type.getMethod("handleEvent", ScheduledEvent.class, Context.class)).isNotNull();
            }
        })).toList();
    }

    @Test
    void noDeployedFunctionHasItsClockShifted() {
        assertThat(TEMPLATE.globalsFunction().toString()).doesNotContain("MOTCUA_CLOCK_OFFSET_SECONDS");
        TEMPLATE.functions().forEach(fn ->
                assertThat(fn.environment()).as(fn.logicalId()).doesNotContainKey("MOTCUA_CLOCK_OFFSET_SECONDS"));
    }

    @TestFactory
    List<DynamicTest> everyTemplateRouteIsServedAndEveryServedRouteIsInTheTemplate() {
        return TEMPLATE.functions().stream().filter(fn -> !fn.events("HttpApi").isEmpty())
                .map(fn -> DynamicTest.dynamicTest(fn.logicalId(), () -> {
                    Set<String> declared = new TreeSet<>();
                    fn.events("HttpApi").forEach(e -> {
                        declared.add(e.routeKey());
                        assertThat(e.properties().get("ApiId")).isEqualTo(Map.of("Ref", "MotcuaApi"));
                    });
                    HttpFunction handler = (HttpFunction) Class.forName(fn.handlerClass())
                            .getConstructor(Config.class).newInstance(LocalStack.shared().configFor(fn.logicalId()));
                    assertThat(new TreeSet<>(handler.routeKeys())).isEqualTo(declared);
                })).toList();
    }

    /**
     * The HTTP API has no default authorizer, so protection is per route: every /officer route
     * names the Cognito JWT authorizer, and no citizen route does (they are public by design).
     */
    @Test
    void everyOfficerRouteHasTheJwtAuthorizerAndNoCitizenRouteDoes() {
        List<Template.Event> routes = TEMPLATE.functions().stream().flatMap(fn -> fn.events("HttpApi").stream()).toList();
        assertThat(routes).anyMatch(e -> e.path().startsWith("/officer/"));
        for (Template.Event route : routes) {
            Map<String, Object> auth = cast(route.properties().get("Auth"));
            if (route.path().equals("/officer") || route.path().startsWith("/officer/")) {
                assertThat(auth.get("Authorizer")).as(route.routeKey()).isEqualTo("OfficerJwt");
            } else {
                assertThat(auth).as(route.routeKey() + " is a citizen route: public").isEmpty();
            }
        }
        Map<String, Object> apiAuth = cast(props(TEMPLATE.resources().get("MotcuaApi")).get("Auth"));
        assertThat(apiAuth).as("no default authorizer").doesNotContainKey("DefaultAuthorizer");
        Map<String, Object> jwt = cast(cast(apiAuth.get("Authorizers")).get("OfficerJwt"));
        assertThat(jwt.get("IdentitySource")).isEqualTo("$request.header.Authorization");
        Set<String> refs = new TreeSet<>();
        collectRefs(jwt.get("JwtConfiguration"), refs);
        assertThat(refs).contains("OfficerUserPool", "OfficerUserPoolClient");
        assertThat(TEMPLATE.typeOf("OfficerUserPool")).contains("AWS::Cognito::UserPool");
        assertThat(TEMPLATE.typeOf("OfficerUserPoolClient")).contains("AWS::Cognito::UserPoolClient");
        assertThat(TEMPLATE.resourcesOfType("AWS::Cognito::UserPoolGroup").values().stream()
                .map(g -> props(g).get("GroupName")).toList()).contains("officer", "supervisor");
        assertThat(String.valueOf(props(TEMPLATE.resources().get("OfficerUserPool")).get("Schema"))).contains("officeId");
        assertThat(String.valueOf(props(TEMPLATE.resources().get("OfficerUserPoolClient")).get("WriteAttributes")))
                .as("an officer must not be able to change their own office").doesNotContain("officeId");
    }

    @Test
    void noRouteIsDeclaredTwice() {
        List<String> routes = TEMPLATE.functions().stream()
                .flatMap(fn -> fn.events("HttpApi").stream().map(Template.Event::routeKey)).toList();
        assertThat(routes).doesNotHaveDuplicates();
    }

    @TestFactory
    List<DynamicTest> everyReferenceNamesSomethingThatExists() {
        Set<String> known = new HashSet<>(TEMPLATE.resources().keySet());
        known.addAll(TEMPLATE.parameters().keySet());
        return TEMPLATE.functions().stream().map(fn -> DynamicTest.dynamicTest(fn.logicalId(), () -> {
            Set<String> refs = new TreeSet<>();
            collectRefs(fn.properties(), refs);
            refs.removeIf(r -> r.startsWith("AWS::"));
            assertThat(known).containsAll(refs);
        })).toList();
    }

    /**
     * Least privilege: a function's policies name only the tables, queues and buckets it uses
     * (through its environment or its event sources), and each one it uses has a policy.
     */
    @TestFactory
    List<DynamicTest> policiesReachOnlyWhatEachFunctionUses() {
        return TEMPLATE.functions().stream().map(fn -> DynamicTest.dynamicTest(fn.logicalId(), () -> {
            Set<String> inPolicies = new TreeSet<>();
            fn.policies().forEach(p -> collectRefs(p, inPolicies));
            inPolicies.retainAll(dataResources());
            Set<String> used = new TreeSet<>();
            collectRefs(fn.environment(), used);
            fn.events().values().forEach(e -> collectRefs(e.properties(), used));
            used.retainAll(dataResources());
            assertThat(used).as("resources " + fn.logicalId() + " uses").containsAll(inPolicies);
            Set<String> byEnvironment = new TreeSet<>();
            collectRefs(fn.environment(), byEnvironment);
            byEnvironment.retainAll(dataResources());
            assertThat(inPolicies).as("resources " + fn.logicalId() + " has policies for").containsAll(byEnvironment);
            for (Map<String, Object> policy : fn.policies()) {
                assertThat(policy.keySet()).as("only SAM policy templates, no inline wildcards")
                        .allMatch(name -> name.endsWith("Policy") && !name.equals("AdministratorAccess"));
            }
        })).toList();
    }

    @Test
    void everyQueueHasADeadLetterQueueWithAnAlarmAndALongEnoughVisibility() {
        Map<String, Map<String, Object>> queues = TEMPLATE.resourcesOfType("AWS::SQS::Queue");
        Set<String> deadLetterQueues = new TreeSet<>();
        queues.forEach((id, q) -> {
            Map<String, Object> redrive = props(q).containsKey("RedrivePolicy")
                    ? cast(props(q).get("RedrivePolicy")) : Map.of();
            if (!redrive.isEmpty()) {
                assertThat(String.valueOf(redrive.get("maxReceiveCount"))).as(id + " maxReceiveCount").isEqualTo("5");
                Set<String> target = new TreeSet<>();
                collectRefs(redrive.get("deadLetterTargetArn"), target);
                assertThat(queues.keySet()).containsAll(target);
                deadLetterQueues.addAll(target);
            }
        });
        queues.keySet().stream().filter(id -> !deadLetterQueues.contains(id)).forEach(id ->
                assertThat(props(queues.get(id))).as(id + " needs a RedrivePolicy").containsKey("RedrivePolicy"));
        for (String dlq : deadLetterQueues) {
            boolean alarmed = TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").values().stream().anyMatch(alarm -> {
                Set<String> refs = new TreeSet<>();
                collectRefs(props(alarm).get("Dimensions"), refs);
                return refs.contains(dlq);
            });
            assertThat(alarmed).as("an alarm on the depth of " + dlq).isTrue();
        }
        for (Template.Function fn : TEMPLATE.functions()) {
            int timeout = Integer.parseInt(String.valueOf(fn.properties().getOrDefault("Timeout",
                    TEMPLATE.globalsFunction().get("Timeout"))));
            for (Template.Event event : fn.events("SQS")) {
                Set<String> queue = new TreeSet<>();
                collectRefs(event.properties().get("Queue"), queue);
                String id = queue.iterator().next();
                int visibility = Integer.parseInt(String.valueOf(props(queues.get(id)).get("VisibilityTimeout")));
                assertThat(visibility).as(id + " visibility vs " + fn.logicalId() + " timeout").isGreaterThanOrEqualTo(6 * timeout);
                assertThat(String.valueOf(event.properties().get("FunctionResponseTypes"))).contains("ReportBatchItemFailures");
            }
        }
    }

    @Test
    void tablesAreOnDemandEncryptedAndRecoverable() {
        TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            assertThat(props(table).get("BillingMode")).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(String.valueOf(props(table).get("SSESpecification"))).as(id).contains("SSEEnabled=true");
            assertThat(String.valueOf(props(table).get("PointInTimeRecoverySpecification"))).as(id).contains("true");
        });
    }

    private static Set<String> dataResources() {
        Set<String> ids = new TreeSet<>();
        TEMPLATE.resources().forEach((id, r) -> {
            if (DATA_RESOURCE_TYPES.contains(String.valueOf(r.get("Type")))) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]");

    static void collectRefs(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("Ref".equals(k)) {
                    out.add(String.valueOf(v));
                } else if ("Fn::GetAtt".equals(k)) {
                    out.add(String.valueOf(v instanceof List<?> l ? l.get(0) : String.valueOf(v).split("\\.")[0]));
                } else if ("Fn::Sub".equals(k)) {
                    String text = String.valueOf(v instanceof List<?> l ? l.get(0) : v);
                    Matcher matcher = SUB_VARIABLE.matcher(text);
                    while (matcher.find()) {
                        out.add(matcher.group(1));
                    }
                    if (v instanceof List<?> l && l.size() > 1) {
                        collectRefs(l.get(1), out);
                    }
                } else {
                    collectRefs(v, out);
                }
            });
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collectRefs(v, out));
        }
    }

    private static Map<String, Object> props(Map<String, Object> resource) {
        return cast(resource.get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
