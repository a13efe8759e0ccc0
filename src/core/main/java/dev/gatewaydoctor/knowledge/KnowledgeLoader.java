package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.WritableRules;
import dev.gatewaydoctor.recognition.LogRecognizer;
import dev.gatewaydoctor.text.SourcePositions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Loads a rules directory: {@code causes.yaml} (every cause), {@code fixes.yaml} (every fix),
 * {@code causes/<cause-id>.drl} (the rules that weigh evidence for one cause) and {@code fixes.drl}
 * (the rules that rank fixes). Every problem found is reported with its file, line and column; the
 * knowledge is usable only when there are none.
 */
public final class KnowledgeLoader {

    /** Where the bundled copy of rules/ lives on the class path. */
    public static final String BUNDLED_ROOT = "gatewaydoctor/rules";
    /** The list of the bundled rule files, one path (relative to {@link #BUNDLED_ROOT}) a line, written by the build. */
    public static final String BUNDLED_INDEX = "gatewaydoctor/rules.index";
    private static final String KIE_ROOT = "src/main/resources/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private KnowledgeLoader() {
    }

    /** The rules of a directory, refused when others may write to it ({@link WritableRules#REFUSE}). */
    public static Knowledge fromDirectory(Path dir) throws RulesException {
        return fromDirectory(dir, WritableRules.REFUSE);
    }

    public static Knowledge fromDirectory(Path dir, WritableRules writable) throws RulesException {
        String source = directory(dir);
        List<RuleProblem> unsafe = RulesPermissions.check(dir, writable);
        if (!unsafe.isEmpty()) throw new RulesException(source, unsafe);
        return compile(source, readTree(dir, source));
    }

    /** The rules of a directory, every check run whatever the build checked before: for the build itself. */
    static Knowledge fromDirectoryChecked(Path dir) throws RulesException {
        String source = directory(dir);
        return compile(source, readTree(dir, source), false);
    }

    /** The directory's name as the rules' source, once it is known to be a directory. */
    private static String directory(Path dir) throws RulesException {
        String source = dir.toString();
        if (!Files.isDirectory(dir)) {
            throw new RulesException(source, List.of(new RuleProblem(source, 0, 0, "not a directory")));
        }
        return source;
    }

    /**
     * Only the message families of a rules directory, without compiling its rules: for reading logs
     * before any diagnosis (whole-log ingestion, a pasted ticket).
     */
    public static LogRecognizer recognizer(Path dir) throws RulesException {
        var problems = new ArrayList<RuleProblem>();
        LogRecognizer r = FamilyFiles.read(readTree(dir, dir.toString()), problems, true);
        if (!problems.isEmpty()) throw new RulesException(dir.toString(), problems);
        return r;
    }

    /** The content hash of a rules directory, as {@link Knowledge#version()} will be, without compiling it. */
    static String versionOf(Path dir) throws RulesException {
        return digest(readBytes(dir, dir.toString()));
    }

    /**
     * The copy of rules/ inside the jar, read file by file through the index the build writes
     * ({@value #BUNDLED_INDEX}): by name from the class loader, whatever jar or nested jar holds them.
     */
    public static Knowledge bundled() throws RulesException {
        return bundled(KnowledgeLoader.class.getClassLoader());
    }

    /** As {@link #bundled()}, from the given class loader (tests give one that serves streams and no URLs, as nested jars do). */
    static Knowledge bundled(ClassLoader loader) throws RulesException {
        var bytes = new TreeMap<String, byte[]>();
        try (InputStream index = loader.getResourceAsStream(BUNDLED_INDEX)) {
            if (index == null) {
                throw new RulesException("bundled", List.of(new RuleProblem(BUNDLED_INDEX, 0, 0,
                        "no bundled rules on the class path; build with mvn package, or pass a rules directory")));
            }
            for (String path : new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList()) {
                try (InputStream in = loader.getResourceAsStream(BUNDLED_ROOT + "/" + path)) {
                    if (in == null) {
                        throw new RulesException("bundled", List.of(new RuleProblem(path, 0, 0,
                                "listed in " + BUNDLED_INDEX + " but missing from the class path: the jar was repackaged without it")));
                    }
                    bytes.put(path, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new RulesException("bundled", List.of(new RuleProblem(BUNDLED_ROOT, 0, 0, "cannot read the bundled rules: " + e.getMessage())));
        }
        return compile("bundled", decode(bytes, "bundled"));
    }

    private static Map<String, String> readTree(Path dir, String source) throws RulesException {
        return decode(readBytes(dir, source), source);
    }

    private static Map<String, String> decode(Map<String, byte[]> read, String source) throws RulesException {
        var files = new TreeMap<String, String>();
        var problems = new ArrayList<RuleProblem>();
        read.forEach((path, bytes) -> {
            try {
                files.put(path, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                problems.add(new RuleProblem(path, 0, 0, "not UTF-8 text: save it as UTF-8"));
            }
        });
        if (!problems.isEmpty()) throw new RulesException(source, problems);
        return files;
    }

    /** The rule files' bytes by path: hashed as they are, so that a file that is no text still makes a new version to report. */
    private static Map<String, byte[]> readBytes(Path dir, String source) throws RulesException {
        var files = new TreeMap<String, byte[]>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = p.getFileName() == null ? "" : p.getFileName().toString();
                if (!Files.isRegularFile(p) || !(name.endsWith(".drl") || name.endsWith(".yaml") || name.endsWith(".yml"))) continue;
                String path = dir.relativize(p).toString().replace('\\', '/');
                try {
                    files.put(path, Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new RulesException(source, List.of(new RuleProblem(path, 0, 0, "cannot read: " + e.getMessage())));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RulesException(source, List.of(new RuleProblem(source, 0, 0, "cannot read: " + e.getMessage())));
        }
        return files;
    }

    private static final java.util.regex.Pattern CONFIG_NAME_AFFIX =
            java.util.regex.Pattern.compile("ConfigValue\\([^)]*?name str\\[(endsWith|startsWith)\\] \"([^\"]+)\"");

    /** Whether a rule reads a config name: by the name, or by how it begins or ends ({@code name str[endsWith] "image"}). */
    private static java.util.function.Predicate<String> configReadBy(Map<String, String> files, Vocabulary vocabulary) {
        var ends = new java.util.HashSet<String>();
        var starts = new java.util.HashSet<String>();
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            var m = CONFIG_NAME_AFFIX.matcher(text);
            while (m.find()) (m.group(1).equals("endsWith") ? ends : starts).add(m.group(2));
        });
        return name -> vocabulary.reads("config", name) || ends.stream().anyMatch(name::endsWith) || starts.stream().anyMatch(name::startsWith);
    }

    /** Compiles rule files given by path relative to the rules directory. */
    public static Knowledge compile(String source, Map<String, String> files) throws RulesException {
        return compile(source, files, true);
    }

    /**
     * @param trustBuild whether files the build precompiled skip the checks the build ran on them: their
     *                   family fixtures and phrase examples can only pass and their rule text checks can only
     *                   warn as they did then (the build recorded those warnings), and running them took a
     *                   good part of every start
     */
    private static Knowledge compile(String source, Map<String, String> files, boolean trustBuild) throws RulesException {
        var problems = new ArrayList<RuleProblem>();
        Map<String, Cause> causes = readCauses(files, problems);
        // Read first: the "listed" conditions of fixes, checks and logs name its lists.
        NamedLists lists = NamedLists.read(files, problems);
        java.util.Set<String> listNames = lists.names();
        List<Fix> fixes = readFixes(files, causes, listNames, problems);
        List<Check> checks = readChecks(files, listNames, problems);
        var baseRateWarnings = new ArrayList<RuleProblem>();
        BaseRates baseRates = readBaseRates(files, causes, problems, baseRateWarnings);
        List<LogRequest> logRequests = readLogRequests(files, listNames, problems);
        String version = version(files);
        List<RuleProblem> checkedByBuild = trustBuild ? PrecompiledRules.warnings(version) : null;
        LogRecognizer recognizer = FamilyFiles.read(files, problems, checkedByBuild == null);
        Calibration calibration = Calibration.read(files, problems);
        var settingWarnings = new ArrayList<RuleProblem>();
        Vocabulary readByRules = Vocabulary.of(files, checks);
        Vocabulary vocabulary = readByRules.withSettingAliases(readSettings(files, readByRules, problems, settingWarnings));
        var phraseWarnings = new ArrayList<RuleProblem>();
        Phrases phrases = Phrases.read(files, checks.stream().map(Check::observation).collect(java.util.stream.Collectors.toSet()),
                fixes.stream().map(Fix::id).collect(java.util.stream.Collectors.toSet()), Vocabulary.EVENT_KINDS,
                configReadBy(files, vocabulary), checkedByBuild == null, problems, phraseWarnings);
        for (String path : files.keySet()) {
            if (path.startsWith("causes/") && path.endsWith(".drl")) {
                String id = path.substring("causes/".length(), path.length() - ".drl".length());
                if (!causes.isEmpty() && !causes.containsKey(id)) {
                    problems.add(new RuleProblem(path, 0, 0, "the file is named after no cause in causes.yaml: \"" + id
                            + "\"; name it after the cause id its rules weigh"));
                }
            }
        }
        var warnings = new ArrayList<RuleProblem>(phraseWarnings);
        warnings.addAll(baseRateWarnings);
        warnings.addAll(settingWarnings);
        Map<String, String> groups = RuleTextChecks.groups(files);
        var mistaken = new java.util.HashSet<String>();
        if (checkedByBuild != null) {
            warnings.clear();
            warnings.addAll(checkedByBuild);
        } else {
            RuleTextChecks.check(files, causes, fixes, problems, warnings);
            RuleTextChecks.observationsHaveChecks(files, checks, vocabulary, warnings);
            RuleTextChecks.absencesAreGuarded(files, warnings);
            RuleTextChecks.samePatternAcrossFiles(files, groups, warnings);
            var familyIds = recognizer.families().stream().map(dev.gatewaydoctor.recognition.Family::id)
                    .collect(java.util.stream.Collectors.toSet());
            RuleTextChecks.familiesExist(files, familyIds, problems);
            RuleTextChecks.familiesRead(files, familyIds, warnings);
            files.forEach((path, text) -> {
                if (!path.endsWith(".drl")) return;
                List<RuleProblem> found = DrlMistakes.find(path, text);
                if (!found.isEmpty()) mistaken.add(path);
                problems.addAll(found);
            });
        }
        // Drools compiles the files even when the checks above found problems, so that an author sees them all at once.

        DroolsServices.check(source, KnowledgeLoader.class.getClassLoader());
        KieServices ks = KieServices.Factory.get();
        if (ks == null) {
            throw new RulesException(source, List.of(new RuleProblem(source, 0, 0,
                    "Drools could not start (KieServices not found on the class path; a repackaged jar must merge META-INF/services)")));
        }
        if (files.keySet().stream().noneMatch(p -> p.endsWith(".drl"))) {
            throw new RulesException(source, List.of(new RuleProblem(source, 0, 0, "no .drl rule files found")));
        }
        // The same files make the same knowledge whichever compiled form carries their rules.
        java.util.function.BiFunction<KieBase, Boolean, Knowledge> knowledge = (base, precompiled) -> new Knowledge(source, version, base,
                Collections.unmodifiableMap(causes), List.copyOf(fixes), ruleFiles(base, files), Collections.unmodifiableSortedMap(new TreeMap<>(files)),
                List.copyOf(warnings), precompiled, checks, vocabulary, groups, baseRates, logRequests, recognizer, lists, calibration, phrases);
        if (problems.isEmpty()) {
            KieBase precompiled;
            try {
                precompiled = PrecompiledRules.load(ks, version);
            } catch (RuntimeException | LinkageError e) {
                throw droolsFailed(source, "loading the precompiled form of", e); // Drools itself could not start
            }
            if (precompiled != null) return knowledge.apply(precompiled, true);
            KieBase compiled = CompiledRules.get(version);
            if (compiled != null) return knowledge.apply(compiled, false);
        }
        KieFileSystem kfs = ks.newKieFileSystem();
        files.forEach((path, text) -> {
            if (path.endsWith(".drl")) kfs.write(kiePath(path), text);
        });
        ReleaseId rid = ks.newReleaseId("dev.gatewaydoctor.rules", "rules-" + version + "-" + BUILDS.incrementAndGet(), "1");
        kfs.generateAndWritePomXML(rid);
        KieBuilder builder;
        try {
            builder = ks.newKieBuilder(kfs).buildAll(DrlProject.class);
        } catch (RuntimeException e) {
            throw droolsFailed(source, "compiling", e);
        }
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            if (m.getText() != null && m.getText().contains("Parser returned a null Package")) continue; // echo of a syntax error
            String file = relative(m.getPath());
            if (mistaken.contains(file)) continue; // Drools's echo of a mistake already told where it is
            if (m.getText() != null && m.getText().toLowerCase(java.util.Locale.ROOT).contains("duplicate rule")) continue; // told with both files
            problems.add(DroolsMessages.plain(file, Math.max(m.getLine(), 0), Math.max(m.getColumn(), 0), clean(m.getText()), files.get(file)));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(rid);
            throw new RulesException(source, problems);
        }
        KieBase base;
        try {
            base = ks.newKieContainer(rid).newKieBase(baseConfiguration(ks));
        } catch (RuntimeException e) {
            throw droolsFailed(source, "building the rule base of", e);
        } finally {
            // Each build registers a module; forgetting it keeps every reload in memory.
            ks.getRepository().removeKieModule(rid);
        }
        CompiledRules.keep(version, base);
        return knowledge.apply(base, false);
    }

    /** Drools failed where it should have reported problems: the project's own exception, never a raw Drools one. */
    private static RulesException droolsFailed(String source, String doing, Throwable e) {
        return new RulesException(source, List.of(new RuleProblem(source, 0, 0, "the rule engine failed " + doing + " the rules: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))));
    }

    /** Which file holds each rule: read from the rule files' text, which both compiled forms share. */
    private static Map<String, String> ruleFiles(KieBase base, Map<String, String> files) {
        var byName = new HashMap<String, String>();
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            var m = RuleTextChecks.RULE_NAME.matcher(text);
            while (m.find()) byName.putIfAbsent(m.group(1), path);
        });
        var out = new HashMap<String, String>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule r : pkg.getRules()) out.put(r.getName(), byName.get(r.getName()));
        }
        return Collections.unmodifiableMap(out);
    }

    static String kiePath(String rulesRelativePath) {
        return KIE_ROOT + "gatewaydoctor/" + rulesRelativePath;
    }

    private static String relative(String kiePath) {
        if (kiePath == null) return "?";
        int at = kiePath.indexOf("gatewaydoctor/");
        return at < 0 ? kiePath : kiePath.substring(at + "gatewaydoctor/".length());
    }

    private static String clean(String text) {
        if (text == null) return "error";
        return text.replace("\n", " ").replaceAll(" {2,}", " ").strip();
    }

    private static String version(Map<String, String> files) {
        var bytes = new TreeMap<String, byte[]>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return digest(bytes);
    }

    /** Of valid UTF-8 files, the same hash as {@link #version}: their text encodes back to their bytes. */
    private static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (var e : new TreeMap<>(files).entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    // ---- causes.yaml and fixes.yaml ----

    private static Map<String, Cause> readCauses(Map<String, String> files, List<RuleProblem> problems) {
        var causes = new LinkedHashMap<String, Cause>();
        YamlDocument doc = YamlDocument.read("causes.yaml", files, problems);
        if (doc == null) return causes;
        JsonNode list = doc.list("causes", "expected a list \"causes:\" of causes (id, title, prior, summary)", problems);
        if (list == null) return causes;
        for (int i = 0; i < list.size(); i++) {
            String at = "/causes/" + i;
            JsonNode c = list.get(i);
            String id = doc.text(c, at, "id", problems);
            String title = doc.text(c, at, "title", problems);
            JsonNode prior = c.get("prior");
            if (prior == null || !prior.isNumber() || prior.asDouble() < -4 || prior.asDouble() > 0) {
                problems.add(doc.problem(at + "/prior", "expected \"prior\": the log10 prior odds, a number from -4 to 0 (see docs/confidence.md)"));
                continue;
            }
            if (id == null || title == null) continue;
            if (causes.containsKey(id)) problems.add(doc.problem(at + "/id", "cause \"" + id + "\" is listed twice"));
            JsonNode buildsUp = c.get("buildsUp");
            if (buildsUp != null && !buildsUp.isBoolean()) problems.add(doc.problem(at + "/buildsUp", "expected \"buildsUp\": true or false"));
            JsonNode clientSide = c.get("clientSide");
            if (clientSide != null && !clientSide.isBoolean()) problems.add(doc.problem(at + "/clientSide", "expected \"clientSide\": true or false"));
            JsonNode needsAChange = c.get("needsAChange");
            if (needsAChange != null && !needsAChange.isBoolean()) problems.add(doc.problem(at + "/needsAChange", "expected \"needsAChange\": true or false"));
            JsonNode stopsByItself = c.get("stopsByItself");
            if (stopsByItself != null && !stopsByItself.isBoolean()) problems.add(doc.problem(at + "/stopsByItself", "expected \"stopsByItself\": true or false"));
            if (needsAChange != null && needsAChange.asBoolean() && stopsByItself != null && stopsByItself.asBoolean())
                problems.add(doc.problem(at + "/stopsByItself", "cause \"" + id + "\" cannot both need a change and stop by itself"));
            causes.put(id, new Cause(id, title, prior.asDouble(), c.path("summary").asText(""), buildsUp != null && buildsUp.asBoolean(),
                    clientSide != null && clientSide.asBoolean(), needsAChange != null && needsAChange.asBoolean(),
                    stopsByItself != null && stopsByItself.asBoolean()));
        }
        return causes;
    }

    /** The fields a fix in fixes.yaml may have; docs/authoring-rules.md's reference describes each. */
    static final List<String> FIX_FIELDS = List.of("id", "title", "seed", "effort", "risk", "treats", "steps", "stepsFor",
            "verify", "undo", "culpritOf", "unless", "inVainFor");

    private static List<Fix> readFixes(Map<String, String> files, Map<String, Cause> causes, java.util.Set<String> listNames,
                                       List<RuleProblem> problems) {
        var fixes = new ArrayList<Fix>();
        YamlDocument doc = YamlDocument.read("fixes.yaml", files, problems);
        if (doc == null) return fixes;
        JsonNode list = doc.list("fixes", "expected a list \"fixes:\" of fixes (id, title, seed, effort, treats, steps, verify, undo, risk)", problems);
        if (list == null) return fixes;
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/fixes/" + i;
            JsonNode f = list.get(i);
            // A misspelt field would be dropped without a word, and what it says silently not done.
            for (var names = f.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIX_FIELDS.contains(name)) {
                    problems.add(doc.problem(at + "/" + name, "a fix has no field \"" + name + "\"" + Vocabulary.didYouMean(name, FIX_FIELDS)
                            + "; its fields: " + String.join(", ", FIX_FIELDS)));
                }
            }
            String id = doc.text(f, at, "id", problems);
            String title = doc.text(f, at, "title", problems);
            if (id != null && seen.put(id, i) != null) problems.add(doc.problem(at + "/id", "fix \"" + id + "\" is listed twice"));
            Integer seed = f.hasNonNull("seed") ? f.get("seed").asInt() : null;
            if (f.hasNonNull("seed") && (!f.get("seed").isInt() || seed < 1 || seed > 10)) {
                problems.add(doc.problem(at + "/seed", "expected the seed article's method number 1..10, or nothing"));
            }
            JsonNode effort = f.get("effort");
            if (effort == null || !effort.isInt() || effort.asInt() < 1 || effort.asInt() > 9) {
                problems.add(doc.problem(at + "/effort", "expected \"effort\": a whole number from 1 (wait and reload) to 9 (move host)"));
            }
            var treats = new LinkedHashMap<String, Double>();
            JsonNode t = f.get("treats");
            if (t == null || !t.isObject() || t.isEmpty()) {
                problems.add(doc.problem(at + "/treats", "expected \"treats\": the cause ids this fix treats, each with how well, 0..1"));
            } else {
                for (var it = t.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String where = at + "/treats/" + e.getKey();
                    if (!causes.isEmpty() && !causes.containsKey(e.getKey())) {
                        problems.add(doc.problem(where, "unknown cause \"" + e.getKey() + "\" (not in causes.yaml)"));
                    } else if (!e.getValue().isNumber() || e.getValue().asDouble() <= 0 || e.getValue().asDouble() > 1) {
                        problems.add(doc.problem(where, "expected how well the fix treats the cause: a number above 0, at most 1"));
                    } else {
                        treats.put(e.getKey(), e.getValue().asDouble());
                    }
                }
            }
            var steps = new ArrayList<String>();
            JsonNode s = f.get("steps");
            if (s == null || !s.isArray() || s.isEmpty()) {
                problems.add(doc.problem(at + "/steps", "expected \"steps\": a list of what to do, in order"));
            } else {
                s.forEach(step -> steps.add(step.asText().strip()));
            }
            String risk = f.path("risk").asText(null);
            if (!List.of("low", "medium", "high").contains(String.valueOf(risk))) {
                problems.add(doc.problem(at + "/risk", "expected \"risk\": low, medium or high (what can go wrong when applying the fix)"));
            }
            for (String field : List.of("verify", "undo")) {
                if (!f.hasNonNull(field) || f.get(field).asText().isBlank()) {
                    problems.add(doc.problem(at + "/" + field, "expected \"" + field + "\": " + (field.equals("verify")
                            ? "how to tell that the fix worked" : "how to take the fix back")));
                }
            }
            var variants = new ArrayList<Fix.Variant>();
            JsonNode v = f.get("stepsFor");
            if (v != null && !v.isArray()) problems.add(doc.problem(at + "/stepsFor", "expected \"stepsFor\": a list of {when, changes, causes, steps}"));
            for (int j = 0; v != null && v.isArray() && j < v.size(); j++) {
                String vat = at + "/stepsFor/" + j;
                JsonNode x = v.get(j);
                Map<String, List<String>> when = siteConditions(doc, x.path("when"), vat + "/when", listNames, problems);
                var changes = new ArrayList<String>();
                x.path("changes").forEach(y -> changes.add(y.asText()));
                var forCauses = new ArrayList<String>();
                JsonNode vc = x.path("causes");
                for (int k = 0; k < vc.size(); k++) {
                    String c = vc.get(k).asText();
                    if (!treats.containsKey(c)) {
                        problems.add(doc.problem(vat + "/causes/" + k, "expected a cause this fix treats (its \"treats\"), not \"" + c + "\""));
                    }
                    forCauses.add(c);
                }
                var vsteps = new ArrayList<String>();
                x.path("steps").forEach(y -> vsteps.add(y.asText().strip()));
                if (vsteps.isEmpty()) problems.add(doc.problem(vat + "/steps", "expected \"steps\": what to do in this situation"));
                if (when.isEmpty() && changes.isEmpty() && forCauses.isEmpty()) {
                    problems.add(doc.problem(vat, "expected \"when\" (site fields), \"changes\" (event kinds) or \"causes\" (cause ids): when these steps apply"));
                }
                variants.add(new Fix.Variant(when, List.copyOf(changes), List.copyOf(forCauses), List.copyOf(vsteps)));
            }
            List<String> culpritOf = culpritOf(doc, f.get("culpritOf"), at + "/culpritOf", causes, problems);
            List<String> inVainFor = causeIds(doc, f.get("inVainFor"), at + "/inVainFor", "inVainFor", "the causes this fix, tried in vain, "
                    + "says nothing against, such as [php-fpm-down]", causes, problems);
            for (String c : inVainFor) {
                if (!treats.containsKey(c)) problems.add(doc.problem(at + "/inVainFor", "\"" + c + "\" is no cause this fix treats; inVainFor names causes of its treats"));
            }
            if (id == null || title == null || effort == null || !effort.isInt()) continue;
            Map<String, List<String>> unless = f.has("unless") ? siteConditions(doc, f.get("unless"), at + "/unless", listNames, problems) : Map.of();
            fixes.add(new Fix(id, title, seed, effort.asInt(), risk, Collections.unmodifiableMap(treats), List.copyOf(steps),
                    textOrNull(f, "verify"), textOrNull(f, "undo"), List.copyOf(variants), culpritOf, unless, inVainFor));
        }
        return fixes;
    }

    /** base-rates.yaml is optional: without it a status alone gives the seed checklist. */
    private static BaseRates readBaseRates(Map<String, String> files, Map<String, Cause> causes, List<RuleProblem> problems,
                                           List<RuleProblem> warnings) {
        if (!files.containsKey("base-rates.yaml")) return BaseRates.NONE;
        YamlDocument doc = YamlDocument.read("base-rates.yaml", files, problems);
        if (doc == null) return BaseRates.NONE;
        JsonNode statuses = doc.root().get("statuses");
        if (statuses == null || !statuses.isObject()) {
            problems.add(doc.problem("/statuses", "expected \"statuses:\", a mapping of status (502, 521, ..., any) to cause ids and counts"));
            return BaseRates.NONE;
        }
        Map<String, Map<String, Integer>> byStatus = readRateRows(doc, "statuses", statuses, causes, problems);
        // A table that older rules had: an expert who kept one should know it no longer counts.
        if (doc.root().has("bare")) {
            warnings.add(doc.problem("/bare", "the bare: table is no longer read: a record of the response alone is ranked by the"
                    + " statuses: counts like any other (docs/confidence.md); remove it"));
        }
        return new BaseRates(byStatus, doc.root().path("basis").asText(null));
    }

    /** One table of base-rates.yaml: status (or any) to cause id to a number of incidents. */
    private static Map<String, Map<String, Integer>> readRateRows(YamlDocument doc, String table, JsonNode statuses,
                                                                  Map<String, Cause> causes, List<RuleProblem> problems) {
        var byStatus = new LinkedHashMap<String, Map<String, Integer>>();
        for (var it = statuses.fields(); it.hasNext(); ) {
            var row = it.next();
            String at = "/" + table + "/" + row.getKey();
            if (!row.getKey().equals("any") && !row.getKey().matches("[1-5]\\d\\d")) {
                problems.add(doc.problem(at, "expected an HTTP status (502, 521, ...) or any, found \"" + row.getKey() + "\""));
                continue;
            }
            var counts = new LinkedHashMap<String, Integer>();
            for (var c = row.getValue().fields(); c.hasNext(); ) {
                var e = c.next();
                if (!causes.isEmpty() && !causes.containsKey(e.getKey())) {
                    problems.add(doc.problem(at + "/" + e.getKey(), "\"" + e.getKey() + "\" is no cause in causes.yaml"));
                } else if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                    problems.add(doc.problem(at + "/" + e.getKey(), "expected a number of incidents (0 or more)"));
                } else {
                    counts.put(e.getKey(), e.getValue().asInt());
                }
            }
            byStatus.put(row.getKey(), Collections.unmodifiableMap(counts));
        }
        return Collections.unmodifiableMap(byStatus);
    }

    /** A fix's optional culpritOf: cause ids, each in causes.yaml; nothing given allows every cause. */
    private static List<String> culpritOf(YamlDocument doc, JsonNode node, String at, Map<String, Cause> causes, List<RuleProblem> problems) {
        return causeIds(doc, node, at, "culpritOf", "the cause ids whose culprit may fill {culprit} in this fix's steps, such as "
                + "[plugin-or-theme-fatal-error]", causes, problems);
    }

    /** A fix field that lists cause ids, each in causes.yaml; nothing given is an empty list. */
    private static List<String> causeIds(YamlDocument doc, JsonNode node, String at, String field, String meaning, Map<String, Cause> causes,
                                         List<RuleProblem> problems) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray() || node.isEmpty()) {
            problems.add(doc.problem(at, "expected \"" + field + "\": a list of " + meaning));
            return List.of();
        }
        var out = new ArrayList<String>();
        for (int j = 0; j < node.size(); j++) {
            JsonNode c = node.get(j);
            if (!c.isTextual()) {
                problems.add(doc.problem(at + "/" + j, "expected a cause id (text) in \"" + field + "\""));
            } else if (!causes.isEmpty() && !causes.containsKey(c.asText())) {
                problems.add(doc.problem(at + "/" + j, field + " names \"" + c.asText() + "\", which is no cause in causes.yaml"
                        + Vocabulary.didYouMean(c.asText(), causes.keySet())));
            } else {
                out.add(c.asText());
            }
        }
        return List.copyOf(out);
    }

    /** A "when" of logs.yaml or of a fix's stepsFor: site fields to the values that match (one value or a list). */
    private static Map<String, List<String>> siteConditions(YamlDocument doc, JsonNode node, String at, java.util.Set<String> listNames,
                                                            List<RuleProblem> problems) {
        var when = new LinkedHashMap<String, List<String>>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!LogRequest.FIELDS.contains(e.getKey())) {
                problems.add(doc.problem(at + "/" + e.getKey(), "expected one of " + LogRequest.FIELDS + ", found \"" + e.getKey() + "\""));
                continue;
            }
            var values = new ArrayList<String>();
            if (e.getValue().isArray()) e.getValue().forEach(v -> values.add(v.asText()));
            else values.add(e.getValue().asText());
            if (e.getKey().equals(LogRequest.LISTED)) {
                for (String v : values) {
                    if (!listNames.contains(v)) {
                        problems.add(doc.problem(at + "/" + e.getKey(), "\"listed\" names \"" + v + "\", which is no list in rules/lists"
                                + Vocabulary.didYouMean(v, listNames)));
                    }
                }
            }
            when.put(e.getKey(), List.copyOf(values));
        }
        return Collections.unmodifiableMap(when);
    }

    /** logs.yaml is optional: without it no log is asked for first. */
    private static List<LogRequest> readLogRequests(Map<String, String> files, java.util.Set<String> listNames, List<RuleProblem> problems) {
        if (!files.containsKey("logs.yaml")) return List.of();
        YamlDocument doc = YamlDocument.read("logs.yaml", files, problems);
        if (doc == null) return List.of();
        JsonNode list = doc.list("logs", "expected a list \"logs:\" (when, statuses, question, howTo)", problems);
        if (list == null) return List.of();
        var out = new ArrayList<LogRequest>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/logs/" + i;
            JsonNode r = list.get(i);
            Map<String, List<String>> when = siteConditions(doc, r.path("when"), at + "/when", listNames, problems);
            var statuses = new ArrayList<Integer>();
            r.path("statuses").forEach(v -> statuses.add(v.asInt()));
            String question = doc.text(r, at, "question", problems);
            var howTo = new ArrayList<String>();
            r.path("howTo").forEach(h -> howTo.add(h.asText().strip()));
            if (howTo.isEmpty()) problems.add(doc.problem(at + "/howTo", "expected \"howTo\": the commands that print the log"));
            String effort = r.path("effort").asText("minutes");
            if (!Check.EFFORTS.contains(effort)) problems.add(doc.problem(at + "/effort", "expected \"effort\": one of " + Check.EFFORTS));
            if (question != null) out.add(new LogRequest(when, List.copyOf(statuses), question, List.copyOf(howTo), effort));
        }
        return List.copyOf(out);
    }

    /**
     * settings.yaml is optional: the other names tools and people give the settings rules read, each alias to
     * its setting. An alias a rule reads itself or one given twice would be ambiguous; a setting no rule reads
     * is only warned about, since its aliases then weigh nothing, as the setting itself would.
     */
    private static Map<String, String> readSettings(Map<String, String> files, Vocabulary read, List<RuleProblem> problems,
                                                    List<RuleProblem> warnings) {
        if (!files.containsKey("settings.yaml")) return Map.of();
        var aliases = new java.util.LinkedHashMap<String, String>();
        YamlDocument doc = YamlDocument.read("settings.yaml", files, problems);
        if (doc == null) return aliases;
        JsonNode list = doc.list("settings", "expected a list \"settings:\" (name, aliases)", problems);
        if (list == null) return aliases;
        for (int i = 0; i < list.size(); i++) {
            String at = "/settings/" + i;
            String name = doc.text(list.get(i), at, "name", problems);
            if (name == null) continue;
            if (!read.reads("config", name)) {
                warnings.add(doc.problem(at + "/name", "no rule reads the setting \"" + name + "\", so its aliases weigh nothing"
                        + Vocabulary.didYouMean(name, read.read().getOrDefault("config", java.util.Set.of()))));
            }
            JsonNode a = list.get(i).get("aliases");
            if (a == null || !a.isArray() || a.isEmpty()) {
                problems.add(doc.problem(at + "/aliases", "expected \"aliases\": the other names of \"" + name + "\""));
                continue;
            }
            for (JsonNode x : a) {
                String alias = x.asText().strip();
                if (read.reads("config", alias)) problems.add(doc.problem(at + "/aliases", "\"" + alias + "\" is a setting rules read itself, not another name of one"));
                String before = aliases.putIfAbsent(alias, name);
                if (before != null) problems.add(doc.problem(at + "/aliases", "\"" + alias + "\" already names \"" + before + "\""));
            }
        }
        return aliases;
    }

    /** checks.yaml is optional: without it the diagnosis suggests no next checks. */
    private static List<Check> readChecks(Map<String, String> files, java.util.Set<String> listNames, List<RuleProblem> problems) {
        if (!files.containsKey("checks.yaml")) return List.of();
        var checks = new ArrayList<Check>();
        YamlDocument doc = YamlDocument.read("checks.yaml", files, problems);
        if (doc == null) return checks;
        JsonNode list = doc.list("checks", "expected a list \"checks:\" (observation, question, howTo, answer)", problems);
        if (list == null) return checks;
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/checks/" + i;
            JsonNode c = list.get(i);
            String observation = doc.text(c, at, "observation", problems);
            String question = doc.text(c, at, "question", problems);
            var howTo = new ArrayList<String>();
            JsonNode h = c.get("howTo");
            if (h == null || !h.isArray() || h.isEmpty()) problems.add(doc.problem(at + "/howTo", "expected \"howTo\": the commands or clicks that answer it"));
            else h.forEach(x -> howTo.add(x.asText().strip()));
            String answer = c.path("answer").asText("");
            var values = new ArrayList<Double>();
            if (answer.equals("number")) {
                JsonNode v = c.get("values");
                if (v == null || !v.isArray() || v.size() < 2) problems.add(doc.problem(at + "/values", "expected \"values\": two or more numbers worth comparing"));
                else v.forEach(x -> values.add(x.asDouble()));
            } else if (!answer.equals("yes-no")) {
                problems.add(doc.problem(at + "/answer", "expected \"answer\": yes-no or number"));
            }
            if (observation != null && !seen.add(observation)) problems.add(doc.problem(at + "/observation", "\"" + observation + "\" has two checks"));
            var aliases = new ArrayList<String>();
            JsonNode a = c.get("aliases");
            if (a != null && !a.isArray()) problems.add(doc.problem(at + "/aliases", "expected \"aliases\": a list of other names for the observation"));
            else if (a != null) a.forEach(x -> aliases.add(x.asText().strip()));
            var opposites = new ArrayList<String>();
            JsonNode o = c.get("opposites");
            if (o != null && !o.isArray()) problems.add(doc.problem(at + "/opposites", "expected \"opposites\": a list of names for the other answer"));
            else if (o != null && !answer.equals("yes-no")) problems.add(doc.problem(at + "/opposites", "only a yes-no check has an other answer; this one's answer is " + answer));
            else if (o != null) o.forEach(x -> opposites.add(x.asText().strip()));
            String effort = c.path("effort").asText("minutes");
            if (!Check.EFFORTS.contains(effort)) {
                problems.add(doc.problem(at + "/effort", "expected \"effort\": one of " + Check.EFFORTS + ", found \"" + effort + "\""));
            }
            Map<String, List<String>> when = c.has("when") ? siteConditions(doc, c.get("when"), at + "/when", listNames, problems) : Map.of();
            if (observation != null && question != null) {
                Map<String, List<String>> unless = c.has("unless") ? siteConditions(doc, c.get("unless"), at + "/unless", listNames, problems) : Map.of();
                checks.add(new Check(observation, question, List.copyOf(howTo), answer, List.copyOf(values), List.copyOf(aliases),
                        List.copyOf(opposites), effort, when, unless));
            }
        }
        // An alias or an opposite names one observation: the same phrasing twice, or one that is itself an
        // observation, would be ambiguous.
        var named = new java.util.HashMap<String, String>();
        checks.forEach(c -> named.put(c.observation(), c.observation()));
        for (int i = 0; i < checks.size(); i++) {
            for (String field : List.of("aliases", "opposites")) {
                for (String name : field.equals("aliases") ? checks.get(i).aliases() : checks.get(i).opposites()) {
                    String before = named.putIfAbsent(name, checks.get(i).observation());
                    if (before != null) {
                        problems.add(doc.problem("/checks/" + i + "/" + field, "\"" + name + "\" already names \"" + before + "\""));
                    }
                }
            }
        }
        return List.copyOf(checks);
    }

    private static String textOrNull(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText().strip() : null;
    }

    /**
     * Stream mode: facts declared as events (the engine's {@code Onset}, {@code ErrorSeen}...) get
     * Drools's temporal operators and sliding windows. Both the DRL and the precompiled form use it.
     */
    static org.kie.api.KieBaseConfiguration baseConfiguration(KieServices ks) {
        var conf = ks.newKieBaseConfiguration();
        conf.setOption(org.kie.api.conf.EventProcessingOption.STREAM);
        return conf;
    }
}
