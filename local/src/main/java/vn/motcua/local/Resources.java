package vn.motcua.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.motcua.json.Json;

/**
 * Creates what template.yaml declares (tables, queues, buckets) in the emulators and resolves
 * the template's intrinsic functions to the local names, the way CloudFormation would:
 * {@code !Ref Table} is the table name, {@code !Ref Queue} the queue URL, {@code !GetAtt
 * Queue.Arn} its ARN, {@code !Ref Bucket} the bucket name.
 */
final class Resources {

    private final Template template;
    private final Backend emulators;
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final Map<String, String> queueArns = new LinkedHashMap<>();
    private final Map<String, String> buckets = new LinkedHashMap<>();

    Resources(Template template, Backend emulators) {
        this.template = template;
        this.emulators = emulators;
    }

    void create(DynamoDbClient dynamo, SqsClient sqs, S3Client s3) {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> createTable(dynamo, id, Template.map(r.get("Properties"))));
        // Dead-letter queues first: a queue's RedrivePolicy names its DLQ's ARN.
        Map<String, Map<String, Object>> queues = template.resourcesOfType("AWS::SQS::Queue");
        List<String> order = new ArrayList<>();
        queues.forEach((id, r) -> {
            if (!Template.map(r.get("Properties")).containsKey("RedrivePolicy")) {
                order.add(id);
            }
        });
        queues.keySet().stream().filter(id -> !order.contains(id)).forEach(order::add);
        for (String id : order) {
            createQueue(sqs, id, Template.map(queues.get(id).get("Properties")));
        }
        template.resourcesOfType("AWS::S3::Bucket").keySet().forEach(id -> createBucket(s3, id));
    }

    /** The local names of every table created. */
    java.util.Set<String> tableNames() {
        return java.util.Set.copyOf(tables.values());
    }

    String tableName(String logicalId) {
        return require(tables, logicalId, "table");
    }

    String queueUrl(String logicalId) {
        return require(queueUrls, logicalId, "queue");
    }

    String queueArn(String logicalId) {
        return require(queueArns, logicalId, "queue");
    }

    String bucketName(String logicalId) {
        return require(buckets, logicalId, "bucket");
    }

    Map<String, String> queueUrls() {
        return queueUrls;
    }

    /** Resolves a template value (a literal or an intrinsic function) to a local string. */
    String resolve(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            String fn = String.valueOf(e.getKey());
            Object arg = e.getValue();
            switch (fn) {
                case "Ref":
                    return ref(String.valueOf(arg));
                case "Fn::GetAtt": {
                    List<?> parts = arg instanceof List<?> l ? l : List.of(String.valueOf(arg).split("\\.", 2));
                    return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                }
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::Join": {
                    List<?> parts = (List<?>) arg;
                    List<String> items = new ArrayList<>();
                    for (Object o : (List<?>) parts.get(1)) {
                        items.add(resolve(o));
                    }
                    return String.join(String.valueOf(parts.get(0)), items);
                }
                default:
                    return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return emulators.region();
            case "AWS::AccountId":
                return emulators.accountId();
            case "AWS::StackName":
                return "motcua-local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        if (tables.containsKey(name)) {
            return tables.get(name);
        }
        if (queueUrls.containsKey(name)) {
            return queueUrls.get(name);
        }
        if (buckets.containsKey(name)) {
            return buckets.get(name);
        }
        Map<String, Object> parameter = Template.map(template.parameters().get(name));
        if (parameter.containsKey("Default")) {
            return String.valueOf(parameter.get("Default"));
        }
        // Other resources (functions, APIs, user pools) are named by their logical id locally.
        return name;
    }

    private String getAtt(String id, String attribute) {
        String type = template.typeOf(id).orElse("");
        return switch (type + "." + attribute) {
            case "AWS::SQS::Queue.Arn" -> queueArn(id);
            case "AWS::SQS::Queue.QueueName" -> id;
            case "AWS::SQS::Queue.QueueUrl" -> queueUrl(id);
            case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + emulators.region() + ":" + emulators.accountId() + ":table/" + tableName(id);
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + bucketName(id);
            default -> id + "." + attribute;
        };
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> vars = new HashMap<>();
        if (arg instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            vars.putAll(Template.map(list.get(1)));
        } else {
            text = String.valueOf(arg);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            int end = text.indexOf('}', start);
            out.append(text, i, start);
            String name = text.substring(start + 2, end);
            if (vars.containsKey(name)) {
                out.append(resolve(vars.get(name)));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                out.append(getAtt(parts[0], parts[1]));
            } else {
                out.append(ref(name));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private void createTable(DynamoDbClient dynamo, String id, Map<String, Object> props) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Map<String, Object> a : list(props.get("AttributeDefinitions"))) {
            attributes.add(AttributeDefinition.builder().attributeName(resolve(a.get("AttributeName")))
                    .attributeType(resolve(a.get("AttributeType"))).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Map<String, Object> g : list(props.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> projection = Template.map(g.get("Projection"));
            Projection.Builder p = Projection.builder().projectionType(
                    String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
            if (projection.containsKey("NonKeyAttributes")) {
                p.nonKeyAttributes(((List<?>) projection.get("NonKeyAttributes")).stream().map(this::resolve).toList());
            }
            indexes.add(GlobalSecondaryIndex.builder().indexName(resolve(g.get("IndexName")))
                    .keySchema(keySchema(g.get("KeySchema"))).projection(p.build()).build());
        }
        String name = id;
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(attributes).keySchema(keySchema(props.get("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            // A --data-dir run: the table survived the restart.
        }
        Map<String, Object> ttl = Template.map(props.get("TimeToLiveSpecification"));
        if (Boolean.TRUE.equals(ttl.get("Enabled")) || "true".equals(String.valueOf(ttl.get("Enabled")))) {
            try {
                dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(
                        t -> t.enabled(true).attributeName(resolve(ttl.get("AttributeName")))));
            } catch (RuntimeException alreadyEnabled) {
                // TTL is already on for a table kept in --data-dir.
            }
        }
        tables.put(id, name);
    }

    private List<KeySchemaElement> keySchema(Object value) {
        List<KeySchemaElement> out = new ArrayList<>();
        for (Map<String, Object> k : list(value)) {
            out.add(KeySchemaElement.builder().attributeName(resolve(k.get("AttributeName")))
                    .keyType(resolve(k.get("KeyType"))).build());
        }
        return out;
    }

    private void createQueue(SqsClient sqs, String id, Map<String, Object> props) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        copy(props, "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT, attributes);
        copy(props, "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD, attributes);
        copy(props, "DelaySeconds", QueueAttributeName.DELAY_SECONDS, attributes);
        copy(props, "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, attributes);
        Map<String, Object> redrive = Template.map(props.get("RedrivePolicy"));
        if (!redrive.isEmpty()) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("deadLetterTargetArn", resolve(redrive.get("deadLetterTargetArn")));
            policy.put("maxReceiveCount", Integer.parseInt(resolve(redrive.get("maxReceiveCount"))));
            attributes.put(QueueAttributeName.REDRIVE_POLICY, Json.write(policy));
        }
        String url = sqs.createQueue(b -> b.queueName(id).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        queueUrls.put(id, url);
        queueArns.put(id, arn);
    }

    private void copy(Map<String, Object> props, String key, QueueAttributeName name, Map<QueueAttributeName, String> out) {
        if (props.containsKey(key)) {
            out.put(name, resolve(props.get(key)));
        }
    }

    private void createBucket(S3Client s3, String id) {
        String name = "motcua-" + id.toLowerCase(Locale.ROOT);
        try {
            s3.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // Kept in --data-dir.
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        buckets.put(id, name);
    }

    private static String require(Map<String, String> names, String id, String kind) {
        String name = names.get(id);
        if (name == null) {
            throw new IllegalArgumentException("template.yaml declares no " + kind + " " + id);
        }
        return name;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
