package dev.gatewaydoctor.facts;

/**
 * Context of the failing site; every field is optional (null when not given).
 *
 * @param timezone the zone the server's logs write local times in (an extension of the format): an IANA
 *                 name such as Europe/Berlin, or an offset such as +02:00; times without a zone are read
 *                 as UTC when it is not given
 * @param panel    the hosting control panel (an extension of the format): cpanel, plesk, directadmin,
 *                 cyberpanel, ...; fix steps and the log asked for follow it
 */
public record Site(String url, String app, String webServer, String proxy, String cdn,
                   String hosting, String php, String wordpress, String timezone, String panel) {

/** Nothing known of the site. */
    public static final Site UNKNOWN = new Site(null, null, null, null, null, null, null, null, null, null);

/**
 * A site as version 1 of the format first described it.
 *
 * @param url       the site's address
 * @param app       the application (wordpress when null)
 * @param webServer nginx, apache, litespeed, ...
 * @param proxy     a front proxy
 * @param cdn       the CDN, or none
 * @param hosting   shared, managed, vps, ...
 * @param php       PHP's version
 * @param wordpress WordPress's version
 */
    public Site(String url, String app, String webServer, String proxy, String cdn, String hosting, String php, String wordpress) {
        this(url, app, webServer, proxy, cdn, hosting, php, wordpress, null, null);
    }

/**
 * A site with its time zone.
 *
 * @param url       the site's address
 * @param app       the application (wordpress when null)
 * @param webServer nginx, apache, litespeed, ...
 * @param proxy     a front proxy
 * @param cdn       the CDN, or none
 * @param hosting   shared, managed, vps, ...
 * @param php       PHP's version
 * @param wordpress WordPress's version
 * @param timezone  the zone of the server's local log times
 */
    public Site(String url, String app, String webServer, String proxy, String cdn, String hosting, String php, String wordpress,
                String timezone) {
        this(url, app, webServer, proxy, cdn, hosting, php, wordpress, timezone, null);
    }

    /**
     * The zone of the server's local times.
     *
     * @return the zone, or null when not given (or not a zone)
     */
    public java.time.ZoneId zone() {
        if (timezone == null || timezone.isBlank()) return null;
        try {
            return java.time.ZoneId.of(timezone.strip());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

/**
 * The same site with its time zone given.
 *
 * @param zone an IANA name such as Europe/Berlin, or an offset such as +02:00
 * @return a new site
 */
    public Site withTimezone(String zone) {
        return new Site(url, app, webServer, proxy, cdn, hosting, php, wordpress, zone, panel);
    }

    /**
     * The application.
     *
     * @return the application; wordpress unless said otherwise
     */
    public String app() {
        return app == null ? "wordpress" : app;
    }

    /**
     * PHP's major.minor as a number, for comparisons in rules.
     *
     * @return 8.2 for "8.2.17", or null when unknown
     */
    public Double phpRelease() {
        return release(php);
    }

    /**
     * PHP's major.minor as written in socket names.
     *
     * @return "8.2", or null when unknown
     */
    public String phpBranch() {
        Double r = release(php);
        return r == null ? null : String.valueOf(r);
    }

    /**
     * WordPress's major.minor as a number.
     *
     * @return 6.5 for "6.5.2", or null when unknown
     */
    public Double wordpressRelease() {
        return release(wordpress);
    }

    private static final java.util.regex.Pattern RELEASE = java.util.regex.Pattern.compile("^\\s*v?(\\d{1,2})(?:\\.(\\d))?");

    private static Double release(String version) {
        if (version == null) return null;
        var m = RELEASE.matcher(version);
        return m.find() ? Double.valueOf(m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2))) : null;
    }

/**
 * Whether a CDN stands before the site.
 *
 * @return true when a CDN other than "none" is named
 */
    public boolean behindCdn() {
        return cdn != null && !cdn.isBlank() && !cdn.equalsIgnoreCase("none");
    }
}
