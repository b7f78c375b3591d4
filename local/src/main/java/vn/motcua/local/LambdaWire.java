package vn.motcua.local;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event objects to the JSON Lambda delivers, and answers back, through aws-lambda-java-serialization,
 * the Lambda Java runtime's own library (its shaded Jackson and mix-ins for the event classes:
 * "Records", "eventSourceARN"). The local stack uses it to hand the stream handlers the bytes
 * Lambda would, when a test or an event source has an event object (an SQS batch from ElasticMQ, a
 * new object in S3Proxy, a schedule). Development only: no function loads it.
 */
public final class LambdaWire {

    private static final Map<Class<?>, PojoSerializer<Object>> SERIALIZERS = new ConcurrentHashMap<>();

    private LambdaWire() {
    }

    public static <T> T decode(Class<T> type, byte[] json) {
        return type.cast(serializer(type).fromJson(new ByteArrayInputStream(json)));
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        serializer(value.getClass()).toJson(value, out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        return SERIALIZERS.computeIfAbsent(type, t -> LambdaEventSerializers.isLambdaSupportedEvent(t.getName())
                ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(t, t.getClassLoader())
                : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(t));
    }
}
