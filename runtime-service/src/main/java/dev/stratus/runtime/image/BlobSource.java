package dev.stratus.runtime.image;

import dev.stratus.common.image.ImageReference;

import java.io.IOException;
import java.io.InputStream;

/** Where image manifests and blobs are read from: the embedded OCI layout store or an OCI registry. */
interface BlobSource {

    /** The manifest tagged by {@code reference}, as stored. */
    byte[] manifest(ImageReference reference) throws IOException;

    InputStream blob(ImageReference reference, String digest) throws IOException;
}
