package org.ipsjobs.control;

import java.time.Duration;
import java.util.Objects;

/** What a fault rule does to the runs or calls it matches. */
public sealed interface FaultEffect {

    /** Whether the effect acts on job runs (else on calls to operations). */
    boolean onRuns();

    /**
     * A run fails its item number {@code item} (counted from 1) with the message, logged under the log
     * type (null: the job kind's failure type, such as {@code UploadError}).
     */
    record FailItem(int item, String logType, String message) implements FaultEffect {
        public FailItem {
            if (item < 1) {
                throw new IllegalArgumentException("failAtItem counts from 1");
            }
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean onRuns() {
            return true;
        }
    }

    /**
     * A run stops moving until it is released: queued, it stays {@code WaitingCoordinator}; running,
     * it stops before the first item that would take its progress past {@code atProgress} percent, and
     * reports that progress while it waits.
     */
    record Stall(boolean queued, int atProgress) implements FaultEffect {
        public Stall {
            if (atProgress < 0 || atProgress > 100) {
                throw new IllegalArgumentException("atProgress is a percentage, 0 to 100");
            }
        }

        @Override
        public boolean onRuns() {
            return true;
        }
    }

    /** A run takes this long per item instead of the configured pace. */
    record Pace(Duration perItem) implements FaultEffect {
        public Pace {
            if (perItem.isNegative()) {
                throw new IllegalArgumentException("pace must not be negative");
            }
        }

        @Override
        public boolean onRuns() {
            return true;
        }
    }

    /**
     * A call is answered with this IPS fault.
     *
     * @param type authenticationFault, authorizationFault or ipsApiFault
     */
    record Answer(String type, int code, String reason) implements FaultEffect {
        public Answer {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean onRuns() {
            return false;
        }
    }

    /** A call is answered as usual, this much later. */
    record Delay(Duration by) implements FaultEffect {
        public Delay {
            if (by.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }

        @Override
        public boolean onRuns() {
            return false;
        }
    }

    /** A call is never answered: the connection is reset, or closed without a reply. */
    record Disconnect(boolean reset) implements FaultEffect {
        @Override
        public boolean onRuns() {
            return false;
        }
    }
}
