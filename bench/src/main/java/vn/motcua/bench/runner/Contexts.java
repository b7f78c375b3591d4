package vn.motcua.bench.runner;

/** Builds the Lambda context; its own class so stream handlers that take none never load it. */
final class Contexts {

    private static int requests;

    private Contexts() {
    }

    static Object create() {
        return new RunnerContext("bench-" + (++requests));
    }
}
