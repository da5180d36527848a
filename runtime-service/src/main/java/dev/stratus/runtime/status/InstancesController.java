package dev.stratus.runtime.status;

import dev.stratus.runtime.deploy.Deployments;
import dev.stratus.runtime.deploy.FunctionInstances;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

/**
 * On the management port (not the gateway): every function this runtime serves, with its revision and instances
 * (ready, in flight, queued, panicking). Operators and the end-to-end tests read it.
 */
@Controller("/instances")
public class InstancesController {
    private final Deployments deployments;

    public InstancesController(Deployments deployments) {
        this.deployments = deployments;
    }

    @Get
    public Map<String, FunctionInstances> all() {
        return deployments.instances();
    }
}
