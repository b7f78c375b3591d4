package vn.motcua.bench.runner;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Events in, answers out. Two ways, chosen with {@code -Dbench.codec}:
 * <ul>
 * <li>{@code function} (the default): API Gateway events and plain types through a lenient
 * ObjectMapper of the jackson-databind in the function's own jar, which the function loads
 * anyway, so the figure is what the function itself controls; other Lambda event types
 * (SQS, S3, EventBridge: ARN-cased names and Joda times need the runtime's mix-ins) still go
 * through aws-lambda-java-serialization.</li>
 * <li>{@code runtime}: everything through aws-lambda-java-serialization, as the Lambda Java
 * runtime does; its own shaded Jackson adds ~670 classes (~250 ms from a jar on this machine)
 * to the first invocation, which Lambda's runtime pays outside the function's code.</li>
 * </ul>
 */
final class Codec {

    private static final boolean RUNTIME = "runtime".equals(System.getProperty("bench.codec"));
    private static final Map<Class<?>, PojoSerializer<Object>> SERIALIZERS = new HashMap<>();

    private Codec() {
    }

    static Object decode(Class<?> type, byte[] json) {
        if (!RUNTIME && functionJackson(type)) {
            return FunctionJackson.decode(type, json);
        }
        return serializer(type).fromJson(new ByteArrayInputStream(json));
    }

    static byte[] encode(Object value) {
        if (!RUNTIME && functionJackson(value.getClass())) {
            return FunctionJackson.encode(value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        serializer(value.getClass()).toJson(value, out);
        return out.toByteArray();
    }

    private static boolean functionJackson(Class<?> type) {
        String name = type.getName();
        return !name.startsWith("com.amazonaws.services.lambda.runtime.events.")
                || name.startsWith("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTP");
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        PojoSerializer<Object> serializer = SERIALIZERS.get(type);
        if (serializer == null) {
            serializer = LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                    ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                    : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
            SERIALIZERS.put(type, serializer);
        }
        return serializer;
    }
}
