package mpi;

import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Engine;
import org.mpjcluster.engine.Operation;
import org.mpjcluster.engine.Ranks;
import org.mpjcluster.engine.ReceiveOperation;

/**
 * A non-blocking operation in progress. After it completes through {@code Wait} or a successful
 * {@code Test}, a request becomes the null request ({@link #Is_null()}).
 *
 * <p>A null request ({@link MPI#REQUEST_NULL}, or one that has completed or been freed) is MPI's
 * inactive request: {@code Wait} and {@code Test} on it return an empty status at once (source
 * {@link MPI#ANY_SOURCE}, tag {@link MPI#ANY_TAG}, count 0), and the calls on arrays of requests
 * skip it. When an array holds no active request, {@link #Waitany} and {@link #Testany} return an
 * empty status whose {@code index} is {@link MPI#UNDEFINED}, and {@link #Waitsome} and
 * {@link #Testsome} return {@code null} (MPI's {@code outcount} of {@code MPI_UNDEFINED}).
 */
public class Request {

    private final Engine engine;
    private final Communicator communicator;
    Operation operation;

    Request(Communicator communicator, Operation operation) {
        this.communicator = communicator;
        this.engine = communicator.engine();
        this.operation = operation;
    }

    /** {@link MPI#REQUEST_NULL}: no operation, and none can start, so it needs no communicator. */
    private Request() {
        this.communicator = null;
        this.engine = null;
    }

    /** The request of {@link MPI#REQUEST_NULL}. */
    static Request nullRequest() {
        return new Request();
    }

    /**
     * Blocks until the operation completes; returns its status. An error goes to the error handler
     * of the request's communicator, as for every call on it.
     */
    public Status Wait() throws MPIException {
        try {
            return awaitCompletion();
        } catch (MPIException e) {
            throw Errhandler.raise(communicator, "Wait", e);
        }
    }

    /** Returns the status if the operation has completed, otherwise {@code null}. */
    public Status Test() throws MPIException {
        if (operation == null) {
            return Status.empty();
        }
        return tested("Test") ? finish("Test") : null;
    }

    /** {@link #Wait()} without the error handler: for the blocking calls built on a request, which apply it themselves. */
    Status awaitCompletion() {
        Operation current = operation;
        if (current == null) {
            return Status.empty();
        }
        engine.await(current);
        return finish();
    }

    /** Cancels a pending receive that has not matched; sends cannot be cancelled and complete normally. */
    public void Cancel() throws MPIException {
        if (operation instanceof ReceiveOperation receive) {
            communicator.cancel(receive);
        }
    }

    /** Releases the request; the operation itself goes on. */
    public void Free() throws MPIException {
        operation = null;
    }

    /** Whether this is the null request (completed, freed, or never started). */
    public boolean Is_null() {
        return operation == null;
    }

    /** Turns the completed operation into a status, releasing the request; throws its error. */
    Status finish() {
        Operation done = operation;
        operation = null;
        Communicator.rethrow(done);
        return done instanceof ReceiveOperation receive ? Status.of(receive) : Status.empty();
    }

    /**
     * Blocks until one request completes; its status carries its {@code index}. With no active
     * request, returns at once an empty status with {@code index} {@link MPI#UNDEFINED}.
     */
    public static Status Waitany(Request[] array_of_requests) throws MPIException {
        Operation[] operations = operations(array_of_requests);
        Request first = firstActive(array_of_requests);
        int index;
        try {
            index = first == null ? -1 : first.engine.awaitAny(operations);
        } catch (MPIException e) {
            throw Errhandler.raise(first.communicator, "Waitany", e);
        }
        if (index < 0) {
            return indexed(Status.empty(), Ranks.UNDEFINED);
        }
        return indexed(array_of_requests[index].finish("Waitany"), index);
    }

    /** Blocks until every request completes; returns their statuses in order. */
    public static Status[] Waitall(Request[] array_of_requests) throws MPIException {
        for (Request request : array_of_requests) {
            if (request != null && request.operation != null) {
                try {
                    request.engine.await(request.operation);
                } catch (MPIException e) {
                    throw Errhandler.raise(request.communicator, "Waitall", e);
                }
            }
        }
        return finishAll("Waitall", array_of_requests);
    }

