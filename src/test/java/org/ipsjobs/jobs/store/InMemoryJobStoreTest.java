package org.ipsjobs.jobs.store;

import org.ipsjobs.jobs.store.memory.InMemoryJobStore;

class InMemoryJobStoreTest extends JobStoreContract {
    @Override
    protected JobStore newStore() {
        return new InMemoryJobStore();
    }
}
