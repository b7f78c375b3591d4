package vn.motcua.catalogue;

import java.util.List;

/** One page of results and the token for the next, absent on the last page. */
public record Page<T>(List<T> items, String nextToken) {
}
