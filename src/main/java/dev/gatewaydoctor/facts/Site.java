package dev.gatewaydoctor.facts;

/** Context of the failing site; every field is optional (null when not given). */
public record Site(String url, String app, String webServer, String proxy, String cdn,
                   String hosting, String php, String wordpress) {

    public static final Site UNKNOWN = new Site(null, null, null, null, null, null, null, null);

    /** The application; WordPress unless said otherwise. */
    public String app() {
        return app == null ? "wordpress" : app;
    }

    public boolean behindCdn() {
        return cdn != null && !cdn.isBlank() && !cdn.equalsIgnoreCase("none");
    }
}
