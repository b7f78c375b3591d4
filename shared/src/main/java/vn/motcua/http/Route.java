package vn.motcua.http;

/** One route's logic: a request in, a response out; client mistakes are thrown as ApiProblem. */
@FunctionalInterface
public interface Route {
    Response handle(Request request);
}
