package vn.motcua.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run measured on: shared with other builds, so its load is part of every figure. */
record Machine(int cores, String cpu, String loadAverage, String java, String os) {

    static Machine now() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), read("/proc/loadavg"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static String cpuModel() {
        String info = read("/proc/cpuinfo");
        return info.lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    @Override
    public String toString() {
        return cores + " cores (" + cpu + "), load average " + loadAverage + ", " + java + ", " + os;
    }
}
