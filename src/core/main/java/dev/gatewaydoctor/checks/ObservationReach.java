package dev.gatewaydoctor.checks;

import dev.gatewaydoctor.knowledge.Knowledge;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which causes an answer to a check can move, read from the rules' text: the causes concluded by the rule
 * files that name the observation (or read observations whatever their name), and, once any cause moves,
 * the causes of the files whose rules read evidence. It over-approximates on purpose (a name in a comment
 * counts; a conclusion whose cause is not written out moves every cause), so that what it rules out is
 * certain: a check whose answer reaches none of the leading causes leaves them as they are, and its trial
 * diagnoses can be skipped without changing the checks offered.
 */
final class ObservationReach {

    private static final Pattern CONCLUDES = Pattern.compile("new\\s+Evidence\\s*\\(\\s*\"([^\"]+)\"");
    private static final Pattern CONCLUDES_SOME_CAUSE = Pattern.compile("new\\s+Evidence\\s*\\(\\s*[^\"\\s]");
    private static final Pattern READS_ANY_OBSERVATION = Pattern.compile("Observation\\s*\\(\\s*(?!name\\s*(==|in)\\s*[\"(])");
    private static final Pattern EVIDENCE = Pattern.compile("\\bEvidence\\s*\\(");
    private static final Pattern NEW_BEFORE = Pattern.compile("new\\s+$");
    private static final Map<String, ObservationReach> BY_VERSION = new ConcurrentHashMap<>();

    /** The causes each rule file concludes, what it reads, and its text. */
    private record RuleFile(String text, Set<String> concludes, boolean readsAnyObservation, boolean readsEvidence) {
    }

    private final java.util.List<RuleFile> files;
    private final Map<String, Set<String>> byObservation = new ConcurrentHashMap<>();

    private ObservationReach(java.util.List<RuleFile> files) {
        this.files = files;
    }

    /** The reach of this knowledge's rules, worked out once per rules version. */
    static ObservationReach of(Knowledge knowledge) {
        if (BY_VERSION.size() > 16) BY_VERSION.clear(); // reloads come and go; a version is cheap to read again
        return BY_VERSION.computeIfAbsent(knowledge.version(), v -> read(knowledge));
    }

    private static ObservationReach read(Knowledge knowledge) {
        Set<String> all = Set.copyOf(knowledge.causes().keySet());
        var files = new java.util.ArrayList<RuleFile>();
        knowledge.texts().forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            Set<String> concludes = new HashSet<>();
            Matcher m = CONCLUDES.matcher(text);
            while (m.find()) concludes.add(m.group(1));
            if (CONCLUDES_SOME_CAUSE.matcher(text).find()) concludes.addAll(all);
            files.add(new RuleFile(text, Set.copyOf(concludes), READS_ANY_OBSERVATION.matcher(text).find(), readsEvidence(text)));
        });
        return new ObservationReach(java.util.List.copyOf(files));
    }

    /** A pattern on Evidence, as opposed to a rule creating one. */
    private static boolean readsEvidence(String text) {
        Matcher m = EVIDENCE.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 12), m.start());
            if (!NEW_BEFORE.matcher(before).find()) return true;
        }
        return false;
    }

    /** The causes whose evidence an observation of this name may change. */
    Set<String> causesMovedBy(String observation) {
        return byObservation.computeIfAbsent(observation, name -> {
            String quoted = "\"" + name + "\"";
            var moved = new HashSet<String>();
            for (RuleFile f : files) if (f.readsAnyObservation() || f.text().contains(quoted)) moved.addAll(f.concludes());
            if (!moved.isEmpty()) for (RuleFile f : files) if (f.readsEvidence()) moved.addAll(f.concludes());
            return Set.copyOf(moved);
        });
    }
}
