package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.WritableRules;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Who may write a rules directory: rules run as code, so one that others may write is refused unless allowed (docs/security.md). */
final class RulesPermissions {

    private RulesPermissions() {
    }

    /** Problems with who may write the directory; empty when it is safe, or when the file system has no POSIX permissions. */
    static List<RuleProblem> check(Path dir, WritableRules writable) {
        var problems = new ArrayList<RuleProblem>();
        if (writable == WritableRules.ALLOW || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                || dir.getFileSystem() != FileSystems.getDefault()) {
            return problems;
        }
        String me = System.getProperty("user.name");
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                var perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                String where = dir.equals(p) ? "." : dir.relativize(p).toString();
                if (perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    problems.add(new RuleProblem(where, 0, 0, "every user of this machine may write here (mode "
                            + PosixFilePermissions.toString(perms) + "), and rules run as code: chmod o-w, or allow it"
                            + " explicitly (WritableRules.ALLOW; see docs/security.md)"));
                }
                String owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
                if (!owner.equals(me) && !owner.equals("root")) {
                    problems.add(new RuleProblem(where, 0, 0, "owned by " + owner + ", not by " + me + " or root: that user could"
                            + " make GatewayDoctor run code; chown it, or allow it explicitly (WritableRules.ALLOW)"));
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            problems.add(new RuleProblem(".", 0, 0, "cannot tell who may write the rules: " + e.getMessage()));
        }
        return problems;
    }
}
