package vn.motcua.appointment.function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;

/** Real API Gateway HTTP API (payload 2.0) events, as the handler receives them. */
final class Events {

    private Events() {
    }

    static APIGatewayV2HTTPEvent event(String method, String routeKeyPath, String rawPath, Map<String, String> pathParams,
                                       Map<String, String> query, Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(method + " " + routeKeyPath);
        event.setRawPath(rawPath);
        event.setPathParameters(pathParams.isEmpty() ? null : pathParams);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        Map<String, String> allHeaders = new HashMap<>(headers);
        if (body != null) {
            allHeaders.putIfAbsent("content-type", "application/json");
        }
        event.setHeaders(allHeaders);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        context.setHttp(http);
        context.setRequestId("test-" + System.nanoTime());
        event.setRequestContext(context);
        return event;
    }

    static APIGatewayV2HTTPEvent slots(String officeId, String date) {
        return event("GET", "/offices/{officeId}/slots", "/offices/" + officeId + "/slots", Map.of("officeId", officeId),
                date == null ? Map.of() : Map.of("date", date), Map.of(), null);
    }

    static APIGatewayV2HTTPEvent book(String body) {
        return event("POST", "/appointments", "/appointments", Map.of(), Map.of(), Map.of(), body);
    }

    static APIGatewayV2HTTPEvent get(String id, String token) {
        return withToken("GET", id, token, null);
    }

    static APIGatewayV2HTTPEvent cancel(String id, String token) {
        return withToken("DELETE", id, token, null);
    }

    static APIGatewayV2HTTPEvent move(String id, String token, String body) {
        return withToken("PUT", id, token, body);
    }

    private static APIGatewayV2HTTPEvent withToken(String method, String id, String token, String body) {
        return event(method, "/appointments/{appointmentId}", "/appointments/" + id, Map.of("appointmentId", id),
                Map.of(), token == null ? Map.of() : Map.of("x-cancel-token", token), body);
    }

    static String booking(String officeId, String date, String time, String idNumber) {
        return """
                {"officeId":"%s","date":"%s","time":"%s",
                 "citizen":{"fullName":"Nguyễn Văn An","idNumber":"%s","phone":"0912345678"}}"""
                .formatted(officeId, date, time, idNumber);
    }
}
