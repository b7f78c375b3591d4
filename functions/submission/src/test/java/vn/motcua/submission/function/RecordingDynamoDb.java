package vn.motcua.submission.function;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * A DynamoDbClient that records every call. PutItem succeeds (so a valid create can be
 * inspected); anything else fails, which the handler would turn into a 500.
 */
final class RecordingDynamoDb {

    final List<Object> calls = new CopyOnWriteArrayList<>();
    final DynamoDbClient client = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "toString": return "RecordingDynamoDb";
                    case "hashCode": return System.identityHashCode(proxy);
                    case "equals": return proxy == args[0];
                    case "serviceName": return "dynamodb";
                    case "close": return null;
                    default: break;
                }
                calls.add(args == null ? method.getName() : args[0]);
                if (method.getName().equals("putItem") && args[0] instanceof PutItemRequest) {
                    return PutItemResponse.builder().build();
                }
                throw new UnsupportedOperationException("unexpected DynamoDB call " + method.getName());
            });

    List<PutItemRequest> puts() {
        return calls.stream().filter(PutItemRequest.class::isInstance).map(PutItemRequest.class::cast).toList();
    }
}
