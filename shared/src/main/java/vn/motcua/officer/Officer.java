package vn.motcua.officer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import vn.motcua.problem.ApiProblem;

/**
 * Who is calling an /officer route, from the JWT claims the API Gateway authorizer verified
 * (Cognito in AWS, the local stack's dev issuer locally): {@code sub}, the office in
 * {@code custom:officeId} and the role in {@code cognito:groups}. Nothing else is trusted: not a
 * header, not the body.
 *
 * @param subject the token's {@code sub}: recorded in the history as the actor, shown to officers only
 */
public record Officer(String subject, String officeId, Set<Role> roles) {

    public enum Role {
        OFFICER, SUPERVISOR
    }

    public static final String SUBJECT = "sub";
    public static final String OFFICE = "custom:officeId";
    public static final String GROUPS = "cognito:groups";
    private static final Pattern OFFICE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,\\[\\]\"]+");

    public Officer {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * The officer behind {@code claim} (a claim look-up, e.g. {@code request::claim}). 401 when
     * there are no verified claims at all (the route is not behind the authorizer: a template
     * mistake, refused rather than trusted); 403 when the token belongs to no officer of an
     * office: no officer/supervisor group, or no office claim (a citizen's or an admin's token).
     */
    public static Officer from(Function<String, Optional<String>> claim) {
        String subject = claim.apply(SUBJECT).filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiProblem.unauthorized("This route needs an officer's bearer token"));
        Set<Role> roles = roles(claim.apply(GROUPS).orElse(""));
        if (roles.isEmpty()) {
            throw ApiProblem.forbidden("This route is for officers of an office; the token has no officer group");
        }
        String office = claim.apply(OFFICE).map(String::trim)
                .filter(o -> OFFICE_ID.matcher(o).matches())
                .orElseThrow(() -> ApiProblem.forbidden("The token names no office (claim " + OFFICE + ")"));
        return new Officer(subject, office, roles);
    }

    /**
     * API Gateway flattens an array claim into a string such as {@code "[officer supervisor]"};
     * a single group may arrive as {@code "officer"}; JSON-looking and comma-separated forms are
     * read too. Unknown groups are ignored.
     */
    static Set<Role> roles(String groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(SEPARATORS.split(groups)).map(g -> g.toLowerCase(Locale.ROOT)).forEach(g -> {
            if (g.equals("officer")) {
                roles.add(Role.OFFICER);
            } else if (g.equals("supervisor")) {
                roles.add(Role.SUPERVISOR);
            }
        });
        return roles;
    }
}
