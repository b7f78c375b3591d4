package vn.motcua.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.motcua.json.Json;
import vn.motcua.problem.ApiProblem;

/**
 * Plays the HTTP API's JWT authorizer (Cognito in AWS) for the local stack: signs RS256
 * development tokens and verifies them on the routes template.yaml protects.
 *
 * <p>The key pair is derived from a fixed seed, so `motcua-local.jar token` and any running
 * local stack agree without sharing a file. That makes every local token forgeable by design:
 * it is a development key and nothing in AWS trusts it.
 */
public final class LocalAuth implements HttpFront.Authorizer {

    public static final String ISSUER = "https://motcua.local/dev-issuer";
    public static final String AUDIENCE = "motcua-local-client";
    private static final byte[] SEED = "motcua local development key v1".getBytes(StandardCharsets.US_ASCII);

    private final KeyPair keys;

    private LocalAuth(KeyPair keys) {
        this.keys = keys;
    }

    static LocalAuth load(Path dataDirOrNull) {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(SEED);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, seeded);
            return new LocalAuth(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JVM", e);
        }
    }

    /** The shape Cognito gives an officer: office in a custom claim, role in cognito:groups. */
    public String token(String subject, String officeId, List<String> groups, Duration lifetime) {
        Instant now = Instant.now();
        ObjectNode claims = Json.MAPPER.createObjectNode();
        claims.put("sub", subject);
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("token_use", "id");
        claims.put("email", subject + "@motcua.local");
        if (officeId != null) {
            claims.put("custom:officeId", officeId);
        }
        var groupArray = claims.putArray("cognito:groups");
        groups.forEach(groupArray::add);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        return sign(claims);
    }

    String sign(ObjectNode claims) {
        String header = b64(Json.write(Map.of("alg", "RS256", "typ", "JWT", "kid", "motcua-local")));
        String payload = b64(Json.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As API Gateway's JWT authorizer: 401 without a valid, unexpired token from our issuer for
     * our audience; otherwise the claims, with arrays flattened to "[a b]" the way API Gateway
     * passes them to the function.
     */
    @Override
    public Optional<Map<String, String>> authorize(HttpFront.RouteBinding route, Map<String, String> headers) {
        String header = headers.get("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.unauthorized("This route needs an officer's bearer token");
        }
        String[] parts = header.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            throw ApiProblem.unauthorized("The bearer token is not a JWT");
        }
        try {
            JsonNode head = Json.tree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            if (!"RS256".equals(head.path("alg").asText())) {
                throw ApiProblem.unauthorized("Only RS256 tokens are accepted");
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw ApiProblem.unauthorized("The token's signature is not valid");
            }
            JsonNode claims = Json.tree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (!ISSUER.equals(claims.path("iss").asText()) || !AUDIENCE.equals(claims.path("aud").asText())) {
                throw ApiProblem.unauthorized("The token is from another issuer or for another audience");
            }
            if (claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
                throw ApiProblem.unauthorized("The token has expired");
            }
            Map<String, String> flat = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    StringBuilder joined = new StringBuilder("[");
                    v.forEach(x -> joined.append(joined.length() > 1 ? " " : "").append(x.asText()));
                    flat.put(e.getKey(), joined.append("]").toString());
                } else {
                    flat.put(e.getKey(), v.asText());
                }
            }
            return Optional.of(flat);
        } catch (ApiProblem p) {
            throw p;
        } catch (Exception e) {
            throw ApiProblem.unauthorized("The bearer token could not be read");
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
