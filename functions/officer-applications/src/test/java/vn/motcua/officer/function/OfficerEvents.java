package vn.motcua.officer.function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** API Gateway v2 events as the JWT authorizer passes them: claims in requestContext.authorizer.jwt. */
final class OfficerEvents {

    private OfficerEvents() {
    }

    /** Cognito's claim shape after API Gateway flattened it: groups as "[officer]". */
    static Map<String, String> officer(String sub, String officeId) {
        return claims(sub, officeId, "[officer]");
    }

    static Map<String, String> claims(String sub, String officeId, String groups) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("token_use", "id");
        if (officeId != null) {
            claims.put("custom:officeId", officeId);
        }
        if (groups != null) {
            claims.put("cognito:groups", groups);
        }
        return claims;
    }

    static APIGatewayV2HTTPEvent event(Map<String, String> claims, String method, String routePath, String rawPath,
                                       Map<String, String> pathParams, Map<String, String> query, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(method + " " + routePath);
        event.setRawPath(rawPath);
        event.setPathParameters(pathParams.isEmpty() ? null : pathParams);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        event.setHeaders(headers);
        event.setBody(body);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        context.setHttp(http);
        context.setRequestId("test-" + System.nanoTime());
        if (claims != null) {
            context.setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                    .build());
        }
        event.setRequestContext(context);
        return event;
    }

    static APIGatewayV2HTTPEvent queue(Map<String, String> claims, Map<String, String> query) {
        return event(claims, "GET", "/officer/applications", "/officer/applications", Map.of(), query, null);
    }

    static APIGatewayV2HTTPEvent get(Map<String, String> claims, String code) {
        return event(claims, "GET", "/officer/applications/{trackingCode}", "/officer/applications/" + code,
                Map.of("trackingCode", code), Map.of(), null);
    }

    static APIGatewayV2HTTPEvent act(Map<String, String> claims, String code, String body) {
        return event(claims, "POST", "/officer/applications/{trackingCode}/actions",
                "/officer/applications/" + code + "/actions", Map.of("trackingCode", code), Map.of(), body);
    }

    static APIGatewayV2HTTPEvent walkIn(Map<String, String> claims, String body) {
        return event(claims, "POST", "/officer/applications", "/officer/applications", Map.of(), Map.of(), body);
    }
}
