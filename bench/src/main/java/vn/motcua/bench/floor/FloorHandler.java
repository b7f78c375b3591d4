package vn.motcua.bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The floor: the least a Java function can do. A stream handler (no event deserialisation, no
 * dependency, not even aws-lambda-java-core) that answers a constant API Gateway response.
 * {@code Handler: vn.motcua.bench.floor.FloorHandler::handleRequest}.
 */
public final class FloorHandler {

    private static final byte[] ANSWER = "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(
            java.nio.charset.StandardCharsets.UTF_8);

    public void handleRequest(InputStream in, OutputStream out) throws IOException {
        out.write(ANSWER);
    }
}
