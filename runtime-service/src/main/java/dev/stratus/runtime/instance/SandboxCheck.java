package dev.stratus.runtime.instance;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * At start, before the runtime reports healthy: one real sandbox must start and answer. A machine without
 * bubblewrap (or where user namespaces are off) stops the runtime with one ERROR line saying so, instead of a
 * platform that looks ready and fails every deploy.
 */
@Context
public class SandboxCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxCheck.class);
    private final ProcessBackend backend;
    private final Duration timeout;

    public SandboxCheck(ProcessBackend backend,
                        @Value("${stratus.runtime.sandbox-check-timeout:20s}") Duration timeout) {
        this.backend = backend;
        this.timeout = timeout;
    }

    @PostConstruct
    void proveSandbox() throws InterruptedException {
        try {
            backend.proveSandbox(timeout);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof IOException && e.getMessage() != null && e.getMessage().contains("bwrap")
                    ? "bwrap is missing (install the package bubblewrap)" : e.getMessage();
            LOG.error("Functions cannot run on this machine: {}", reason);
            throw new IllegalStateException("Functions cannot run on this machine: " + reason, e);
        }
        if (backend.enforcesMemoryLimits()) {
            LOG.info("Sandbox ready; memory limits enforced by cgroups");
        } else {
            LOG.warn("Sandbox ready; no writable memory cgroup here, so memory_limit is not enforced");
        }
    }
}
