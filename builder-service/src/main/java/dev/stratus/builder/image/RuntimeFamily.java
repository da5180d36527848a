package dev.stratus.builder.image;

import java.util.List;

/** How each language family is started: the wrapper Stratus ships and the interpreter that runs it. */
public enum RuntimeFamily {
    NODE("node", "wrapper.js", ".js", List.of("/usr/bin/node", "/stratus/wrapper.js")),
    PYTHON("python", "wrapper.py", ".py", List.of("/usr/bin/python3", "/stratus/wrapper.py"));

    public final String prefix;
    public final String wrapperFile;
    public final String handlerExtension;
    public final List<String> entrypoint;

    RuntimeFamily(String prefix, String wrapperFile, String handlerExtension, List<String> entrypoint) {
        this.prefix = prefix;
        this.wrapperFile = wrapperFile;
        this.handlerExtension = handlerExtension;
        this.entrypoint = entrypoint;
    }

    public static RuntimeFamily of(String runtime) {
        for (RuntimeFamily family : values()) {
            if (runtime.startsWith(family.prefix)) {
                return family;
            }
        }
        throw new IllegalArgumentException("no wrapper for runtime " + runtime);
    }

    /** {@code src/app.main} → {@code src/app.js}: the file the handler lives in. */
    public String handlerFile(String handler) {
        int dot = handler.lastIndexOf('.');
        return (dot > 0 ? handler.substring(0, dot) : handler) + handlerExtension;
    }

    /** Where the wrapper sits in the builder's resources. */
    public String wrapperResource() {
        return "/dev/stratus/builder/wrappers/" + prefix + "/" + wrapperFile;
    }
}
