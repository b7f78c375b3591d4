package vn.motcua.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.json.Json;
import vn.motcua.problem.ApiProblem;

/**
 * The officer queue's {@code nextToken}: DynamoDB's LastEvaluatedKey (all strings here) as
 * base64url JSON. A token is only accepted for the partition it came from, so it can position a
 * query inside the officer's own office and nowhere else; anything else is a 400, never a 5xx.
 */
final class QueueToken {

    private static final int MAX_LENGTH = 2048;

    private QueueToken() {
    }

    static String encode(Map<String, AttributeValue> key) {
        Map<String, String> plain = new LinkedHashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String token, String pkName, String skName, String partition) {
        if (token.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            JsonNode node = Json.tree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            Set<String> expected = Set.of("trackingCode", pkName, skName);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            if (node == null || !node.isObject() || node.size() != expected.size()) {
                throw invalid();
            }
            for (String name : expected) {
                JsonNode value = node.get(name);
                if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                    throw invalid();
                }
                key.put(name, AttributeValue.fromS(value.asText()));
            }
            if (!partition.equals(key.get(pkName).s())) {
                throw invalid();
            }
            return key;
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid();
        }
    }

    static ApiProblem invalid() {
        return ApiProblem.invalid("nextToken", "is not a token from this list; start again without it");
    }
}
