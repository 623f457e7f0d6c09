package org.ipsjobs.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ipsjobs.auth.AuthenticationException;
import org.ipsjobs.auth.LoginListener;

/** Counts refused logins by reason, and lockouts (a user and address pair that failed too often). */
public final class LoginMetrics implements LoginListener {

    private final Map<AuthenticationException.Reason, Counter> failures = new EnumMap<>(
            AuthenticationException.Reason.class);
    private final Counter whileLockedOut;
    private final Counter lockouts;

    public LoginMetrics(MeterRegistry registry) {
        String description = "Logins refused, by reason (no_credentials, invalid_credentials, invalid_user,"
                + " locked_out)";
        for (AuthenticationException.Reason reason : AuthenticationException.Reason.values()) {
            failures.put(reason, Counter.builder("ips.login.failures").description(description)
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        whileLockedOut = Counter.builder("ips.login.failures").description(description).tag("reason", "locked_out")
                .register(registry);
        lockouts = Counter.builder("ips.login.lockouts")
                .description("Times a user and client address were locked out after too many failed logins")
                .register(registry);
    }

    @Override
    public void failed(AuthenticationException.Reason reason, boolean lockedOut) {
        (lockedOut ? whileLockedOut : failures.get(reason)).increment();
    }

    @Override
    public void lockedOut() {
        lockouts.increment();
    }
}
