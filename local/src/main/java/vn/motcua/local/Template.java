package vn.motcua.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as data: the one list of functions, routes, tables, queues and buckets. The
 * local stack, the contract test and the benchmark all read it from here, so nothing keeps a
 * second list. CloudFormation short tags ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub s})
 * become their long forms ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}, {@code {Fn::Sub: s}}).
 */
public final class Template {

    private final Path root;
    private final Map<String, Object> document;

    private Template(Path root, Map<String, Object> document) {
        this.root = root;
        this.document = document;
    }

    public static Template load(Path templateFile) {
        try {
            Yaml yaml = new Yaml(new CloudFormationConstructor());
            Map<String, Object> doc = yaml.load(Files.readString(templateFile));
            return new Template(templateFile.toAbsolutePath().getParent(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + templateFile, e);
        }
    }

    /** The directory holding template.yaml: CodeUri and data/ are relative to it. */
    public Path root() {
        return root;
    }

    public Map<String, Object> document() {
        return document;
    }

    public Map<String, Map<String, Object>> resources() {
        return map(document.get("Resources"));
    }

    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.get("Type"))) {
                out.put(id, r);
            }
        });
        return out;
    }

    public Optional<String> typeOf(String logicalId) {
        Map<String, Object> r = resources().get(logicalId);
        return r == null ? Optional.empty() : Optional.of((String) r.get("Type"));
    }

    public Map<String, Object> parameters() {
        return map(document.get("Parameters"));
    }

    public Map<String, Object> globalsFunction() {
        return map(map(document.get("Globals")).get("Function"));
    }

    public List<Function> functions() {
        List<Function> out = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((id, r) -> out.add(new Function(id, map(r.get("Properties")))));
        return out;
    }

    public Function function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No function " + logicalId + " in template.yaml"));
    }

    /** One AWS::Serverless::Function, as far as the local stack needs it. */
    public record Function(String logicalId, Map<String, Object> properties) {

        public String handler() {
            return (String) properties.get("Handler");
        }

        public String handlerClass() {
            return handler().split("::", 2)[0];
        }

        public String codeUri() {
            return String.valueOf(properties.get("CodeUri"));
        }

        public Map<String, Object> environment() {
            return map(map(properties.get("Environment")).get("Variables"));
        }

        public List<Map<String, Object>> policies() {
            Object p = properties.get("Policies");
            List<Map<String, Object>> out = new ArrayList<>();
            if (p instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        out.add(cast(m));
                    } else {
                        out.add(Map.of(String.valueOf(o), Map.of()));
                    }
                }
            }
            return out;
        }

        public Map<String, Event> events() {
            Map<String, Event> out = new LinkedHashMap<>();
            Template.<Map<String, Object>>map(properties.get("Events")).forEach((name, e) ->
                    out.put(name, new Event(name, (String) e.get("Type"), map(e.get("Properties")))));
            return out;
        }

        public List<Event> events(String type) {
            return events().values().stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    /** An event source of a function: HttpApi, SQS, S3, Schedule, ScheduleV2. */
    public record Event(String name, String type, Map<String, Object> properties) {

        public String method() {
            return String.valueOf(properties.get("Method")).toUpperCase(java.util.Locale.ROOT);
        }

        public String path() {
            return String.valueOf(properties.get("Path"));
        }

        /** API Gateway's route key, e.g. {@code GET /procedures/{code}}. */
        public String routeKey() {
            return method() + " " + path();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> Map<String, T> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, T>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** SnakeYAML constructor that knows CloudFormation's short-form intrinsic functions. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Ref", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals",
                    "Not", "And", "Or", "FindInMap", "GetAZs", "ImportValue", "Base64", "Condition", "Cidr")) {
                String longName = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
                this.yamlConstructors.put(new Tag("!" + fn), new Intrinsic(longName));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    value = name.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode seq) {
                    value = constructSequence(seq);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(name, value);
            }
        }
    }
}
