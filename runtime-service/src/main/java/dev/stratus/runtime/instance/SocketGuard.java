package dev.stratus.runtime.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The instance's socket folder is bound writable into the sandbox so that the wrapper can create its socket
 * there; from then on it must be the runtime's. Left to the function, it could replace the socket with a link to
 * any unix socket on the host, which the runtime (root) would then connect to with the caller's request. Once
 * the wrapper listens, the folder is given to the runtime's own user and made unwritable to the sandbox, and the
 * socket is checked: a socket, not a link, created by the sandbox's user.
 */
final class SocketGuard {
    private static final int FILE_TYPE = 0170000;
    private static final int SOCKET_TYPE = 0140000;
    /** The host uid sandboxes run as, or -1 when the runtime is not root and they run as the runtime's user. */
    private final int sandboxUid;

    SocketGuard(int sandboxUid) {
        this.sandboxUid = sandboxUid;
    }

    /** Takes the folder from the sandbox and checks its socket; fails when the socket is not the wrapper's. */
    void lock(Path socket) throws IOException {
        Path folder = socket.getParent();
        if (sandboxUid >= 0) {
            Files.setAttribute(folder, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(folder, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
        }
        // without root, sandboxes run as the runtime's own user and could take the folder back: no privilege to
        // gain there, since the runtime can reach nothing they could not
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & FILE_TYPE) != SOCKET_TYPE) {
            throw new IOException("the instance's socket was replaced by something else than a socket");
        }
        if (sandboxUid >= 0 && (Integer) Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                != sandboxUid) {
            throw new IOException("the instance's socket is not its own");
        }
    }
}
