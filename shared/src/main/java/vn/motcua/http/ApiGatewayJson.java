package vn.motcua.http;

import static vn.motcua.json.EventJson.map;
import static vn.motcua.json.EventJson.text;
import static vn.motcua.json.EventJson.textMap;
import static vn.motcua.json.EventJson.texts;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import vn.motcua.json.EventJson;

/**
 * API Gateway's HTTP API payload 2.0, read and written through {@link EventJson} (why: there).
 * This reads only the fields {@link Request} uses, into the same event class.
 */
final class ApiGatewayJson {

    private ApiGatewayJson() {
    }

    static APIGatewayV2HTTPEvent readEvent(InputStream in) throws IOException {
        Map<String, Object> root = EventJson.read(in, "API Gateway");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(root.get("version")));
        event.setRouteKey(text(root.get("routeKey")));
        event.setRawPath(text(root.get("rawPath")));
        event.setRawQueryString(text(root.get("rawQueryString")));
        event.setCookies(texts(root.get("cookies")));
        event.setHeaders(textMap(root.get("headers")));
        event.setQueryStringParameters(textMap(root.get("queryStringParameters")));
        event.setPathParameters(textMap(root.get("pathParameters")));
        event.setStageVariables(textMap(root.get("stageVariables")));
        event.setBody(text(root.get("body")));
        event.setIsBase64Encoded(Boolean.TRUE.equals(root.get("isBase64Encoded")));
        Map<String, Object> context = map(root.get("requestContext"));
        if (context != null) {
            event.setRequestContext(requestContext(context));
        }
        return event;
    }

    private static RequestContext requestContext(Map<String, Object> json) {
        RequestContext context = new RequestContext();
        context.setRouteKey(text(json.get("routeKey")));
        context.setAccountId(text(json.get("accountId")));
        context.setApiId(text(json.get("apiId")));
        context.setStage(text(json.get("stage")));
        context.setDomainName(text(json.get("domainName")));
        context.setDomainPrefix(text(json.get("domainPrefix")));
        context.setRequestId(text(json.get("requestId")));
        context.setTime(text(json.get("time")));
        if (json.get("timeEpoch") instanceof Number epoch) {
            context.setTimeEpoch(epoch.longValue());
        }
        Map<String, Object> http = map(json.get("http"));
        if (http != null) {
            RequestContext.Http h = new RequestContext.Http();
            h.setMethod(text(http.get("method")));
            h.setPath(text(http.get("path")));
            h.setProtocol(text(http.get("protocol")));
            h.setSourceIp(text(http.get("sourceIp")));
            h.setUserAgent(text(http.get("userAgent")));
            context.setHttp(h);
        }
        Map<String, Object> authorizer = map(json.get("authorizer"));
        Map<String, Object> jwt = authorizer == null ? null : map(authorizer.get("jwt"));
        if (jwt != null) {
            RequestContext.Authorizer.JWT token = new RequestContext.Authorizer.JWT();
            token.setClaims(textMap(jwt.get("claims")));
            token.setScopes(texts(jwt.get("scopes")));
            RequestContext.Authorizer a = new RequestContext.Authorizer();
            a.setJwt(token);
            context.setAuthorizer(a);
        }
        return context;
    }

    /** {@code {"statusCode", "headers", "body", "isBase64Encoded"}}, the payload 2.0 answer. */
    static void writeResponse(Response response, OutputStream out) throws IOException {
        try (JsonGenerator json = EventJson.writer(out)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.status());
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            if (response.body() != null) {
                json.writeStringField("body", response.body());
            }
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
    }
}
