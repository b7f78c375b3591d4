package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.motcua.document.DocumentLinks;
import vn.motcua.local.Template;

/**
 * DESIGN §6 "the bucket is private and encrypted", checked in template.yaml: every bucket blocks
 * public access, owns its objects, is encrypted at rest, refuses plain HTTP, and lets unconfirmed
 * uploads expire by the tag the presigned PUT signs. Also the wiring SAM needs for the S3 event
 * without a circular dependency.
 */
class DocumentsBucketContractTest {

    static final Template TEMPLATE = TemplateContractTest.TEMPLATE;

    @Test
    void everyBucketIsPrivateEncryptedAndTlsOnly() {
        Map<String, Map<String, Object>> buckets = TEMPLATE.resourcesOfType("AWS::S3::Bucket");
        assertThat(buckets).containsKey("DocumentsBucket");
        buckets.forEach((id, bucket) -> {
            Map<String, Object> props = map(bucket.get("Properties"));
            assertThat(map(props.get("PublicAccessBlockConfiguration"))).as(id + " public access block")
                    .containsEntry("BlockPublicAcls", true).containsEntry("BlockPublicPolicy", true)
                    .containsEntry("IgnorePublicAcls", true).containsEntry("RestrictPublicBuckets", true);
            assertThat(String.valueOf(props.get("OwnershipControls"))).as(id).contains("BucketOwnerEnforced");
            Object algorithm = map(map(list(map(props.get("BucketEncryption")).get("ServerSideEncryptionConfiguration")).get(0))
                    .get("ServerSideEncryptionByDefault")).get("SSEAlgorithm");
            assertThat(algorithm).as(id + " encryption at rest").isIn("AES256", "aws:kms", "aws:kms:dsse");
            assertThat(props).as(id + " never public").doesNotContainKeys("AccessControl", "WebsiteConfiguration");

            boolean tlsOnly = TEMPLATE.resourcesOfType("AWS::S3::BucketPolicy").values().stream()
                    .map(p -> map(p.get("Properties")))
                    .filter(p -> Map.of("Ref", id).equals(p.get("Bucket")))
                    .flatMap(p -> list(map(p.get("PolicyDocument")).get("Statement")).stream().map(DocumentsBucketContractTest::map))
                    .anyMatch(s -> "Deny".equals(s.get("Effect")) && "*".equals(s.get("Principal"))
                            && "s3:*".equals(s.get("Action"))
                            && "false".equals(String.valueOf(map(map(s.get("Condition")).get("Bool")).get("aws:SecureTransport")))
                            && coversBucketAndObjects(id, s.get("Resource")));
            assertThat(tlsOnly).as(id + " has a bucket policy denying requests without TLS").isTrue();
        });
    }

    @Test
    void unconfirmedUploadsExpireAfterADayByTheTagThePresignedPutSigns() {
        Map<String, Object> props = map(TEMPLATE.resources().get("DocumentsBucket").get("Properties"));
        List<Object> rules = list(map(props.get("LifecycleConfiguration")).get("Rules"));
        String[] tag = DocumentLinks.PENDING_TAG.split("=");
        boolean expires = rules.stream().map(DocumentsBucketContractTest::map).anyMatch(r -> "Enabled".equals(r.get("Status"))
                && String.valueOf(r.get("ExpirationInDays")).equals("1")
                && list(r.get("TagFilters")).equals(List.of(Map.of("Key", tag[0], "Value", tag[1])))
                && !r.containsKey("Prefix"));
        assertThat(expires).as("a rule expiring objects tagged " + DocumentLinks.PENDING_TAG + " after 1 day").isTrue();
    }

    @Test
    void browsersMayPutOnlyFromTheCitizenSiteWithTheSignedHeaders() {
        Map<String, Object> props = map(TEMPLATE.resources().get("DocumentsBucket").get("Properties"));
        List<Object> rules = list(map(props.get("CorsConfiguration")).get("CorsRules"));
        assertThat(rules).hasSize(1);
        Map<String, Object> rule = map(rules.get(0));
        assertThat(list(rule.get("AllowedOrigins"))).containsExactly(Map.of("Ref", "CitizenSiteOrigin"));
        assertThat(list(rule.get("AllowedMethods"))).contains("PUT").doesNotContain("DELETE", "POST");
        assertThat(list(rule.get("AllowedHeaders"))).contains("content-type", "x-amz-tagging").doesNotContain("*");
    }

    @Test
    void theUploadCheckIsSubscribedToTheBucketAndNamesItWithoutACircularReference() {
        Template.Function verification = TEMPLATE.function("VerificationFunction");
        List<Template.Event> events = verification.events("S3");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).properties().get("Bucket")).isEqualTo(Map.of("Ref", "DocumentsBucket"));
        assertThat(String.valueOf(events.get(0).properties().get("Events"))).contains("s3:ObjectCreated:*");

        // A function subscribed to a bucket cannot also !Ref it (CloudFormation: circular dependency),
        // so its S3 policy names the bucket by the same expression as the bucket's BucketName.
        Object bucketName = map(TEMPLATE.resources().get("DocumentsBucket").get("Properties")).get("BucketName");
        assertThat(bucketName).isInstanceOf(Map.class);
        List<Object> s3Policies = verification.policies().stream().filter(p -> p.containsKey("S3CrudPolicy"))
                .map(p -> map(p.get("S3CrudPolicy")).get("BucketName")).toList();
        assertThat(s3Policies).containsExactly(bucketName);
        Set<String> inPoliciesAndEnvironment = new TreeSet<>();
        TemplateContractTest.collectRefs(verification.policies(), inPoliciesAndEnvironment);
        TemplateContractTest.collectRefs(verification.environment(), inPoliciesAndEnvironment);
        assertThat(inPoliciesAndEnvironment).doesNotContain("DocumentsBucket");

        Template.Function documents = TEMPLATE.function("DocumentsFunction");
        assertThat(documents.environment()).containsEntry("DOCUMENTS_BUCKET", Map.of("Ref", "DocumentsBucket"));
    }

    @Test
    void taggingIsGrantedOnDocumentObjectsOnlyAndOnlyToTheTwoDocumentFunctions() {
        Map<String, Object> props = map(TEMPLATE.resources().get("DocumentsTaggingPolicy").get("Properties"));
        assertThat(list(props.get("Roles"))).containsExactlyInAnyOrder(Map.of("Ref", "DocumentsFunctionRole"),
                Map.of("Ref", "VerificationFunctionRole"));
        List<Object> statements = list(map(props.get("PolicyDocument")).get("Statement"));
        assertThat(statements).hasSize(1);
        Map<String, Object> statement = map(statements.get(0));
        assertThat(statement).containsEntry("Effect", "Allow").containsEntry("Action", "s3:PutObjectTagging")
                .containsEntry("Resource", Map.of("Fn::Sub", "${DocumentsBucket.Arn}/applications/*"));
    }

    private static boolean coversBucketAndObjects(String id, Object resource) {
        String text = String.valueOf(resource);
        return text.contains(id + ".Arn") || text.contains("[" + id + ", Arn]") ? text.contains("/*") : false;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