    /**
     * Blocks until at least one request completes; returns the statuses (with {@code index}) of all
     * that have. With no active request, returns {@code null} at once.
     */
    public static Status[] Waitsome(Request[] array_of_requests) throws MPIException {
        Request first = firstActive(array_of_requests);
        if (first == null) {
            return null;
        }
        try {
            first.engine.awaitAny(operations(array_of_requests));
        } catch (MPIException e) {
            throw Errhandler.raise(first.communicator, "Waitsome", e);
        }
        return completed("Waitsome", array_of_requests);
    }

    /**
     * The status of one completed request (with its {@code index}), or {@code null} if none has.
     * With no active request, an empty status with {@code index} {@link MPI#UNDEFINED}.
     */
    public static Status Testany(Request[] array_of_requests) throws MPIException {
        boolean anyActive = false;
        for (int i = 0; i < array_of_requests.length; i++) {
            Request request = array_of_requests[i];
            if (request != null && request.operation != null) {
                anyActive = true;
                if (request.tested("Testany")) {
                    return indexed(request.finish("Testany"), i);
                }
            }
        }
        return anyActive ? null : indexed(Status.empty(), Ranks.UNDEFINED);
    }

    /** The statuses of all requests if every one has completed, otherwise {@code null}. */
    public static Status[] Testall(Request[] array_of_requests) throws MPIException {
        for (Request request : array_of_requests) {
            if (request != null && request.operation != null && !request.tested("Testall")) {
                return null;
            }
        }
        return finishAll("Testall", array_of_requests);
    }

    /**
     * The statuses (with {@code index}) of the requests that have completed; empty if none has.
     * With no active request, {@code null}.
     */
    public static Status[] Testsome(Request[] array_of_requests) throws MPIException {
        return firstActive(array_of_requests) == null ? null : completed("Testsome", array_of_requests);
    }

    /** The statuses (with {@code index}) of the requests that have completed, for {@code call}. */
    private static Status[] completed(String call, Request[] requests) {
        java.util.List<Status> done = new java.util.ArrayList<>();
        Failure failure = new Failure(call);
        for (int i = 0; i < requests.length; i++) {
            Request request = requests[i];
            if (request != null && request.operation != null && request.tested(call)) {
                try {
                    done.add(indexed(request.finish(), i));
                } catch (MPIException e) {
                    failure.note(request, e);
                }
            }
        }
        failure.raise();
        return done.toArray(new Status[0]);
    }

    private static Status[] finishAll(String call, Request[] requests) {
        Status[] statuses = new Status[requests.length];
        Failure failure = new Failure(call);
        for (int i = 0; i < requests.length; i++) {
            Request request = requests[i];
            try {
                statuses[i] = request == null || request.operation == null ? Status.empty() : request.finish();
            } catch (MPIException e) {
                failure.note(request, e);
                statuses[i] = Status.empty();
            }
            statuses[i].index = i;
        }
        failure.raise();
        return statuses;
    }

    /** The first error among the requests of one call on several, raised through its request's error handler. */
    private static final class Failure {

        private final String call;
        private Request request;
        private MPIException error;

        Failure(String call) {
            this.call = call;
        }

        void note(Request failed, MPIException cause) {
            if (error == null) {
                request = failed;
                error = cause;
            }
        }

        void raise() {
            if (error != null) {
                throw Errhandler.raise(request.communicator, call, error);
            }
        }
    }

    /** Whether the operation has completed, after one step of progress; a failed wait goes to the error handler. */
    private boolean tested(String call) {
        try {
            return engine.test(operation);
        } catch (MPIException e) {
            throw Errhandler.raise(communicator, call, e);
        }
    }

    /** {@link #finish()} for {@code call}, its error through the error handler. */
    private Status finish(String call) {
        try {
            return finish();
        } catch (MPIException e) {
            throw Errhandler.raise(communicator, call, e);
        }
    }

    private static Status indexed(Status status, int index) {
        status.index = index;
        return status;
    }

    private static Operation[] operations(Request[] requests) {
        Operation[] operations = new Operation[requests.length];
        for (int i = 0; i < requests.length; i++) {
            operations[i] = requests[i] == null ? null : requests[i].operation;
        }
        return operations;
    }

    private static Request firstActive(Request[] requests) {
        for (Request request : requests) {
            if (request != null && request.operation != null) {
                return request;
            }
        }
        return null;
    }
}
