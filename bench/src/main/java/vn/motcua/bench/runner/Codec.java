package vn.motcua.bench.runner;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Events in, answers out for handlers that take objects (the SQS, S3 and schedule functions),
 * through aws-lambda-java-serialization, as the Lambda Java runtime does: its own shaded Jackson
 * and mix-ins for the event classes. Stream handlers (every HTTP function) never load it: they
 * get the event's bytes.
 */
final class Codec {

    private static final Map<Class<?>, PojoSerializer<Object>> SERIALIZERS = new HashMap<>();

    private Codec() {
    }

    static Object decode(Class<?> type, byte[] json) {
        return serializer(type).fromJson(new ByteArrayInputStream(json));
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        serializer(value.getClass()).toJson(value, out);
        return out.toByteArray();
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
