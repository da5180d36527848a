package dev.stratus.common.store;

/** Where a function's uploaded zip lives in the object store: written by api-service, read by builder-service. */
public final class CodeArchives {

    public static String keyFor(String functionId) {
        return "functions/" + functionId + "/code.zip";
    }

    private CodeArchives() {
    }
}
