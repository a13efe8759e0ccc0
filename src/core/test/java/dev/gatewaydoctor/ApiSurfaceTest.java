package dev.gatewaydoctor;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md lists the API: its packages and every public type in them. This holds the list to the
 * compiled classes, and holds every public signature of those types to the API and the JDK: no engine,
 * knowledge, Drools, Jackson or picocli type reaches a support tool.
 */
class ApiSurfaceTest {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^- package `([\\w.]+)`");
    private static final Pattern TYPE = Pattern.compile("(?m)^  - `([\\w.$]+)`");

    private static String doc() throws Exception {
        return Files.readString(Path.of("docs/api.md"));
    }

    static List<String> apiPackages() throws Exception {
        var out = new ArrayList<String>();
        Matcher m = PACKAGE.matcher(doc());
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** The public types of the API packages, as compiled (nested ones as Outer.Inner). */
    static Set<Class<?>> publicTypes() throws Exception {
        var out = new java.util.LinkedHashSet<Class<?>>();
        for (String pkg : apiPackages()) {
            Path dir = Path.of(Diagnoser.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".class") || file.equals("package-info.class")) continue;
                    Class<?> c = Class.forName(pkg + "." + file.substring(0, file.length() - 6), false, ApiSurfaceTest.class.getClassLoader());
                    if (visible(c)) out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) return false;
        }
        return true;
    }

    @Test
    void theDocumentListsExactlyThePublicTypesOfTheApiPackages() throws Exception {
        assertThat(apiPackages()).containsExactly("dev.gatewaydoctor", "dev.gatewaydoctor.facts");
        var listed = new TreeSet<String>();
        Matcher m = TYPE.matcher(doc());
        while (m.find()) listed.add(m.group(1));
        var found = new TreeSet<String>();
        for (Class<?> c : publicTypes()) found.add(c.getName().replace('$', '.'));
        assertThat(listed).as("the public types docs/api.md lists (left) and those compiled (right)").isEqualTo(found);
    }

    @Test
    void noPublicSignatureOfTheApiNamesAnInternalType() throws Exception {
        var packages = apiPackages();
        var leaks = new ArrayList<String>();
        for (Class<?> c : publicTypes()) {
            String owner = c.getName().replace('$', '.');
            check(owner + " extends", c.getGenericSuperclass(), packages, leaks);
            for (Type i : c.getGenericInterfaces()) check(owner + " implements", i, packages, leaks);
            for (Field f : c.getDeclaredFields()) {
                if (exposed(f.getModifiers()) && !f.isSynthetic()) check(owner + "." + f.getName(), f.getGenericType(), packages, leaks);
            }
            var members = new ArrayList<Executable>(List.of(c.getDeclaredConstructors()));
            members.addAll(List.of(c.getDeclaredMethods()));
            for (Executable e : members) {
                if (!exposed(e.getModifiers()) || e.isSynthetic() || (e instanceof Method method && method.isBridge())) continue;
                if (c.isEnum() && e instanceof Constructor<?>) continue;
                String where = owner + "." + (e instanceof Constructor<?> ? "<init>" : e.getName()) + "()";
                if (e instanceof Method method) check(where + " returns", method.getGenericReturnType(), packages, leaks);
                for (Type p : e.getGenericParameterTypes()) check(where + " takes", p, packages, leaks);
                for (Type x : e.getGenericExceptionTypes()) check(where + " throws", x, packages, leaks);
            }
        }
        assertThat(leaks).as("internal types in the API's public signatures").isEmpty();
    }

    @Test
    void everyPublicTypeAndMemberOfTheApiHasItsComment(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        var sources = new ArrayList<java.io.File>();
        for (String pkg : apiPackages()) {
            try (Stream<Path> files = Files.list(Path.of("src/core/main/java").resolve(pkg.replace('.', '/')))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toFile()));
            }
        }
        var tool = javax.tools.ToolProvider.getSystemDocumentationTool();
        var diagnostics = new javax.tools.DiagnosticCollector<javax.tools.JavaFileObject>();
        try (var files = tool.getStandardFileManager(diagnostics, null, java.nio.charset.StandardCharsets.UTF_8)) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            var task = tool.getTask(null, files, diagnostics, null,
                    List.of("-quiet", "-Xdoclint:all", "-Xmaxwarns", "10000", "-d", out.toString(), "-cp", classpath),
                    files.getJavaFileObjectsFromFiles(sources));
            task.call();
        }
        var problems = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.WARNING || d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(java.util.Locale.ROOT))
                .toList();
        assertThat(problems).as("javadoc of the API packages: every public type and member documented, @param, @return and @throws"
                + " included, and well formed").isEmpty();
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type t, List<String> packages, List<String> leaks) {
        if (t == null) return;
        if (t instanceof Class<?> c) {
            while (c.isArray()) c = c.getComponentType();
            if (c.isPrimitive()) return;
            String pkg = c.getPackageName();
            if (pkg.startsWith("java.") || packages.contains(pkg)) return;
            leaks.add(where + " " + c.getName());
        } else if (t instanceof ParameterizedType p) {
            check(where, p.getRawType(), packages, leaks);
            for (Type a : p.getActualTypeArguments()) check(where, a, packages, leaks);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) check(where, b, packages, leaks);
            for (Type b : w.getLowerBounds()) check(where, b, packages, leaks);
        } else if (t instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), packages, leaks);
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) check(where, b, packages, leaks);
        }
    }
}
