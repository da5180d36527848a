package dev.stratus.api.function;

import dev.stratus.api.web.Times;
import dev.stratus.common.event.BuildFinished;
import dev.stratus.common.event.FunctionStatusChanged;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Applies build and runtime reports to a function. Reports about an older revision than the one deployed last are
 * ignored (a slow build must not overwrite a newer deploy), which also makes redelivered events harmless.
 */
@Singleton
public class FunctionStatusUpdater {
    private final FunctionRepository repository;
    private final FunctionEvents events;

    public FunctionStatusUpdater(FunctionRepository repository, FunctionEvents events) {
        this.repository = repository;
        this.events = events;
    }

    @Transactional
    public void buildFinished(BuildFinished event) {
        repository.findByIdForUpdate(event.functionId())
                .filter(fn -> fn.getRevision() == event.revision() && FunctionService.PENDING.equals(fn.getStatus()))
                .ifPresent(fn -> {
                    if (event.succeeded()) {
                        fn.setImage(event.image());
                        fn.setBuildMessage("step 3 of 3: starting instances");
                    } else {
                        fn.setStatus(FunctionService.ERROR);
                        fn.setBuildMessage(null);
                        fn.setErrorMessage(event.message() == null ? "build failed" : event.message());
                    }
                    fn.setUpdatedAt(Times.now());
                    repository.update(fn);
                    events.changed(fn); // the runtime rolls out the image it finds in the desired state
                });
    }

    @Transactional
    public void statusChanged(FunctionStatusChanged event) {
        repository.findByIdForUpdate(event.functionId())
                .filter(fn -> fn.getRevision() == event.revision())
                .ifPresent(fn -> {
                    boolean ready = FunctionStatusChanged.READY.equals(event.status());
                    fn.setStatus(ready ? FunctionService.READY : FunctionService.ERROR);
                    fn.setErrorMessage(ready ? null : event.message());
                    fn.setBuildMessage(null);
                    if (ready) {
                        fn.setReadyAt(Times.now());
                    }
                    fn.setUpdatedAt(Times.now());
                    repository.update(fn);
                });
    }
}
