package dev.stratus.builder.build;

import dev.stratus.common.image.OciLayout;

/** The single-machine set-up: images go to the embedded OCI layout store under the data dir. */
class BuilderServiceTest extends BuildFlowContract {

    @Override
    String registryUrl() {
        return "";
    }

    @Override
    String storedDigest(String repository, String tag) throws Exception {
        return new OciLayout(dataDir.resolve("registry")).manifestDigest(repository, tag)
                .orElseThrow(() -> new AssertionError("no tag " + tag + " in the layout of " + repository));
    }
}
