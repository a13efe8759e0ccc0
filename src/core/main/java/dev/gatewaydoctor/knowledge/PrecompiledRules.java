package dev.gatewaydoctor.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.RulesException;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Rules compiled at build time into Drools' executable model, so that a process starts without
 * compiling DRL, which is most of a cold start. The build ({@code mvn package}) compiles the project's
 * {@code rules/} into classes on the class path, with an index {@code gatewaydoctor/precompiled/<version>.models}
 * named by the content hash of the rule files. At run time, rules whose hash matches one there load from it; any
 * other rules (an author's edits) are compiled from DRL as before, so editing needs no build step.
 */
public final class PrecompiledRules {

    static final String ROOT = "gatewaydoctor/precompiled/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KMODULE = "<kmodule xmlns=\"http://www.drools.org/xsd/kmodule\"/>";

    private PrecompiledRules() {
    }

    /**
     * The warnings the build's checks gave rules with this content hash when it precompiled them, or null when
     * it precompiled none: such rules were checked (the build refuses rules with problems), so their checks
     * need not run again at every start.
     */
    static List<RuleProblem> warnings(String version) {
        ClassLoader loader = PrecompiledRules.class.getClassLoader();
        if (loader.getResource(ROOT + version + ".models") == null) return null;
        try (InputStream in = loader.getResourceAsStream(ROOT + version + ".warnings")) {
            if (in == null) return null; // precompiled by a build that recorded no warnings: check again
            var out = new ArrayList<RuleProblem>();
            for (JsonNode w : JSON.readTree(in)) {
                out.add(new RuleProblem(w.path("file").asText(), w.path("line").asInt(), w.path("column").asInt(), w.path("message").asText()));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: check again
        }
    }

    /** The precompiled knowledge base of rules with this content hash, or null when the build made none. */
    static KieBase load(KieServices ks, String version) {
        List<String> modelClasses;
        try (InputStream in = PrecompiledRules.class.getClassLoader().getResourceAsStream(ROOT + version + ".models")) {
            if (in == null) return null;
            modelClasses = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return null; // unreadable: compile from DRL instead
        }
        var models = new ArrayList<Model>();
        try {
            for (String name : modelClasses) {
                models.add((Model) Class.forName(name, true, PrecompiledRules.class.getClassLoader()).getConstructor().newInstance());
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // a partial build: compile from DRL instead
        }
        return KieBaseBuilder.createKieBaseFromModel(models, KnowledgeLoader.baseConfiguration(ks));
    }

    /** Compiles a rules directory to the executable model and writes it where {@link #load} finds it. */
    public static Path write(Path rulesDir, Path classesDir) throws RulesException, IOException {
        Knowledge k = KnowledgeLoader.fromDirectoryChecked(rulesDir); // checks the rules first, with the usual messages
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        for (Map.Entry<String, String> e : k.texts().entrySet()) {
            if (e.getKey().endsWith(".drl")) kfs.write(KnowledgeLoader.kiePath(e.getKey()), e.getValue());
        }
        ReleaseId rid = ks.newReleaseId("dev.gatewaydoctor.rules", "precompiled-" + k.version(), "1");
        kfs.generateAndWritePomXML(rid);
        kfs.writeKModuleXML(KMODULE);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        var errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) throw new IllegalStateException("the executable model refuses rules that DRL accepts: " + errors);
        byte[] kjar = ((InternalKieModule) builder.getKieModule()).getBytes();
        ks.getRepository().removeKieModule(rid);

        // The generated classes go on the class path beside ours (loading them from there is twice as fast
        // as from a kjar), with an index of the model classes named by the rules' content hash.
        Path index = classesDir.resolve(ROOT + k.version() + ".models");
        Files.createDirectories(index.getParent());
        try (var old = Files.list(index.getParent())) {
            for (Path p : (Iterable<Path>) old::iterator) Files.delete(p);
        }
        var models = new ArrayList<String>();
        // Classes generated for earlier versions of the rules would only weigh down the jar.
        var packages = new java.util.TreeSet<Path>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".class")) packages.add(classesDir.resolve(e.getName()).normalize().getParent());
            }
        }
        for (Path dir : packages) {
            if (!Files.isDirectory(dir)) continue;
            try (var old = Files.list(dir)) {
                for (Path p : (Iterable<Path>) old::iterator) if (p.toString().endsWith(".class")) Files.delete(p);
            }
        }
        try (var zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.isDirectory()) continue;
                if (e.getName().endsWith(".class")) {
                    Path target = classesDir.resolve(e.getName()).normalize();
                    if (!target.startsWith(classesDir.normalize())) throw new IOException("unexpected entry " + e.getName());
                    Files.createDirectories(target.getParent());
                    Files.write(target, zip.readAllBytes());
                } else if (e.getName().endsWith("/drools-model")) {
                    new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .filter(l -> !l.isBlank() && !l.startsWith("Drools-Model-Version")).forEach(models::add);
                }
            }
        }
        if (models.isEmpty()) throw new IllegalStateException("the executable model named no model class");
        Files.writeString(index, String.join("\n", models) + "\n");
        Files.write(classesDir.resolve(ROOT + k.version() + ".warnings"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(k.warnings()));
        // The list of the bundled rule files, so that they load by name from any class loader (a Spring Boot
        // jar nests ours in its own, where a zip file system cannot open it).
        Path files = classesDir.resolve(KnowledgeLoader.BUNDLED_INDEX);
        Files.createDirectories(files.getParent());
        Files.writeString(files, String.join("\n", k.texts().keySet()) + "\n");
        return index;
    }

    /** Build step: {@code PrecompiledRules RULES_DIR CLASSES_DIR}. */
    public static void main(String[] args) throws Exception {
        Path out = write(Path.of(args[0]), Path.of(args[1]));
        if (out == null) throw new IllegalStateException("no precompiled rules written for " + args[0]);
    }
}
