package dev.gatewaydoctor.facts;

/** Context of the failing site; every field is optional (null when not given). */
public record Site(String url, String app, String webServer, String proxy, String cdn,
                   String hosting, String php, String wordpress) {

    public static final Site UNKNOWN = new Site(null, null, null, null, null, null, null, null);

    /** The application; WordPress unless said otherwise. */
    public String app() {
        return app == null ? "wordpress" : app;
    }

    /** PHP's major.minor as a number (8.2), for comparisons in rules; null when unknown. */
    public Double phpRelease() {
        return release(php);
    }

    /** PHP's major.minor as written in socket names ("8.2"); null when unknown. */
    public String phpBranch() {
        Double r = release(php);
        return r == null ? null : String.valueOf(r);
    }

    /** WordPress's major.minor as a number (6.5); null when unknown. */
    public Double wordpressRelease() {
        return release(wordpress);
    }

    private static final java.util.regex.Pattern RELEASE = java.util.regex.Pattern.compile("^\\s*v?(\\d{1,2})(?:\\.(\\d))?");

    private static Double release(String version) {
        if (version == null) return null;
        var m = RELEASE.matcher(version);
        return m.find() ? Double.valueOf(m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2))) : null;
    }

    public boolean behindCdn() {
        return cdn != null && !cdn.isBlank() && !cdn.equalsIgnoreCase("none");
    }
}
