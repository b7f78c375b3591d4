package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.crac.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.motcua.config.Config;
import vn.motcua.snapstart.SnapStart;

/**
 * SnapStart (template.yaml: ApplyOn PublishedVersions) snapshots every function after init; each
 * one primes its paths in CRaC's beforeCheckpoint so a restored container does not load them on
 * its first request. Priming may read, never writes, and never fails a deployment: it must also
 * pass with no network at all. (A hook that throws anyway is logged and the snapshot taken:
 * shared's SnapStartTest.)
 */
class SnapStartPrimingTest {

    /** Reads, and nothing else: priming never writes, to DynamoDB or SQS or S3. */
    static final Set<String> READS = Set.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem", "DynamoDb.Query",
            "DynamoDb.Scan", "S3.GetObject", "S3.HeadObject");
    /** The functions whose requests read the catalogue: they load it before the snapshot. */
    static final Set<String> CATALOGUE_READERS = Set.of("CatalogueFunction", "SubmissionFunction", "StatusFunction",
            "IntakeFunction", "AppointmentsFunction", "OfficerApplicationsFunction", "SweeperFunction",
            "StatsFunction", "DocumentsFunction");
    static final String NOWHERE = "http://127.0.0.1:9";

    static Stream<String> functions() {
        return TemplateContractTest.TEMPLATE.functions().stream().map(fn -> fn.logicalId());
    }

    static Resource handler(String logicalId, Config config) throws Exception {
        Object handler = Class.forName(TemplateContractTest.TEMPLATE.function(logicalId).handlerClass())
                .getConstructor(Config.class).newInstance(config);
        assertThat(handler).as(logicalId + " is a CRaC resource").isInstanceOf(Resource.class);
        assertThat(SnapStart.isRegistered(handler)).as(logicalId + " registered itself, so SnapStart primes it").isTrue();
        return (Resource) handler;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void primingAgainstTheStackOnlyReads(String logicalId) throws Exception {
        Resource handler = handler(logicalId, SystemStack.get().configFor(logicalId));

        List<String> calls = SdkCalls.toTheStackDuring(() -> prime(handler));

        assertThat(calls).as(logicalId + " primed with " + calls).allMatch(READS::contains);
        if (CATALOGUE_READERS.contains(logicalId)) {
            assertThat(calls).as(logicalId + " loads its catalogue before the snapshot").isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void primingWithoutANetworkStillSucceeds(String logicalId) throws Exception {
        Config offline = SystemStack.get().configFor(logicalId).with(Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", NOWHERE, "AWS_ENDPOINT_URL_S3", NOWHERE,
                "AWS_ENDPOINT_URL_SQS", NOWHERE, "AWS_ENDPOINT_URL", NOWHERE));
        Resource handler = handler(logicalId, offline);

        assertThatCode(() -> handler.beforeCheckpoint(null)).doesNotThrowAnyException();
    }

    private static void prime(Resource handler) {
        try {
            handler.beforeCheckpoint(null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
