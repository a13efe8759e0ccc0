package dev.gatewaydoctor.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The spec's log sources, and which one a log's lines look like (recognition reads every source alike; the label is for people). */
public final class LogSources {

    public static final Set<String> ALL = Set.of("nginx-error", "nginx-access", "apache-error", "apache-access", "litespeed", "caddy",
            "php-fpm", "php-fpm-slow", "php-error", "wp-debug", "mysql-error", "syslog", "journal", "kernel", "docker", "cdn", "other");

    private static final Map<String, Pattern> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("docker", Pattern.compile("^[\\w.-]{1,64}\\s{1,8}\\| "));
        SHAPES.put("nginx-error", Pattern.compile("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[(?:emerg|alert|crit|error|warn|notice|info|debug)\\]"));
        SHAPES.put("apache-error", Pattern.compile("^\\[\\w{3} \\w{3} \\d{1,2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)? \\d{4}\\] \\[[\\w_]*:?\\w+\\]"));
        SHAPES.put("nginx-access", Pattern.compile("^\\S{1,64} \\S{1,64} \\S{1,64} \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\] \""));
        SHAPES.put("php-fpm", Pattern.compile("^\\[\\d{2}-\\w{3}-\\d{4} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?\\] (?:NOTICE|WARNING|ERROR|ALERT|DEBUG): "));
        SHAPES.put("php-error", Pattern.compile("^\\[\\d{2}-\\w{3}-\\d{4} \\d{2}:\\d{2}:\\d{2} [\\w/+-]{1,40}\\] PHP "));
        SHAPES.put("wp-debug", Pattern.compile("^\\[\\d{2}-\\w{3}-\\d{4} \\d{2}:\\d{2}:\\d{2} [\\w/+-]{1,40}\\] (?:WordPress database error|PHP )"));
        SHAPES.put("mysql-error", Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z? \\d+ \\[(?:Note|Warning|ERROR|System)\\]"));
        SHAPES.put("kernel", Pattern.compile("^(?:\\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\S+ kernel: |\\[ *\\d+\\.\\d+\\] )"));
        SHAPES.put("journal", Pattern.compile("^\\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} \\S+ [\\w.@-]+(?:\\[\\d+\\])?: "));
        SHAPES.put("syslog", Pattern.compile("^(?:\\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}T\\S+) \\S+ [\\w.@/-]+(?:\\[\\d+\\])?: "));
    }

    private LogSources() {
    }

    /** The source most of these lines look like, or "other". */
    static String sniff(List<String> lines) {
        var votes = new LinkedHashMap<String, Integer>();
        for (String line : lines) {
            for (var e : SHAPES.entrySet()) {
                if (e.getValue().matcher(line).find()) {
                    votes.merge(e.getKey(), 1, Integer::sum);
                    break;
                }
            }
        }
        return votes.entrySet().stream().filter(e -> e.getValue() * 2 >= Math.max(1, lines.size() / 2))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("other");
    }
}
