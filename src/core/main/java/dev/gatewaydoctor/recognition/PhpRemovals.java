package dev.gatewaydoctor.recognition;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Functions and syntax that PHP removed, with the version that removed them (from the PHP manual's
 * migration guides: "Backward incompatible changes" and "Removed extensions" of 7.0, 7.2, 8.0, 8.4).
 * A fatal on one of these means code older than the PHP it runs on, not a bug in recent code.
 */
final class PhpRemovals {

    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("create_function", "8.0"), Map.entry("each", "8.0"), Map.entry("money_format", "8.0"),
            Map.entry("get_magic_quotes_gpc", "8.0"), Map.entry("get_magic_quotes_runtime", "8.0"),
            Map.entry("fgetss", "8.0"), Map.entry("restore_include_path", "8.0"), Map.entry("hebrevc", "8.0"),
            Map.entry("convert_cyr_string", "8.0"), Map.entry("ezmlm_hash", "8.0"), Map.entry("image2wbmp", "8.0"),
            Map.entry("png2wbmp", "8.0"), Map.entry("jpeg2wbmp", "8.0"), Map.entry("gmp_random", "8.0"),
            Map.entry("read_exif_data", "8.0"), Map.entry("ldap_sort", "8.0"), Map.entry("is_real", "8.0"),
            Map.entry("__autoload", "8.0"),
            Map.entry("ereg", "7.0"), Map.entry("eregi", "7.0"), Map.entry("ereg_replace", "7.0"),
            Map.entry("eregi_replace", "7.0"), Map.entry("split", "7.0"), Map.entry("spliti", "7.0"),
            Map.entry("sql_regcase", "7.0"), Map.entry("call_user_method", "7.0"), Map.entry("call_user_method_array", "7.0"),
            Map.entry("set_magic_quotes_runtime", "7.0"), Map.entry("magic_quotes_runtime", "7.0"),
            Map.entry("set_socket_blocking", "7.0"));

    /** Whole extensions removed from PHP: any function with the prefix. */
    private static final Map<String, String> PREFIXES = Map.of("mysql_", "7.0", "mcrypt_", "7.2", "imap_", "8.4", "pspell_", "8.4");

    /** Language changes whose messages name no function. */
    private static final List<Map.Entry<String, String>> MESSAGES = List.of(
            Map.entry("array and string offset access syntax with curly braces is no longer supported", "8.0"),
            Map.entry("unparenthesized `a ? b : c ? d : e` is not supported", "8.0"),
            Map.entry("the (real) cast has been removed", "8.0"),
            Map.entry("cannot be called statically", "8.0"),
            Map.entry("must be of type countable|array", "8.0"),
            Map.entry("unsupported operand types", "8.0"),
            Map.entry("cannot pass null to", "8.0"));

    private PhpRemovals() {
    }

    /** The PHP version that removed what this fatal trips on, or null. */
    static String removedIn(String function, String message) {
        if (function != null) {
            String f = function.toLowerCase(Locale.ROOT);
            int ns = f.lastIndexOf('\\');
            if (ns >= 0) f = f.substring(ns + 1);
            String v = FUNCTIONS.get(f);
            if (v != null) return v;
            for (var p : PREFIXES.entrySet()) if (f.startsWith(p.getKey())) return p.getValue();
            return null;
        }
        if (message == null) return null;
        String m = message.toLowerCase(Locale.ROOT);
        for (var e : MESSAGES) if (m.contains(e.getKey())) return e.getValue();
        return null;
    }
}
