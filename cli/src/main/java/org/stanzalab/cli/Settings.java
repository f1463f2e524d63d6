package org.stanzalab.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.stanzalab.engine.accounts.AccountProvisioner;
import org.stanzalab.engine.accounts.AdminCommands;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.accounts.ExplicitAccounts;
import org.stanzalab.engine.accounts.InBandRegistration;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;

/** Resolves the target and the account source from flags, environment, config file and --target, in that order. */
final class Settings {
    private static final Set<String> KEYS = Set.of("domain", "host", "port", "tls", "ca-file", "pin-sha256", "insecure",
            "admin", "account", "register", "connect-timeout", "reply-timeout", "test-timeout");

    private final TargetOptions flags;
    private final Map<String, String> env;
    private final Properties file = new Properties();
    private final Path home;

    Settings(TargetOptions flags, Map<String, String> env) {
        this.flags = flags;
        this.env = env;
        this.home = Path.of(env.getOrDefault("STANZALAB_HOME", "."));
        if (flags.target != null) {
            load(referenceServerFile(flags.target), "--target " + flags.target);
        }
        if (flags.config != null) {
            load(flags.config, "config file " + flags.config);
        }
    }

    private Path referenceServerFile(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            throw UserError.usage("--target takes the name of a local reference server, e.g. prosody or ejabberd");
        }
        Path file = home.resolve("servers/state").resolve(name).resolve("target.properties");
        if (!Files.isReadable(file)) {
            throw UserError.usage("no local reference server '" + name + "' is set up (" + file + " is missing); start it with servers/up");
        }
        return file;
    }

    private void load(Path path, String what) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            p.load(reader);
        } catch (IOException e) {
            throw UserError.usage("cannot read " + what + ": " + e.getMessage());
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw UserError.usage(what + " has an unknown key '" + key + "'");
            }
        }
        file.putAll(p);
    }

    /** The flag if given, else STANZALAB_KEY from the environment, else the config file, else null. */
    private String value(Object flag, String key) {
        if (flag != null) {
            return flag.toString();
        }
        String fromEnv = env.get("STANZALAB_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return file.getProperty(key);
    }

    Target target() {
        String domain = value(flags.domain, "domain");
        if (domain == null || domain.isBlank()) {
            throw UserError.usage("no target: give --domain (and --host), --target NAME, or -c FILE");
        }
        TlsMode tls = parse("tls", () -> TlsMode.parse(orDefault(value(flags.tls, "tls"), "starttls")));
        int port = parse("port", () -> Integer.parseInt(orDefault(value(flags.port, "port"), tls == TlsMode.DIRECT ? "5223" : "5222")));
        Trust trust = trust();
        Timeouts defaults = Timeouts.defaults();
        Timeouts timeouts = new Timeouts(
                seconds("connect-timeout", flags.connectTimeout, defaults.connect()),
                seconds("reply-timeout", flags.replyTimeout, defaults.reply()),
                seconds("test-timeout", flags.testTimeout, defaults.testCeiling()),
                defaults.quiet());
        return parse("target", () -> new Target(domain.trim(), value(flags.host, "host"), port, tls, trust, timeouts));
    }

    private Trust trust() {
        String ca = value(flags.caFile, "ca-file");
        String pin = value(flags.pinSha256, "pin-sha256");
        boolean insecure = Boolean.parseBoolean(value(flags.insecure, "insecure"));
        int chosen = (ca != null ? 1 : 0) + (pin != null ? 1 : 0) + (insecure ? 1 : 0);
        if (chosen > 1) {
            throw UserError.usage("choose one of --ca-file, --pin-sha256 and --insecure");
        }
        if (ca != null) {
            Path caPath = Path.of(ca);
            return parse("ca-file", () -> Trust.caFile(caPath.isAbsolute() ? caPath : home.resolve(caPath)));
        }
        if (pin != null) {
            return parse("pin-sha256", () -> Trust.pinned(pin));
        }
        return insecure ? Trust.insecure() : Trust.system();
    }

    AccountProvisioner accounts(SmackConnector connector) {
        String admin = value(flags.admin, "admin");
        boolean register = Boolean.parseBoolean(value(flags.register, "register"));
        List<Credentials> explicit = new ArrayList<>();
        List<String> given = !flags.accounts.isEmpty() ? flags.accounts : splitList(value(null, "account"));
        for (String a : given) {
            explicit.add(parse("account", () -> Credentials.parse(a)));
        }
        // The most specific choice on the command line wins over one inherited from a file.
        if (register && flags.register != null) {
            return new InBandRegistration(connector);
        }
        if (!flags.accounts.isEmpty()) {
            return new ExplicitAccounts(explicit);
        }
        if (admin != null) {
            return new AdminCommands(connector, parse("admin", () -> Credentials.parse(admin)));
        }
        if (register) {
            return new InBandRegistration(connector);
        }
        if (!explicit.isEmpty()) {
            return new ExplicitAccounts(explicit);
        }
        throw UserError.usage("no accounts: give --admin USER:PASSWORD, --account USER:PASSWORD or --register");
    }

    private static List<String> splitList(String value) {
        List<String> list = new ArrayList<>();
        if (value != null) {
            for (String part : value.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    list.add(part.trim());
                }
            }
        }
        return list;
    }

    private Duration seconds(String key, Double flag, Duration fallback) {
        String v = value(flag, key);
        if (v == null) {
            return fallback;
        }
        double s = parse(key, () -> Double.parseDouble(v));
        if (s <= 0 || s > 3600) {
            throw UserError.usage(key + " must be between 0 and 3600 seconds");
        }
        return Duration.ofMillis((long) (s * 1000));
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private interface Parser<T> {
        T parse();
    }

    private static <T> T parse(String key, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (NumberFormatException e) {
            throw UserError.usage(key + " must be a number");
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
    }
}
