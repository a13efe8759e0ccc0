package dev.gatewaydoctor.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Build step (pre-integration-test): {@code ClassicLoaderJar BOOT_JAR OUT_JAR} writes the Spring Boot jar
 * again with Boot 3.5's classic loader ({@code org.springframework.boot.loader.JarLauncher}, nested jars
 * opened through {@code jar:} URLs) in place of Boot 4's, which has none any more. The classic loader comes
 * from {@code META-INF/loader/spring-boot-loader-classic.jar} of spring-boot-loader-tools 3.5, as the
 * Boot 3.5 plugin's {@code <loaderImplementation>CLASSIC</loaderImplementation>} takes it. The nested jars
 * stay stored, uncompressed, as both loaders need.
 */
public final class ClassicLoaderJar {

    static final String CLASSIC_LOADER = "META-INF/loader/spring-boot-loader-classic.jar";
    static final String LOADER_PACKAGE = "org/springframework/boot/loader/";

    private ClassicLoaderJar() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Path.of(args[1]));
    }

    static void write(Path bootJar, Path out) throws IOException {
        byte[] loader;
        try (InputStream in = ClassicLoaderJar.class.getClassLoader().getResourceAsStream(CLASSIC_LOADER)) {
            if (in == null) throw new IOException(CLASSIC_LOADER + " is not on the class path (spring-boot-loader-tools 3.5)");
            loader = in.readAllBytes();
        }
        try (JarFile boot = new JarFile(bootJar.toFile()); OutputStream file = Files.newOutputStream(out)) {
            Manifest manifest = new Manifest(boot.getManifest());
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.JarLauncher");
            try (JarOutputStream jar = new JarOutputStream(file, manifest)) {
                // The classic loader's classes first, at the top of the jar, as a Boot 3.5 CLASSIC jar has them.
                try (var classic = new ZipInputStream(new ByteArrayInputStream(loader))) {
                    for (ZipEntry e; (e = classic.getNextEntry()) != null; ) {
                        if (!e.getName().startsWith(LOADER_PACKAGE)) continue;
                        jar.putNextEntry(new JarEntry(e.getName()));
                        if (!e.isDirectory()) classic.transferTo(jar);
                        jar.closeEntry();
                    }
                }
                for (var entries = boot.entries(); entries.hasMoreElements(); ) {
                    JarEntry e = entries.nextElement();
                    String name = e.getName();
                    if (name.equals(JarFile.MANIFEST_NAME) || name.equals("META-INF/") || name.startsWith(LOADER_PACKAGE)) continue;
                    byte[] bytes;
                    try (InputStream in = boot.getInputStream(e)) {
                        bytes = in.readAllBytes();
                    }
                    JarEntry copy = new JarEntry(name);
                    if (e.getMethod() == ZipEntry.STORED) {
                        copy.setMethod(ZipEntry.STORED);
                        copy.setSize(bytes.length);
                        copy.setCompressedSize(bytes.length);
                        CRC32 crc = new CRC32();
                        crc.update(bytes);
                        copy.setCrc(crc.getValue());
                    }
                    jar.putNextEntry(copy);
                    jar.write(bytes);
                    jar.closeEntry();
                }
            }
        }
    }
}
