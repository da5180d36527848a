package dev.stratus.builder.image;

/** Each language family's wrapper; which interpreter runs it depends on the exact runtime (see Interpreters). */
public enum RuntimeFamily {
    NODE("node", "wrapper.js", ".js"),
    PYTHON("python", "wrapper.py", ".py");

    public final String prefix;
    public final String wrapperFile;
    public final String handlerExtension;

    RuntimeFamily(String prefix, String wrapperFile, String handlerExtension) {
        this.prefix = prefix;
        this.wrapperFile = wrapperFile;
        this.handlerExtension = handlerExtension;
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

    /** Where the wrapper sits in the image. */
    public String wrapperPath() {
        return "/stratus/" + wrapperFile;
    }

    /** Where the wrapper sits in the builder's resources. */
    public String wrapperResource() {
        return "/dev/stratus/builder/wrappers/" + prefix + "/" + wrapperFile;
    }
}
